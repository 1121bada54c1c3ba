"""Going back a stage (退回, with a reason) and correcting or withdrawing the last chain step
(issue 16, points 6 and 7): both sides of each rule, exact restores by table dumps."""

import datetime

import pytest

from db.models import AuditLog
from gjz_registry import reference as ref
from gjz_registry.errors import InvalidValueError, PermissionDeniedError, RuleError
from tests.conftest import enterprise_data
from tests.services import test_incubation

carriers = test_incubation.carriers  # the fixture, shared: the carriers of every stage

D = datetime.date
CHANGE_STAMPS = ("version", "updated_at")  # every write moves these on, a withdrawal too


def table(db, name):
    """Every row of ``name`` with every column but the change stamps, ordered by id."""
    cursor = db.execute_sql(f"SELECT * FROM {name} ORDER BY id")
    keep = [i for i, c in enumerate(cursor.description) if c[0] not in CHANGE_STAMPS]
    return [tuple(row[i] for i in keep) for row in cursor.fetchall()]


def chain_dump(db):
    return {"residency": table(db, "residency"), "enterprise": table(db, "enterprise")}


@pytest.fixture
def at(carriers):
    """Carrier ids by stage (the carriers of test_incubation; 孵化器2: the second incubator)."""
    return {
        "苗圃": carriers["大连测试众创空间"].id,
        "孵化器": carriers["甘井子区测试孵化器"].id,
        "孵化器2": carriers["甘井子区第二孵化器"].id,
        "加速器": carriers["大连测试加速器"].id,
    }


@pytest.fixture
def firm(admin, at):
    """Founded 2024-01-10, in the incubator since 2024-03-01, accelerator since 2025-02-01."""
    e = admin.enterprises.create(enterprise_data(1, founded_on="2024-01-10"))
    admin.incubation.admit(e.id, at["孵化器"], "2024-03-01")
    admin.incubation.move(e.id, at["加速器"], "2025-02-01")
    return e


# --- point 6: a move back a stage ---------------------------------------------------------
def test_stage_order_names_the_move():
    assert ref.move_exit_reason("孵化器", "加速器") == "晋级"
    assert ref.move_exit_reason("孵化器", "孵化器") == "迁出"
    assert ref.move_exit_reason("孵化器", "苗圃") == "退回"
    assert ref.move_exit_reason("加速器", "苗圃") == "退回"
    assert "退回" in ref.EXIT_REASONS


def test_a_move_back_needs_a_reason_and_is_recorded_as_returned(admin, at, firm):
    before = chain_dump(admin.db)
    for reason in (None, "", "   "):
        with pytest.raises(RuleError, match="从加速器迁到苗圃是退回到更早的阶段，须填写退回原因"):
            admin.incubation.move(firm.id, at["苗圃"], "2025-06-01", reason=reason)
    assert chain_dump(admin.db) == before  # refused: nothing written
    with pytest.raises(InvalidValueError, match="不能超过 200 个字"):
        admin.incubation.move(firm.id, at["苗圃"], "2025-06-01", reason="长" * 201)
    audit_rows = AuditLog.select().count()
    r = admin.incubation.move(firm.id, at["苗圃"], "2025-06-01", reason="项目转型，回苗圃重新孵化")
    assert r.stage == "苗圃" and r.open
    history = admin.incubation.history(firm.id)
    assert [h.exit_reason for h in history] == ["晋级", "退回", None]
    assert history[1].notes == "项目转型，回苗圃重新孵化"
    assert history[1].explanation == "项目转型，回苗圃重新孵化"
    assert admin.enterprises.get(firm.id).stage == "苗圃"
    close = AuditLog.select().where(AuditLog.action == "close").order_by(AuditLog.id.desc()).get()
    assert '"exit_reason": "退回"' in close.after and "项目转型" in close.after
    assert AuditLog.select().count() == audit_rows + 3  # closed, opened, enterprise changed


def test_a_move_within_the_same_stage_needs_no_reason(admin, at, firm):
    """The boundary's other side: the same stage is 迁出, not 退回."""
    admin.incubation.move(firm.id, at["孵化器"], "2025-06-01", reason="园区调整")
    admin.incubation.move(firm.id, at["孵化器2"], "2025-07-01")
    history = admin.incubation.history(firm.id)
    assert [h.exit_reason for h in history] == ["晋级", "退回", "迁出", None]
    assert history[2].notes is None


# --- point 7: the last step ---------------------------------------------------------------
def test_last_step_describes_each_kind(admin, at, firm, clerk):
    step = clerk.incubation.last_step(firm.id)
    assert step.kind == "move" and step.on_date == D(2025, 2, 1)
    assert (
        step.text
        == "2025-02-01 从「甘井子区测试孵化器」（孵化器）晋级到「大连测试加速器」（加速器）"
    )
    assert step.undo_text == (
        "删除在「大连测试加速器」的入驻记录，恢复在「甘井子区测试孵化器」（孵化器）在孵"
    )
    admin.incubation.leave(firm.id, "2025-03-01", "终止")
    step = admin.incubation.last_step(firm.id)
    assert (step.kind, step.carrier_correctable) == ("close", False)
    assert step.text == "2025-03-01 离开「大连测试加速器」（加速器），原因：终止"
    fresh = admin.enterprises.create(enterprise_data(2, founded_on="2024-01-01"))
    assert admin.incubation.last_step(fresh.id) is None
    admin.incubation.admit(fresh.id, at["孵化器"], "2024-03-01")
    step = admin.incubation.last_step(fresh.id)
    assert step.kind == "admit" and step.text == "2024-03-01 入驻「甘井子区测试孵化器」（孵化器）"


@pytest.mark.parametrize(
    "step",
    ["admit", "move", "move back", "graduate", "leave"],
)
def test_withdrawing_the_last_step_restores_the_tables_exactly(admin, at, step):
    e = admin.enterprises.create(enterprise_data(3, founded_on="2023-01-10"))
    inc = admin.incubation
    if step != "admit":
        inc.admit(e.id, at["孵化器"], "2024-01-05")
    if step == "move back":
        inc.move(e.id, at["加速器"], "2025-01-05")
    if step == "graduate":
        admin.qualifications.add(e.id, "高新技术企业", "GR202521000123", granted_on="2025-11-20")
    before = chain_dump(admin.db)
    if step == "admit":
        inc.admit(e.id, at["孵化器"], "2024-01-05")
    elif step == "move":
        inc.move(e.id, at["加速器"], "2025-01-05")
    elif step == "move back":
        inc.move(e.id, at["苗圃"], "2025-03-01", reason="退回苗圃")
    elif step == "graduate":
        inc.graduate(e.id, "2026-01-10")
    else:
        inc.leave(e.id, "2025-01-05", "迁出", notes="迁往外区")
    assert chain_dump(admin.db) != before
    rows = AuditLog.select().count()
    withdrawn = inc.withdraw_last_step(e.id)
    assert withdrawn.kind == {"admit": "admit", "graduate": "close", "leave": "close"}.get(
        step, "move"
    )
    assert chain_dump(admin.db) == before
    changed_stays = 2 if step.startswith("move") else 1
    assert AuditLog.select().count() == rows + changed_stays + 1  # + the enterprise
    actions = {a.action for a in AuditLog.select().where(AuditLog.id > rows)}
    assert actions == {"withdraw", "update"}
    e_now = admin.enterprises.get(e.id)
    assert e_now.version > e.version  # a form opened before the withdrawal sees a conflict


def test_withdrawing_walks_back_one_step_at_a_time(admin, at, firm):
    inc = admin.incubation
    inc.withdraw_last_step(firm.id)
    assert [(h.stage, h.open) for h in inc.history(firm.id)] == [("孵化器", True)]
    inc.withdraw_last_step(firm.id)
    assert inc.history(firm.id) == [] and admin.enterprises.get(firm.id).stage is None
    with pytest.raises(RuleError, match="没有孵化记录，没有可撤回的步骤"):
        inc.withdraw_last_step(firm.id)


def test_an_admission_after_a_leave_on_the_same_day_withdraws_alone(admin, at):
    """迁出 then 入驻 on one day is two steps, not a move: withdrawing the admission leaves the
    earlier stay closed (what moved_from records)."""
    e = admin.enterprises.create(enterprise_data(4, founded_on="2023-01-10"))
    admin.incubation.admit(e.id, at["孵化器"], "2024-01-05")
    admin.incubation.leave(e.id, "2024-06-01", "迁出")
    before = chain_dump(admin.db)
    admin.incubation.admit(e.id, at["孵化器2"], "2024-06-01")
    assert admin.incubation.last_step(e.id).kind == "admit"
    admin.incubation.withdraw_last_step(e.id)
    assert chain_dump(admin.db) == before


def test_correcting_the_date_of_a_move_moves_both_ends(admin, at, firm):
    step = admin.incubation.correct_last_step(firm.id, on_date="2025-03-01")
    assert step.on_date == D(2025, 3, 1)
    first, second = admin.incubation.history(firm.id)
    assert first.left_on == D(2025, 3, 1) and second.entered_on == D(2025, 3, 1)
    assert first.exit_reason == "晋级"
    # both sides of the date rule: the day the previous stay began, and the day before it
    admin.incubation.correct_last_step(firm.id, on_date="2024-03-01")
    with pytest.raises(RuleError, match="早于在上一载体的入驻日期 2024-03-01"):
        admin.incubation.correct_last_step(firm.id, on_date="2024-02-29")
    with pytest.raises(RuleError, match="没有需要更正的内容"):
        admin.incubation.correct_last_step(firm.id, on_date="2024-03-01")


def test_correcting_the_carrier_follows_the_stage_order(admin, at, firm):
    inc = admin.incubation
    before = chain_dump(admin.db)
    with pytest.raises(RuleError, match="须填写退回原因"):
        inc.correct_last_step(firm.id, carrier_id=at["苗圃"])
    with pytest.raises(RuleError, match="迁移前就在「甘井子区测试孵化器」"):
        inc.correct_last_step(firm.id, carrier_id=at["孵化器"])
    assert chain_dump(admin.db) == before
    step = inc.correct_last_step(firm.id, carrier_id=at["孵化器2"])
    assert step.previous.exit_reason == "迁出" and step.stay.stage == "孵化器"
    assert admin.enterprises.get(firm.id).carrier == "甘井子区第二孵化器"
    step = inc.correct_last_step(firm.id, carrier_id=at["苗圃"], reason="登记错误，实为回到苗圃")
    assert step.previous.exit_reason == "退回" and step.previous.notes == "登记错误，实为回到苗圃"
    assert step.text.startswith(
        "2025-02-01 从「甘井子区测试孵化器」（孵化器）退回到「大连测试众创空间」"
    )
    assert admin.enterprises.get(firm.id).stage == "苗圃"
    entries = AuditLog.select().where(AuditLog.action == "correct")
    assert entries.count() == 4  # each correction: the closed stay and the open one


def test_correcting_an_admission(admin, at):
    e = admin.enterprises.create(enterprise_data(5, founded_on="2023-01-10"))
    inc = admin.incubation
    inc.admit(e.id, at["孵化器"], "2024-01-05")
    inc.leave(e.id, "2024-05-01", "迁出")
    inc.admit(e.id, at["孵化器2"], "2024-06-01")
    with pytest.raises(RuleError, match="早于上次离开日期 2024-05-01"):
        inc.correct_last_step(e.id, on_date="2024-04-30")
    step = inc.correct_last_step(e.id, on_date="2024-05-01", carrier_id=at["加速器"])
    assert (step.kind, step.on_date, step.stay.stage) == ("admit", D(2024, 5, 1), "加速器")
    assert admin.enterprises.get(e.id).carrier == "大连测试加速器"
    # the entry-age rule applies again: an incubator takes firms at most 24 months old
    with pytest.raises(RuleError, match="24 个月"):
        inc.correct_last_step(e.id, on_date="2025-01-11", carrier_id=at["孵化器"])
    inc.correct_last_step(e.id, on_date="2025-01-10", carrier_id=at["孵化器"])


def test_correcting_a_graduation_date_keeps_its_rule(admin, at):
    e = admin.enterprises.create(enterprise_data(6, founded_on="2023-01-10"))
    admin.incubation.admit(e.id, at["孵化器"], "2024-01-05")
    admin.qualifications.add(e.id, "高新技术企业", "GR202521000123", granted_on="2025-11-20")
    admin.incubation.graduate(e.id, "2026-01-10")
    with pytest.raises(
        RuleError, match="在 2025-11-19 不满足原毕业依据「已认定并备案为高新技术企业」"
    ):
        admin.incubation.correct_last_step(e.id, on_date="2025-11-19")
    step = admin.incubation.correct_last_step(e.id, on_date="2025-11-20")
    assert step.kind == "close" and step.stay.left_on == D(2025, 11, 20)
    assert "GR202521000123" in step.stay.notes
    with pytest.raises(RuleError, match="没有载体可更正"):
        admin.incubation.correct_last_step(e.id, carrier_id=at["孵化器2"])


def test_the_graduation_certificate_names_the_rule_from_the_notes(admin, at):
    """Why a stay ended is in its notes now: the certificate's {graduation_basis} reads them."""
    e = admin.enterprises.create(enterprise_data(7, founded_on="2023-01-10"))
    admin.incubation.admit(e.id, at["孵化器"], "2024-01-05")
    admin.incubation.graduate(e.id, "2025-12-01", "merger_or_listing", "2025年被某集团收购")
    admin.certificates.set_template("graduation", "{holder_name}：{graduation_basis}")
    body = admin.certificates.issue("graduation", enterprise_id=e.id).body
    assert body.endswith("被兼并、收购或在国内外资本市场挂牌、上市（2025年被某集团收购）")


def test_only_an_administrator_corrects_or_withdraws(admin, clerk, viewer, at, firm):
    before = chain_dump(admin.db)
    for user in (clerk, viewer):
        with pytest.raises(PermissionDeniedError, match="需要管理员权限"):
            user.incubation.withdraw_last_step(firm.id)
        with pytest.raises(PermissionDeniedError, match="需要管理员权限"):
            user.incubation.correct_last_step(firm.id, on_date="2025-03-01")
    assert chain_dump(admin.db) == before


def test_a_certificate_stating_the_step_must_be_revoked_first(admin, at, firm):
    serial = admin.certificates.issue("incubation", enterprise_id=firm.id).serial
    before = chain_dump(admin.db)
    with pytest.raises(RuleError, match=f"已为这一步开具入孵证明（编号 {serial}"):
        admin.incubation.withdraw_last_step(firm.id)
    with pytest.raises(RuleError, match="请先在「报表证书」中撤销该证书，再更正"):
        admin.incubation.correct_last_step(firm.id, on_date="2025-03-01")
    assert chain_dump(admin.db) == before
    admin.certificates.revoke(serial, "撤回迁移")
    assert admin.incubation.withdraw_last_step(firm.id).kind == "move"


def test_a_close_that_came_with_deregistration_needs_the_status_back(admin, at, firm):
    admin.enterprises.deactivate(
        firm.id, "注销", admin.enterprises.get(firm.id).version, on_date=D(2025, 6, 1)
    )
    with pytest.raises(RuleError, match="状态为「注销」.*请先把企业状态改回「在营」"):
        admin.incubation.withdraw_last_step(firm.id)
    step = admin.incubation.correct_last_step(firm.id, on_date="2025-05-01")
    assert step.stay.left_on == D(2025, 5, 1)


# --- point 9: the carriers to choose from -----------------------------------------------------
def test_carrier_choices_in_chain_then_pinyin_order(admin, at):
    for name, kind, status in (
        ("阿里众创空间", "众创空间(苗圃)", "运营"),
        ("泉水孵化器", "孵化器", "运营"),
        ("停运加速器", "加速器", "停运"),
    ):
        admin.carriers.create({"name": name, "kind": kind, "status": status})
    choices = admin.carriers.choices(exclude_id=at["孵化器2"])
    assert [c.label for c in choices] == [
        "阿里众创空间（苗圃）",  # a
        "大连测试众创空间（苗圃）",  # da
        "甘井子区测试孵化器（孵化器）",  # gan
        "泉水孵化器（孵化器）",  # quan
        "大连测试加速器（加速器）",
        "大连测试产业化基地（产业化基地）",
    ]
    found = lambda text: [c.name for c in choices if c.matches(text)]  # noqa: E731
    assert found("qsfhq") == found("quanshui") == found("泉水") == ["泉水孵化器"]
    assert found("FHQ") == ["甘井子区测试孵化器", "泉水孵化器"]
    assert found("苗圃") == ["阿里众创空间", "大连测试众创空间"] and len(found("")) == 6
