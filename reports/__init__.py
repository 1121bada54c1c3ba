"""PDF rendering with reportlab; fed plain data by the services, never queries."""
