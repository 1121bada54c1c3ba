"""What every service shares: the acting user, scope checks, transactions and paging.

A service is created by the :class:`~gjz_registry.registry.Registry` facade with that
registry's :class:`Actor`; every public method checks the actor's role and street *here*, in
the service layer, never in a front end.
"""

import dataclasses
import datetime
import json
from decimal import Decimal

from gjz_registry import reference as ref
from gjz_registry.errors import NotFoundError, PermissionDeniedError


@dataclasses.dataclass(frozen=True)
class Actor:
    """Who is acting: the audit label, role and (for street users) street."""

    label: str
    role: str
    user_id: int = None
    street: str = None
    street_id: int = None
    display_name: str = None

    @property
    def is_admin(self):
        return self.role == ref.ROLE_ADMIN

    @property
    def can_write(self):
        return self.role in (ref.ROLE_ADMIN, ref.ROLE_STREET)

    @property
    def scoped(self):
        """True when the actor only sees one street's records."""
        return self.role == ref.ROLE_STREET


@dataclasses.dataclass
class Page:
    """One page of a list: ``items`` plus the ``total`` number of matching records."""

    items: list
    total: int
    offset: int = 0
    limit: int = 100

    @property
    def pages(self):
        return max(1, -(-self.total // self.limit)) if self.limit else 1


class RegistryBound:
    """Works for one registry: its acting user (``actor``) and database (``db``)."""

    def __init__(self, registry):
        self.registry = registry

    @property
    def actor(self):
        return self.registry.actor

    @property
    def db(self):
        return self.registry.db


class Service(RegistryBound):
    """Base class: holds the registry (database, actor) and the common checks."""

    def atomic(self):
        return self.db.atomic()

    # --- permission checks -------------------------------------------------------------
    def require_login(self):
        if self.actor is None:
            raise PermissionDeniedError("请先登录")

    def require_write(self, street_id=None, what="该记录"):
        """Refuse viewers, and street users acting outside their street."""
        self.require_login()
        if not self.actor.can_write:
            raise PermissionDeniedError("只读用户不能修改数据")
        if self.actor.scoped and street_id is not None and street_id != self.actor.street_id:
            raise PermissionDeniedError(
                f"{what}不属于{self.actor.street}，街道用户只能修改本街道的数据"
            )

    def require_admin(self, what="此操作"):
        self.require_login()
        if not self.actor.is_admin:
            raise PermissionDeniedError(f"{what}需要管理员权限")

    def require_visible(self, street_id, what="该记录"):
        """Refuse a street user reading another street's record."""
        self.require_login()
        if self.actor.scoped and street_id != self.actor.street_id:
            raise PermissionDeniedError(f"{what}不属于{self.actor.street}，无权查看")

    def scope(self, query, street_column):
        """Restrict ``query`` to the actor's street when the actor is a street user."""
        self.require_login()
        if self.actor.scoped:
            return query.where(street_column == self.actor.street_id)
        return query


def get_or_404(model, record_id, what):
    row = model.get_or_none(model.id == record_id)
    if row is None:
        raise NotFoundError(f"{what}不存在（编号 {record_id}），可能已被删除")
    return row


def to_jsonable(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value.normalize()) if value == value.to_integral() else str(value)
    return value


def dumps(data):
    """JSON for audit before/after snapshots (dates as ISO text, Decimals as text)."""
    if data is None:
        return None
    return json.dumps(
        {k: to_jsonable(v) for k, v in data.items()}, ensure_ascii=False, sort_keys=True
    )
