"""Which views the navigation offers, in the order of DESIGN §10, and how each is created.

``ORDER`` is the full navigation; ``labels()`` lists only the entries that have a view in
``FACTORIES`` (the others are added as they are built).
"""

from ui import texts as T
from ui.views.carriers import CarrierListView
from ui.views.chain import ChainView
from ui.views.dashboard import DashboardView
from ui.views.enterprises import EnterpriseListView
from ui.views.exchange import ExchangeView
from ui.views.qualifications import QualificationsView
from ui.views.reports import ReportsView
from ui.views.system import SystemView
from ui.views.targets_screen import TargetsView

ORDER = (
    ("home", T.NAV_HOME),
    ("enterprises", T.NAV_ENTERPRISES),
    ("carriers", T.NAV_CARRIERS),
    ("chain", T.NAV_CHAIN),
    ("qualifications", T.NAV_QUALIFICATIONS),
    ("exchange", T.NAV_EXCHANGE),
    ("reports", T.NAV_REPORTS),
    ("targets", T.NAV_TARGETS),
    ("system", T.NAV_SYSTEM),
)

# key → view class; each takes (parent, registry, on_count=…)
FACTORIES = {
    "home": DashboardView,
    "enterprises": EnterpriseListView,
    "carriers": CarrierListView,
    "chain": ChainView,
    "qualifications": QualificationsView,
    "exchange": ExchangeView,
    "reports": ReportsView,
    "targets": TargetsView,
    "system": SystemView,
}


class Views:
    """Factory of the views available to the logged-in user."""

    def __init__(self, registry):
        self.registry = registry

    def labels(self):
        """[(key, label)] of the views that exist, in navigation order."""
        return [(key, label) for key, label in ORDER if key in FACTORIES]

    def create(self, key, parent, window):
        if key not in FACTORIES:
            raise KeyError(key)
        return FACTORIES[key](parent, self.registry, on_count=window.set_count)
