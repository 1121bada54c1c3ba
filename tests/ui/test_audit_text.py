"""ui.audit_text: audit entries in Chinese, reference ids by name, one lookup per batch."""

import datetime
from types import SimpleNamespace

from gjz_registry import InvalidValueError
from ui.audit_text import AuditText, describe


def entry(before, after, entity="enterprise", action="update"):
    """A stand-in for an AuditEntry: only what describe() reads."""
    return SimpleNamespace(
        id=1,
        at=datetime.datetime(2026, 1, 2, 9, 30),
        user="admin",
        action=action,
        entity=entity,
        entity_id=7,
        before=before,
        after=after,
    )


class FakeRegistry:
    """The reference and carrier services as AuditText uses them, counting the calls."""

    def __init__(self):
        self.calls = []
        streets = {"大连湾街道": 1, "南关岭街道": 2}
        industries = {"新材料": 6}
        carriers = [SimpleNamespace(id=3, name="甘井子区测试孵化器")]

        def lookup(kind, table):
            def id_of(name):
                self.calls.append(kind + "_id")
                if name not in table:
                    raise InvalidValueError(name)
                return table[name]

            return id_of

        def listing(kind, names):
            def names_of(**options):
                self.calls.append(kind)
                return list(names)

            return names_of

        def carrier_page(offset=0, limit=100):
            self.calls.append("carriers")
            return SimpleNamespace(items=carriers[offset : offset + limit], total=len(carriers))

        self.reference = SimpleNamespace(
            streets=listing("streets", [*streets, "旧街道"]),
            street_id=lookup("street", streets),
            industries=listing("industries", industries),
            industry_id=lookup("industry", industries),
        )
        self.carriers = SimpleNamespace(list=carrier_page)

        def enterprise_names(ids):
            self.calls.append(("enterprises", sorted(ids)))
            return {i: name for i, name in {5: "大连甲公司"}.items() if i in ids}

        self.enterprises = SimpleNamespace(names=enterprise_names)


def test_describe_labels_and_values_in_chinese():
    e = entry(
        {"notes": None, "stage": "孵化器", "registered_capital": "100.50", "active": True},
        {"notes": "地址已核实", "stage": "加速器", "registered_capital": "120", "active": False},
    )
    assert describe(e) == (
        "备注：— → 地址已核实；阶段：孵化器 → 加速器；注册资本(万元)：100.50 → 120；启用：是 → 否"
    )
    removed = entry({"level": "省级"}, {}, entity="carrier")
    assert describe(removed) == "认定级别：省级 →"
    setting = entry({"value": "甲"}, {"unit_name": "乙"}, entity="setting")
    assert describe(setting) == "打印单位名称：甲 → 乙"


def test_describe_shows_reference_ids_by_name_when_given_names():
    e = entry({"street": 1, "carrier": None}, {"street": 2, "carrier": 3})
    # without names, ids stay ids (and the carrier's label says so)
    assert describe(e) == "街道：1 → 2；载体编号：— → 3"
    names = {"street": {1: "大连湾街道", 2: "南关岭街道"}, "carrier": {3: "测试孵化器"}}
    assert describe(e, names) == "街道：大连湾街道 → 南关岭街道；载体：— → 测试孵化器"
    # an id no longer known (a deleted record) is shown as it is
    assert describe(entry({}, {"carrier": 99}), names) == "载体编号：99"
    # a user's street_id is an id; on creation the user's street is logged by name: left alone
    user = entry({"street_id": 1}, {"street_id": 2}, entity="user")
    assert describe(user, names) == "街道：大连湾街道 → 南关岭街道"
    created = entry({}, {"username": "dlw", "street": "大连湾街道"}, entity="user")
    assert describe(created, names) == "用户名：dlw；街道：大连湾街道"


def test_audit_text_looks_names_up_once_per_batch():
    registry = FakeRegistry()
    entries = [
        entry(None, {"name": "某公司", "street": 1, "industry": 6}, action="create"),
        entry({"stage": None, "carrier": None}, {"stage": "孵化器", "carrier": 3}),
        entry({"street": 1}, {"street": 2}),
        entry({"notes": "旧"}, {"notes": "新"}),
    ]
    texts = AuditText(registry).describe_all(entries)
    assert texts == [
        "名称：某公司；街道：大连湾街道；产业领域：新材料",
        "阶段：— → 孵化器；载体：— → 甘井子区测试孵化器",
        "街道：大连湾街道 → 南关岭街道",
        "备注：旧 → 新",
    ]
    # one listing per kind of reference, whatever the number of rows
    assert [c for c in registry.calls if not c.endswith("_id")] == [
        "carriers",
        "industries",
        "streets",
    ]
    # a batch without reference ids asks nothing
    quiet = FakeRegistry()
    assert AuditText(quiet).describe(entry({"notes": "a"}, {"notes": "b"})) == "备注：a → b"
    assert quiet.calls == []


def test_enterprise_ids_are_named_asking_only_for_those_shown():
    """Residency, annual-data and certificate entries hold the enterprise's id: it shows by
    name, looked up for the ids of the batch only (not a listing of every enterprise); an id
    the user may not see (or a deleted one) stays a number."""
    registry = FakeRegistry()
    text = AuditText(registry)
    entries = [
        entry(None, {"enterprise": 5, "stage": "孵化器"}, entity="residency", action="create"),
        entry(None, {"enterprise": 8, "year": 2025}, entity="annual_report", action="create"),
    ]
    assert text.describe_all(entries) == [
        "企业：大连甲公司；阶段：孵化器",
        "企业编号：8；年度：2025",
    ]
    assert registry.calls == [("enterprises", [5, 8])]
    text.describe_all(entries[:1])  # already known: not asked again
    assert registry.calls == [("enterprises", [5, 8])]
