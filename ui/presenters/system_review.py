"""系统 › 绩效评价指标 (admin): the carrier review's indicators of one carrier kind as a grid.

The administrator picks a kind, selects an indicator, changes its fields in the editor below
the list (应用 keeps the change in the grid), and 保存 sends the kind's whole set to
ReviewService.save_indicators — the weights must sum to 100 there, so a set that does not is
refused with the service's message and nothing is written; the running total is shown as the
weights are changed.

The presenter part (no Tk, not even indirectly: tests/unit/test_presenters_without_tk.py);
the widgets are in ui.views.system_review.
"""

from decimal import Decimal, InvalidOperation

from gjz_registry import RegistryError
from gjz_registry import reference as ref
from ui import texts as T

# the editor's fields, in order (codes of services.review_indicators.EDITABLE)
EDITOR = ("name", "category", "measure", "weight", "rule", "full_at", "zero_at", "bands",
          "direction", "active")  # fmt: skip


class ReviewIndicatorsPresenter:
    """For a view with show_rows(rows), show_editor(values), show_total(text, ok) and
    show_message(text, error)."""

    def __init__(self, registry, view):
        self.registry = registry
        self.view = view
        self.kind = ref.CARRIER_KINDS[1]  # 孵化器: the kind most reviews are about
        self.rows = []
        self.selected = None
        self.measures = {m.key: m.label for m in registry.reviews.measures()}

    def kinds(self):
        return list(ref.CARRIER_KINDS)

    def measure_labels(self):
        return list(self.measures.values())

    def load(self, kind=None):
        """The kind's stored indicators, in the grid (unsaved changes are dropped)."""
        self.kind = kind or self.kind
        self.rows = [
            {"version": i.version, "code": i.code, **{f: getattr(i, f) for f in EDITOR},
             "sort_order": i.sort_order, "note": i.note}
            for i in self.registry.reviews.indicators(self.kind)
        ]  # fmt: skip
        self.selected = None
        self._show()
        self.view.show_editor({})

    def _show(self):
        self.view.show_rows([(n, self._cells(row)) for n, row in enumerate(self.rows)])
        total = self.total()
        self.view.show_total(T.REVIEW_TOTAL.format(total=_shown(total)), total == 100)

    def _cells(self, row):
        if row["rule"] == "分档":
            rule = f"分档 {row['bands'] or ''}"
        else:
            rule = f"线性 {_shown(row['full_at'])} / {_shown(row['zero_at'])}"
        return (
            row["code"],
            row["name"],
            row["category"] or "",
            self.measures[row["measure"]],
            _shown(row["weight"]),
            rule,
            T.YES if row["active"] else T.NO,
        )

    def total(self):
        return sum((Decimal(r["weight"]) for r in self.rows if r["active"]), Decimal(0))

    def select(self, index):
        """Show indicator ``index`` in the editor."""
        if index is None or not 0 <= index < len(self.rows):
            return None
        self.selected = index
        row = self.rows[index]
        self.view.show_editor({**row, "measure": self.measures[row["measure"]]})
        return row

    def apply(self, values):
        """Put the editor's ``values`` into the selected row (not saved yet); False when a
        number cannot be read (the reason is shown)."""
        if self.selected is None:
            self.view.show_message(T.NOTHING_SELECTED)
            return False
        row = dict(self.rows[self.selected])
        labels = {label: key for key, label in self.measures.items()}
        for field in EDITOR:
            value = values.get(field, row[field])
            if field == "measure":
                value = labels.get(value, value)
            elif field in ("weight", "full_at", "zero_at"):
                try:
                    value = Decimal(str(value).strip()) if str(value).strip() else None
                except InvalidOperation:
                    value = Decimal("NaN")
                if value is not None and not value.is_finite():  # NaN, Infinity: no number
                    self.view.show_message(T.REVIEW_NOT_A_NUMBER.format(value=values[field]))
                    return False
            row[field] = value
        self.rows[self.selected] = row
        self.view.show_message("", False)
        self._show()
        return True

    def save(self):
        """Send the kind's indicators to the service; True when saved."""
        try:
            self.registry.reviews.save_indicators(self.kind, self.rows)
        except RegistryError as exc:
            self.view.show_message(str(exc))
            return False
        self.load()
        self.view.show_message(T.REVIEW_SAVED.format(kind=self.kind), False)
        return True


def _shown(number):
    if number is None:
        return ""
    return f"{Decimal(number).normalize():f}"
