"""The tables the import wizard shows, computed from the service's Preview (no Tk).

:class:`PreviewTables` is mixed into the wizard's presenter: the mapping list (each column of
the file with a sample and its standard column) and the preview grid (the first rows, bad
cells marked ⚠, what the import would do with each row and, for a registered enterprise, the
fields it changes — the changed cell shows 「旧值 → 新值」 and a 变更 column lists them all —
the problems and changes of a row in words, the changes counted per column).  It reads
``self.preview``, ``self.detected``, ``self.previewed_policy`` and ``self.current_mapping()``
of the presenter.
"""

import datetime

from gjz_registry.exchange import columns as cols
from gjz_registry.exchange.changes import SEPARATOR
from ui import texts as T


def column_letter(index):
    """0 → A, 25 → Z, 26 → AA (as Excel names columns)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_text(value):
    """How a raw cell shows in the preview: whole floats without .0, dates as yyyy-mm-dd."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


class PreviewTables:
    """The mapping list and the preview grid of the presenter's current Preview."""

    def mapping_rows(self):
        """[(index, letter, header, sample, code or None, recognised)] for each column that
        has a header or a value in the rows read."""
        p = self.preview
        mapping = self.current_mapping()
        width = max([len(p.headers)] + [len(r.cells) for r in p.rows] or [0])
        rows = []
        for index in range(width):
            header = cell_text(p.headers[index]) if index < len(p.headers) else ""
            samples = [cell_text(r.cells[index]) for r in p.rows if index < len(r.cells)]
            sample = next((s for s in samples if s), "")
            if not header and not sample and index not in mapping:
                continue
            code = mapping.get(index)
            rows.append((index, column_letter(index), header, sample, code, index in self.detected))
        return rows

    def unknown_columns(self):
        """Headers of the file that map to nothing (they will not be imported)."""
        return [r[2] for r in self.mapping_rows() if r[4] is None and r[2]]

    def grid_columns(self):
        """[(index, heading)] of the preview grid: the file's header, → the standard column
        when it differs, （忽略） when the column is not imported."""
        result = []
        for index, _, header, _, code, _ in self.mapping_rows():
            target = cols.get_kind(self.preview.kind).column(code).header if code else None
            if target is None:
                heading = f"{header or column_letter(index)}{T.WIZ_IGNORED}"
            elif target != header:
                heading = f"{header}→{target}" if header else target
            else:
                heading = header
            result.append((index, heading))
        return result

    @property
    def has_actions(self):
        """True when the preview says what each row would become (enterprise sheets)."""
        return any(getattr(r, "action", None) for r in self.preview.rows)

    @property
    def compares(self):
        """True when the preview compared the rows with the registered records."""
        return self.preview.changes is not None

    def grid_rows(self):
        """[(row number, [cell texts], bad)]: cells with a problem start with ⚠, a changed
        field shows 「旧值 → 新值」; with :attr:`has_actions` the first cell is what the
        import would do with the row and, with :attr:`compares`, the second its changes."""
        indexes = [index for index, _ in self.grid_columns()]
        where = {code: index for index, code in self.current_mapping().items()}
        actions = self.has_actions
        rows = []
        for row in self.preview.rows:
            cells = []
            if actions:
                action = getattr(row, "action", None)
                cells.append(T.WIZ_ACTION_REJECTED if row.errors else action or "")
            if self.compares:
                cells.append(SEPARATOR.join(str(c) for c in row.changes))
            changed = {where.get(c.code): c for c in row.changes}
            for index in indexes:
                text = cell_text(row.cells[index]) if index < len(row.cells) else ""
                if index in row.errors:
                    text = T.WIZ_BAD_CELL + text
                elif index in changed:
                    text = T.WIZ_CHANGED_CELL.format(old=changed[index].old, new=changed[index].new)
                cells.append(text)
            rows.append((row.number, cells, bool(row.errors)))
        return rows

    def _row(self, number):
        return next((row for row in self.preview.rows if row.number == number), None)

    def problems(self, number):
        """[(column label, message)] of sheet row ``number`` in the preview."""
        headings = dict(self.grid_columns())
        row = self._row(number)
        if row is None:
            return []
        return [
            (headings.get(index, T.WIZ_WHOLE_ROW) if index is not None else T.WIZ_WHOLE_ROW,
             message)
            for index, message in row.errors.items()
        ]  # fmt: skip

    def row_changes(self, number):
        """[FieldChange] of sheet row ``number``: the fields it changes, old → new."""
        row = self._row(number)
        return list(row.changes) if row is not None else []

    def preview_summary(self):
        rows = self.preview.rows
        later = sum(1 for r in rows if r.later)
        bad = sum(1 for r in rows if r.errors)
        text = T.WIZ_PREVIEW_SUMMARY.format(
            total=self.preview.total_rows, shown=len(rows) - later, bad=bad
        )
        if later:
            text += T.WIZ_PREVIEW_LATER.format(rows=later)
        if self.has_actions:
            counts = {}
            for row in rows:
                action = getattr(row, "action", None)
                if action and not row.errors:
                    counts[action] = counts.get(action, 0) + 1
            shown = "，".join(f"{action} {n} 行" for action, n in counts.items())
            if self.previewed_policy is None:
                text += "\n" + T.WIZ_ACTIONS_UNCHOSEN.format(actions=shown)
            else:
                policy = T.WIZ_POLICIES[self.previewed_policy][0]
                text += "\n" + T.WIZ_ACTIONS_SUMMARY.format(actions=shown, policy=policy)
        if self.compares:
            text += "\n" + self.changes_summary(self.preview.changes, self.preview.change_counts)
            if self.preview.kept_rows:
                policy = T.WIZ_POLICIES[self.previewed_policy][0]
                text += T.WIZ_KEPT.format(rows=self.preview.kept_rows, policy=policy)
        return text

    @staticmethod
    def changes_summary(changes, counts):
        """「将修改 1 家已登记记录：注册资本(万元) 1 行，从业人员 1 行。」 (or that none
        changes) — of RowChanges ``changes`` and their per-column ``counts``."""
        if not changes:
            return T.WIZ_NO_CHANGES
        columns = "，".join(T.WIZ_CHANGE_COUNT.format(label=k, rows=n) for k, n in counts.items())
        return T.WIZ_CHANGES_SUMMARY.format(rows=len(changes), columns=columns)
