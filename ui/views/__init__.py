"""One view (widgets only) per screen of the client."""
