"""The carriers' yearly performance review (载体年度绩效评价): indicators, scores, ranking.

The indicators are data (db.models.ReviewIndicator, migration 0016): only an administrator
edits them, each write versioned and audited, and every edit keeps the active weights of
the kind summing to 100.  Scores are computed on demand, never stored: for each carrier of a
kind reviewed in a year, each active indicator's measured value (services.review_measures),
its points (services.review_scoring) and the total; the ranking orders a kind's carriers by
total, highest first, equal totals sharing a rank and listed by name (pinyin).

A carrier is reviewed in a year when it is of that kind and operating (运营), or has yearly
operations entered for that year.  Reads follow the carrier lists' scope: everyone sees the
indicators; a street user sees the scores and ranks of their own street's carriers (ranked
among the whole district's), never another street's or the district's own carriers.
"""

import dataclasses
import datetime
from decimal import Decimal

from peewee import JOIN

from db.models import Carrier, CarrierYear, ReviewIndicator, Street
from gjz_registry import reference as ref
from gjz_registry.errors import DuplicateError, InvalidValueError, NotFoundError
from gjz_registry.services import review_indicators as ri
from gjz_registry.services import review_measures as rm
from gjz_registry.services import review_scoring as scoring
from gjz_registry.services import writes
from gjz_registry.services.annual import check_year
from gjz_registry.services.base import Service, get_or_404
from gjz_registry.services.search import pinyin_keys

ENTITY = "review_indicator"
KIND = "绩效评价指标"


@dataclasses.dataclass(frozen=True)
class IndicatorScore:
    """One line of a carrier's sheet: the indicator, the measured value and the points."""

    code: str
    name: str
    category: str
    unit: str
    value: Decimal  # None: not reported
    rule: str
    weight: Decimal
    points: Decimal
    source: str


@dataclasses.dataclass(frozen=True)
class CarrierReview:
    """One carrier's review of one year: its lines, total and rank among ``ranked`` of its kind."""

    carrier_id: int
    name: str
    kind: str
    level: str
    street: str
    year: int
    rows: tuple
    total: Decimal
    rank: int
    ranked: int
    reported: bool  # yearly operations entered for the year


class ReviewService(Service):
    """Review indicators (administrators edit them) and the scores they give."""

    # --- indicators ----------------------------------------------------------------------
    def measures(self):
        """The measures an indicator may read: [review_measures.Measure], in declared order."""
        self.require_login()
        return list(rm.MEASURES.values())

    def indicators(self, kind=None, active_only=False):
        """[IndicatorRecord] of ``kind`` (every kind when None), in kind and sort order."""
        self.require_login()
        query = ReviewIndicator.select()
        if kind is not None:
            query = query.where(ReviewIndicator.carrier_kind == _kind(kind))
        if active_only:
            query = query.where(ReviewIndicator.active == True)  # noqa: E712 (peewee)
        rows = sorted(
            query, key=lambda r: (ref.CARRIER_KINDS.index(r.carrier_kind), r.sort_order, r.id)
        )
        return [ri.record(r) for r in rows]

    def save_indicators(self, kind, rows):
        """Replace ``kind``'s indicators by ``rows`` (dicts of review_indicators.EDITABLE,
        matched to the stored ones by 指标编号; ``version`` when given must be the stored
        one): new codes are added, changed ones updated, codes not in ``rows`` removed —
        one transaction, one audit row per changed indicator.  Returns the kind's
        indicators.  Raises InvalidValueError for a bad row, DuplicateError for a code given
        twice, RuleError when the active weights do not sum to 100, StaleVersionError."""
        self.replace_all({kind: rows})
        return self.indicators(kind)

    def replace_all(self, kinds):
        """:meth:`save_indicators` for several kinds at once ({kind: rows}), all or nothing
        (an imported workbook).  Returns the number of indicators saved."""
        self.require_admin("修改绩效评价指标")
        checked = {}
        for kind, rows in kinds.items():
            kind = _kind(kind)
            cleaned = [ri.clean(dict(r), n) for n, r in enumerate(rows, start=1)]
            codes = [c["code"] for c in cleaned]
            twice = sorted({c for c in codes if codes.count(c) > 1})
            if twice:
                raise DuplicateError(
                    f"「{kind}」的指标编号重复：{'、'.join(twice)}，每个编号只能用一次"
                )
            scoring.check_weights(kind, [_Weight(c) for c in cleaned])
            checked[kind] = (rows, cleaned)
        with self.atomic():
            for kind, (rows, cleaned) in checked.items():
                self._replace(kind, rows, cleaned)
        return sum(len(cleaned) for _, cleaned in checked.values())

    def _replace(self, kind, rows, cleaned):
        stored = {
            r.code: r for r in ReviewIndicator.select().where(ReviewIndicator.carrier_kind == kind)
        }
        codes = {values["code"] for values in cleaned}
        for code, row in stored.items():
            if code not in codes:
                before = {f: getattr(row, f) for f in ri.EDITABLE}
                writes.delete(self.actor, row, ENTITY, KIND, before, row.version)
        for given, values in zip(rows, cleaned):
            row = stored.get(values["code"])
            if row is None:
                values = dict(values, carrier_kind=kind)
                writes.create(self.actor, ReviewIndicator, ENTITY, values)
                continue
            changed = {f: x for f, x in values.items() if not _same(getattr(row, f), x)}
            version = given.get("version")
            version = row.version if version in (None, "") else int(version)
            if changed:
                writes.update(self.actor, row, ENTITY, KIND, changed, version)
            elif version != row.version:
                raise writes.stale(KIND, row.name, version, row.version)

    def update_indicator(self, indicator_id, changes, version):
        """Change one indicator (any of review_indicators.EDITABLE); the kind's active
        weights must still sum to 100.  Returns the IndicatorRecord."""
        writes.require_version(version)
        self.require_admin("修改绩效评价指标")
        with self.atomic():
            row = get_or_404(ReviewIndicator, indicator_id, KIND)
            merged = {f: getattr(row, f) for f in ri.EDITABLE}
            merged.update(changes)
            values = ri.clean(merged)
            others = ReviewIndicator.select().where(
                (ReviewIndicator.carrier_kind == row.carrier_kind) & (ReviewIndicator.id != row.id)
            )
            if values["code"] != row.code and any(o.code == values["code"] for o in others):
                raise DuplicateError(f"「{row.carrier_kind}」已有指标编号「{values['code']}」")
            scoring.check_weights(row.carrier_kind, [_Weight(values), *others])
            changed = {f: x for f, x in values.items() if not _same(getattr(row, f), x)}
            if changed:
                writes.update(self.actor, row, ENTITY, KIND, changed, version)
        return ri.record(ReviewIndicator.get_by_id(indicator_id))

    # --- scores --------------------------------------------------------------------------
    def default_year(self):
        """The year reviewed unless one is named: the last complete one."""
        self.require_login()
        return datetime.date.today().year - 1

    def scores(self, carrier_id, year):
        """The CarrierReview of one carrier in ``year`` (its sheet: every active indicator of
        its kind).  A street user may read only their own street's carriers."""
        self.require_login()
        year = check_year(year)
        carrier = get_or_404(Carrier, carrier_id, "载体")
        self.require_visible(carrier.street_id, "载体")
        for review in self._kind_reviews(carrier.kind, year, extra=carrier.id):
            if review.carrier_id == carrier.id:
                return review
        raise NotFoundError(f"载体「{carrier.name}」没有「{carrier.kind}」的评价指标")

    def ranking(self, year=None, kind=None):
        """[CarrierReview] of ``year`` (default: :meth:`default_year`) by kind (chain order),
        then rank; one kind when given.  A street user gets their own street's carriers (with
        their district-wide ranks)."""
        self.require_login()
        year = check_year(self.default_year() if year is None else year)
        kinds = ref.CARRIER_KINDS if kind is None else (_kind(kind),)
        found = []
        for each in kinds:
            found += [r for r in self._kind_reviews(each, year) if self._sees_street(r.street)]
        return found

    def sheets(self, year=None, carrier_id=None):
        """The sheets to print: one carrier's, or every carrier's the actor may see."""
        if carrier_id is not None:
            return [self.scores(carrier_id, self.default_year() if year is None else year)]
        return self.ranking(year)

    # --- internals -----------------------------------------------------------------------
    def _sees_street(self, street_name):
        if not self.actor.scoped:
            return True
        return street_name is not None and street_name == self.actor.street

    def _kind_reviews(self, kind, year, extra=None):
        indicators = self.indicators(kind, active_only=True)
        reported = CarrierYear.select(CarrierYear.carrier).where(CarrierYear.year == year)
        condition = (Carrier.status == "运营") | Carrier.id.in_(reported)
        if extra is not None:
            condition |= Carrier.id == extra
        carriers = list(
            Carrier.select(Carrier, Street.name.alias("street_name"))
            .join(Street, JOIN.LEFT_OUTER, on=(Carrier.street == Street.id))
            .where((Carrier.kind == kind) & condition)
            .objects()
        )
        figures = rm.figures_of([c.id for c in carriers], year)
        scored = []
        for c in carriers:
            rows = tuple(_line(i, figures[c.id]) for i in indicators)
            total = sum((r.points for r in rows), Decimal(0))
            scored.append((c, rows, total, figures[c.id].year is not None))
        scored.sort(key=lambda s: (-s[2], pinyin_keys(s[0].name)[0], s[0].name))
        reviews, rank = [], 0
        for n, (c, rows, total, reported) in enumerate(scored, start=1):
            if n == 1 or total != scored[n - 2][2]:
                rank = n  # equal totals share the rank of the first of them
            reviews.append(
                CarrierReview(
                    c.id, c.name, c.kind, c.level, c.street_name, year, rows, total, rank,
                    len(scored), reported,
                )
            )  # fmt: skip
        return reviews


class _Weight:
    """What check_weights reads of a cleaned row."""

    def __init__(self, values):
        self.active = values["active"]
        self.weight = values["weight"]


def _line(indicator, figures):
    value = rm.value_of(indicator.measure, figures)
    measure = rm.MEASURES[indicator.measure]
    return IndicatorScore(
        indicator.code,
        indicator.name,
        indicator.category,
        measure.unit,
        value,
        indicator.rule_text,
        indicator.weight,
        scoring.points(value, indicator),
        measure.source,
    )


def _same(stored, new):
    if isinstance(stored, Decimal) or isinstance(new, Decimal):
        return stored is not None and new is not None and Decimal(stored) == Decimal(new)
    return stored == new


def _kind(kind):
    if kind not in ref.CARRIER_KINDS:
        raise InvalidValueError(
            f"载体类型「{kind}」不存在，应为 {'、'.join(ref.CARRIER_KINDS)} 之一", field="kind"
        )
    return kind
