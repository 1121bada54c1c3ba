"""Property test: Enterprise.stage / carrier always equal the open residency.

Starts from demo data and applies 1 000 random chain operations (admit, move — back a stage
too, with or without a reason —, graduate, leave, deactivate, and an administrator's
correction or withdrawal of the last step) under the registry's own rules (no override of the
entry rules); a refused
operation must leave the chain's tables exactly as they were, accepted ones keep the
invariant.  Hypothesis drives the choice of operations and arguments.
"""

import datetime
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.models import Carrier, Enterprise, Residency
from gjz_registry import RegistryError, open_registry
from gjz_registry import reference as ref
from gjz_registry.demo import generate

TODAY = datetime.date(2026, 11, 1)


def check_invariant(db):
    """Return a list of violations (empty when the chain is consistent)."""
    problems = []
    open_rows = db.execute_sql(
        "SELECT enterprise_id, COUNT(*), MAX(carrier_id), MAX(stage) FROM residency"
        " WHERE left_on IS NULL GROUP BY enterprise_id"
    ).fetchall()
    open_by_enterprise = {}
    for enterprise_id, count, carrier_id, stage in open_rows:
        if count > 1:
            problems.append(f"enterprise {enterprise_id} has {count} open residencies")
        open_by_enterprise[enterprise_id] = (carrier_id, stage)
    for e in Enterprise.select(Enterprise.id, Enterprise.stage, Enterprise.carrier):
        expected = open_by_enterprise.get(e.id, (None, None))
        if (e.carrier_id, e.stage) != expected:
            problems.append(f"enterprise {e.id}: {(e.carrier_id, e.stage)} != {expected}")
    kinds = {c.id: c.kind for c in Carrier.select()}
    for r in Residency.select():
        if ref.STAGE_OF_CARRIER_KIND[kinds[r.carrier_id]] != r.stage:
            problems.append(f"residency {r.id}: stage {r.stage} in a {kinds[r.carrier_id]}")
        if r.left_on is not None and r.left_on < r.entered_on:
            problems.append(f"residency {r.id} ends before it starts")
        if r.moved_from_id is not None:  # a move: the stay it continues ended that day
            before = Residency.get_or_none(Residency.id == r.moved_from_id)
            if (
                before is None
                or before.enterprise_id != r.enterprise_id
                or before.left_on != r.entered_on
                or before.exit_reason not in ref.MOVE_EXIT_REASONS
                or (before.exit_reason == ref.EXIT_RETURNED and not before.notes)
            ):
                problems.append(f"residency {r.id} does not continue {r.moved_from_id}")
    return problems


def chain_tables(db):
    """What a chain operation writes: every residency, every enterprise's chain fields and
    version, and the audit log (only ever appended to: its size and last row)."""
    return [
        db.execute_sql(sql).fetchall()
        for sql in (
            "SELECT * FROM residency ORDER BY id",
            "SELECT id, stage, carrier_id, status, version, updated_at FROM enterprise ORDER BY id",
            "SELECT COUNT(*), MAX(id) FROM audit_log",
        )
    ]


def test_demo_data_satisfies_invariant(tmp_path):
    reg = open_registry(tmp_path / "demo.db")
    generate(reg.db, enterprises=600, seed=3, today=TODAY)
    assert check_invariant(reg.db) == []
    reg.close()


OPERATIONS = ["admit", "move", "graduate", "leave", "deactivate", "correct", "withdraw"]


def random_operations(seed, count=1000):
    """``count`` operations drawn from a seeded generator (Hypothesis picks the seed: a list
    strategy would start from its minimal example, 1 000 copies of the same operation)."""
    rnd = random.Random(seed)
    return [
        (rnd.choice(OPERATIONS), rnd.randrange(10**6), rnd.randrange(10**6), rnd.randrange(3000))
        for _ in range(count)
    ]


@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(st.integers(min_value=0, max_value=2**32))
def test_invariant_after_1000_random_operations(tmp_path_factory, seed):
    operations = random_operations(seed)
    path = tmp_path_factory.mktemp("chain") / "chain.db"
    reg = open_registry(path)
    generate(reg.db, enterprises=400, seed=7, today=TODAY)
    admin = reg.as_local_admin("property-test")
    enterprise_ids = [e.id for e in Enterprise.select(Enterprise.id).order_by(Enterprise.id)]
    carrier_ids = [c.id for c in Carrier.select(Carrier.id).order_by(Carrier.id)]
    accepted, refused, before, done = 0, 0, None, set()
    for name, e_pick, c_pick, days_back in operations:
        enterprise_id = enterprise_ids[e_pick % len(enterprise_ids)]
        carrier_id = carrier_ids[c_pick % len(carrier_ids)]
        day = TODAY - datetime.timedelta(days=days_back)
        inc = admin.incubation
        before = before or chain_tables(reg.db)  # taken again only after a change
        try:
            if name == "admit":
                inc.admit(enterprise_id, carrier_id, day)
            elif name == "move":
                inc.move(enterprise_id, carrier_id, day, reason="退回测试" if c_pick % 2 else None)
            elif name == "graduate":
                inc.graduate(
                    enterprise_id, day, evidence="测试：被收购" if c_pick % 3 == 0 else None
                )
            elif name == "leave":
                inc.leave(enterprise_id, day, ("迁出", "终止", "注销")[c_pick % 3])
            elif name == "deactivate":
                admin.enterprises.deactivate(
                    enterprise_id,
                    ("迁出", "注销")[c_pick % 2],
                    admin.enterprises.get(enterprise_id).version,
                    on_date=day,
                )
            elif name == "correct":
                inc.correct_last_step(
                    enterprise_id,
                    on_date=day if c_pick % 3 else None,
                    carrier_id=carrier_id if c_pick % 3 != 1 else None,
                    reason="更正为退回" if c_pick % 2 else None,
                )
            else:
                inc.withdraw_last_step(enterprise_id)
            accepted += 1
            done.add(name)
            before = None
        except RegistryError as refusal:
            refused += 1
            assert chain_tables(reg.db) == before, f"{name} was refused ({refusal}) but wrote"
    assert check_invariant(reg.db) == []
    assert accepted > 100 and refused > 100  # the sequence really exercised the chain
    assert {"correct", "withdraw"} <= done  # the administrator's steps back were taken too
    reg.close()
