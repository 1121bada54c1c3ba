"""Reusable widgets of the client (lists, forms, pager, date fields)."""
