# Tests of route-set files (load, save, validation, import, export).
