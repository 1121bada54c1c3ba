"""Migration 0012 on a database as version 11 left it: moves linked, graduation rules moved
to the notes, the time limit per stage (苗圃 included) — and the chain steps work on it."""

import json
import sqlite3

from db.migrations import latest_version
from gjz_registry import open_registry
from tests.conftest import make_code
from tests.old_database import database_at_version

STAMP = "2024-01-01 00:00:00"
RESIDENCY = (
    "INSERT INTO residency (id, enterprise_id, carrier_id, stage, entered_on, left_on,"
    " exit_reason, basis, created_at, updated_at, version) VALUES (?,?,?,?,?,?,?,?,?,?,1)"
)


def old_database(path, saved_rules):
    database_at_version(path, 11)
    con = sqlite3.connect(path)
    street = con.execute("SELECT id FROM street ORDER BY id").fetchone()[0]
    for cid, name, kind in (
        (1, "老孵化器", "孵化器"),
        (2, "老加速器", "加速器"),
        (3, "老苗圃", "众创空间(苗圃)"),
    ):
        con.execute(
            "INSERT INTO carrier (id, name, kind, level, status, created_at, updated_at, version)"
            " VALUES (?, ?, ?, '未认定', '运营', ?, ?, 1)",
            (cid, name, kind, STAMP, STAMP),
        )
    for eid, stage, carrier in ((1, "加速器", 2), (2, None, None), (3, "孵化器", 1)):
        con.execute(
            "INSERT INTO enterprise (id, name, credit_code, street_id, status, stage, carrier_id,"
            " name_pinyin, name_initials, created_at, updated_at, version)"
            " VALUES (?, ?, ?, ?, '在营', ?, ?, '', '', ?, ?, 1)",
            (eid, f"老企业{eid}", make_code(eid), street, stage, carrier, STAMP, STAMP),
        )
    rows = [
        # enterprise 1: promoted on the day it left the incubator — a move
        (1, 1, 1, "孵化器", "2020-01-01", "2022-01-01", "晋级", None),
        (2, 1, 2, "加速器", "2022-01-01", None, None, None),
        # enterprise 2: graduated; the rule it met was written over the basis
        (
            3,
            2,
            1,
            "孵化器",
            "2020-01-01",
            "2023-01-01",
            "毕业",
            "已认定并备案为高新技术企业（证书 GR1）",
        ),
        # enterprise 3: left the makerspace, entered the incubator weeks later — an admission
        (4, 3, 3, "苗圃", "2019-01-01", "2020-01-01", "迁出", None),
        (5, 3, 1, "孵化器", "2020-02-01", None, None, "破例入驻：重点项目"),
    ]
    for row in rows:
        con.execute(RESIDENCY, (*row, STAMP, STAMP))
    con.execute(
        "INSERT INTO setting (key, value) VALUES ('incubation_rules', ?)",
        (json.dumps(saved_rules, ensure_ascii=False),),
    )
    con.commit()
    con.close()
    return path


def test_upgrade_links_moves_moves_graduation_rules_and_limits_per_stage(tmp_path):
    saved = {
        "investment_threshold": 400,
        "time_limit_months": 42,
        "long_cycle_time_limit_months": 66,
        "time_limit_stages": ["孵化器", "加速器"],
        "long_cycle_fields": ["生命健康"],
    }
    reg = open_registry(old_database(tmp_path / "old.db", saved))
    assert reg.schema_version() == latest_version()
    stays = reg.db.execute_sql(
        "SELECT id, moved_from_id, basis, notes FROM residency ORDER BY id"
    ).fetchall()
    assert stays == [
        (1, None, None, None),
        (2, 1, None, None),
        (3, None, None, "已认定并备案为高新技术企业（证书 GR1）"),
        (4, None, None, None),
        (5, None, "破例入驻：重点项目", None),
    ]
    admin = reg.as_local_admin("test")
    rules = admin.incubation.rules()
    limit = {"months": 42, "long_cycle_months": 66}
    assert rules["time_limits"] == {"苗圃": limit, "孵化器": limit, "加速器": limit}
    assert rules["investment_threshold"] == 400 and rules["long_cycle_fields"] == ["生命健康"]
    assert not {"time_limit_months", "time_limit_stages"} & set(rules)
    assert admin.incubation.last_step(1).kind == "move"
    assert admin.incubation.last_step(3).kind == "admit"
    admin.incubation.withdraw_last_step(1)  # the stay in the incubator is open again
    assert admin.enterprises.get(1).carrier == "老孵化器"
    history = admin.incubation.history(2)
    assert history[0].notes.startswith("已认定并备案为高新技术企业")
    reg.close()


def test_upgrade_keeps_rules_saved_without_time_limits(tmp_path):
    reg = open_registry(old_database(tmp_path / "old.db", {"investment_threshold": 300}))
    rules = reg.as_local_admin("test").incubation.rules()
    assert rules["investment_threshold"] == 300
    assert set(rules["time_limits"]) == {"苗圃", "孵化器"}  # the defaults
    reg.close()
