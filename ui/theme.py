"""Look of the client: a ttk theme based on ``clam``, one accent colour, a Chinese UI font.

The font is chosen at start-up from what the system has (Microsoft YaHei UI on Windows,
WenQuanYi Zen Hei / Noto Sans CJK elsewhere); Treeview rows are sized to it.  On Windows the
process is made DPI-aware before the first window so text is sharp on HiDPI screens.
"""

import sys
from tkinter import font as tkfont
from tkinter import ttk

from ui import tk_locale

# The colours live in ui.palette (no Tk) for the presenters; the widgets read them here.
from ui.palette import (  # noqa: F401
    ACCENT,
    ACCENT_DARK,
    BACKGROUND,
    CARRIED,
    ERROR,
    MUTED,
    NAV_BACKGROUND,
    SUCCESS,
    ZEBRA,
)

FONT_CANDIDATES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "SimHei",
    "SimSun",
)


def enable_dpi_awareness():
    """Tell Windows we draw our own HiDPI text (call before creating Tk)."""
    if sys.platform.startswith("win"):
        try:
            import ctypes

            ctypes.windll.shcore.SetProcessDpiAwareness(1)
        except Exception:  # older Windows: not fatal, text is just blurrier
            pass


def chinese_family(root):
    """The first installed font family that renders Chinese, or Tk's default."""
    installed = set(tkfont.families(root))
    for family in FONT_CANDIDATES:
        if family in installed:
            return family
    return tkfont.nametofont("TkDefaultFont", root).actual("family")


def apply(root, size=10):
    """Configure fonts and ttk styles on ``root`` and put Tk's own dialogs into Chinese
    (:mod:`ui.tk_locale`); return the chosen font family."""
    family = chinese_family(root)
    for name in ("TkDefaultFont", "TkTextFont", "TkMenuFont", "TkHeadingFont", "TkCaptionFont"):
        tkfont.nametofont(name, root).configure(family=family, size=size)
    tkfont.nametofont("TkFixedFont", root).configure(size=size)
    style = ttk.Style(root)
    style.theme_use("clam")
    linespace = tkfont.Font(root, family=family, size=size).metrics("linespace")
    root.configure(background=BACKGROUND)
    style.configure(".", background=BACKGROUND, font=(family, size))
    style.configure("TFrame", background=BACKGROUND)
    style.configure("TLabel", background=BACKGROUND)
    style.configure("Treeview", rowheight=linespace + 8, font=(family, size))
    style.configure("Treeview.Heading", font=(family, size, "bold"), padding=(6, 4))
    style.map("Treeview", background=[("selected", ACCENT)], foreground=[("selected", "white")])
    style.configure("TButton", padding=(12, 4))
    style.configure("Accent.TButton", background=ACCENT, foreground="white", padding=(14, 4))
    style.map("Accent.TButton", background=[("active", ACCENT_DARK), ("disabled", "#9bb7d0")])
    style.configure("Nav.TFrame", background=NAV_BACKGROUND)
    style.configure(
        "Nav.TButton",
        background=NAV_BACKGROUND,
        anchor="w",
        padding=(18, 8),
        relief="flat",
        borderwidth=0,
        font=(family, size + 1),
    )
    style.map("Nav.TButton", background=[("active", "#dde6f0")])
    style.configure(
        "NavActive.TButton",
        background=ACCENT,
        foreground="white",
        anchor="w",
        padding=(18, 8),
        relief="flat",
        borderwidth=0,
        font=(family, size + 1, "bold"),
    )
    style.map("NavActive.TButton", background=[("active", ACCENT_DARK)])
    style.configure("Status.TFrame", background=NAV_BACKGROUND)
    style.configure("Status.TLabel", background=NAV_BACKGROUND, foreground=MUTED, padding=(8, 3))
    style.configure("Error.TLabel", foreground=ERROR)
    style.configure("Success.TLabel", foreground=SUCCESS)
    style.configure("FieldError.TLabel", foreground=ERROR, font=(family, size - 1))
    style.configure("Muted.TLabel", foreground=MUTED)
    style.configure("Carried.TEntry", fieldbackground=CARRIED)
    style.configure("Title.TLabel", font=(family, size + 6, "bold"))
    style.configure("Heading.TLabel", font=(family, size + 2, "bold"))
    # classic Tk widgets only: a "*Font" option would also set the -font of every ttk label
    # and so override the styles' fonts (Title/Heading labels would never be large or bold)
    for widget_class in ("Text", "Listbox", "Entry", "Spinbox", "Label", "Button", "Menu"):
        root.option_add(f"*{widget_class}.Font", (family, size))
    root.option_add("*tearOff", False)
    tk_locale.install(root)  # the file dialogs and message boxes Tk draws itself
    return family


def zebra(tree):
    tree.tag_configure("odd", background=ZEBRA)
    tree.tag_configure("even", background=BACKGROUND)
