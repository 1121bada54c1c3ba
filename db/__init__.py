"""Storage layer: the peewee database, models, migrations and backups.

Nothing here imports tkinter, the UI or reports; the domain package (gjz_registry) is the only
caller.
"""
