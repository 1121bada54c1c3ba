"""Presenters of the client's screens: what each shows and does, without Tk (STYLE §2)."""
