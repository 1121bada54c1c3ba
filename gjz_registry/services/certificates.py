"""Certificates (证书): issue, verify, revoke, reprint, and the register (证书登记簿).

Issuing checks the facts (``certificate_facts``), fills the kind's wording (``Setting
certificate_template.<kind>`` or the default in ``gjz_registry.certificate_texts``) and stores a
Certificate with:

- a serial ``GJZ-{year}-{code}-{seq:06d}`` (code RF/BY/PY/ZT), the sequence counting per kind
  and year, computed inside the transaction; the unique constraint guards concurrent issuers
  (one retry on a collision);
- a verify code: HMAC-SHA256 over ``serial|kind|holder name|credit code (carrier: its name)|
  issued_on`` with a secret made once (``secrets.token_hex(32)``) and kept in Setting
  ``certificate_secret`` — never audited in clear, never shown — cut to 12 base32 characters
  grouped ``XXXX-XXXX-XXXX``.  A certificate whose serial, name or date was altered (on paper
  or in the database) no longer verifies.

Batches: :meth:`CertificateService.issue_batch` issues what passes the rules and returns the
refusals (one transaction); a holder outside the actor's street refuses the whole batch.  A
``deliver`` callback (e.g. writing the PDF) runs inside the transaction,
so a failed printout records nothing.  Street users issue and revoke for their street only,
viewers never; every issue and revocation writes its audit row.  Revoked certificates stay in
the register and verify as 已撤销.
"""

import dataclasses
import datetime
import secrets

from peewee import IntegrityError

from db.models import Carrier, Certificate, Enterprise, Setting
from gjz_registry import certificate_texts as texts
from gjz_registry import reference as ref
from gjz_registry import settings
from gjz_registry import validators as v
from gjz_registry.errors import (
    DuplicateError,
    InvalidValueError,
    NotFoundError,
    RuleError,
)
from gjz_registry.services import audit, writes
from gjz_registry.services import certificate_facts as facts
from gjz_registry.services import certificate_records as records
from gjz_registry.services.base import Page, Service
from gjz_registry.services.certificate_records import (  # noqa: F401 - re-exported
    MISMATCH,
    REVOKED,
    UNKNOWN,
    VALID,
    BatchResult,
    CertificateRecord,
    VerifyResult,
    normalise_code,
    normalise_serial,
    sign,
)

SECRET_SETTING = settings.CERTIFICATE_SECRET.name


class CertificateService(Service):
    """Issue, verify, revoke and list certificates, within the actor's scope."""

    # --- settings ----------------------------------------------------------------------
    def template(self, kind):
        """The wording in force for ``kind``: the saved template, else the default."""
        found = texts.kind_of(kind)
        key = settings.CERTIFICATE_TEMPLATE(found.key)
        return self.registry.reference.setting(key) or found.template

    def set_template(self, kind, text):
        """Save ``kind``'s wording (admin); None or "" restores the default.

        Raises InvalidValueError for a malformed template or an unknown placeholder.
        """
        found = texts.kind_of(kind)
        value = texts.check_template(found.key, text) if (text or "").strip() else None
        if value == found.template:
            value = None
        self.registry.reference.set_setting(settings.CERTIFICATE_TEMPLATE(found.key), value)
        return self.template(found.key)

    def unit_name(self):
        """The 发证单位: the district office, whoever prints (certificates are the district's)."""
        return self.registry.reference.unit_name()

    def basis(self):
        return self.registry.reference.setting(settings.CERTIFICATE_BASIS)

    # --- issuing -----------------------------------------------------------------------
    def issue(self, kind, enterprise_id=None, carrier_id=None, on_date=None, deliver=None):
        """Issue one certificate; return its CertificateRecord.

        Exactly one of ``enterprise_id`` / ``carrier_id``.  ``deliver(records)`` runs inside
        the transaction (an exception there records nothing).  Raises RuleError when the facts
        are not true, PermissionDeniedError outside the actor's scope, NotFoundError.
        """
        if (enterprise_id is None) == (carrier_id is None):
            raise InvalidValueError("请指定一家企业或一个载体（二者选一）。")
        targets = (
            [("enterprise", enterprise_id)] if carrier_id is None else [("carrier", carrier_id)]
        )
        result = self._issue(kind, targets, on_date, deliver, strict=True)
        return result.issued[0]

    def issue_batch(self, kind, enterprise_ids=(), carrier_ids=(), on_date=None, deliver=None):
        """Issue to every holder that qualifies, in one transaction; return a BatchResult.

        Holders that fail a rule are listed in ``refused`` with the reason; the others are
        issued.  A holder outside the actor's street (PermissionDeniedError) or not found
        (NotFoundError) stops the whole batch: nothing is issued.  ``deliver(issued)`` runs inside
        the transaction when at least one was issued.  Repeated ids count once.
        """
        targets = [("enterprise", i) for i in dict.fromkeys(enterprise_ids)]
        targets += [("carrier", i) for i in dict.fromkeys(carrier_ids)]
        if not targets:
            raise InvalidValueError("没有选择要发证的企业或载体。")
        return self._issue(kind, targets, on_date, deliver, strict=False)

    def _issue(self, kind, targets, on_date, deliver, strict):
        kind = texts.kind_of(kind)
        self.require_write()
        today = datetime.date.today()
        day = today if on_date is None else v.validate_date(on_date, "发证日期", latest=today)
        for attempt in (1, 2):
            try:
                with self.atomic():
                    result = self._issue_all(kind, targets, day, strict)
                    if deliver is not None and result.issued:
                        deliver(result.issued)
                return result
            except IntegrityError:
                if attempt == 2:
                    raise DuplicateError(
                        "证书编号冲突：其他用户正在同时签发证书，请稍后重试。"
                    ) from None
        raise AssertionError("unreachable")

    def _issue_all(self, kind, targets, day, strict):
        # Every holder must exist and lie in the actor's scope: otherwise nothing is issued.
        holders = [(what, self._holder(what, target_id)) for what, target_id in targets]
        template = self.template(kind.key)
        common = {"unit_name": self.unit_name(), "issued_on": day, "basis": self.basis()}
        code_prefix = f"GJZ-{day.year}-{kind.code}-"
        sequence = records.last_sequence(code_prefix)
        issued, refused, secret = [], [], None
        for what, holder in holders:
            try:
                values = self._facts(kind, what, holder, day)
                body = texts.fill_template(template, {**common, **values})
            except (RuleError, InvalidValueError) as exc:
                if strict:
                    raise
                refused.append((holder.name, str(exc)))
                continue
            secret = secret or self._secret(create=True)
            sequence += 1
            serial = f"{code_prefix}{sequence:06d}"
            identity = holder.credit_code if what == "enterprise" else holder.name
            row = writes.create(
                self.actor,
                Certificate,
                "certificate",
                dict(
                    serial=serial,
                    kind=kind.title,
                    enterprise=holder.id if what == "enterprise" else None,
                    carrier=holder.id if what == "carrier" else None,
                    holder_name=holder.name,
                    issued_on=day,
                    issued_by=(self.actor.display_name or self.actor.label)[:50],
                    verify_code=sign(secret, serial, kind.title, holder.name, identity, day),
                    body=body,
                    unit_name=common["unit_name"][:200],
                ),
                action="issue",
                logged={
                    "serial": serial,
                    "kind": kind.title,
                    "holder_name": holder.name,
                    what: holder.id,
                    "issued_on": day,
                },
            )
            issued.append(
                CertificateRecord(
                    id=row.id,
                    serial=serial,
                    kind=kind.key,
                    title=kind.title,
                    holder_name=holder.name,
                    verify_code=row.verify_code,
                    issued_on=day,
                    unit_name=common["unit_name"],
                    body=body,
                    issued_by=row.issued_by,
                    enterprise_id=row.enterprise_id,
                    carrier_id=row.carrier_id,
                    credit_code=values.get("credit_code"),
                    street=values.get("street"),
                    names=texts.names_of({**values, "holder_name": holder.name}),
                )
            )
        return BatchResult(issued, refused)

    def _holder(self, what, target_id):
        """The Enterprise or Carrier row, after the scope check (NotFound / PermissionDenied)."""
        if what == "enterprise":
            holder, label = facts.enterprise_row(target_id), "企业"
        else:
            holder, label = facts.carrier_row(target_id), "载体"
        if holder is None:
            raise NotFoundError(f"{label}不存在（编号 {target_id}）")
        self.require_write(holder.street_id, label)
        return holder

    def _facts(self, kind, what, holder, day):
        """The placeholder values for ``holder``; RuleError when the facts are not true."""
        street = self.registry.reference.street_name(holder.street_id)
        if what == "enterprise":
            return facts.enterprise_facts(kind, holder, day, street)
        return facts.carrier_facts(kind, holder, day, street)

    def _secret(self, create):
        """The HMAC key; made on first use (inside the caller's transaction) when ``create``."""
        row = Setting.get_or_none(Setting.key == SECRET_SETTING)
        if row is not None and row.value:
            return row.value
        if not create:
            return None
        value = secrets.token_hex(32)
        if row is None:
            row = Setting.create(key=SECRET_SETTING, value=value)
        else:
            Setting.update(value=value).where(Setting.id == row.id).execute()
        # The audit row says that the key was made, never what it is (a setting has no
        # version: not services/writes.py).
        audit.record(self.actor, "create", "setting", row.id, None, {SECRET_SETTING: "（已生成）"})
        return value

    # --- checking ------------------------------------------------------------------------
    def verify(self, serial, verify_code=None):
        """Check a certificate by serial (and the printed verify code, when given).

        Returns a VerifyResult: 未知 (no such serial), 校验码不符 (the code does not match, or
        the register's record no longer matches what was signed), 已撤销, or 有效.  Open to
        every logged-in user (a certificate is checked by whoever holds the paper).
        """
        self.require_login()
        serial = normalise_serial(serial)
        if not serial:
            raise InvalidValueError("请输入证书编号。", field="serial")
        row = records.query().where(Certificate.serial == serial).dicts().first()
        if row is None:
            return VerifyResult(UNKNOWN, serial, detail="证书登记簿中没有这个编号。")
        title = texts.kind_of(row["kind"]).title
        result = VerifyResult(
            VALID,
            serial,
            row["holder_name"],
            title,
            row["issued_on"],
            row["revoked_on"],
            row["revoke_reason"],
        )
        secret = self._secret(create=False)
        identity = row["credit_code"] if row["enterprise"] else row["carrier_name"]
        expected = secret and sign(
            secret, serial, title, row["holder_name"], identity, row["issued_on"]
        )
        if not expected or expected != row["verify_code"]:
            result.status = MISMATCH
            result.detail = "登记簿中该证书的信息与签发时不一致（可能被改动），请核对纸质档案。"
        elif verify_code is not None and normalise_code(verify_code) != normalise_code(expected):
            result.status = MISMATCH
            result.detail = "验证码与证书编号不符：证书可能是伪造的，或编号、验证码被涂改。"
        elif row["revoked_on"] is not None:
            result.status = REVOKED
            result.detail = f"已于 {row['revoked_on'].isoformat()} 撤销：{row['revoke_reason']}"
        return result

    def verify_payload(self, text):
        """:meth:`verify` for the text of a scanned QR code (``GJZ-CERT|serial|code``)."""
        serial, code = texts.parse_qr_payload(text)
        return self.verify(serial, code)

    # --- changing ------------------------------------------------------------------------
    def revoke(self, serial, reason, on_date=None):
        """Revoke a certificate (admin, or a user of the holder's street); it stays recorded.

        Raises NotFoundError, RuleError (already revoked), InvalidValueError (no reason).
        """
        self.require_write()
        reason = v.clean_text(reason)
        if not reason:
            raise InvalidValueError("请填写撤销原因。", field="reason")
        if len(reason) > 200:
            raise InvalidValueError("「撤销原因」不能超过 200 字。", field="reason")
        today = datetime.date.today()
        day = today if on_date is None else v.validate_date(on_date, "撤销日期", latest=today)
        with self.atomic():
            record = self.get(serial)
            self.require_write(self._street_id(record), "证书")
            if record.revoked_on is not None:
                revoked = record.revoked_on.isoformat()
                raise RuleError(f"证书 {record.serial} 已于 {revoked} 撤销，无需重复撤销。")
            if day < record.issued_on:
                raise InvalidValueError("撤销日期不能早于发证日期。", field="revoked_on")
            # The register is read by serial just before writing (no form holds a version); a
            # second revocation is refused above.
            stored = Certificate.get_by_id(record.id)
            writes.update(
                self.actor,
                stored,
                "certificate",
                "证书",
                {"revoked_on": day, "revoke_reason": reason},
                stored.version,
                name=record.serial,
                action="revoke",
                logged=(
                    {"revoked_on": None, "revoke_reason": None},
                    {"revoked_on": day, "revoke_reason": reason},
                ),
            )
        return self.get(record.serial)

    # --- reading -------------------------------------------------------------------------
    def get(self, serial):
        """The CertificateRecord with this serial (visible to the actor); NotFoundError."""
        self.require_login()
        row = records.query().where(Certificate.serial == normalise_serial(serial)).dicts().first()
        if row is None:
            raise NotFoundError(f"证书编号 {normalise_serial(serial)} 不在证书登记簿中。")
        self.require_visible(row["enterprise_street"] or row["carrier_street"], "证书")
        return self._record(row, self.unit_name())

    def reprint(self, serial):
        """The same certificate data again, for a second printout (refused when revoked).

        Every reprint leaves an audit row (whoever asks, viewers included: a second paper
        copy of a certificate is worth knowing about)."""
        with self.atomic():
            record = self.get(serial)
            if record.revoked_on is not None:
                raise RuleError(
                    f"证书 {record.serial} 已于 {record.revoked_on.isoformat()} 撤销，不能补打。"
                )
            # A reprint changes no record: an audit row only.
            audit.record(
                self.actor, "reprint", "certificate", record.id, None, {"serial": record.serial}
            )
        return dataclasses.replace(record, names=self._names_in(record.body))

    def _names_in(self, body):
        """The carriers' and operators' names and the chain's terms that ``body`` mentions
        (what the certificate printed whole when it was issued)."""
        known = [n for row in Carrier.select(Carrier.name, Carrier.operator_name).tuples()
                 for n in row]  # fmt: skip
        return texts.names_in(body, [*known, *ref.CARRIER_KINDS, *ref.STAGES])

    def list(self, kind=None, text=None, status=None, offset=0, limit=100):
        """A Page of CertificateRecord, newest first, within the actor's street.

        ``text`` matches the serial or the holder's name; ``status`` is 有效 or 已撤销.
        """
        self.require_login()
        query = records.query()
        if self.actor.scoped:
            query = query.where(
                (Enterprise.street == self.actor.street_id)
                | (Carrier.street == self.actor.street_id)
            )
        if kind:
            query = query.where(Certificate.kind == texts.kind_of(kind).title)
        if text and text.strip():
            needle = text.strip()
            query = query.where(
                Certificate.serial.contains(needle.upper())
                | Certificate.holder_name.contains(needle)
            )
        if status == VALID:
            query = query.where(Certificate.revoked_on.is_null())
        elif status == REVOKED:
            query = query.where(Certificate.revoked_on.is_null(False))
        elif status:
            raise InvalidValueError(f"证书状态应为「{VALID}」或「{REVOKED}」", field="status")
        total = query.count()
        rows = query.order_by(Certificate.id.desc()).offset(offset).limit(limit).dicts()
        unit = self.unit_name()
        return Page([self._record(r, unit) for r in rows], total, offset, limit)

    def _street_id(self, record):
        if record.enterprise_id:
            return Enterprise.get_by_id(record.enterprise_id).street_id
        return Carrier.get_by_id(record.carrier_id).street_id

    def _record(self, row, unit_name):
        return records.record(row, unit_name, self.registry.reference.street_name)
