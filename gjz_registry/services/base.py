"""What every service shares: the acting user, scope checks, transactions and paging.

A service is created by the :class:`~gjz_registry.registry.Registry` facade with that
registry's :class:`Actor`; every public method checks the actor's role and street *here*, in
the service layer, never in a front end.
"""

import contextlib
import dataclasses
import datetime
import json
from decimal import Decimal

from gjz_registry import dberrors
from gjz_registry import reference as ref
from gjz_registry.errors import NotFoundError, OutOfScopeError, PermissionDeniedError

# ``require_write()`` without a street: only the role is checked (may this actor write at all).
ROLE_ONLY = object()

# The kinds of record a scope refusal may name (never the record itself).
SCOPE_KINDS = ("企业", "信用代码", "载体", "资质", "证书", "记录")
OTHER_WRITE = "该{kind}已在其他街道登记（不属于{street}），街道用户只能修改本街道的数据"
OTHER_READ = "该{kind}已在其他街道登记（不属于{street}），街道用户只能查看本街道的数据"
DISTRICT_WRITE = "该{kind}未指定所属街道，属全区数据（不属于{street}），只有管理员可以修改"
DISTRICT_READ = "该{kind}未指定所属街道，属全区数据（不属于{street}），街道用户不能查看"
TARGET_STREET = (
    "目标街道不属于{street}，街道用户只能修改本街道的数据（不能把记录放到其他街道或不填所属街道）"
)
OTHER_HOLDER = "其他街道的企业"


def scope_refusal(kind, street, template=OTHER_WRITE):
    """The refusal for a record outside ``street`` (the actor's), naming only its ``kind``."""
    if kind not in SCOPE_KINDS:  # a name or a code here would tell another street's data
        raise ValueError(f"scope refusal for an unknown kind of record: {kind!r}")
    return template.format(kind=kind, street=street)


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
    #: the sort keys of the first and last item, for the page before / after this one
    #: (keyset paging: services.paging), where the list offers it
    first_key: tuple = None
    last_key: tuple = None

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

    @contextlib.contextmanager
    def atomic(self):
        """A transaction; a driver error a user can act on (the write lock not granted within
        the busy timeout, a damaged file, a full disk) leaves it as its typed RegistryError
        (gjz_registry.dberrors), anything else unchanged."""
        try:
            with self.db.atomic():
                yield
        except Exception as exc:
            typed = dberrors.classify(exc, self.registry.target)
            if typed is None or typed is exc:
                raise
            raise typed from exc

    # --- permission checks -------------------------------------------------------------
    # A record's street decides who may touch it: an administrator everything; a street user
    # the records of their own street only.  A record with no street (a carrier the district
    # registered without one) is district property: only an administrator changes it.
    # A refusal about a record outside the actor's street names the *kind* of record (one of
    # SCOPE_KINDS), never the record: its name, code and figures belong to the other street.
    def require_login(self):
        if self.actor is None:
            raise PermissionDeniedError("请先登录")

    def require_write(self, street_id=ROLE_ONLY, kind="记录"):
        """Refuse viewers (PermissionDeniedError); with ``street_id`` (the stored record's
        street, None for a record without one) also refuse a street user unless it is their
        own street (OutOfScopeError)."""
        self.require_login()
        if not self.actor.can_write:
            raise PermissionDeniedError("只读用户不能修改数据")
        if street_id is ROLE_ONLY or not self.actor.scoped:
            return
        if street_id is None:
            raise OutOfScopeError(scope_refusal(kind, self.actor.street, DISTRICT_WRITE))
        if street_id != self.actor.street_id:
            raise OutOfScopeError(scope_refusal(kind, self.actor.street, OTHER_WRITE))

    def require_street(self, street_id):
        """Refuse a street user putting a record (new, or moved) anywhere but their own street
        (None: no street, i.e. the district's)."""
        self.require_write()
        if self.actor.scoped and (street_id is None or street_id != self.actor.street_id):
            raise OutOfScopeError(TARGET_STREET.format(street=self.actor.street))

    def require_admin(self, what="此操作"):
        self.require_login()
        if not self.actor.is_admin:
            raise PermissionDeniedError(f"{what}需要管理员权限")

    def require_visible(self, street_id, kind="记录"):
        """Refuse a street user reading another street's record (or one with no street)."""
        self.require_login()
        if self.actor.scoped and (street_id is None or street_id != self.actor.street_id):
            template = DISTRICT_READ if street_id is None else OTHER_READ
            raise OutOfScopeError(scope_refusal(kind, self.actor.street, template))

    def sees(self, street_id):
        """True when the actor may see the records of ``street_id``."""
        self.require_login()
        return not self.actor.scoped or (
            street_id is not None and street_id == self.actor.street_id
        )

    def holder_name(self, street_id, name):
        """How a refusal names the record that already holds a unique value (a credit code, a
        certificate number): 「name」 when the actor may see it, else 其他街道的企业."""
        return f"「{name}」" if self.sees(street_id) else OTHER_HOLDER

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
        # without the column's trailing zeros: PostgreSQL's NUMERIC(16,4) gives 2.8000 where
        # SQLite gives 2.8, and the audit reads the same on both
        return str(value.normalize()) if value == value.to_integral() else f"{value.normalize():f}"
    return value


def dumps(data):
    """JSON for audit before/after snapshots (dates as ISO text, Decimals as text)."""
    if data is None:
        return None
    return json.dumps(
        {k: to_jsonable(v) for k, v in data.items()}, ensure_ascii=False, sort_keys=True
    )
