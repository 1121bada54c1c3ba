"""The incubation chain at a glance: 在孵企业, 超期在孵 and 可毕业 in one notebook.

The presenter part (no Tk, not even indirectly: tests/unit/test_presenters_without_tk.py);
the widgets are in ui.views.chain.
"""

from gjz_registry import RegistryError
from gjz_registry import reference as ref
from ui import texts as T
from ui.views.list_presenter import LocalListsPresenter
from ui.views.local_rows import text

LISTS = {
    "residents": (T.CHAIN_TAB_RESIDENTS, T.CHAIN_COLUMNS),
    "overdue": (T.CHAIN_TAB_OVERDUE, T.CHAIN_OVERDUE_COLUMNS),
    "candidates": (T.CHAIN_TAB_CANDIDATES, T.CHAIN_CANDIDATE_COLUMNS),
}


ACTIONS = ("move", "graduate", "leave")


ADMIN_ACTIONS = ("correct", "withdraw")  # the last step of the enterprise's chain


def row(record, with_basis=False):
    values = (
        record.enterprise_name,
        record.carrier,
        record.stage,
        text(record.entered_on),
        record.months,
    )
    return (record.enterprise_id, values + ((record.basis or "",) if with_basis else ()))


class ChainPresenter(LocalListsPresenter):
    """The three lists and the summary for a view with show_list(key, rows, total, page,
    pages, sort_key, sort_desc), show_summary(stages, outside, overdue, candidates),
    open_record(enterprise_id), run_action(kind, enterprise, step=None) → result,
    show_message(text)."""

    def __init__(self, registry, view, page_size=100):
        super().__init__(registry, view, LISTS, page_size)

    @property
    def can_act(self):
        return self.registry.actor.can_write

    @property
    def can_fix(self):
        """更正 / 撤回 of the last step: administrators."""
        return self.registry.actor.is_admin

    def load(self, as_of=None):
        incubation = self.registry.incubation
        fetched = {
            "residents": [row(r) for r in incubation.residents(as_of=as_of)],
            "overdue": [row(r, True) for r in incubation.overdue(as_of)],
            "candidates": [row(r, True) for r in incubation.graduation_candidates(as_of)],
        }
        for key, rows in fetched.items():
            self.lists[key].replace(rows)
            self.show(key)
        table = self.registry.statistics.street_stage()
        totals = dict(zip(table.columns, table.totals))
        stages = [(stage, totals.get(stage, 0)) for stage in ref.STAGES]
        outside = sum(v for k, v in totals.items() if k not in ref.STAGES)
        self.view.show_summary(stages, outside, len(fetched["overdue"]), len(fetched["candidates"]))

    def open(self, enterprise_id):
        return self.view.open_record(enterprise_id)

    def act(self, kind, enterprise_id):
        """Run 晋级/迁移 (move), 毕业 (graduate), 迁出 (leave) or — administrators — 更正 /
        撤回 of the last step (correct, withdraw) for one enterprise."""
        allowed = (ACTIONS if self.can_act else ()) + (ADMIN_ACTIONS if self.can_fix else ())
        if kind not in allowed:
            return None
        if enterprise_id is None:
            self.view.show_message(T.NOTHING_SELECTED)
            return None
        try:
            enterprise = self.registry.enterprises.get(enterprise_id)
            step = None
            if kind in ADMIN_ACTIONS:
                step = self.registry.incubation.last_step(enterprise_id)
                if step is None:
                    self.view.show_message(T.NO_STEP)
                    return None
        except RegistryError as exc:
            self.view.show_message(str(exc))
            return None
        if step is None:
            return self.finished(self.view.run_action(kind, enterprise))
        return self.finished(self.view.run_action(kind, enterprise, step))

    def finished(self, result):
        """After a dialog: reload everything when it changed something."""
        if result is not None:
            self.load()
        return result
