"""What the enterprise and carrier form presenters share (no Tk): load one record, check each
field as the user leaves it with the rules the service applies on save (its ``clean``), and
create or update it, refusing a stale version with the service's message.

A subclass names its service and record kind, its fields and their widget kinds, and its
defaults for a new record; the fields' labels come from the kind's declarations
(gjz_registry.fields.label).  An error of the service names its field by code
(``InvalidValueError.field``): the form marks that entry and puts the focus there.  The view
has set_values(dict), set_error(key, message), focus_field(key), set_editable(editable,
street_fixed, note), show_message(text, error=True) and saved(record).  After a save the form
shows the values as stored (a code typed in lower case comes back upper case), so what the
clerk sees is what the registry keeps.
"""

from gjz_registry import InvalidValueError, RegistryError
from ui import texts as T
from ui.audit_text import AuditText, action_label
from ui.presenters.data import Field
from ui.presenters.form_checks import check_all, reason, show_invalid
from ui.views.local_rows import text


class RecordFormPresenter:
    """Loads, validates and saves one record of ``service_name`` for ``view``."""

    service_name = ""  # the registry's service: "enterprises", "carriers"
    spec = None  # the record kind's field spec (gjz_registry.fields): fields, labels, marks
    span = frozenset({"name", "address", "notes"})  # fields that take the whole row
    shown_errors = (RegistryError,)  # save errors shown in the message line; others propagate

    def __init__(self, registry, view, record_id=None):
        self.registry = registry
        self.view = view
        self.record_id = record_id
        self.record = None
        self.loaded = {}
        self.labels = {f.code: f.label for f in self.spec.form_fields}

    @property
    def field_keys(self):
        """The form's fields, in order (the spec's)."""
        return tuple(f.code for f in self.spec.form_fields)

    @property
    def required(self):
        return frozenset(self.spec.required)

    @property
    def defaults(self):
        """A new record's values besides the empty ones (and the user's street)."""
        return {f.code: f.default for f in self.spec.form_fields if f.default is not None}

    @property
    def service(self):
        return getattr(self.registry, self.service_name)

    def field_kinds(self):
        """{key: (widget kind, choices)} for the fields that are not plain text: from the
        spec (a vocabulary is a drop-down, with a blank first when the field is optional; a
        date a date entry; a note several lines), then :meth:`reference_kinds`."""
        kinds = {}
        for f in self.spec.form_fields:
            if f.kind == "choice":
                blank = () if f.required or f.default is not None else ("",)
                kinds[f.code] = ("choice", blank + tuple(f.vocabulary))
            elif f.kind == "date":
                kinds[f.code] = ("date", ())
            elif f.kind == "note":
                kinds[f.code] = ("multiline", ())
        kinds.update(self.reference_kinds())
        return kinds

    def reference_kinds(self):
        """{key: (widget kind, choices)} of the fields whose choices are reference data."""
        return {}

    def fields(self):
        kinds = self.field_kinds()
        result = []
        for key in self.field_keys:
            kind, choices = kinds.get(key, ("text", ()))
            result.append(
                Field(
                    key,
                    self.labels[key],
                    kind,
                    key in self.required,
                    choices,
                    span=key in self.span,
                )
            )
        return result

    @property
    def other_street(self):
        """True when a street user looks at another street's record."""
        actor = self.registry.actor
        return bool(actor.scoped and self.record is not None and self.record.street != actor.street)

    @property
    def editable(self):
        return self.registry.actor.can_write and not self.other_street

    def readonly_note(self):
        """Why the form cannot be edited ("" when it can)."""
        return "" if self.editable else T.READONLY_NOTE

    def load(self):
        if self.record_id is None:
            self.loaded = {k: "" for k in self.field_keys}
            self.loaded.update(self.defaults)
            if self.registry.actor.scoped:
                self.loaded["street"] = self.registry.actor.street
        else:
            self.record = self.service.get(self.record_id)
            self.loaded = self._texts(self.record)
        self.view.set_values(self.loaded)
        self.view.set_editable(self.editable, self.registry.actor.scoped, self.readonly_note())
        return self.record

    def audit_rows(self):
        """The 操作记录 tab: the record's audit entries, newest first, in Chinese."""
        entries = self.service.audit_trail(self.record_id)
        descriptions = AuditText(self.registry).describe_all(entries)
        return [
            (
                entry.id,
                (entry.at.strftime("%Y-%m-%d %H:%M"), entry.user, action_label(entry.action), line),
            )
            for entry, line in zip(entries, descriptions)
        ]

    def _texts(self, record):
        return {k: text(getattr(record, k)) for k in self.field_keys}

    def dirty(self, values):
        return any(values.get(k, "") != self.loaded.get(k, "") for k in self.field_keys)

    def check_field(self, key, raw):
        """The reason ``raw`` is not acceptable for ``key`` (None when it is)."""
        if key not in self.labels:
            return None
        if not raw:
            return T.REQUIRED.format(label=self.labels[key]) if key in self.required else None
        return reason(lambda data: self.service.clean(data, partial=True), key, raw)

    def leave(self, key, raw):
        message = self.check_field(key, raw)
        self.view.set_error(key, message)
        return message

    def save(self, values):
        """Validate everything, then create or update; returns the record or None."""
        if not check_all(self.view, self.check_field, self.field_keys, values):
            return None
        data = {k: (values.get(k) or None) for k in self.field_keys}
        try:
            if self.record_id is None:
                record = self.service.create(data)
            else:
                changed = {k: v for k, v in data.items() if values.get(k, "") != self.loaded[k]}
                if not changed:
                    self.view.show_message(T.NOTHING_TO_SAVE, error=False)
                    return self.record
                record = self.service.update(self.record_id, changed, version=self.record.version)
        except InvalidValueError as exc:
            show_invalid(self.view, exc, self.labels)
            return None
        except self.shown_errors as exc:
            self.view.show_message(str(exc))
            return None
        self.record_id = record.id
        self.record = record
        self.loaded = self._texts(record)
        self.view.set_values(self.loaded)  # as stored: normalised, upper-case codes
        self.view.saved(record)
        return record
