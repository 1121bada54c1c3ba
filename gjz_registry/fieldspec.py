"""The classes of the field specs: :class:`Field`, :class:`RecordSpec` and the field kinds.

The specs themselves are declared in gjz_registry.fields (enterprise, carrier) and
gjz_registry.yearly_fields (carrier year, annual data); gjz_registry.fields is the module every
layer reads, and re-exports these names.  Imports nothing of the project.
"""

import dataclasses

# Field kinds.  Text kinds are cleaned as free text: "name" (an organisation's name) also gets
# the registered Chinese brackets, "note" (备注) keeps its line breaks, "text" is one line.
TEXT_KINDS = ("text", "name", "note")
# Kinds that refer to another record, given and shown by its name (a foreign key).
REFERENCE_KINDS = ("street", "industry", "carrier")
KINDS = (
    TEXT_KINDS
    + REFERENCE_KINDS
    + (
        "credit_code",
        "phone",
        "date",
        "money",  # 万元
        "signed_money",  # 万元, may be negative (净利润)
        "area",  # 平方米
        "count",  # a non-negative whole number
        "choice",  # one of the field's vocabulary
    )
)

# Header synonyms shared by several record kinds.
STREET_SYNONYMS = ("街道", "街道办事处", "所在街道", "所属街道办", "所属街道办事处")
CONTACT_SYNONYMS = ("联系人姓名", "企业联系人", "负责人")
PHONE_SYNONYMS = (
    "电话",
    "联系方式",
    "手机",
    "手机号",
    "手机号码",
    "联系人电话",
    "联系人手机",
    "电话号码",
)
NOTES_SYNONYMS = ("说明", "备注说明")
# the enterprise's headcounts, in its record and in its annual data
EMPLOYEES_SYNONYMS = ("从业人数", "从业人员数", "职工人数", "员工人数", "职工总数", "员工数")
RD_STAFF_SYNONYMS = ("研发人数", "研发人员数", "研发人员数量")


@dataclasses.dataclass(frozen=True)
class Field:
    """One field of a record kind."""

    code: str
    label: str
    kind: str = "text"
    max_length: int = None  # text kinds: the longest text (else the spec's text_limit)
    required: bool = False
    vocabulary: tuple = ()  # "choice": the allowed values, in display order
    aliases: tuple = ()  # "choice": (alias, value) pairs accepted on input
    synonyms: tuple = ()  # other headers an import accepts for this field
    default: object = None  # the value an emptied (or new, unset) field takes
    editable: bool = True  # False: shown and exported, changed by another service
    form: bool = True  # shown in the record's form (editable fields only)
    sheet: bool = True  # a column of the Excel sheet (where sheet_order puts it)
    short_label: str = ""  # the list screen's heading and filter label ("": the label)
    list_width: int = 0  # a column of the list screen, this wide (0: not shown)
    printed: bool = True  # a list column that the list's 打印名单 prints too
    filter: bool = False  # a filter of the list screen (a "choice" field)
    stats_table: str = ""  # a `gjz stats` table counting records per value ("": none)
    demo_share: float = 0.0  # the demo generator gives this share of records a value
    carries_over: bool = False  # a yearly record: a new year starts with last year's value

    @property
    def heading(self):
        """The label a list column or filter shows."""
        return self.short_label or self.label

    @property
    def choices(self):
        """The vocabulary with the aliases: {accepted text: stored value}."""
        accepted = {value: value for value in self.vocabulary}
        accepted.update(self.aliases)
        return accepted


@dataclasses.dataclass(frozen=True)
class RecordSpec:
    """The fields of one record kind, in form order, and its sheet's column order."""

    kind: str  # "enterprise", "carrier" (the audit log's entity name)
    title: str  # Chinese name of the record kind
    fields: tuple
    sheet_order: tuple = ()  # codes of the sheet's columns: fields and sheet-only columns
    text_limit: int = 200  # longest text of a text field without its own max_length

    def __post_init__(self):
        object.__setattr__(self, "_by_code", {f.code: f for f in self.fields})

    def __getitem__(self, code):
        return self._by_code[code]

    def __contains__(self, code):
        return code in self._by_code

    def get(self, code):
        return self._by_code.get(code)

    def label(self, code):
        """The Chinese label of a field (the code itself when it is not a field)."""
        found = self._by_code.get(code)
        return found.label if found else code

    @property
    def codes(self):
        """Every field's code, in form order."""
        return tuple(f.code for f in self.fields)

    @property
    def editable(self):
        """The fields the record's service writes, in form order."""
        return tuple(f for f in self.fields if f.editable)

    @property
    def required(self):
        return tuple(f.code for f in self.fields if f.required)

    @property
    def form_fields(self):
        return tuple(f for f in self.fields if f.editable and f.form)

    @property
    def list_columns(self):
        """(code, label, width) of the list screen's columns, in form order."""
        return tuple((f.code, f.heading, f.list_width) for f in self.fields if f.list_width)

    @property
    def filters(self):
        """The fields the list screen filters by, beyond its own filters."""
        return tuple(f for f in self.fields if f.filter)

    def max_text(self, field):
        """The longest text ``field`` (a Field) may hold."""
        return field.max_length or self.text_limit
