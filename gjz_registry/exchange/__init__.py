"""Excel exchange: column mapping, readers, importer, exporter and templates."""
