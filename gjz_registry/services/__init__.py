"""Services: one module per concern, each running as an Actor inside one transaction."""
