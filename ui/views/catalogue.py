"""Which views the navigation offers and how each is created."""

from ui import texts as T
from ui.views.enterprises import EnterpriseListView


class Views:
    """Factory of the views available to the logged-in user."""

    def __init__(self, registry):
        self.registry = registry

    def labels(self):
        return [("enterprises", T.NAV_ENTERPRISES)]

    def create(self, key, parent, window):
        if key == "enterprises":
            return EnterpriseListView(parent, self.registry, on_count=window.set_count)
        raise KeyError(key)
