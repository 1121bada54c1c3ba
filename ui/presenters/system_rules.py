"""Two sections of 系统 › 基础数据: 孵化规则 and 证书文字 (admin).

The presenter part (no Tk, not even indirectly: tests/unit/test_presenters_without_tk.py);
the widgets are in ui.views.system_rules.
"""

from decimal import Decimal, InvalidOperation

from gjz_registry import RegistryError
from gjz_registry import certificate_texts as texts
from gjz_registry import reference as ref
from ui import texts as T

AMOUNTS = ("investment_threshold", "revenue_two_year_threshold")


MONTHS = ("entry_max_age_months",)


STAGE_LISTS = ("entry_age_stages",)


FIELD_LIST = "long_cycle_fields"


TIME_LIMITS = "time_limits"  # {stage: (months, long-cycle months)} as typed


SEPARATORS = ("、", "，", ",", "；", ";")


def split_list(value):
    text = value or ""
    for sep in SEPARATORS[1:]:
        text = text.replace(sep, SEPARATORS[0])
    return [part.strip() for part in text.split(SEPARATORS[0]) if part.strip()]


def plain_number(number):
    return int(number) if number == number.to_integral_value() else float(number)


def parse_number(value):
    """The Decimal typed (thousands commas allowed), or None when it is not a number."""
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def whole_months(value):
    """A positive whole number of months typed, or None."""
    number = parse_number(value)
    if number is None or number < 1 or number != number.to_integral_value():
        return None
    return int(number)


def limit_key(stage):
    """The key under which a stage's time limit is checked and its reason shown."""
    return f"{TIME_LIMITS}:{stage}"


class RulesPresenter:
    """For a view with show_rules({key: text, [stages] or {stage: (months, long)}}),
    show_rule_text(text), show_error(key, text), show_message(text, error)."""

    def __init__(self, registry, view):
        self.registry = registry
        self.view = view

    def load(self):
        rules = self.registry.incubation.rules()
        values = {}
        for key in AMOUNTS + MONTHS:
            values[key] = str(rules[key])
        for key in STAGE_LISTS:
            values[key] = list(rules[key])
        values[FIELD_LIST] = SEPARATORS[0].join(rules[FIELD_LIST])
        limits = rules[TIME_LIMITS]
        values[TIME_LIMITS] = {
            stage: tuple(
                str(limits.get(stage, {}).get(key) or "") for key in ("months", "long_cycle_months")
            )
            for stage in ref.STAGES
        }
        self.view.show_rules(values)
        self.view.show_rule_text(self.registry.incubation.time_limit_text())

    def clean(self, raw):
        """{key: value to store}, or None after showing the reasons under the fields."""
        changes, ok = {}, True
        for key, value in raw.items():
            if key == TIME_LIMITS:
                limits = self.clean_limits(value)
                ok = ok and limits is not None
                changes[key] = limits
                continue
            label = T.RULE_LABELS[key]
            message = None
            if key in AMOUNTS or key in MONTHS:
                number = parse_number(value)
                if number is None or number < 0:
                    message = T.RULE_NOT_NUMBER.format(label=label)
                elif key in MONTHS and whole_months(value) is None:
                    message = T.RULE_NOT_WHOLE.format(label=label)
                else:
                    changes[key] = plain_number(number)
            elif key in STAGE_LISTS:
                stages = [s for s in ref.STAGES if s in value]
                if not stages:
                    message = T.RULE_NO_STAGE.format(label=label)
                changes[key] = stages
            else:
                changes[key] = split_list(value)
            self.view.show_error(key, message)
            ok = ok and message is None
        return changes if ok else None

    def clean_limits(self, typed):
        """{stage: {months, long_cycle_months}} from {stage: (months, long)} as typed (both
        blank: no limit), or None after showing the reasons on the stages' rows."""
        limits, ok = {}, True
        for stage, (months, long_cycle) in typed.items():
            months, long_cycle = str(months).strip(), str(long_cycle).strip()
            message = None
            if months or long_cycle:
                whole, whole_long = whole_months(months), whole_months(long_cycle)
                if not months:
                    message = T.RULE_LONG_WITHOUT_LIMIT.format(stage=stage)
                elif whole is None or (long_cycle and whole_long is None):
                    message = T.RULE_LIMIT_NOT_WHOLE.format(stage=stage)
                else:
                    limits[stage] = {"months": whole, "long_cycle_months": whole_long}
            self.view.show_error(limit_key(stage), message)
            ok = ok and message is None
        return limits if ok else None

    def save(self, raw):
        changes = self.clean(raw)
        if changes is None:
            return None
        try:
            saved = self.registry.incubation.set_rules(changes)
        except RegistryError as exc:
            self.view.show_message(str(exc))
            return None
        self.view.show_message(T.RULES_SAVED, False)
        self.load()
        return saved


class CertificatePresenter:
    """For a view with show_template(text, placeholders [(name, label)]), show_message(text,
    error)."""

    def __init__(self, registry, view):
        self.registry = registry
        self.view = view
        self.kind = next(iter(texts.KINDS))

    def kinds(self):
        """[(key, title)] of the certificate kinds."""
        return [(k.key, k.title) for k in texts.KINDS.values()]

    def load(self, kind=None):
        self.kind = kind or self.kind
        found = texts.KINDS[self.kind]
        labels = [(name, texts.PLACEHOLDER_LABELS.get(name, name)) for name in found.placeholders]
        self.view.show_template(self.registry.certificates.template(self.kind), labels)

    def save(self, text):
        title = texts.KINDS[self.kind].title
        try:
            self.registry.certificates.set_template(self.kind, text)
        except RegistryError as exc:
            self.view.show_message(str(exc))
            return None
        self.view.show_message(T.CERT_SAVED.format(title=title), False)
        self.load()
        return True

    def restore(self):
        try:
            self.registry.certificates.set_template(self.kind, None)
        except RegistryError as exc:
            self.view.show_message(str(exc))
            return None
        self.view.show_message(T.CERT_RESTORED.format(title=texts.KINDS[self.kind].title), False)
        self.load()
        return True
