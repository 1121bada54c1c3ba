"""What an import would do with the rows of an enterprise sheet, before anything is written.

The preview reads the whole file but converts only its first rows.  To list every change an
import would make to registered enterprises, :class:`EnterpriseComparison` normalises the
credit code of every row (as the validator does; a registered code is valid, so the check
character needs no checking here), looks the codes up chunk by chunk, and converts in full
only the rows of registered enterprises.  Each of those is checked against the actor's street
(a refused row shows the service's refusal, never the record's values) and compared with the
record by the import's own rule (:func:`context.changed_fields`), the changes named by
:class:`changes.Describer` — so the preview lists what the import writes, old → new.
"""

from db.models import Enterprise
from gjz_registry import validators as v
from gjz_registry.exchange.changes import Describer
from gjz_registry.exchange.context import FILL, SKIP, UPDATE, changed_fields, refusal
from gjz_registry.exchange.enterprise_import import registered, updatable

NEW = "新增"
SAME = "无变化"
ADDS = "新增资质或入驻"  # no field changes, but a new certificate or residency
# what a rule does to a registered enterprise whose row changes something (None: no rule yet)
ACTIONS = {SKIP: "跳过", UPDATE: "更新", FILL: "只填空白", None: "已登记"}
# Certificate columns: a number the registry does not hold adds a qualification.
NUMBERS = ("high_tech_number", "tech_sme_number")
CHUNK = 500


class EnterpriseComparison:
    """Compares the rows of an enterprise sheet (``converter``: its RowConverter) with the
    registry under ``on_conflict`` (None: no rule chosen yet — every difference)."""

    def __init__(self, registry, converter, on_conflict):
        self.registry = registry
        self.converter = converter
        # the rows compared name a registered enterprise: their credit code is valid
        self.compare_converter = converter.without("credit_code")
        self.on_conflict = on_conflict
        self.present = updatable(converter.index_of)
        self.numbers = [code for code in NUMBERS if code in converter.index_of]
        self.describer = Describer("enterprises")
        self.kept = 0  # registered rows with values the rule leaves as registered (跳过, 只填空白)

    def apply(self, records, shown, converted, make_row):
        """Set ``action`` and ``changes`` of the PreviewRows ``shown`` (the first of
        ``records``, [(sheet row number, raw cells)]; ``converted``: {number: ImportRow} of
        them) and append to ``shown`` a PreviewRow (``make_row(import_row)``) for every later
        row that would change a registered enterprise.  Returns the RowChanges of the whole
        file in row order (None when no column is mapped to the credit code)."""
        index = self.converter.index_of.get("credit_code")
        if index is None:
            return None
        by_number = {row.number: row for row in shown}
        seen, found = set(), []
        for start in range(0, len(records), CHUNK):
            wanted = []
            for number, raw in records[start : start + CHUNK]:
                row = converted.get(number)
                if row is not None:
                    code = None if row.errors else row.values.get("credit_code")
                else:
                    cell = raw[index] if index < len(raw) else None
                    code = v.normalise(cell) if isinstance(cell, str) else None
                if code and code not in seen:  # a repeated code is refused by the import
                    seen.add(code)
                    wanted.append((number, raw, code))
            current = registered(self.registry.db, [code for _, _, code in wanted])
            if not current:
                for number, _, _ in wanted:
                    if number in by_number:
                        by_number[number].action = NEW
                continue
            chunk = {n: converted[n] for n, _, code in wanted if code in current and n in converted}
            held = self._held(current, wanted, chunk)
            for number, raw, code in wanted:
                preview_row = by_number.get(number)
                record = current.get(code)
                if record is None:
                    if preview_row is not None:
                        preview_row.action = NEW
                    continue
                row = chunk.get(number) or self.compare_converter.convert(number, raw)
                if not row.ok:
                    continue
                action, row_changes, problem = self._compare(row, record, held)
                if problem:  # the row shows the refusal, nothing of the record
                    if preview_row is not None:
                        street = self.converter.index_of.get("street")
                        preview_row.errors[street] = f"第 {number} 行{problem}"
                    continue
                if row_changes is not None and preview_row is None:
                    preview_row = make_row(row)
                    preview_row.later = True
                    shown.append(preview_row)
                if preview_row is not None:
                    preview_row.action = action
                if row_changes is not None:
                    preview_row.changes = row_changes.fields
                    found.append(row_changes)
        return found

    def _held(self, current, wanted, converted):
        """The certificate numbers already recorded among the registered rows of a chunk
        (their rows converted into ``converted``, {number: ImportRow})."""
        if not self.numbers:
            return set()
        numbers = set()
        for number, raw, code in wanted:
            if code in current:
                row = converted.get(number) or self.compare_converter.convert(number, raw)
                converted[number] = row
                numbers.update(row.values.get(c) for c in self.numbers)
        numbers.discard(None)
        if not numbers:
            return set()
        db = self.registry.db
        marks = ", ".join([db.param] * len(numbers))
        found = db.execute_sql(
            f"SELECT number FROM qualification WHERE number IN ({marks})", sorted(numbers)
        )
        return {number for (number,) in found}

    def _adds(self, row, record, held):
        """True when ``row`` gives the registered ``record`` a new residency or certificate."""
        carrier = row.values.get("carrier")
        if carrier is not None and getattr(carrier, "id", None) != record["carrier"]:
            return True
        return any(row.values.get(c) not in (None, *held) for c in self.numbers)

    def _compare(self, row, record, held):
        """(action, RowChanges or None, refusal or None) of ``row`` against the registered
        ``record`` (the refusal: the actor may not change it, or not move it there)."""
        problem = refusal(self.registry.enterprises.require_write, record["street"], "信用代码")
        if problem:
            return None, None, problem
        incoming = {f: row.values.get(f) for f in self.present}
        changes = changed_fields(record, incoming, self.on_conflict)
        if set(changed_fields(record, incoming, None)) - set(changes):
            self.kept += 1
        if "street" in changes:
            problem = refusal(self.registry.enterprises.require_street, changes["street"])
            if problem:
                return None, None, problem
        if self.on_conflict == SKIP:
            return ACTIONS[SKIP], None, None
        described = self.describer.row(row.number, record["name"], Enterprise, record, changes)
        if described is None:
            return (ADDS if self._adds(row, record, held) else SAME), None, None
        return ACTIONS[self.on_conflict], described, None
