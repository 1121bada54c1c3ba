"""The import wizard's window: the steps across the top, one step's frame, 上一步/下一步.

The window is the presenter's view: it switches frames, runs the presenter's jobs in
:class:`ui.worker.Worker` threads (the window keeps repainting while a large file is read or
imported) and routes errors — a RegistryError about the file shows inline, anything else
goes through ui.errors.  Closing it during an import cancels the import (nothing is written).
"""

import tkinter as tk
from tkinter import ttk

from gjz_registry import RegistryError
from ui import errors
from ui import texts as T
from ui.widgets import sizing
from ui.widgets.keys import tab_in_order
from ui.wizard.presenter import STEPS, ImportWizardPresenter
from ui.wizard.steps_input import FileStep, MappingStep, PreviewStep
from ui.wizard.steps_run import OptionsStep, ResultStep, RunningStep
from ui.worker import Worker

SIZE = (980, 680)  # at 100 %: ui.widgets.sizing scales it and fits it to the content
MIN_SIZE = (860, 600)


class ImportWizard(tk.Toplevel):
    """``on_imported(result)`` is called after a committed import (to refresh 导入记录)."""

    def __init__(self, parent, registry, on_imported=None, path=None):
        super().__init__(parent)
        self.withdraw()
        self.title(T.WIZ_TITLE)
        top = parent.winfo_toplevel()
        if top.winfo_viewable():
            self.transient(top)
        self.presenter = ImportWizardPresenter(
            registry, self, run=self._run, on_imported=on_imported
        )
        outer = ttk.Frame(self, padding=(18, 14))
        outer.pack(fill="both", expand=True)
        crumbs = ttk.Frame(outer)
        crumbs.pack(fill="x", pady=(0, 12))
        self.crumbs = {}
        for n, step in enumerate(STEPS):
            if n:
                ttk.Label(crumbs, text="›", style="Muted.TLabel").pack(side="left", padx=6)
            label = ttk.Label(crumbs, text=f"{n + 1}. {T.WIZ_STEPS[step]}")
            label.pack(side="left")
            self.crumbs[step] = label
        ttk.Separator(outer).pack(fill="x", pady=(0, 12))
        nav = ttk.Frame(outer)
        nav.pack(side="bottom", fill="x", pady=(12, 0))
        self.close_button = ttk.Button(nav, text=T.CLOSE, command=self.close)
        self.close_button.pack(side="right")
        self.next_button = ttk.Button(
            nav, text=T.WIZ_NEXT, style="Accent.TButton", command=self.presenter.next
        )
        self.next_button.pack(side="right", padx=(0, 8))
        self.back_button = ttk.Button(nav, text=T.WIZ_BACK, command=self.presenter.back)
        self.back_button.pack(side="right", padx=(0, 8))
        self.cancel_button = ttk.Button(nav, text=T.WIZ_CANCEL_IMPORT, command=self.cancel)
        tab_in_order([self.cancel_button, self.back_button, self.next_button, self.close_button])
        self.body = ttk.Frame(outer)
        self.body.pack(fill="both", expand=True)
        p = self.presenter
        self.steps = {
            "file": FileStep(self.body, p),
            "mapping": MappingStep(self.body, p, on_change=self._buttons),
            "preview": PreviewStep(self.body, p),
            "options": OptionsStep(self.body, p, on_change=self._buttons),
            "running": RunningStep(self.body, p),
            "result": ResultStep(self.body, p),
        }
        self.bind("<Escape>", lambda e: self.close())
        self.protocol("WM_DELETE_WINDOW", self.close)
        self.show_step("file")
        sizing.fit(self, SIZE, MIN_SIZE)
        self.deiconify()
        self.lift()
        if path:
            self.steps["file"].choose(path)

    def _run(self, job, **callbacks):
        return Worker(self, job, **callbacks).start()

    # --- the presenter's view interface -------------------------------------------------
    def show_step(self, step):
        for frame in self.steps.values():
            frame.pack_forget()
        self.steps[step].pack(fill="both", expand=True)
        for name, label in self.crumbs.items():
            label.configure(style="Heading.TLabel" if name == step else "Muted.TLabel")
        if step in ("mapping", "preview", "options"):
            self.steps[step].show()
        if step == "running":
            self.steps["running"].start()
            self.cancel_button.pack(side="left")
            self.cancel_button.state(["!disabled"])
        else:
            self.cancel_button.pack_forget()
        self._buttons()
        sizing.grow_to_content(self)  # a later step may need more room than the first

    def _buttons(self):
        """下一步 (开始导入 / 试导入 on the options, 正式导入 after a dry run) and 上一步."""
        p = self.presenter
        index = STEPS.index(p.step)
        if p.step == "result" and not p.can_commit:
            self.next_button.pack_forget()
        elif not self.next_button.winfo_manager():
            self.next_button.pack(side="right", padx=(0, 8), before=self.back_button)
        if p.step == "options":
            can_next, text = p.can_start, T.WIZ_DRY_START if p.runs_dry else T.WIZ_START
        elif p.step == "result":
            can_next, text = p.can_commit, T.WIZ_COMMIT
        else:
            can_next = p.step in ("file", "mapping", "preview") and p.can_go(STEPS[index + 1])
            text = T.WIZ_NEXT
        self.next_button.configure(text=text)
        self.next_button.state(["!disabled"] if can_next else ["disabled"])
        self.back_button.state(["!disabled"] if p.can_back() else ["disabled"])
        self.close_button.state(["disabled"] if p.step == "running" else ["!disabled"])

    def show_loading(self):
        self.steps["file"].loading()
        self.next_button.state(["disabled"])

    def show_preview(self, preview):
        self.steps["file"].show(preview)
        if self.presenter.step == "mapping":
            self.steps["mapping"].show()
        self._buttons()

    def show_file_error(self, exc):
        if isinstance(exc, RegistryError):
            self.presenter.go("file")
            self.steps["file"].failed(str(exc))
        else:
            self.steps["file"].failed(errors.message_for(exc))
        self._buttons()

    def show_progress(self, done, total=None, text=None):
        self.steps["running"].progress(done, total, text)

    def show_result(self):
        self.steps["result"].show()

    def show_cancelled(self):
        self.steps["result"].show_cancelled()

    def show_import_error(self, exc):
        self.steps["options"].failed(errors.message_for(exc))
        if not isinstance(exc, RegistryError):
            errors.show(exc, parent=self)

    # --- behaviour ---------------------------------------------------------------------
    def cancel(self):
        if self.presenter.cancel_import():
            self.cancel_button.state(["disabled"])
            self.steps["running"].cancelling()

    def close(self):
        if self.presenter.step == "running":
            self.cancel()
            return
        self.presenter.close()
        self.destroy()
