"""The permission matrix of README 「角色与权限」, table-driven.

Every public method of every service on the facade is listed below (a test fails when a
new one is not), run as an admin, a clerk of the record's street (大连湾街道), a clerk of
another street (南关岭街道) and a viewer, each on a fresh copy of one prepared database.
Allowed writes leave exactly one audit row per changed record; refused calls change nothing
(every table compared before and after).  NO_STREET_CASES do every write again on a record
without a street (the district's: only an administrator changes it).  What each read returns
to a clerk is compared with the administrator's result in test_permission_reads.py.
"""

import datetime
import inspect
import shutil

import pytest

from db.models import AuditLog, User
from gjz_registry import PermissionDeniedError, RuleError, open_registry, settings
from gjz_registry.registry import Registry
from gjz_registry.services.base import Service
from gjz_registry.services.users import actor_for
from tests.acceptance.test_cli import dump
from tests.conftest import PASSWORD, enterprise_data, make_code

A, S, O, V = (  # noqa: E741 (O = other street, reads as a table heading)
    "admin",
    "same-street clerk",
    "other-street clerk",
    "viewer",
)
ROLES = {A: "admin", S: "dlw", O: "ngl", V: "viewer"}
ALL = {A, S, O, V}
WRITERS_OF_STREET = {A, S}
ADMIN = {A}
READERS_OF_STREET = {A, S, V}


def accounts(reg):
    """The four accounts of the matrix; returns the local administrator's Registry."""
    admin = reg.as_local_admin("setup")
    for username, role, street in (
        ("admin", "admin", None),
        ("dlw", "street", "大连湾街道"),
        ("ngl", "street", "南关岭街道"),
        ("viewer", "viewer", None),
    ):
        admin.users.create(username, PASSWORD, role, street=street)
    return admin


def world(reg):
    """The records every case works on (ids are stable across copies)."""
    admin = accounts(reg)
    incubator = admin.carriers.create(
        {"name": "甘井子区权限孵化器", "kind": "孵化器", "street": "大连湾街道"}
    )
    accelerator = admin.carriers.create(
        {"name": "大连权限加速器", "kind": "加速器", "street": "大连湾街道"}
    )
    e = admin.enterprises.create(enterprise_data(1, founded_on="2024-01-01"))
    spare = admin.enterprises.create(enterprise_data(2, founded_on="2024-01-01"))
    admin.incubation.admit(e.id, incubator.id, "2024-06-01")
    q = admin.qualifications.add(e.id, "高新技术企业", "GR202521000001", granted_on="2025-11-01")
    admin.annual.save(e.id, 2024, {"revenue": 700})
    serial = admin.certificates.issue("incubation", enterprise_id=e.id).serial
    batch = admin.exchange.import_file(_workbook()).batch_id  # rows of 大连湾街道
    ids = dict(
        batch=batch,
        e=e.id,
        spare=spare.id,
        incubator=incubator.id,
        accelerator=accelerator.id,
        q=q.id,
        serial=serial,
    )
    ids.update(more_world(admin, incubator))
    return ids


def more_world(admin, incubator):
    """A carrier without a street (the district's) and its certificate; records of 南关岭街道
    and older residents of both streets — overdue, graduated, expiring, with annual data — so
    that every list and figure a clerk reads has rows of the other street to leave out."""
    district = admin.carriers.create(
        {
            "name": "甘井子区区级孵化器",
            "kind": "孵化器",
            "level": "省级",
            "recognized_on": "2020-01-01",
            "operator_name": "甘井子区科技发展有限公司",
            "operator_credit_code": make_code(80),
        }
    )
    district_serial = admin.certificates.issue("carrier", carrier_id=district.id).serial
    ngl_incubator = admin.carriers.create(
        {"name": "南关岭权限孵化器", "kind": "孵化器", "street": "南关岭街道"}
    )
    clerk = Registry(admin.db, admin.target, actor_for(User.get(User.username == "dlw")))
    clerk.exchange.import_file(_workbook(start=91))  # a clerk's own batch
    so_far = [e.id for e in admin.enterprises.list(limit=1000).items]  # all of 大连湾街道
    by_street = {"大连湾街道": so_far, "南关岭街道": []}
    today = datetime.date.today()
    expiring = datetime.date(today.year - 3, today.month, min(today.day, 28))
    expiring += datetime.timedelta(days=30)  # its certificate ends within 90 days
    for n, street, carrier, field in (
        (3, "大连湾街道", incubator, "生命健康"),
        (4, "南关岭街道", incubator, "新材料"),  # in a carrier of the other street
        (5, "南关岭街道", ngl_incubator, "生命健康"),
    ):
        old = admin.enterprises.create(
            enterprise_data(n, street=street, founded_on="2019-01-01", industry=field)
        )
        admin.incubation.admit(old.id, carrier.id, "2019-06-01")
        admin.qualifications.add(
            old.id, "高新技术企业", f"GR201921{n:06d}", granted_on="2019-11-01"
        )
        number = f"GR{expiring.year}21{n + 100:06d}"
        admin.qualifications.add(old.id, "高新技术企业", number, granted_on=expiring)
        admin.qualifications.add(old.id, "科技型中小企业", f"{today.year}210211A{n:07d}")
        values = {"revenue": 600, "output_value": 800 * n, "tech_contract_amount": 40 * n}
        admin.annual.save(old.id, 2019, values)
        admin.annual.save(old.id, 2020, {"revenue": 600})
        by_street[street].append(old.id)
    graduates = {}
    for n, street in ((6, "大连湾街道"), (7, "南关岭街道")):  # graduates of the 大连湾 incubator
        grad = admin.enterprises.create(enterprise_data(n, street=street, founded_on="2020-01-01"))
        admin.incubation.admit(grad.id, incubator.id, "2020-06-01")
        admin.incubation.graduate(grad.id, "2023-06-01", "merger_or_listing", "2023年被收购")
        by_street[street].append(grad.id)
        graduates[street] = grad.id
    newcomer = admin.enterprises.create(
        enterprise_data(8, street="南关岭街道", founded_on="2024-01-01")
    )
    admin.incubation.admit(newcomer.id, ngl_incubator.id, "2024-06-01")
    admin.certificates.issue("incubation", enterprise_id=newcomer.id)
    by_street["南关岭街道"].append(newcomer.id)
    for street, value in (("大连湾街道", 3), ("南关岭街道", 4)):  # hand-entered street figures
        admin.targets.add_target(1, "街道技术对接活动", "2020", 10, "次", scope=street)
        admin.targets.set_actual("街道技术对接活动", "2020H1", value, scope=street)
    return dict(
        district=district.id,
        district_serial=district_serial,
        by_street=by_street,
        graduate=graduates["大连湾街道"],
    )


# (service, method) → (call(reg, ids), roles allowed, audit rows when allowed or None)
CASES = {
    ("enterprises", "create"): (
        lambda r, i: r.enterprises.create(enterprise_data(9)),
        WRITERS_OF_STREET,
        1,
    ),
    ("enterprises", "update"): (
        lambda r, i: r.enterprises.update(
            i["e"], {"notes": "x"}, version=r.enterprises.get(i["e"]).version
        ),
        WRITERS_OF_STREET,
        1,
    ),
    ("enterprises", "deactivate"): (
        lambda r, i: r.enterprises.deactivate(i["spare"], "迁出", version=1),
        WRITERS_OF_STREET,
        1,
    ),
    ("enterprises", "get"): (lambda r, i: r.enterprises.get(i["e"]), READERS_OF_STREET, None),
    ("enterprises", "get_by_code"): (
        lambda r, i: r.enterprises.get_by_code(enterprise_data(1)["credit_code"]),
        READERS_OF_STREET,
        None,
    ),
    ("enterprises", "find_by_code"): (
        lambda r, i: r.enterprises.find_by_code(enterprise_data(1)["credit_code"]),
        READERS_OF_STREET,
        None,
    ),
    ("enterprises", "audit_trail"): (
        lambda r, i: r.enterprises.audit_trail(i["e"]),
        READERS_OF_STREET,
        None,
    ),
    ("enterprises", "names"): (
        lambda r, i: r.enterprises.names(sum(i["by_street"].values(), [])),
        ALL,
        None,
    ),
    ("enterprises", "list"): (lambda r, i: r.enterprises.list(), ALL, None),
    ("enterprises", "count"): (lambda r, i: r.enterprises.count(), ALL, None),
    ("enterprises", "search"): (lambda r, i: r.enterprises.search("测试"), ALL, None),
    ("enterprises", "clean"): (lambda r, i: r.enterprises.clean({"name": "x"}, True), ALL, None),
    ("enterprises", "clean_column"): (
        lambda r, i: r.enterprises.clean_column("name", ["x", "y"]),
        ALL,
        None,
    ),
    ("carriers", "create"): (
        lambda r, i: r.carriers.create(
            {"name": "新载体", "kind": "加速器", "street": "大连湾街道"}
        ),
        WRITERS_OF_STREET,
        1,
    ),
    ("carriers", "update"): (
        lambda r, i: r.carriers.update(i["accelerator"], {"level": "区级"}, version=1),
        WRITERS_OF_STREET,
        1,
    ),
    ("carriers", "get"): (lambda r, i: r.carriers.get(i["incubator"]), ALL, None),
    ("carriers", "get_by_name"): (lambda r, i: r.carriers.get_by_name("大连权限加速器"), ALL, None),
    ("carriers", "list"): (lambda r, i: r.carriers.list(), ALL, None),
    ("carriers", "names"): (lambda r, i: r.carriers.names(), ALL, None),
    ("carriers", "choices"): (lambda r, i: r.carriers.choices(), ALL, None),
    ("carriers", "graduates"): (lambda r, i: r.carriers.graduates(i["incubator"]), ALL, None),
    ("carriers", "audit_trail"): (
        lambda r, i: r.carriers.audit_trail(i["incubator"]),
        ALL,
        None,
    ),
    ("carriers", "clean"): (lambda r, i: r.carriers.clean({"name": "x"}, True), ALL, None),
    ("carriers", "clean_column"): (lambda r, i: r.carriers.clean_column("name", ["x"]), ALL, None),
    ("qualifications", "add"): (
        lambda r, i: r.qualifications.add(i["spare"], "科技型中小企业", "2025210211A0000001"),
        WRITERS_OF_STREET,
        1,
    ),
    ("qualifications", "revoke"): (
        lambda r, i: r.qualifications.revoke(i["q"], reason="x"),
        WRITERS_OF_STREET,
        1,
    ),
    ("qualifications", "get"): (lambda r, i: r.qualifications.get(i["q"]), READERS_OF_STREET, None),
    ("qualifications", "for_enterprise"): (
        lambda r, i: r.qualifications.for_enterprise(i["e"]),
        READERS_OF_STREET,
        None,
    ),
    ("qualifications", "current"): (
        lambda r, i: r.qualifications.current("高新技术企业"),
        ALL,
        None,
    ),
    ("qualifications", "expiring"): (lambda r, i: r.qualifications.expiring(), ALL, None),
    ("incubation", "admit"): (
        lambda r, i: r.incubation.admit(i["spare"], i["incubator"], "2024-07-01"),
        WRITERS_OF_STREET,
        2,
    ),
    ("incubation", "move"): (
        lambda r, i: r.incubation.move(i["e"], i["accelerator"], "2025-01-01"),
        WRITERS_OF_STREET,
        3,
    ),
    ("incubation", "graduate"): (
        lambda r, i: r.incubation.graduate(i["e"], "2025-12-01"),
        WRITERS_OF_STREET,
        2,
    ),
    ("incubation", "leave"): (
        lambda r, i: r.incubation.leave(i["e"], "2025-01-01", "终止"),
        WRITERS_OF_STREET,
        2,
    ),
    ("incubation", "close_open_residency"): (
        lambda r, i: r.incubation.close_open_residency(
            _row(i["e"]), __import__("datetime").date(2025, 1, 1), "迁出"
        ),
        WRITERS_OF_STREET,
        2,
    ),
    ("incubation", "history"): (lambda r, i: r.incubation.history(i["e"]), READERS_OF_STREET, None),
    ("incubation", "residents"): (lambda r, i: r.incubation.residents(), ALL, None),
    ("incubation", "overdue"): (lambda r, i: r.incubation.overdue(), ALL, None),
    ("incubation", "graduation_candidates"): (
        lambda r, i: r.incubation.graduation_candidates(),
        ALL,
        None,
    ),
    ("incubation", "graduation_checks"): (
        lambda r, i: r.incubation.graduation_checks(i["e"]),
        READERS_OF_STREET,
        None,
    ),
    ("incubation", "rules"): (lambda r, i: r.incubation.rules(), ALL, None),
    ("incubation", "time_limit_text"): (lambda r, i: r.incubation.time_limit_text(), ALL, None),
    ("incubation", "set_rules"): (
        lambda r, i: r.incubation.set_rules(
            {"time_limits": {"苗圃": {"months": 40, "long_cycle_months": 60}}}
        ),
        ADMIN,
        1,
    ),
    ("incubation", "last_step"): (
        lambda r, i: r.incubation.last_step(i["graduate"]),
        READERS_OF_STREET,
        None,
    ),
    # the last step of 大连湾's graduate: an administrator only, the residency (+ enterprise)
    ("incubation", "correct_last_step"): (
        lambda r, i: r.incubation.correct_last_step(i["graduate"], on_date="2023-05-01"),
        ADMIN,
        1,
    ),
    ("incubation", "withdraw_last_step"): (
        lambda r, i: r.incubation.withdraw_last_step(i["graduate"]),
        ADMIN,
        2,
    ),
    ("annual", "save"): (
        lambda r, i: r.annual.save(i["e"], 2025, {"revenue": 800}),
        WRITERS_OF_STREET,
        1,
    ),
    ("annual", "for_enterprise"): (
        lambda r, i: r.annual.for_enterprise(i["e"]),
        READERS_OF_STREET,
        None,
    ),
    ("annual", "prefill"): (lambda r, i: r.annual.prefill(i["e"], 2025), READERS_OF_STREET, None),
    ("annual", "flags"): (
        lambda r, i: r.annual.flags(i["e"], 2025),
        READERS_OF_STREET,
        None,
    ),
    ("carrier_years", "save"): (
        lambda r, i: r.carrier_years.save(i["incubator"], 2025, {"events": 3}),
        WRITERS_OF_STREET,
        1,
    ),
    ("carrier_years", "clean"): (lambda r, i: r.carrier_years.clean({"events": 1}), ALL, None),
    ("carrier_years", "clean_column"): (
        lambda r, i: r.carrier_years.clean_column("events", [1, 2]),
        ALL,
        None,
    ),
    ("carrier_years", "get"): (lambda r, i: r.carrier_years.get(i["incubator"], 2025), ALL, None),
    ("carrier_years", "prefill"): (
        lambda r, i: r.carrier_years.prefill(i["incubator"], 2025),
        ALL,
        None,
    ),
    ("carrier_years", "for_carrier"): (
        lambda r, i: r.carrier_years.for_carrier(i["incubator"]),
        ALL,
        None,
    ),
    ("carrier_years", "counts"): (
        lambda r, i: r.carrier_years.counts(i["incubator"], 2020),
        ALL,
        None,
    ),
    ("carrier_years", "comparison"): (
        lambda r, i: r.carrier_years.comparison(i["incubator"], 2020),
        ALL,
        None,
    ),
    ("carrier_years", "outputs"): (lambda r, i: r.carrier_years.outputs(2020), ALL, None),
    ("reviews", "measures"): (lambda r, i: r.reviews.measures(), ALL, None),
    ("reviews", "indicators"): (lambda r, i: r.reviews.indicators("孵化器"), ALL, None),
    ("reviews", "default_year"): (lambda r, i: r.reviews.default_year(), ALL, None),
    ("reviews", "save_indicators"): (
        lambda r, i: r.reviews.save_indicators("孵化器", _review_rows(r, I01=9, I02=9)),
        ADMIN,
        2,
    ),
    ("reviews", "replace_all"): (
        lambda r, i: r.reviews.replace_all({"孵化器": _review_rows(r, I01=11, I02=7)}),
        ADMIN,
        2,
    ),
    ("reviews", "update_indicator"): (
        lambda r, i: r.reviews.update_indicator(1, {"name": "种子基金"}, version=1),
        ADMIN,
        1,
    ),
    ("reviews", "scores"): (
        lambda r, i: r.reviews.scores(i["incubator"], 2024),
        READERS_OF_STREET,
        None,
    ),
    ("reviews", "ranking"): (lambda r, i: r.reviews.ranking(2024), ALL, None),
    ("reviews", "sheets"): (lambda r, i: r.reviews.sheets(2024), ALL, None),
    ("users", "create"): (lambda r, i: r.users.create("new1", PASSWORD, "viewer"), ADMIN, 1),
    ("users", "list"): (lambda r, i: r.users.list(), ADMIN, None),
    ("users", "set_active"): (lambda r, i: r.users.set_active("viewer", False), ADMIN, 1),
    ("users", "set_role"): (
        lambda r, i: r.users.set_role("viewer", "street", "南关岭街道"),
        ADMIN,
        1,
    ),
    ("users", "set_password"): (lambda r, i: r.users.set_password("admin", "changed123"), ADMIN, 1),
    ("users", "count"): (lambda r, i: r.users.count(), ALL, None),
    ("users", "unlock"): (lambda r, i: _unlock_locked_viewer(r), ADMIN, 1),
    ("reference", "add_street"): (lambda r, i: r.reference.add_street("新园区", "园区"), ADMIN, 1),
    ("reference", "rename_street"): (
        lambda r, i: r.reference.rename_street("岔鞍街道", "岔鞍"),
        ADMIN,
        1,
    ),
    ("reference", "set_street_active"): (
        lambda r, i: r.reference.set_street_active("岔鞍街道", False),
        ADMIN,
        1,
    ),
    ("reference", "set_setting"): (
        lambda r, i: r.reference.set_setting(settings.UNIT_NAME, "单位"),
        ADMIN,
        1,
    ),
    ("reference", "setting"): (lambda r, i: r.reference.setting(settings.UNIT_NAME), ALL, None),
    ("reference", "streets"): (lambda r, i: r.reference.streets(), ALL, None),
    ("reference", "industries"): (lambda r, i: r.reference.industries(), ALL, None),
    ("reference", "street_id"): (lambda r, i: r.reference.street_id("大连湾街道"), ALL, None),
    ("reference", "street_name"): (lambda r, i: r.reference.street_name(1), ALL, None),
    ("reference", "industry_id"): (lambda r, i: r.reference.industry_id("新材料"), ALL, None),
    ("reference", "invalidate"): (lambda r, i: r.reference.invalidate(), ALL, None),
    ("reference", "district"): (lambda r, i: r.reference.district(), ALL, None),
    ("reference", "unit_name"): (lambda r, i: r.reference.unit_name("大连湾街道"), ALL, None),
    ("reference", "default_street_unit"): (
        lambda r, i: r.reference.default_street_unit("大连湾街道"),
        ALL,
        None,
    ),
    ("reference", "own_unit_name"): (lambda r, i: r.reference.own_unit_name(), ALL, None),
    ("reference", "street_units"): (lambda r, i: r.reference.street_units(), ALL, None),
    ("reference", "set_street_unit"): (
        lambda r, i: r.reference.set_street_unit("岔鞍街道", "岔鞍街道办事处"),
        ADMIN,
        1,
    ),
    ("audit", "list"): (lambda r, i: r.audit.list(), ADMIN, None),
    ("audit", "latest_id"): (lambda r, i: r.audit.latest_id(), ALL, None),  # 首页's data version
    ("statistics", "street_stage"): (lambda r, i: r.statistics.street_stage(), ALL, None),
    ("statistics", "street_field"): (lambda r, i: r.statistics.street_field(), ALL, None),
    ("statistics", "street_counts"): (lambda r, i: r.statistics.street_counts("stage"), ALL, None),
    ("statistics", "qualification_counts"): (
        lambda r, i: r.statistics.qualification_counts([2019, 2020, 2025]),
        ALL,
        None,
    ),
    ("statistics", "valid_count"): (
        lambda r, i: r.statistics.valid_count("高新技术企业", __import__("datetime").date.today()),
        ALL,
        None,
    ),
    ("statistics", "funnel"): (
        lambda r, i: r.statistics.funnel([2019, 2020, 2023, 2024]),
        ALL,
        None,
    ),
    ("statistics", "carrier_occupancy"): (lambda r, i: r.statistics.carrier_occupancy(), ALL, None),
    ("statistics", "field_output"): (lambda r, i: r.statistics.field_output(2019), ALL, None),
    ("statistics", "incubation_output"): (
        lambda r, i: r.statistics.incubation_output(2020),
        ALL,
        None,
    ),
    ("statistics", "carrier_year_on_year"): (
        lambda r, i: r.statistics.carrier_year_on_year(2024),
        ALL,
        None,
    ),
    ("statistics", "incubator_figures"): (
        lambda r, i: r.statistics.incubator_figures(2024),
        ALL,
        None,
    ),
    ("maintenance", "backup"): (lambda r, i: r.maintenance.backup(), ALL, None),
    ("maintenance", "auto_backup"): (lambda r, i: r.maintenance.auto_backup(), ALL, None),
    ("maintenance", "backup_folder"): (lambda r, i: r.maintenance.backup_folder(), ALL, None),
    ("maintenance", "check"): (lambda r, i: r.maintenance.check(), ALL, None),
    ("maintenance", "backups"): (lambda r, i: r.maintenance.backups(), ALL, None),
    ("maintenance", "restore"): (
        lambda r, i: r.maintenance.restore(r.maintenance.backup()),
        ADMIN,
        1,
    ),
    ("certificates", "issue"): (
        lambda r, i: (
            r.certificates.revoke(i["serial"], "重开"),
            r.certificates.issue("incubation", enterprise_id=i["e"]),
        ),
        WRITERS_OF_STREET,
        2,
    ),
    ("certificates", "issue_batch"): (
        lambda r, i: (
            r.certificates.revoke(i["serial"], "重开"),
            r.certificates.issue_batch("incubation", [i["e"]]),
        ),
        WRITERS_OF_STREET,
        2,
    ),
    ("certificates", "revoke"): (
        lambda r, i: r.certificates.revoke(i["serial"], "撤销"),
        WRITERS_OF_STREET,
        1,
    ),
    ("certificates", "verify"): (lambda r, i: r.certificates.verify(i["serial"]), ALL, None),
    ("certificates", "verify_payload"): (
        lambda r, i: r.certificates.verify_payload(f"GJZ-CERT|{i['serial']}|AAAA-AAAA-AAAA"),
        ALL,
        None,
    ),
    ("certificates", "get"): (
        lambda r, i: r.certificates.get(i["serial"]),
        READERS_OF_STREET,
        None,
    ),
    ("certificates", "reprint"): (
        lambda r, i: r.certificates.reprint(i["serial"]),
        READERS_OF_STREET,
        1,  # every reprint is audited, a viewer's too
    ),
    ("certificates", "list"): (lambda r, i: r.certificates.list(), ALL, None),
    ("certificates", "template"): (lambda r, i: r.certificates.template("incubation"), ALL, None),
    ("certificates", "set_template"): (
        lambda r, i: r.certificates.set_template("incubation", "{holder_name}入驻{carrier_name}。"),
        ADMIN,
        1,
    ),
    ("certificates", "unit_name"): (lambda r, i: r.certificates.unit_name(), ALL, None),
    ("certificates", "basis"): (lambda r, i: r.certificates.basis(), ALL, None),
    ("listings", "listing"): (lambda r, i: r.listings.listing("high-tech-list"), ALL, None),
    ("listings", "kinds"): (lambda r, i: r.listings.kinds(), ALL, None),
    ("listings", "high_tech"): (lambda r, i: r.listings.high_tech(year=2025), ALL, None),
    ("listings", "tech_sme"): (lambda r, i: r.listings.tech_sme(), ALL, None),
    ("listings", "carriers"): (lambda r, i: r.listings.carriers(), ALL, None),
    ("listings", "residents"): (lambda r, i: r.listings.residents(), ALL, None),
    ("listings", "statistics_report"): (lambda r, i: r.listings.statistics_report(), ALL, None),
    ("listings", "unit_name"): (lambda r, i: r.listings.unit_name(), ALL, None),
    ("listings", "district"): (lambda r, i: r.listings.district(), ALL, None),
    ("listings", "as_of"): (lambda r, i: r.listings.as_of(2025), ALL, None),
    # a clerk of another street may import: rows outside their street are rejected, not written
    ("exchange", "import_file"): (
        lambda r, i: r.exchange.import_file(_workbook()),
        {A, S, O},
        None,
    ),
    ("exchange", "preview"): (lambda r, i: r.exchange.preview(_workbook()), {A, S, O}, 0),
    # an admin's batch: only its importer or an admin may undo it
    ("exchange", "undo"): (lambda r, i: r.exchange.undo(i["batch"]), ADMIN, None),
    ("exchange", "batches"): (lambda r, i: r.exchange.batches(), ALL, 0),
    ("exchange", "export"): (lambda r, i: r.exchange.export("enterprises", _out("e.xlsx")), ALL, 0),
    ("exchange", "export_kinds"): (lambda r, i: r.exchange.export_kinds(), ALL, 0),
    ("exchange", "template"): (lambda r, i: r.exchange.template(_out("t.xlsx")), ALL, 0),
    ("targets", "plans"): (lambda r, i: r.targets.plans(), ALL, None),
    ("targets", "plan"): (lambda r, i: r.targets.plan(), ALL, None),
    ("targets", "in_force"): (lambda r, i: r.targets.in_force(), ALL, None),
    ("targets", "plan_text"): (lambda r, i: r.targets.plan_text(), ALL, None),
    ("targets", "periods"): (lambda r, i: r.targets.periods(), ALL, None),
    ("targets", "default_period"): (lambda r, i: r.targets.default_period(), ALL, None),
    ("targets", "targets"): (lambda r, i: r.targets.targets(), ALL, None),
    ("targets", "target"): (lambda r, i: r.targets.target(1), ALL, None),
    ("targets", "tasks"): (lambda r, i: r.targets.tasks(None, "2020H1"), ALL, None),
    ("targets", "task_by_number"): (lambda r, i: r.targets.task_by_number(7), ALL, None),
    ("targets", "measures"): (lambda r, i: r.targets.measures(), ALL, None),
    ("targets", "actuals"): (lambda r, i: r.targets.actuals("2020H1"), ALL, None),
    ("targets", "progress"): (lambda r, i: r.targets.progress("2020H1"), ALL, None),
    ("targets", "drill_down"): (
        lambda r, i: r.targets.drill_down(measure="valid_high_tech", period="2020H1"),
        ALL,
        None,
    ),
    ("targets", "add_plan"): (
        lambda r, i: r.targets.add_plan("测试计划", "2021-01-01", "2025-12-31"),
        ADMIN,
        1,
    ),
    ("targets", "add_target"): (
        lambda r, i: r.targets.add_target(1, "测试指标", "2020", 5, "家"),
        ADMIN,
        1,
    ),
    ("targets", "update_target"): (
        lambda r, i: r.targets.update_target(1, {"note": "改"}, version=1),
        ADMIN,
        1,
    ),
    ("targets", "add_task"): (lambda r, i: r.targets.add_task(1, 23, "测试任务"), ADMIN, 1),
    ("targets", "split_checks"): (lambda r, i: r.targets.split_checks(1), ALL, None),
    ("targets", "update_plan"): (
        lambda r, i: r.targets.update_plan(1, {"document": "改"}, 1),
        ADMIN,
        1,
    ),
    ("targets", "copy_plan"): (
        lambda r, i: r.targets.copy_plan(1, "测试计划", "2021-01-01", "2025-12-31"),
        ADMIN,
        1 + 36 + 22,  # the plan, its 34 + 2 targets and its 22 tasks
    ),
    ("targets", "publish_plan"): (
        lambda r, i: (
            r.targets.add_plan("测试计划", "2021-01-01", "2025-12-31"),
            r.targets.publish_plan("测试计划"),
        ),
        ADMIN,
        2,
    ),
    ("targets", "retire_plan"): (lambda r, i: r.targets.retire_plan(1), ADMIN, 1),
    ("targets", "delete_target"): (lambda r, i: r.targets.delete_target(1), ADMIN, 1),
    ("targets", "split_target"): (
        lambda r, i: r.targets.split_target(6, {"大连湾街道": 80, "南关岭街道": 60}),
        ADMIN,
        2,
    ),
    ("targets", "update_task"): (
        lambda r, i: r.targets.update_task(7, {"lead_units": "区科技局"}, 1),
        ADMIN,
        1,
    ),
    ("targets", "delete_task"): (lambda r, i: r.targets.delete_task(7), ADMIN, 1),
    ("targets", "export_plan"): (
        lambda r, i: r.targets.export_plan(1, _out("plan.xlsx")),
        ALL,
        0,
    ),
    ("targets", "preview_plan"): (lambda r, i: r.targets.preview_plan(_plan_file()), ADMIN, None),
    ("targets", "import_plan"): (
        lambda r, i: r.targets.import_plan(_plan_file()),
        ADMIN,
        1 + 1 + 1 + 1,  # the plan, its target and task, the batch
    ),
    ("targets", "set_actual"): (
        lambda r, i: r.targets.set_actual("科技进步贡献率", "2020H1", 55),
        ADMIN,
        1,
    ),
    ("targets", "clear_actual"): (
        lambda r, i: (
            r.targets.set_actual("科技进步贡献率", "2020H1", 55),
            r.targets.clear_actual("科技进步贡献率", "2020H1"),
        ),
        ADMIN,
        2,
    ),
    ("targets", "set_task_progress"): (
        lambda r, i: r.targets.set_task_progress(7, "2020H1", "推进中", "测试"),
        ADMIN,
        1,
    ),
    # on EMPTY_WORLD (accounts, no enterprises): the demo data and the two demo accounts that
    # do not exist yet, each audited; a clerk or a viewer gets PermissionDeniedError
    ("demo", "fill"): (lambda r, i: r.demo.fill(enterprises=3, force=True), ADMIN, 3),
    ("demo", "is_demo_database"): (lambda r, i: r.demo.is_demo_database(), ALL, None),
}
EMPTY_WORLD = {("demo", "fill")}

# Every write again on a record without a street (the district's carrier and its certificate):
# only an administrator; a clerk's own enterprise may still enter that carrier.
NO_STREET_CASES = {
    "carriers.update": (
        lambda r, i: r.carriers.update(i["district"], {"contact_name": "王芳"}, version=1),
        ADMIN,
        1,
    ),
    "carriers.update, taking it over": (
        lambda r, i: r.carriers.update(i["district"], {"street": "大连湾街道"}, version=1),
        ADMIN,
        1,
    ),
    "carriers.update, giving one away": (
        lambda r, i: r.carriers.update(i["accelerator"], {"street": None}, version=1),
        ADMIN,
        1,
    ),
    "certificates.issue": (
        lambda r, i: (
            r.certificates.revoke(i["district_serial"], "重开"),
            r.certificates.issue("carrier", carrier_id=i["district"]),
        ),
        ADMIN,
        2,
    ),
    "certificates.issue_batch": (
        lambda r, i: (
            r.certificates.revoke(i["district_serial"], "重开"),
            r.certificates.issue_batch("carrier", carrier_ids=[i["district"]]),
        ),
        ADMIN,
        2,
    ),
    "certificates.revoke": (
        lambda r, i: r.certificates.revoke(i["district_serial"], "撤销"),
        ADMIN,
        1,
    ),
    "certificates.get": (lambda r, i: r.certificates.get(i["district_serial"]), {A, V}, None),
    "certificates.reprint": (
        lambda r, i: r.certificates.reprint(i["district_serial"]),
        {A, V},
        1,
    ),
    "exchange.import_file": (
        lambda r, i: _refused_rows(r.exchange.import_file(_carrier_workbook())),
        ADMIN,
        2,  # the carrier's update and the batch
    ),
    "incubation.admit, into it": (
        lambda r, i: r.incubation.admit(i["spare"], i["district"], "2024-07-01"),
        WRITERS_OF_STREET,
        2,
    ),
    "carriers.get": (lambda r, i: r.carriers.get(i["district"]), ALL, None),
}


def _workbook(start=90):
    """A one-row enterprise workbook of 大连湾街道 in a fresh folder."""
    import tempfile
    from pathlib import Path

    from tests.exchange import workbooks as wb
    from tests.exchange.importing import plain_rows

    return wb.write_openpyxl(Path(tempfile.mkdtemp()) / "import.xlsx", plain_rows(1, start=start))


def _carrier_workbook():
    """A carrier sheet whose one row changes the district's carrier."""
    import tempfile
    from pathlib import Path

    from tests.exchange import workbooks as wb

    rows = [["载体名称", "载体类型", "认定级别"], ["甘井子区区级孵化器", "孵化器", "国家级"]]
    return wb.write_openpyxl(Path(tempfile.mkdtemp()) / "carriers.xlsx", rows)


def _refused_rows(result):
    """An import's rows refused for scope count as a refused call."""
    if result.rejected:
        raise PermissionDeniedError(result.rejections[0].message)
    return result


def _review_rows(registry, **weights):
    """The 孵化器 review indicators as rows to save, with the ``weights`` changed by code."""
    from gjz_registry.services.review_indicators import EDITABLE

    rows = [{f: getattr(x, f) for f in EDITABLE} for x in registry.reviews.indicators("孵化器")]
    for row in rows:
        row["weight"] = weights.get(row["code"], row["weight"])
    return rows


def _out(name):
    import tempfile
    from pathlib import Path

    return Path(tempfile.mkdtemp()) / name


def _plan_file():
    """A plan workbook (exchange.plan_workbook) of one target and one task."""
    from gjz_registry.exchange.plan_workbook import write_plan_workbook

    plan = dict(name="下发计划", starts_on="2021-01-01", ends_on="2025-12-31", rhythm="年")
    target = dict(indicator="高新技术企业", scope="区", period="2025", value=300, unit="家")
    task = dict(number=1, title="培育科技领军企业", lead_units="区科技局")
    return write_plan_workbook(plan, [target], [task], _out("plan.xlsx"))


def _locked(username):
    """Give ``username`` ten failed logins (as services.logins records them); True."""
    from db.models import LoginFailure

    LoginFailure.create(username=username, failures=10)
    return True


def _unlock_locked_viewer(registry):
    """Unlock the viewer — locked first where the call may succeed, so that a refused call's
    before/after table comparison sees only what the call itself did."""
    if registry.actor.is_admin:
        _locked("viewer")
    return registry.users.unlock("viewer")


def _row(enterprise_id):
    from db.models import Enterprise

    return Enterprise.get_by_id(enterprise_id)


def make_template(folder, build):
    path = folder / "template.db"
    reg = open_registry(path)
    ids = build(reg)
    reg.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    reg.close()
    return path, ids


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return make_template(tmp_path_factory.mktemp("perm"), world)


@pytest.fixture(scope="module")
def empty_template(tmp_path_factory):
    """The accounts of the matrix and no records (what ``demo`` may fill)."""
    return make_template(tmp_path_factory.mktemp("perm-empty"), lambda reg: accounts(reg) and {})


def registry_as(template, tmp_path, role):
    path = tmp_path / "case.db"
    shutil.copy(template[0], path)
    reg = open_registry(path)
    user = User.get(User.username == ROLES[role])
    return reg, Registry(reg.db, str(path), actor_for(user))


def public_methods():
    reg = Registry(None, None)
    found = set()
    for name, service in vars(reg).items():
        if isinstance(service, Service):
            for method, _ in inspect.getmembers(type(service), inspect.isfunction):
                if not method.startswith("_") and method not in dir(Service):
                    found.add((name, method))
    return found


def test_every_service_method_is_in_the_matrix():
    missing = public_methods() - set(CASES)
    assert not missing, f"add these to CASES: {sorted(missing)}"


@pytest.mark.parametrize("role", [A, S, O, V])
@pytest.mark.parametrize("case", sorted(CASES), ids=lambda c: f"{c[0]}.{c[1]}")
def test_matrix(template, empty_template, tmp_path, case, role):
    check(empty_template if case in EMPTY_WORLD else template, tmp_path, CASES[case], role)


@pytest.mark.parametrize("role", [A, S, O, V])
@pytest.mark.parametrize("case", sorted(NO_STREET_CASES))
def test_records_without_street(template, tmp_path, case, role):
    check(template, tmp_path, NO_STREET_CASES[case], role)


def check(template, tmp_path, case, role):
    """Run ``case`` as ``role``: allowed, with its audit rows; or refused, changing nothing."""
    call, allowed, audit_rows = case
    base, reg = registry_as(template, tmp_path, role)
    before = AuditLog.select().count()
    try:
        if role in allowed:
            call(reg, template[1])
            if audit_rows is not None:
                assert AuditLog.select().count() - before == audit_rows
        else:
            tables = dump(tmp_path / "case.db")
            with pytest.raises(PermissionDeniedError):
                call(reg, template[1])
            assert dump(tmp_path / "case.db") == tables
    finally:
        base.close()


def test_demo_is_refused_on_a_database_with_other_accounts(empty_template, tmp_path):
    """Without --force even an administrator's demo stays off a database in use (accounts
    besides the initial administrator); on a new one the audit names the administrator."""
    base, admin = registry_as(empty_template, tmp_path, A)
    try:
        tables = dump(tmp_path / "case.db")
        with pytest.raises(RuleError, match="已有其他用户（dlw、ngl、viewer）"):
            admin.demo.fill(enterprises=3)
        assert dump(tmp_path / "case.db") == tables
        User.delete().where(User.username != "admin").execute()
        last = AuditLog.select().count()
        summary, created = admin.demo.fill(enterprises=3)
        assert summary.enterprises == 3 and admin.demo.is_demo_database()
        assert created == ["dalianwan", "nanguanling", "viewer"]
        written = [(r.user, r.action) for r in AuditLog.select().where(AuditLog.id > last)]
        assert written == [("admin", "demo")] + [("admin", "create")] * 3
        with pytest.raises(RuleError, match="已有企业数据"):
            admin.demo.fill(enterprises=3, force=True)
    finally:
        base.close()


def test_audit_rows_cannot_be_changed_through_services():
    for name, method in public_methods():
        if name == "audit":
            assert method in ("list", "latest_id"), f"audit service grew a writer: {method}"
