"""Which action plan is in force on a date (targets.in_force), and which one the screens show
by default when none is (targets.plan): the seeded 2018–2020 plan ended long ago."""

import datetime

SEEDED_START, SEEDED_END = datetime.date(2018, 7, 27), datetime.date(2020, 12, 31)


def test_the_seeded_plan_is_in_force_only_within_its_span(admin):
    t = admin.targets
    (seeded,) = t.plans()
    assert (seeded.starts_on, seeded.ends_on) == (SEEDED_START, SEEDED_END)
    assert t.in_force(SEEDED_START).id == seeded.id
    assert t.in_force(SEEDED_END).id == seeded.id
    assert t.in_force(SEEDED_START - datetime.timedelta(days=1)) is None
    assert t.in_force(SEEDED_END + datetime.timedelta(days=1)) is None
    assert t.in_force() is None  # today: the plan has ended
    assert t.plan().id == seeded.id  # … and is still the one shown, as the latest


def test_a_later_plan_is_in_force_and_offers_its_periods_to_its_end(admin, viewer):
    today = datetime.date.today()
    t = admin.targets
    later = t.add_plan(
        "甘井子区科技创新行动计划(测试)",
        datetime.date(today.year - 1, 1, 1),
        f"{today.year + 1}-12-31",
    )
    assert viewer.targets.in_force() is None  # a draft: not in force, not even seen
    t.publish_plan(later.id)
    assert viewer.targets.in_force().id == later.id
    assert t.in_force(datetime.date(2019, 5, 1)).name != later.name  # the old one, then
    assert t.plan().id == later.id
    assert t.periods()[0] == f"{today.year - 1}H1"
    assert t.periods()[-1] == f"{today.year}H{1 if today.month <= 6 else 2}"  # never beyond today
    assert t.in_force(datetime.date(today.year + 2, 1, 1)) is None
    # between two plans: none in force; the latest started is shown
    gap_start = datetime.date(2021, 1, 1)
    assert t.in_force(gap_start) is None
    assert t.plan(period="2021H1").ends_on == SEEDED_END
