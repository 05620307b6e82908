"""Reading content/ and the per-year catalogues into the model, every problem with file, line and field."""
