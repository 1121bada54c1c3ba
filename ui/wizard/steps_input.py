"""The wizard's first three steps: the file, the column mapping, the preview grid.

Passive frames: they show what the presenter gives them and report the user's choices back
to it.  The preview is a Treeview (it cannot colour a single cell): rows with a problem are
tinted, their bad cells start with ⚠, a field that would change a registered enterprise
shows 「旧值 → 新值」 (the 变更 column lists a row's changes), and selecting a row lists its
problems and changes underneath.
"""

import tkinter as tk
from tkinter import ttk

from ui import files, theme
from ui import texts as T
from ui.widgets import sizing
from ui.widgets.columns import SAMPLE_ROWS, natural_width, tree_measures
from ui.widgets.scrolled import ScrolledFrame
from ui.widgets.tooltip import tree_tooltip
from ui.widgets.wrap import show_in_text, text_of

BAD_ROW = "#fde2e1"
COLUMN_WIDTH = (60, 260)  # narrowest and widest preview column, in pixels
CHANGES_WIDTH = 420  # the widest 变更 column (the row's changes in full below the grid)
WRAP = 920


class FileStep(ttk.Frame):
    def __init__(self, parent, presenter):
        super().__init__(parent)
        self.presenter = presenter
        ttk.Label(self, text=T.WIZ_FILE_INTRO, wraplength=WRAP).pack(anchor="w", pady=(0, 12))
        grid = ttk.Frame(self)
        grid.pack(fill="x")
        grid.columnconfigure(1, weight=1)
        ttk.Label(grid, text=T.WIZ_FILE).grid(row=0, column=0, sticky="e", padx=(0, 8), pady=4)
        self.path_var = tk.StringVar()
        self.path_entry = ttk.Entry(grid, textvariable=self.path_var, state="readonly")
        self.path_entry.grid(row=0, column=1, sticky="we", pady=4)
        self.browse_button = ttk.Button(grid, text=T.WIZ_BROWSE, command=self.browse)
        self.browse_button.grid(row=0, column=2, padx=(8, 0))
        ttk.Label(grid, text=T.WIZ_KIND).grid(row=1, column=0, sticky="e", padx=(0, 8), pady=4)
        self.kinds = presenter.kind_choices()
        self.kind_box = ttk.Combobox(
            grid, values=[title for _, title in self.kinds], state="readonly", width=24
        )
        self.kind_box.set(self.kinds[0][1])
        self.kind_box.grid(row=1, column=1, sticky="w", pady=4)
        self.kind_box.bind("<<ComboboxSelected>>", lambda e: self._kind_chosen())
        ttk.Label(grid, text=T.WIZ_SHEET).grid(row=2, column=0, sticky="e", padx=(0, 8), pady=4)
        self.sheet_box = ttk.Combobox(grid, state="readonly", width=24)
        self.sheet_box.grid(row=2, column=1, sticky="w", pady=4)
        self.sheet_box.bind(
            "<<ComboboxSelected>>", lambda e: presenter.set_sheet(self.sheet_box.get())
        )
        self.info = ttk.Label(self, wraplength=WRAP, justify="left")
        self.info.pack(anchor="w", pady=(14, 0))
        self.error = ttk.Label(self, style="Error.TLabel", wraplength=WRAP, justify="left")
        self.error.pack(anchor="w", pady=(6, 0))

    def browse(self):
        path = files.ask_open_path(self, T.WIZ_CHOOSE_FILE)
        if path:
            self.choose(path)

    def choose(self, path):
        self.path_var.set(path)
        self.presenter.choose_file(path)

    def _kind_chosen(self):
        title = self.kind_box.get()
        code = next((c for c, t in self.kinds if t == title), None)
        self.presenter.set_kind(code)

    def loading(self):
        self.info.configure(text=T.WIZ_READING)
        self.error.configure(text="")

    def show(self, preview):
        self.sheet_box.configure(values=preview.sheet_names)
        self.sheet_box.set(preview.sheet)
        self.info.configure(text=self.presenter.describe_file())
        self.error.configure(text="")

    def failed(self, message):
        self.info.configure(text="")
        self.error.configure(text=message)


class MappingStep(ttk.Frame):
    """One line per column of the file: letter, header, a sample, and the standard column;
    ``on_change()`` after each choice (the window enables 下一步 or not)."""

    def __init__(self, parent, presenter, on_change=None):
        super().__init__(parent)
        self.presenter = presenter
        self.on_change = on_change
        self.intro = ttk.Label(self, wraplength=WRAP, justify="left")
        self.intro.pack(anchor="w", pady=(0, 8))
        self.scroller = ScrolledFrame(self, height=330)
        self.scroller.pack(fill="both", expand=True)
        self.missing = ttk.Label(self, style="Error.TLabel", wraplength=WRAP)
        self.missing.pack(anchor="w", pady=(6, 0))
        self.boxes = {}
        self.states = {}

    def show(self):
        p = self.presenter
        self.intro.configure(text=T.WIZ_MAPPING_INTRO.format(row=p.preview.header_row))
        self.scroller.clear()
        inner = self.scroller.inner
        for col, heading in enumerate(T.WIZ_MAPPING_HEADINGS):
            ttk.Label(inner, text=heading, style="Heading.TLabel").grid(
                row=0, column=col, sticky="w", padx=(0, 14), pady=(0, 4)
            )
        choices = [T.WIZ_IGNORE] + [label for _, label in p.target_columns()]
        self.boxes, self.states = {}, {}
        for line, (index, letter, header, sample, code, known) in enumerate(p.mapping_rows(), 1):
            ttk.Label(inner, text=letter).grid(row=line, column=0, sticky="w")
            ttk.Label(inner, text=header or T.WIZ_NO_HEADER).grid(row=line, column=1, sticky="w")
            ttk.Label(inner, text=sample[:24], style="Muted.TLabel").grid(
                row=line, column=2, sticky="w", padx=(0, 14)
            )
            box = ttk.Combobox(inner, values=choices, state="readonly", width=26)
            box.set(p.choice_label(code))
            box.grid(row=line, column=3, sticky="w", pady=1)
            box.bind("<<ComboboxSelected>>", lambda e, i=index: self._chosen(i))
            # the wheel scrolls the list, it does not change a choice by accident
            for sequence in ("<MouseWheel>", "<Button-4>", "<Button-5>"):
                box.bind(sequence, lambda e: (self.scroller._wheel(e), "break")[1])
            state = ttk.Label(inner)
            state.grid(row=line, column=4, sticky="w", padx=(14, 0))
            self.boxes[index] = box
            self.states[index] = (state, known)
        self._refresh()

    def _chosen(self, index):
        code = self.presenter.code_of(self.boxes[index].get())
        for other in self.presenter.set_column(index, code):
            if other != index:
                self.boxes[other].set(T.WIZ_IGNORE)
        self._refresh()

    def choose(self, index, label):
        """Pick ``label`` for column ``index`` as the user would (tests, keyboard)."""
        self.boxes[index].set(label)
        self._chosen(index)

    def _refresh(self):
        mapping = self.presenter.current_mapping()
        for index, (label, known) in self.states.items():
            if index in mapping:
                label.configure(text=T.WIZ_STATE_MAPPED, style="Muted.TLabel")
            else:
                text = T.WIZ_STATE_IGNORED if known else T.WIZ_STATE_UNKNOWN
                label.configure(text=text, style="Muted.TLabel" if known else "Error.TLabel")
        missing = self.presenter.missing_required()
        self.missing.configure(
            text=T.WIZ_MISSING.format(columns="、".join(missing)) if missing else ""
        )
        if self.on_change:
            self.on_change()


class PreviewStep(ttk.Frame):
    def __init__(self, parent, presenter):
        super().__init__(parent)
        self.presenter = presenter
        self.summary = ttk.Label(self, wraplength=WRAP, justify="left")
        self.summary.pack(anchor="w", pady=(0, 8))
        # the sheet's trailer (合计, 填报人…): skipped rows, named apart from the problems
        self.trailers = ttk.Label(self, style="Muted.TLabel", wraplength=WRAP, justify="left")
        # the grid scrolls sideways: it asks for WRAP pixels and the tree's height, not for
        # the width of all its columns (which would stretch the wizard across the screen)
        grid = self.grid_frame = ttk.Frame(self, width=WRAP)
        grid.grid_propagate(False)
        grid.pack(fill="both", expand=True)
        self.tree = ttk.Treeview(grid, show="headings", height=8, selectmode="browse")
        yscroll = ttk.Scrollbar(grid, orient="vertical", command=self.tree.yview)
        xscroll = ttk.Scrollbar(grid, orient="horizontal", command=self.tree.xview)
        self.tree.configure(yscrollcommand=yscroll.set, xscrollcommand=xscroll.set)
        self.tree.grid(row=0, column=0, sticky="nsew")
        yscroll.grid(row=0, column=1, sticky="ns")
        xscroll.grid(row=1, column=0, sticky="ew")
        grid.configure(height=self.tree.winfo_reqheight() + xscroll.winfo_reqheight())
        grid.rowconfigure(0, weight=1)
        grid.columnconfigure(0, weight=1)
        theme.zebra(self.tree)
        self.tree.tag_configure("bad", background=BAD_ROW)
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._selected())
        self.tooltip = tree_tooltip(self.tree)  # a cell cut at the widest column, whole
        ttk.Label(self, text=T.WIZ_PROBLEMS, style="Muted.TLabel").pack(anchor="w", pady=(8, 2))
        self.detail = tk.Text(self, height=5, wrap="word", relief="solid", borderwidth=1)
        self.detail.pack(fill="x")
        self.detail.configure(state="disabled")

    def show(self):
        p = self.presenter
        self.summary.configure(text=p.preview_summary())
        skipped = p.describe_trailers()
        self.trailers.configure(text=skipped)
        if skipped:
            self.trailers.pack(anchor="w", pady=(0, 8), after=self.summary)
        else:
            self.trailers.pack_forget()
        rows = p.grid_rows()
        # 行号, then (enterprise sheets) what the import would do with the row, then the file
        columns = [(f"c{index}", heading) for index, heading in p.grid_columns()]
        if p.compares:
            columns.insert(0, ("changes", T.WIZ_CHANGES))
        if p.has_actions:
            columns.insert(0, ("action", T.WIZ_ACTION))
        self.tree.delete(*self.tree.get_children())
        self.tree.configure(columns=["number"] + [key for key, _ in columns])
        self.tree.heading("number", text=T.WIZ_ROW_NUMBER)
        self.tree.column("number", width=60, minwidth=50, stretch=False, anchor="center")
        for position, (key, heading) in enumerate(columns):
            self.tree.heading(key, text=heading)
            widest = CHANGES_WIDTH if key == "changes" else COLUMN_WIDTH[1]
            width = self._width(heading, [cells[position] for _, cells, _ in rows], widest)
            anchor = "center" if key == "action" else "w"
            self.tree.column(
                key, width=width, minwidth=COLUMN_WIDTH[0], stretch=False, anchor=anchor
            )
        first_bad = None
        for n, (number, cells, bad) in enumerate(rows):
            tags = ("bad",) if bad else ("odd" if n % 2 else "even",)
            self.tree.insert("", "end", iid=str(number), values=[number, *cells], tags=tags)
            if bad and first_bad is None:
                first_bad = str(number)
        first_changed = next((str(r.number) for r in p.preview.rows if r.changes), None)
        self._write(T.WIZ_SELECT_ROW)
        self.tree.yview_moveto(0)
        first = first_bad or first_changed  # a problem first, else the first change
        if first is not None:
            self.tree.selection_set(first)
            if self.tree.index(first) >= int(self.tree.cget("height")):
                self.tree.see(first)

    def _width(self, heading, cells, widest_allowed=COLUMN_WIDTH[1]):
        """Wide enough for the heading and the longest of the first cells, within limits."""
        body, head = tree_measures(self.tree)
        scale = sizing.scale_factor(self.tree)
        return natural_width(
            cells[:SAMPLE_ROWS], heading, body, head, scale, (COLUMN_WIDTH[0], widest_allowed)
        )[0]

    def bad_rows(self):
        return [int(i) for i in self.tree.get_children() if "bad" in self.tree.item(i, "tags")]

    def _selected(self):
        selected = self.tree.selection()
        if not selected:
            return
        number = int(selected[0])
        problems = self.presenter.problems(number)
        changes = self.presenter.row_changes(number)
        lines = [T.WIZ_PROBLEM_LINE.format(column=c, message=m) for c, m in problems]
        if changes:
            lines.append(T.WIZ_ROW_CHANGES.format(row=number))
            lines += [
                T.WIZ_CHANGE_LINE.format(label=c.label, old=c.old, new=c.new) for c in changes
            ]
        self._write("\n".join(lines) if lines else T.WIZ_ROW_OK.format(row=number))

    def _write(self, text):
        show_in_text(self.detail, text)  # lines break between words, never in 「第 15 行」

    def detail_text(self):
        return text_of(self.detail)
