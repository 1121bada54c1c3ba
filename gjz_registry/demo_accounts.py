"""The documented accounts of demo databases (shown on the demo login screen and in README)."""

from db.models import User
from gjz_registry import reference as ref

DEMO_ACCOUNTS = (
    # username, password, role, street, display name
    ("admin", "admin123", ref.ROLE_ADMIN, None, "区科技局管理员"),
    ("dalianwan", "street123", ref.ROLE_STREET, "大连湾街道", "大连湾街道科技科"),
    ("nanguanling", "street123", ref.ROLE_STREET, "南关岭街道", "南关岭街道经济科"),
    ("viewer", "viewer123", ref.ROLE_VIEWER, None, "区领导（只读）"),
)


def ensure_demo_accounts(admin):
    """Create the demo accounts that do not exist yet, as ``admin`` (a Registry acting as an
    administrator: the audit names it); return the usernames created."""
    created = []
    for username, password, role, street, display in DEMO_ACCOUNTS:
        if User.get_or_none(User.username == username) is None:
            admin.users.create(username, password, role, street=street, display_name=display)
            created.append(username)
    return created


def describe(usernames=None):
    """One line per account ('admin / admin123（管理员）'); only ``usernames``' when given."""
    return [
        f"{u} / {p}（{ref.ROLE_NAMES[r]}{'，' + s if s else ''}）"
        for u, p, r, s, _ in DEMO_ACCOUNTS
        if usernames is None or u in usernames
    ]


DEMO_SIZE = 2000


def open_demo(target, enterprises=DEMO_SIZE, seed=1):
    """Open the demo database at ``target``, filling it on first use; return the Registry.

    As the local administrator, by ``DemoService``'s rules: a database with enterprises or
    with real accounts is never filled, and demo accounts are only added to a database that
    holds demo data."""
    from db.models import Enterprise
    from gjz_registry.registry import open_registry

    registry = open_registry(target)
    try:
        admin = registry.as_local_admin()
        if not Enterprise.select().exists():
            admin.demo.fill(enterprises=enterprises, seed=seed)
        elif admin.demo.is_demo_database():
            ensure_demo_accounts(admin)
    except BaseException:
        registry.close()
        raise
    return registry
