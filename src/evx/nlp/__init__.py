"""spaCy components of evx: one module per kind, registered as factories."""
