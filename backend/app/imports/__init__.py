"""Excel imports of every record kind: templates, a checked dry run with a marked copy, and the commit."""
