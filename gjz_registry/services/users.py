"""User accounts: roles admin / street / viewer, passwords, enabling and disabling, login.

Only admins manage accounts (and unlock one locked by failed logins); every user may change
their own password.  Logging in goes through the throttle of :mod:`logins`.
"""

import dataclasses
import datetime

from db.models import Street, User, now
from gjz_registry import reference as ref
from gjz_registry import validators as v
from gjz_registry.errors import (
    AuthenticationError,
    DuplicateError,
    InvalidValueError,
    NotFoundError,
    PermissionDeniedError,
)
from gjz_registry.services import audit, logins, writes
from gjz_registry.services.base import Actor, Service
from gjz_registry.services.passwords import MIN_LENGTH, hash_password, verify_password


@dataclasses.dataclass
class UserRecord:
    id: int
    username: str
    display_name: str
    role: str
    street: str
    active: bool
    last_login: datetime.datetime
    locked_until: datetime.datetime = None  # set while failed logins keep the account locked

    @property
    def role_name(self):
        return ref.ROLE_NAMES.get(self.role, self.role)


def _record(user, locked=None):
    """The UserRecord of ``user``; ``locked``: {name: locked until} (logins.locked_names)."""
    street = Street.get_by_id(user.street_id).name if user.street_id else None
    locked_until = (locked if locked is not None else logins.locked_names()).get(user.username)
    return UserRecord(
        user.id,
        user.username,
        user.display_name,
        user.role,
        street,
        user.active,
        user.last_login,
        locked_until,
    )


def _keep_an_admin(user):
    """Refuse to take ``user`` away as an administrator (停用, another role) when no other
    active administrator is left: someone must still be able to manage the accounts."""
    if user.role != ref.ROLE_ADMIN:
        return
    others = (
        User.select()
        .where((User.role == ref.ROLE_ADMIN) & User.active & (User.id != user.id))
        .count()
    )
    if others == 0:
        raise PermissionDeniedError("至少要保留一个可用的管理员账户")


def _check_password(password):
    if not password or len(password) < MIN_LENGTH:
        raise InvalidValueError(f"密码至少 {MIN_LENGTH} 位", field="password")
    return password


def authenticate(username, password, throttle=None):
    """Return the Actor for valid credentials; AuthenticationError otherwise (a wrong name
    or password, a disabled account, or a name locked by failed logins).

    Failed attempts are counted, delayed, locked and audited by :mod:`logins` (``throttle``:
    its clock and sleep, a real one by default)."""
    throttle = throttle or logins.Throttle()
    name = logins.key_of(username)
    user = User.get_or_none(User.username == (username or "").strip())
    logins.before_attempt(name, user, throttle)
    # Hash even for unknown users so timing does not reveal which names exist.
    stored = user.password_hash if user else hash_password("x")
    ok = verify_password(password or "", stored)
    if user is None or not ok:
        logins.failed(name, user, throttle)
    if not user.active:
        raise AuthenticationError(f"账户「{user.username}」已停用，请联系管理员")
    with User._meta.database.atomic():
        logins.reset(name)
        User.update(last_login=now()).where(User.id == user.id).execute()
    return actor_for(user)


def actor_for(user):
    street = Street.get_by_id(user.street_id) if user.street_id else None
    return Actor(
        label=user.username,
        role=user.role,
        user_id=user.id,
        street=street.name if street else None,
        street_id=street.id if street else None,
        display_name=user.display_name or user.username,
    )


class UserService(Service):
    """Accounts (admin only, except changing one's own password)."""

    def create(self, username, password, role, street=None, display_name=None):
        """Create an account; return its UserRecord."""
        self.require_admin("管理用户")
        username = (username or "").strip()
        if (
            not username
            or len(username) > 50
            or any(c.isspace() for c in username)
            or v.has_invisible(username)
        ):
            raise InvalidValueError(
                "「用户名」不能为空、不能含空格或不可见字符、最多 50 字", field="username"
            )
        role = v.validate_choice(role, ref.ROLES, "角色")
        street_id = None
        if role == ref.ROLE_STREET:
            if not street:
                raise InvalidValueError("街道用户必须指定所属街道", field="street")
            street_id = self.registry.reference.street_id(street)
        elif street:
            street_id = self.registry.reference.street_id(street)
        _check_password(password)
        if User.get_or_none(User.username == username):
            raise DuplicateError(f"用户名「{username}」已存在")
        with self.atomic():
            user = writes.create(
                self.actor,
                User,
                "user",
                dict(
                    username=username,
                    display_name=v.clean_text(display_name) or username,
                    password_hash=hash_password(password),
                    role=role,
                    street=street_id,
                ),
                logged={"username": username, "role": role, "street": street},
            )
        return _record(user)

    def list(self):
        self.require_admin("查看用户列表")
        locked = logins.locked_names()
        return [_record(u, locked) for u in User.select().order_by(User.id)]

    def _get(self, username):
        user = User.get_or_none(User.username == username)
        if user is None:
            raise NotFoundError(f"用户「{username}」不存在")
        return user

    def set_password(self, username, new_password, old_password=None):
        """Admins reset anyone's password; a user changes their own with the old one."""
        self.require_login()
        user = self._get(username)
        if not self.actor.is_admin:
            if user.id != self.actor.user_id:
                raise PermissionDeniedError("只能修改自己的密码")
            if not verify_password(old_password or "", user.password_hash):
                raise AuthenticationError("原密码错误")
        _check_password(new_password)
        with self.atomic():
            values = dict(password_hash=hash_password(new_password), must_change_password=False)
            self._account_write(user, values, "passwd", (None, {"username": username}))

    def set_active(self, username, active):
        self.require_admin("停用或启用用户")
        user = self._get(username)
        if not active and user.id == self.actor.user_id:
            raise PermissionDeniedError("不能停用当前登录的账户")
        if not active:
            _keep_an_admin(user)
        with self.atomic():
            action = "enable" if active else "disable"
            logged = ({"active": user.active}, {"active": bool(active)})
            self._account_write(user, {"active": bool(active)}, action, logged)

    def unlock(self, username):
        """Lift the lock (and forget the failed logins) of an account; return the number of
        failed logins forgotten (0 when there were none).  Admins only."""
        self.require_admin("解除登录锁定")
        user = self._get(username)
        with self.atomic():
            found = logins.reset(logins.key_of(user.username))
            if found is None:
                return 0
            failures, locked_until = found
            # An event, not a record write (the lock lives in LoginFailure): its audit row only.
            audit.record(
                self.actor,
                "unlock",
                "user",
                user.id,
                {
                    "failures": failures,
                    "locked_until": (
                        locked_until.strftime("%Y-%m-%d %H:%M") if locked_until else None
                    ),
                },
                {"failures": 0, "locked_until": None},
            )
        return failures

    def set_role(self, username, role, street=None):
        self.require_admin("修改用户角色")
        user = self._get(username)
        role = v.validate_choice(role, ref.ROLES, "角色")
        street_id = self.registry.reference.street_id(street) if street else None
        if role == ref.ROLE_STREET and street_id is None:
            raise InvalidValueError("街道用户必须指定所属街道", field="street")
        if role != ref.ROLE_ADMIN:
            if user.id == self.actor.user_id and user.role == ref.ROLE_ADMIN:
                raise PermissionDeniedError(
                    "不能取消当前登录账户的管理员角色，请由另一位管理员修改"
                )
            _keep_an_admin(user)
        with self.atomic():
            logged = (
                {"role": user.role, "street_id": user.street_id},
                {"role": role, "street_id": street_id},
            )
            self._account_write(user, {"role": role, "street": street_id}, "update", logged)

    def _account_write(self, user, values, action, logged):
        """Write an account action through the write base.  The user was read by name just
        before (no form holds a user's version): the row read is the version written; the
        audit row holds ``logged`` (never a password hash)."""
        writes.update(
            self.actor,
            user,
            "user",
            "用户",
            values,
            user.version,
            user.username,
            action=action,
            logged=logged,
        )

    def count(self):
        return User.select().count()
