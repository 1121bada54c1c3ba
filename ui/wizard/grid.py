"""The tables the import wizard shows, computed from the service's Preview (no Tk).

:class:`PreviewTables` is mixed into the wizard's presenter: the mapping list (each column of
the file with a sample and its standard column) and the preview grid (the first rows, bad
cells marked ⚠, what the import would do with each row, the problems of a row in words).
It reads ``self.preview``, ``self.detected``, ``self.on_conflict`` and
``self.current_mapping()`` of the presenter.
"""

import datetime

from gjz_registry.exchange import columns as cols
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

    def grid_rows(self):
        """[(row number, [cell texts], bad)]: cells with a problem start with ⚠; with
        :attr:`has_actions` the first cell is what the import would do with the row."""
        indexes = [index for index, _ in self.grid_columns()]
        actions = self.has_actions
        rows = []
        for row in self.preview.rows:
            cells = []
            if actions:
                action = getattr(row, "action", None)
                cells.append(T.WIZ_ACTION_REJECTED if row.errors else action or "")
            for index in indexes:
                text = cell_text(row.cells[index]) if index < len(row.cells) else ""
                cells.append(T.WIZ_BAD_CELL + text if index in row.errors else text)
            rows.append((row.number, cells, bool(row.errors)))
        return rows

    def problems(self, number):
        """[(column label, message)] of sheet row ``number`` in the preview."""
        headings = dict(self.grid_columns())
        for row in self.preview.rows:
            if row.number == number:
                return [
                    (headings.get(index, T.WIZ_WHOLE_ROW) if index is not None else T.WIZ_WHOLE_ROW,
                     message)
                    for index, message in row.errors.items()
                ]  # fmt: skip
        return []

    def preview_summary(self):
        bad = sum(1 for r in self.preview.rows if r.errors)
        text = T.WIZ_PREVIEW_SUMMARY.format(
            total=self.preview.total_rows, shown=len(self.preview.rows), bad=bad
        )
        if self.has_actions:
            counts = {}
            for row in self.preview.rows:
                action = getattr(row, "action", None)
                if action and not row.errors:
                    counts[action] = counts.get(action, 0) + 1
            shown = "，".join(f"{action} {n} 行" for action, n in counts.items())
            policy = T.WIZ_POLICIES[self.on_conflict][0]
            text += "\n" + T.WIZ_ACTIONS_SUMMARY.format(actions=shown, policy=policy)
        return text
