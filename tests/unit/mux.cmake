# Unit tests of the ServeMux.
