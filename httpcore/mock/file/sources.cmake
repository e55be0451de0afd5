# Route-set files: JSON load/save, validation, import/export. Added to the mock target.
