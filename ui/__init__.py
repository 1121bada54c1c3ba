"""The Tkinter desktop client; calls the services only."""
