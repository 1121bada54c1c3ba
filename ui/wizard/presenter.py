"""The import wizard's state and steps, without Tk (tested with a fake view).

Steps: file (file, sheet kind, sheet) → mapping (each column of the file → a standard column
or 忽略) → preview (the first rows, rejected cells marked, each registered enterprise's changed
fields old → new) → options (conflict policy, 全部成功才导入, 试导入) → running (progress,
取消) → result (counts, rejected rows, changed fields, the error workbook).

The conflict rule starts as ``default_policy``: 只填空白 for a street user, none for an
administrator, who must choose before the import can start.  A rule that overwrites values
(更新) never writes a change that was not shown: unless the preview compared the rows under
a rule that writes as much, 开始导入 runs a dry run first.  After a dry run the result offers
正式导入 (:meth:`commit`: the same file, mapping and options) and 上一步 goes back to the
options.  The reading and the import run through ``run(job, on_done=…, on_error=…,
on_progress=…)`` — a :class:`ui.worker.Worker` in the client, :func:`ui.worker.run_now` in tests.

The view needs: show_step(name), show_loading(), show_preview(preview), show_file_error(exc),
show_progress(done, total, text), show_result(), show_cancelled(), show_import_error(exc).
"""

import os
import shutil
import tempfile

from gjz_registry import fileops
from gjz_registry.exchange import columns as cols
from gjz_registry.exchange import trailer
from gjz_registry.exchange.context import CONFLICT_POLICIES, UPDATE, default_policy, writes_within
from gjz_registry.exchange.importer import ImportCancelledError
from ui import texts as T
from ui.wizard.grid import PreviewTables
from ui.worker import run_now

STEPS = ("file", "mapping", "preview", "options", "running", "result")
ERRORS_FILE = "被拒绝的行.xlsx"


class ImportWizardPresenter(PreviewTables):
    def __init__(self, registry, view, run=run_now, on_imported=None):
        self.registry = registry
        self.view = view
        self.run = run
        self.on_imported = on_imported
        self.step = "file"
        self.path = None
        self.kind = None  # None: detected from the header
        self.sheet = None  # None: the first sheet with a header
        self.preview = None
        self.mapping = None  # the user's mapping once changed, else None (the detected one)
        self.previewed_mapping = None
        self.detected = {}  # what the header gave, before any change by the user
        self.previewed_policy = None
        self.on_conflict = default_policy(registry.actor)  # None: not chosen yet
        self.all_or_nothing = False
        self.used_all_or_nothing = False
        self.dry_run = False
        self.worker = None
        self.result = None
        self.cancelled = False
        self.folder = None
        self.saved_errors = None
        self.checked = None  # the settings of the last dry run that finished
        self.checking_first = False  # the import under way is the dry run 更新 asks for
        self.running = None  # the settings of the import under way

    # --- step 1: file, kind, sheet ---------------------------------------------------------
    @staticmethod
    def kind_choices():
        """[(code or None, title)]: 自动识别 and the sheet kinds."""
        return [(None, T.KIND_AUTO)] + [(code, kind.title) for code, kind in cols.KINDS.items()]

    def choose_file(self, path):
        self.path = os.fspath(path)
        self.sheet = None
        self.mapping = None
        return self.load_preview()

    def set_kind(self, code):
        self.kind = code or None
        self.mapping = None
        return self.load_preview()

    def set_sheet(self, name):
        self.sheet = name or None
        self.mapping = None
        return self.load_preview()

    def load_preview(self, then=None):
        """Read the file (in the background) and show what was found; ``then`` is the step
        to go to once it is read."""
        if not self.path:
            return None
        self.preview = None
        self.view.show_loading()
        path, kind, sheet, mapping = self.path, self.kind, self.sheet, self.mapping
        policy = self.on_conflict

        def job(task):
            return self.registry.exchange.preview(
                path, kind=kind, sheet=sheet, mapping=mapping, on_conflict=policy
            )

        def done(preview):
            self.preview = preview
            if mapping is None:
                self.detected = dict(preview.mapping)
            self.previewed_mapping = dict(mapping) if mapping is not None else None
            self.previewed_policy = policy
            self.view.show_preview(preview)
            if then:
                self.go(then)

        self.worker = self.run(job, on_done=done, on_error=self.view.show_file_error)
        return self.worker

    def describe_file(self):
        """「识别为：企业信息；表头在第 3 行；共 7 行数据」 plus unknown columns."""
        p = self.preview
        text = T.WIZ_FOUND.format(title=p.kind_title, row=p.header_row, total=p.total_rows)
        unknown = self.unknown_columns()
        if unknown:
            text += "\n" + T.WIZ_UNKNOWN.format(columns="、".join(unknown))
        return text

    def describe_trailers(self):
        """「跳过表尾 3 行（第 8、10、11 行：合计、填报人、注）…」, or "" without a trailer."""
        found = self.preview.trailers
        if not found:
            return ""
        return T.WIZ_TRAILERS.format(count=len(found), rows=trailer.describe(found))

    # --- step 2: the column mapping --------------------------------------------------------
    def current_mapping(self):
        return dict(self.mapping if self.mapping is not None else self.preview.mapping)

    def target_columns(self):
        """[(code, header)] of the sheet kind, in its order (required ones marked ＊)."""
        kind = cols.get_kind(self.preview.kind)
        return [(c.code, c.header + ("＊" if c.required else "")) for c in kind.columns]

    def choice_label(self, code):
        return dict(self.target_columns()).get(code, T.WIZ_IGNORE) if code else T.WIZ_IGNORE

    def code_of(self, label):
        for code, text in self.target_columns():
            if text == label:
                return code
        return None

    def set_column(self, index, code):
        """Map file column ``index`` to ``code`` (None: 忽略); a code already used by another
        column is taken from it.  Returns the indexes whose choice changed."""
        mapping = self.current_mapping()
        changed = [index]
        if code:
            for other, used in list(mapping.items()):
                if used == code and other != index:
                    del mapping[other]
                    changed.append(other)
            mapping[index] = code
        else:
            mapping.pop(index, None)
        self.mapping = mapping
        return changed

    def missing_required(self):
        used = set(self.current_mapping().values())
        kind = cols.get_kind(self.preview.kind)
        return [c.header for c in kind.required if c.code not in used]

    @property
    def mapping_changed(self):
        return self.mapping is not None and self.mapping != self.previewed_mapping

    # --- navigation ----------------------------------------------------------------------
    def can_go(self, step):
        if step in ("mapping", "preview", "options"):
            if self.preview is None:
                return False
        if step in ("preview", "options") and self.missing_required():
            return False
        return step in STEPS

    def go(self, step):
        """Show ``step``; from the mapping, a changed mapping is read again first."""
        if not self.can_go(step):
            return False
        stale = step == "preview" and self.previewed_policy != self.on_conflict
        if step in ("preview", "options") and self.mapping_changed or stale:
            self.load_preview(then=step)
            return False
        self.step = step
        self.view.show_step(step)
        return True

    def next(self):
        index = STEPS.index(self.step)
        if self.step == "options":
            return self.start_import()
        if self.step == "result":
            return self.commit()
        return self.go(STEPS[index + 1]) if index + 1 < len(STEPS) else False

    def can_back(self):
        """上一步: not while importing nor after an import; after a dry run, to the options."""
        if self.step == "result":
            return bool(self.result is not None and self.result.dry_run)
        return self.step not in ("file", "running")

    def back(self):
        if not self.can_back():
            return False
        if self.step == "result":
            return self.go("options")
        return self.go(STEPS[STEPS.index(self.step) - 1])

    # --- steps 4–6: options, import, result ------------------------------------------------
    @staticmethod
    def policies():
        """[(code, label, explanation)] of the conflict policies."""
        return [(code, *T.WIZ_POLICIES[code]) for code in CONFLICT_POLICIES]

    def errors_path(self):
        if self.folder is None:
            self.folder = tempfile.mkdtemp(prefix="gjz-import-")
        return os.path.join(self.folder, ERRORS_FILE)

    def settings(self):
        """What decides an import's outcome: file, sheet kind, sheet, mapping and options."""
        mapping = tuple(sorted(self.current_mapping().items())) if self.preview else None
        kind, sheet = (self.preview.kind, self.preview.sheet) if self.preview else (None, None)
        return (self.path, kind, sheet, mapping, self.on_conflict, self.all_or_nothing)

    def changes_shown(self):
        """True when every value the chosen rule would overwrite has been shown: the rule
        overwrites nothing (跳过, 只填空白), or the preview compared the rows under a rule that
        writes at least as much, or a dry run with these very settings listed the changes."""
        if self.on_conflict != UPDATE:
            return True
        if self.preview is not None and self.preview.changes is not None:
            if writes_within(self.on_conflict, self.previewed_policy):
                return True
        return self.checked == self.settings()

    @property
    def runs_dry(self):
        """True when 开始导入 runs a dry run: 试导入 ticked, or changes not shown yet."""
        return self.dry_run or not self.changes_shown()

    @property
    def can_start(self):
        return (
            self.preview is not None
            and self.on_conflict is not None
            and not self.missing_required()
            and self.step != "running"
        )

    @property
    def can_commit(self):
        """正式导入 after a dry run that would write something, with the same settings."""
        r = self.result
        if r is None or not r.dry_run or self.checked != self.settings():
            return False
        refused = self.all_or_nothing and r.rejected
        return bool(r.created or r.updated) and not refused

    def commit(self):
        """正式导入: the import the last dry run checked — same file, mapping and options."""
        if not self.can_commit:
            return None
        self.dry_run = False
        return self.start_import()

    def start_import(self):
        if not self.can_start:
            return None
        dry_run = self.runs_dry
        self.checking_first = dry_run and not self.dry_run
        self.running = self.settings()
        self.result, self.cancelled, self.saved_errors = None, False, None
        self.used_all_or_nothing = self.all_or_nothing
        errors_path = self.errors_path()
        fileops.remove_quietly(errors_path)  # the last run's; a held one is replaced on writing
        preview, mapping = self.preview, self.mapping
        options = dict(
            kind=preview.kind,
            sheet=preview.sheet,
            dry_run=dry_run,
            on_conflict=self.on_conflict,
            all_or_nothing=self.all_or_nothing,
            errors_path=errors_path,
            mapping=mapping,
        )
        path = self.path

        def job(task):
            return self.registry.exchange.import_file(
                path, progress=task.progress, cancel=task.cancelled, **options
            )

        self.step = "running"
        self.view.show_step("running")
        self.worker = self.run(
            job,
            on_done=self._imported,
            on_error=self._failed,
            on_progress=self.view.show_progress,
        )
        return self.worker

    def cancel_import(self):
        if self.step == "running" and self.worker is not None:
            self.worker.cancel()
            return True
        return False

    def _imported(self, result):
        self.result = result
        if result.dry_run:
            self.checked = self.running
        self.step = "result"
        self.view.show_step("result")
        self.view.show_result()
        if result.committed and self.on_imported:
            self.on_imported(result)

    def _failed(self, exc):
        if isinstance(exc, ImportCancelledError):
            self.cancelled = True
            self.step = "result"
            self.view.show_step("result")
            self.view.show_cancelled()
            return
        self.step = "options"
        self.view.show_step("options")
        self.view.show_import_error(exc)

    def result_status(self):
        r = self.result
        if r.dry_run:
            done = T.WIZ_CHECK_FIRST_DONE if self.checking_first else T.WIZ_DRY_RUN_DONE
            return done + (T.WIZ_COMMIT_NEXT if self.can_commit else "")
        if r.committed:
            return T.WIZ_COMMITTED.format(batch=r.batch_id)
        if r.rolled_back_for_rejections and self.used_all_or_nothing:
            return T.WIZ_ALL_OR_NOTHING_DONE.format(rejected=r.rejected)
        return T.WIZ_NOTHING_WRITTEN  # every row refused, or nothing new in the file

    def result_counts(self):
        """[(label, number)] in the order read, created, updated, unchanged, skipped, rejected."""
        return [(T.WIZ_COUNT_LABELS[k], v) for k, v in self.result.counts.items()]

    def rejection_rows(self):
        return [
            (r.row_number, r.column or T.WIZ_WHOLE_ROW, r.message) for r in self.result.rejections
        ]

    def change_rows(self):
        """[(row number, record, 「字段 旧 → 新；…」)] of the rows that change (or, in a dry
        run, would change) registered records."""
        return [(r.row_number, r.record, r.text) for r in self.result.changes]

    def result_changes_summary(self):
        return self.changes_summary(self.result.changes, self.result.change_counts)

    @property
    def has_errors_file(self):
        return bool(self.result and self.result.errors_path and os.path.exists(self.errors_path()))

    def errors_file_name(self):
        stem = os.path.splitext(os.path.basename(self.path))[0]
        return f"{stem}{T.WIZ_ERRORS_SUFFIX}.xlsx"

    def errors_folder(self):
        """Where 保存错误清单… starts: the folder of the imported file."""
        return os.path.dirname(os.path.abspath(self.path))

    def save_errors(self, target):
        """Copy the error workbook to ``target`` through the output guard (never onto the
        database, a backup or the imported file; atomically); returns the path.  Raises
        OutputPathError (gjz_registry.outputs) when ``target`` may not or cannot be written."""
        source = self.errors_path()
        self.registry.outputs.write(
            lambda temporary: shutil.copyfile(source, temporary), target, keep=(self.path,)
        )
        self.saved_errors = os.fspath(target)
        return self.saved_errors

    def close(self):
        """Stop a running import (it rolls back) and remove the temporary error workbook."""
        if self.worker is not None and getattr(self.worker, "running", False):
            self.worker.cancel()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
