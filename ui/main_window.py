"""The main window: navigation on the left, the current view, a status bar at the bottom.

Views are created on first use and kept; the last view and the window size are remembered
in a small JSON file in the data directory.  A kept view that has an ``on_shown()`` is asked
to bring itself up to date each time it is shown again, and when a write happens elsewhere
while it is on screen (ui.events: a form window saved, an import finished).
"""

import json
import os
import tkinter as tk
from tkinter import ttk

from gjz_registry import paths
from gjz_registry import reference as ref
from ui import texts as T
from ui.events import DATA_WRITTEN
from ui.widgets import sizing
from ui.widgets.keys import bind_shortcut
from ui.windows import close_windows

STATE_FILE = "window.json"
MIN_SIZE = (1024, 700)  # at 100 %; ui.widgets.sizing scales both to the screen
DEFAULT_SIZE = (1280, 800)


def load_state():
    """What :func:`save_state` remembered — the view, the geometry text and the screen's
    scaling then — each kept only when it has its own type (a damaged or hand-edited file
    must never stop the client from starting)."""
    try:
        with open(os.path.join(paths.data_dir(), STATE_FILE), encoding="utf-8") as fh:
            state = json.load(fh)
    except (OSError, ValueError):
        return {}
    if not isinstance(state, dict):
        return {}
    kept = {key: state[key] for key in ("view", "geometry") if isinstance(state.get(key), str)}
    scale = state.get("scale")
    if isinstance(scale, (int, float)) and not isinstance(scale, bool) and 0 < scale < 100:
        kept["scale"] = scale
    return kept


def save_state(state):
    try:
        with open(os.path.join(paths.data_dir(), STATE_FILE), "w", encoding="utf-8") as fh:
            json.dump(state, fh, ensure_ascii=False)
    except OSError:
        pass  # remembering the size is a nicety, never a reason to fail


class MainWindow(ttk.Frame):
    """Holds the registry of the logged-in user; ``views`` maps nav keys to factories."""

    def __init__(self, root, registry, views, on_switch_user=None, demo=False):
        super().__init__(root)
        self.root = root
        self.registry = registry
        self.view_factories = views
        self.on_switch_user = on_switch_user
        self.views = {}
        self.current = None
        self.state = load_state()
        title = T.APP_TITLE + (T.DEMO_SUFFIX if demo else "")
        root.title(title)
        self.pack(fill="both", expand=True)
        self._menu()
        body = ttk.Frame(self)
        body.pack(fill="both", expand=True)
        self.nav = ttk.Frame(body, style="Nav.TFrame", width=150)
        self.nav.pack(side="left", fill="y")
        self.nav_buttons = {}
        for key, label in views.labels():
            button = ttk.Button(
                self.nav, text=label, style="Nav.TButton", command=lambda k=key: self.show(k)
            )
            button.pack(fill="x")
            self.nav_buttons[key] = button
        self.content = ttk.Frame(body)
        self.content.pack(side="left", fill="both", expand=True)
        self._status_bar()
        root.bind_all("<F5>", lambda e: self.refresh())
        root.bind(DATA_WRITTEN, lambda e: self.bring_up_to_date())
        bind_shortcut(root, "f", self.focus_search, everywhere=True)
        bind_shortcut(root, "n", self.new_record, everywhere=True)
        root.protocol("WM_DELETE_WINDOW", self.close)
        start = self.state.get("view")
        self.show(start if start in self.nav_buttons else next(iter(self.nav_buttons)))
        self._size()

    def _size(self):
        """The default size scaled to the screen, or the size remembered (rescaled when the
        screen's scaling has changed since), where it was if that is on the screen.  The
        views shrink to the window (lists page and scroll), so the content's request does
        not widen it."""
        remembered = sizing.parse_geometry(self.state.get("geometry"))
        size = None
        if remembered:
            ratio = sizing.scale_factor(self.root) / self.state.get("scale", 1.0)
            size = (round(remembered[0] * ratio), round(remembered[1] * ratio))
        width, height = sizing.fit(self.root, DEFAULT_SIZE, MIN_SIZE, size, content=False)
        if remembered and remembered[2] is not None and remembered[3] is not None:
            x, y = remembered[2], remembered[3]
            if 0 <= x <= self.root.winfo_screenwidth() - width // 2 and (
                0 <= y <= self.root.winfo_screenheight() - height // 2
            ):
                self.root.geometry(f"+{x}+{y}")

    def _menu(self):
        menubar = tk.Menu(self.root)
        file_menu = tk.Menu(menubar)
        file_menu.add_command(label=T.MENU_SWITCH_USER, command=self.switch_user)
        file_menu.add_separator()
        file_menu.add_command(label=T.MENU_EXIT, command=self.close)
        menubar.add_cascade(label=T.MENU_FILE, menu=file_menu)
        view_menu = tk.Menu(menubar)
        view_menu.add_command(label=T.MENU_REFRESH, accelerator="F5", command=self.refresh)
        menubar.add_cascade(label=T.MENU_VIEW, menu=view_menu)
        self.root.configure(menu=menubar)
        self.menubar = menubar

    def _status_bar(self):
        bar = ttk.Frame(self, style="Status.TFrame")
        # packed ahead of the body, so a tall view can never squeeze the status bar out
        bar.pack(side="bottom", fill="x", before=self.winfo_children()[0])
        actor = self.registry.actor
        street = f"，{actor.street}" if actor.street else ""
        user = T.STATUS_USER.format(
            name=actor.display_name or actor.label,
            role=ref.ROLE_NAMES.get(actor.role, actor.role),
            street=street,
        )
        ttk.Label(bar, text=user, style="Status.TLabel").pack(side="left")
        where = (T.STATUS_DB if self.registry.is_sqlite else T.STATUS_SERVER_DB).format(
            path=self.registry.where  # a server's URL without its password
        )
        ttk.Label(bar, text=where, style="Status.TLabel").pack(side="left")
        self.count_label = ttk.Label(bar, style="Status.TLabel")
        self.count_label.pack(side="right")
        self.work_label = ttk.Label(bar, text=T.STATUS_READY, style="Status.TLabel")
        self.work_label.pack(side="right")

    def set_count(self, count):
        """「共 N 条」 for the list on screen; None clears it (no list is shown)."""
        text = "" if count is None else T.STATUS_ROWS.format(count=count)
        self.count_label.configure(text=text)

    def show(self, key):
        created = key not in self.views
        if created:
            self.views[key] = self.view_factories.create(key, self.content, self)
        if self.current is not None:
            self.views[self.current].pack_forget()
            self.nav_buttons[self.current].configure(style="Nav.TButton")
        self.views[key].pack(fill="both", expand=True)
        self.nav_buttons[key].configure(style="NavActive.TButton")
        # the status bar counts the rows of the list on screen; 首页, 目标考核, 系统 and the
        # 报表 tab have none (row_count missing or None)
        self.set_count(getattr(self.views[key], "row_count", None))
        self.current = key
        self.state["view"] = key
        if not created:
            self.bring_up_to_date()

    def bring_up_to_date(self):
        """Let the view on screen catch up with writes made since it was last shown."""
        view = self.view()
        if view is not None and hasattr(view, "on_shown"):
            view.on_shown()

    def view(self, key=None):
        return self.views.get(key or self.current)

    def refresh(self):
        view = self.view()
        if view is not None and hasattr(view, "refresh"):
            view.refresh()

    def _modal_open(self):
        """True while a modal dialog holds the input: the shortcuts bound in every window
        (Ctrl+F, Ctrl+N) then wait instead of acting behind it."""
        return self.root.grab_current() is not None

    def focus_search(self):
        if self._modal_open():
            return
        view = self.view()
        if view is not None and hasattr(view, "focus_search"):
            view.focus_search()

    def new_record(self):
        if self._modal_open():
            return
        view = self.view()
        if view is not None and hasattr(view, "new_record"):
            view.new_record()

    def remember(self):
        self.state["geometry"] = self.root.winfo_geometry()
        self.state["scale"] = sizing.scale_factor(self.root)
        save_state(self.state)

    def switch_user(self):
        if not close_windows(self.root):
            return
        self.remember()
        if self.on_switch_user:
            self.on_switch_user()

    def close(self):
        if not close_windows(self.root):
            return
        self.remember()
        self.root.destroy()
