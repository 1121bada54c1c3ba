"""The certificate register's records: dataclasses, the verify code, queries.

Shared by :mod:`gjz_registry.services.certificates` (the service) — kept apart so each module
stays small.  ``sign`` is the HMAC that makes a certificate verifiable; see the service's
docstring for what it covers.
"""

import base64
import dataclasses
import datetime
import hashlib
import hmac
import re
import unicodedata

from peewee import JOIN, fn

from db.models import Carrier, Certificate, Enterprise
from gjz_registry import certificate_texts as texts

VALID, REVOKED, UNKNOWN, MISMATCH = "有效", "已撤销", "未知", "校验码不符"
CODE_LENGTH = 12


@dataclasses.dataclass
class CertificateRecord:
    """One certificate with everything the renderer needs (reports.CertificateData fields)."""

    id: int
    serial: str
    kind: str  # key: incubation / graduation / cultivation / carrier
    title: str
    holder_name: str
    verify_code: str
    issued_on: datetime.date
    unit_name: str
    body: str
    issued_by: str = None
    enterprise_id: int = None
    carrier_id: int = None
    credit_code: str = None
    street: str = None
    revoked_on: datetime.date = None
    revoke_reason: str = None
    names: tuple = ()  # the names and terms in ``body`` that print whole on a line

    @property
    def status(self):
        return REVOKED if self.revoked_on else VALID

    @property
    def qr_payload(self):
        return texts.qr_payload(self.serial, self.verify_code)


@dataclasses.dataclass
class VerifyResult:
    """The answer to 「这张证书是真的吗」: status 有效 / 已撤销 / 未知 / 校验码不符."""

    status: str
    serial: str
    holder_name: str = None
    title: str = None
    issued_on: datetime.date = None
    revoked_on: datetime.date = None
    revoke_reason: str = None
    detail: str = ""

    @property
    def valid(self):
        return self.status == VALID


@dataclasses.dataclass
class BatchResult:
    """``issued``: CertificateRecords; ``refused``: (holder name, Chinese reason) pairs."""

    issued: list
    refused: list


def sign(secret, serial, title, holder_name, identity, issued_on):
    """The verify code of a certificate: 12 base32 characters as XXXX-XXXX-XXXX."""
    message = "|".join((serial, title, holder_name, identity or "", issued_on.isoformat()))
    digest = hmac.new(secret.encode("ascii"), message.encode("utf-8"), hashlib.sha256).digest()
    code = base64.b32encode(digest).decode("ascii")[:CODE_LENGTH]
    return "-".join(code[i : i + 4] for i in range(0, CODE_LENGTH, 4))


_LOOKALIKES = str.maketrans("018", "OIB")  # base32 has no 0, 1 or 8: read them as O, I, B


def normalise_code(text):
    """A typed or scanned verify code without separators, upper case (NFKC, 0→O, 1→I, 8→B)."""
    text = unicodedata.normalize("NFKC", text or "").upper().translate(_LOOKALIKES)
    return re.sub(r"[^0-9A-Z]", "", text)


def normalise_serial(text):
    return unicodedata.normalize("NFKC", text or "").strip().upper()


def query():
    """Certificates joined with their holder's code and street (LEFT joins)."""
    return (
        Certificate.select(
            Certificate,
            Enterprise.credit_code.alias("credit_code"),
            Enterprise.street.alias("enterprise_street"),
            Carrier.street.alias("carrier_street"),
            Carrier.name.alias("carrier_name"),
            Carrier.operator_credit_code.alias("operator_code"),
        )
        .join(Enterprise, JOIN.LEFT_OUTER, on=(Certificate.enterprise == Enterprise.id))
        .switch(Certificate)
        .join(Carrier, JOIN.LEFT_OUTER, on=(Certificate.carrier == Carrier.id))
    )


def last_sequence(prefix):
    """The highest sequence number used so far with this serial prefix (0 if none)."""
    last = (
        Certificate.select(fn.MAX(Certificate.serial))
        .where(Certificate.serial.startswith(prefix))
        .scalar()
    )
    tail = last[len(prefix) :] if last else ""
    return int(tail) if tail.isdigit() else 0


def record(row, unit_name, street_name):
    """A CertificateRecord from a :func:`query` dict; ``street_name(id)`` names the street.
    The unit is the one stored at issue; ``unit_name`` (today's setting) only for
    certificates issued before units were stored."""
    kind = texts.kind_of(row["kind"])
    street_id = row["enterprise_street"] or row["carrier_street"]
    return CertificateRecord(
        id=row["id"],
        serial=row["serial"],
        kind=kind.key,
        title=kind.title,
        holder_name=row["holder_name"],
        verify_code=row["verify_code"],
        issued_on=row["issued_on"],
        unit_name=row.get("unit_name") or unit_name,
        body=row["body"],
        issued_by=row["issued_by"],
        enterprise_id=row["enterprise"],
        carrier_id=row["carrier"],
        credit_code=row["credit_code"] if row["enterprise"] else row["operator_code"],
        street=street_name(street_id) if street_id else None,
        revoked_on=row["revoked_on"],
        revoke_reason=row["revoke_reason"],
    )
