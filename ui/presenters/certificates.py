"""The certificate register (证书登记簿) and certificate checking (证书核验) of 报表证书.

The presenter part (no Tk, not even indirectly: tests/unit/test_presenters_without_tk.py);
the widgets are in ui.views.certificates.
"""

from gjz_registry import certificate_texts as certs
from ui import files, jobs
from ui import texts as T
from ui.list_output import Output
from ui.views.list_presenter import chosen
from ui.views.local_rows import LocalRows, text

ALL = 100000


STATUSES = ("有效", "已撤销")


def certificate_values(r):
    return (
        r.serial,
        r.title,
        r.holder_name,
        r.street or "",
        text(r.issued_on),
        r.status,
        r.verify_code,
        r.issued_by or "",
    )


class CertificatesPresenter:
    """``view`` needs show_page(rows, total, page, pages, sort_key, sort_desc)."""

    def __init__(self, registry, view, page_size=100):
        self.registry = registry
        self.view = view
        self.kind = None
        self.status = None
        self.rows = LocalRows([c[0] for c in T.CERTIFICATE_COLUMNS], page_size)
        self.records = {}

    @property
    def can_write(self):
        return self.registry.actor.can_write

    @staticmethod
    def kind_choices():
        return [k.title for k in certs.KINDS.values()]

    def load(self):
        page = self.registry.certificates.list(kind=self.kind, status=self.status, limit=ALL)
        self.records = {r.id: r for r in page.items}
        self.rows.replace([(r.id, certificate_values(r)) for r in page.items])
        self.show()

    def show(self):
        self.view.show_page(*self.rows.current())

    @property
    def total(self):
        return self.rows.total

    def set_kind(self, title):
        self.kind = chosen(title)
        self.rows.page = 0
        self.load()

    def set_status(self, status):
        self.status = chosen(status)
        self.rows.page = 0
        self.load()

    def set_text(self, value):
        if self.rows.set_text(value):
            self.show()

    def sort_by(self, key):
        self.rows.sort_by(key)
        self.show()

    def go_to_page(self, index):
        self.rows.go_to(index)
        self.show()

    def record(self, record_id):
        return self.records.get(record_id)

    def reprint_output(self, record_ids):
        """补打: an Output printing the selected certificates again, or None (none valid)."""
        serials = [self.records[i].serial for i in record_ids if i in self.records]
        if not serials:
            return None
        first = self.records[record_ids[0]]
        if len(serials) == 1:
            name = T.REPRINT_FILE.format(title=first.title, name=first.holder_name)
        else:
            name = T.REPRINT_MANY_FILE.format(count=len(serials))
        job = jobs.reprint(self.registry, serials)
        return Output(T.REPRINT_TITLE, files.safe_name(name) + ".pdf", "pdf", job)


class VerifyPresenter:
    """Checks a serial (+ code) or a scanned QR text; ``view`` needs show_verdict(result)."""

    def __init__(self, registry, view):
        self.registry = registry
        self.view = view
        self.result = None

    def verify(self, serial_or_payload, code=""):
        value = (serial_or_payload or "").strip()
        code = (code or "").strip()
        service = self.registry.certificates
        if "|" in value:
            self.result = service.verify_payload(value)
        else:
            self.result = service.verify(value, code or None)
        self.view.show_verdict(self.result)
        return self.result

    @staticmethod
    def lines(result):
        """[(label, value)] of what the register says about the certificate."""
        rows = [(T.VERIFY_SERIAL, result.serial)]
        if result.holder_name:
            rows += [
                (T.VERIFY_KIND, result.title),
                (T.VERIFY_HOLDER, result.holder_name),
                (T.VERIFY_ISSUED, text(result.issued_on)),
            ]
        if result.revoked_on and not result.detail:  # the detail already says when and why
            rows.append((T.VERIFY_REVOKED, f"{text(result.revoked_on)}　{result.revoke_reason}"))
        if result.detail:
            rows.append((T.VERIFY_DETAIL, result.detail))
        return rows
