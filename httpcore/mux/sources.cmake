# Sources of the ServeMux (Go 1.22 patterns and routing tree), added to the httpcore target.
