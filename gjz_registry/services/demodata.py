"""Demo data on the facade: who may fill a database with it, and on which database.

``demo.generate`` writes thousands of records and ``demo_accounts`` creates accounts whose
passwords are printed in the README, so filling a database is an administrator's command and
never happens to a database that is in use: one with enterprises is refused by ``generate``,
and one with accounts other than the initial administrator (the one ``init`` creates) is
refused here unless the administrator insists (``force``).  Every row written is audited
under the acting user.
"""

from db.models import AuditLog, User
from gjz_registry import demo
from gjz_registry import reference as ref
from gjz_registry.demo_accounts import DEMO_SIZE, ensure_demo_accounts
from gjz_registry.errors import RuleError
from gjz_registry.services.base import Service


class DemoService(Service):
    """Filling an empty database with demo data (administrators only)."""

    def fill(self, enterprises=DEMO_SIZE, seed=1, force=False, progress=None, today=None):
        """Generate the demo data and the demo accounts; return (DemoSummary, [usernames
        created]).

        Raises PermissionDeniedError for anyone but an administrator; RuleError when the
        database holds enterprises, or accounts other than the initial administrator (unless
        ``force``: the demo accounts' passwords are public).
        """
        self.require_admin("生成演示数据")
        others = self._other_accounts()
        if others and not force:
            shown = "、".join(others[:5]) + ("等" if len(others) > 5 else "")
            raise RuleError(
                f"数据库中已有其他用户（{shown}），演示数据和演示账户（密码公开）只能写入新建的"
                "数据库；确需写入请由管理员加 --force 重试"
            )
        with self.atomic():
            summary = demo.generate(
                self.db, enterprises, seed, today=today, progress=progress, user=self.actor.label
            )
            created = ensure_demo_accounts(self.registry)
        return summary, created

    @staticmethod
    def _other_accounts():
        """Usernames of the accounts other than the initial administrator (the first account,
        when it is an administrator), in the order they were made."""
        users = list(User.select(User.id, User.username, User.role).order_by(User.id))
        if users and users[0].role == ref.ROLE_ADMIN:
            users = users[1:]
        return [u.username for u in users]

    def is_demo_database(self):
        """True when demo data was generated into this database (its audit says so)."""
        self.require_login()
        return (
            AuditLog.select()
            .where((AuditLog.action == "demo") & (AuditLog.entity == demo.AUDIT_ENTITY))
            .exists()
        )
