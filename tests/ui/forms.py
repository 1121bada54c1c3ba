"""Helpers shared by the form tests: a fake view that records what a form presenter shows, and
the stale-version save every record form must refuse."""


class FakeForm:
    """The view interface of RecordFormPresenter, remembering every call."""

    def __init__(self):
        self.values, self.errors, self.messages, self.saved_records = {}, {}, [], []
        self.editable = None
        self.focused = None

    def set_values(self, values):
        self.values = dict(values)

    def set_error(self, key, message):
        self.errors[key] = message

    def focus_field(self, key):
        self.focused = key

    def set_editable(self, editable, street_fixed=False, note=""):
        self.editable = (editable, street_fixed, note)

    def show_message(self, text, error=True):
        self.messages.append(text)

    def saved(self, record):
        self.saved_records.append(record)


def save_after_another_edit(presenter_class, user, record):
    """Open ``record`` in a ``presenter_class`` form, let another edit save it first, then save
    the form with a change of its own; returns (what save returned, the fake view)."""
    view = FakeForm()
    presenter = presenter_class(user, view, record.id)
    presenter.load()
    service = getattr(user, presenter_class.service_name)
    service.update(record.id, {"notes": "别人先改了"}, version=record.version)
    return presenter.save(dict(view.values, contact_name="王芳")), view
