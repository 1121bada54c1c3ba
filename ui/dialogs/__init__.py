"""Modal dialogs of the client."""
