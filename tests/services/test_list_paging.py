"""Keyset paging of the enterprise list (services.paging): the page after or before a page
already shown, found from its last or first row's key, is exactly the page OFFSET gives —
for every sortable column in both directions, with ties (the id breaks them) and NULLs (each
engine's own place for them), with filters and a street user's scope — and a jump to a page
in the second half (read from the end) gives the same rows as reading from the start."""

import datetime

import pytest

from db.models import Enterprise
from gjz_registry import demo
from gjz_registry import reference as ref
from gjz_registry.services.enterprises import _SORTS

TODAY = datetime.date(2024, 6, 30)
PAGE = 7
ORDERS = [sign + column for column in _SORTS for sign in ("", "-")]


@pytest.fixture
def listed(admin):
    demo.generate(admin.db, 60, seed=5, today=TODAY)

    # NULLs and ties in every nullable sort column; equal names' pinyin
    def every(n, rest=0):
        return Enterprise.id.in_([i for i in range(1, 61) if i % n == rest])

    Enterprise.update(founded_on=None).where(every(5)).execute()
    Enterprise.update(industry=None).where(every(4)).execute()
    Enterprise.update(founded_on=datetime.date(2020, 1, 1)).where(every(6, 1)).execute()
    same = Enterprise.get_by_id(3)
    Enterprise.update(name_pinyin=same.name_pinyin).where(Enterprise.id.in_([9, 17])).execute()
    return admin


def ids(page):
    return [e.id for e in page.items]


def walk(service, order, **filters):
    """All rows in one call, then page by page forward (after) and back (before)."""
    everything = ids(service.list(order_by=order, limit=10_000, **filters))
    pages = [everything[i : i + PAGE] for i in range(0, len(everything), PAGE)] or [[]]
    page = service.list(order_by=order, limit=PAGE, **filters)
    forward = [ids(page)]
    while page.items:
        shown = page.total
        page = service.list(order_by=order, limit=PAGE, after=page.last_key, **filters)
        forward.append(ids(page))
        assert page.total == shown == len(everything)
    assert forward[-1] == [] and page.first_key is None  # the page after the last
    assert forward[:-1] == pages or forward == [[]] == pages, order
    offset = (len(pages) - 1) * PAGE
    page = service.list(order_by=order, offset=offset, limit=PAGE, **filters)
    backward = [ids(page)]
    while page.items:
        page = service.list(order_by=order, limit=PAGE, before=page.first_key, **filters)
        backward.append(ids(page))
    assert backward[-1] == [] and backward[:-1][::-1] == pages or pages == [[]], order
    for number, expected in enumerate(pages):  # jumps, half of them read from the end
        assert ids(service.list(order_by=order, offset=number * PAGE, limit=PAGE, **filters)) == (
            expected
        )
    return everything


@pytest.mark.parametrize("order", ORDERS)
def test_keyset_pages_equal_offset_pages(listed, order):
    everything = walk(listed.enterprises, order)
    assert sorted(everything) == [e.id for e in Enterprise.select().order_by(Enterprise.id)]


def test_keyset_pages_with_filters_and_scope(listed, clerk):
    high_tech = walk(listed.enterprises, "name", qualification=ref.QUAL_HIGH_TECH, as_of=TODAY)
    assert 0 < len(high_tech) < 60
    walk(listed.enterprises, "-stage", stage="未入驻")
    walk(listed.enterprises, "founded_on", street="大连湾街道", qualification=ref.QUAL_HIGH_TECH)
    mine = walk(clerk.enterprises, "-industry")
    assert mine and all(clerk.enterprises.get(i).street == "大连湾街道" for i in mine)


def test_the_qualification_filter_keeps_holders_of_a_valid_one(listed):
    """The filter reads the qualification table once (IN), not once per enterprise: the
    same enterprises as the validity rule picks one by one."""
    from db.models import Qualification
    from gjz_registry.services.validity import valid_on

    holders = {
        q.enterprise_id for q in Qualification.select().where(valid_on(ref.QUAL_TECH_SME, TODAY))
    }
    page = listed.enterprises.list(qualification=ref.QUAL_TECH_SME, as_of=TODAY, limit=1000)
    assert set(ids(page)) == holders and page.total == len(holders) > 0
    assert listed.enterprises.count(qualification=ref.QUAL_TECH_SME, as_of=TODAY) == page.total
