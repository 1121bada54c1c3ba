"""The enterprise form: presenter (no Tk) and window.

Tabs: 基本信息, 资质, 年度数据, 孵化历程, 操作记录.

Fields are validated as the user leaves them, with the same rules the service applies on
save (``EnterpriseService.clean``); a stale version is refused with the service's message.
Street users get the street fixed to theirs; viewers and out-of-scope users get no editing.

The presenter part (no Tk) is ui.presenters.enterprise_form.
"""

from ui import texts as T
from ui.presenters.enterprise_form import EnterpriseFormPresenter
from ui.views.record_window import RecordWindow


class EnterpriseWindow(RecordWindow):
    """The enterprise form in its own window; ``on_saved(record)`` lets the list refresh."""

    presenter_class = EnterpriseFormPresenter
    title_format = T.ENTERPRISE_TITLE
    new_title = T.ENTERPRISE_NEW
    size = (920, 700)
    min_size = (820, 560)
    message_wrap = 800

    def build_tabs(self):
        from ui.views.enterprise_tabs import build_tabs

        build_tabs(self)
