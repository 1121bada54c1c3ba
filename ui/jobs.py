"""The long pieces of work behind 导出 and 打印, as jobs for :class:`ui.worker.Worker`.

Each function here returns ``job(path, task) -> result``: it writes the file at ``path`` in
the worker's thread, reports what it is doing through ``task.progress`` and honours
``task.cancelled()`` so that a cancelled job leaves nothing behind (no file; for certificates
no record either, since the PDF is written inside the service's transaction).  They mirror
the command line (cli_exchange, cli_reports, cli_targets) and call only the facade, the
renderers in ``reports`` and the target workbook writer.  No Tk here.
"""

import os

from gjz_registry import RegistryError
from ui import texts as T

FONT_SETTING = "font_path"  # the same Setting the command line reads


class Cancelled(RegistryError):
    """The user cancelled; nothing was written."""

    def __init__(self):
        super().__init__(T.JOB_CANCELLED)


def fonts_for(registry):
    """The embedded Chinese font (Setting font_path, else GJZ_FONT, else the system's)."""
    from reports.fonts import register_fonts

    return register_fonts(registry.reference.setting(FONT_SETTING) or None)


def _finish(task, path):
    """Raise Cancelled (removing ``path``) when the user cancelled meanwhile."""
    if task.cancelled():
        try:
            os.remove(path)
        except OSError:
            pass
        raise Cancelled()


def _check(task):
    if task.cancelled():
        raise Cancelled()


# --- Excel ---------------------------------------------------------------------------------
def export(registry, kind, **filters):
    """An exchange export (enterprises, carriers, high-tech, tech-sme, residents, template)."""

    def job(path, task):
        task.progress(None, None, T.JOB_EXPORTING)
        if kind == "template":
            result = registry.exchange.template(path)
        else:
            result = registry.exchange.export(kind, path, **filters)
        _finish(task, path)
        return result

    return job


def targets_workbook(registry, period=None):
    """The half-year assessment as a workbook (``export targets``)."""

    def job(path, task):
        from gjz_registry.exchange.targets_workbook import write_assessment

        task.progress(None, None, T.JOB_EXPORTING)
        progress = registry.targets.progress(period)
        _check(task)
        write_assessment(progress, path, registry.actor.label)
        _finish(task, path)
        return progress

    return job


# --- PDF -----------------------------------------------------------------------------------
def listing_pdf(registry, kind, street=None, year=None):
    """One of the registry's lists (high-tech-list, tech-sme-list, carrier-list, residents)."""

    def job(path, task):
        from reports.lists import render_list

        task.progress(None, None, T.JOB_COLLECTING)
        listing = registry.listings.listing(kind, street=street, year=year)
        _check(task)
        task.progress(None, None, T.JOB_RENDERING)
        render_list(listing, path, fonts_for(registry))
        _finish(task, path)
        return listing

    return job


def report_pdf(registry, report):
    """A ListReport made by a presenter — or a function making it, called in the worker's
    thread (the enterprise list's rows are read there, not on the Tk thread)."""

    def job(path, task):
        from reports.lists import render_list

        task.progress(None, None, T.JOB_COLLECTING)
        made = report() if callable(report) else report
        _check(task)
        task.progress(None, None, T.JOB_RENDERING)
        render_list(made, path, fonts_for(registry))
        _finish(task, path)
        return made

    return job


def statistics_pdf(registry, year=None):
    def job(path, task):
        from reports.statistics import render_statistics

        task.progress(None, None, T.JOB_COLLECTING)
        data = registry.listings.statistics_report(year)
        _check(task)
        task.progress(None, None, T.JOB_RENDERING)
        render_statistics(data, path, fonts_for(registry))
        _finish(task, path)
        return data

    return job


def targets_pdf(registry, period=None):
    def job(path, task):
        from reports.assessment import assessment_report
        from reports.statistics import render_statistics

        task.progress(None, None, T.JOB_COLLECTING)
        progress = registry.targets.progress(period)
        data = assessment_report(progress, registry.reference.setting("unit_name", ""))
        _check(task)
        task.progress(None, None, T.JOB_RENDERING)
        render_statistics(data, path, fonts_for(registry))
        _finish(task, path)
        return data

    return job


# --- certificates --------------------------------------------------------------------------
def _deliver(registry, path, task):
    """The service's ``deliver``: render inside its transaction; a cancel rolls it back."""
    fonts = fonts_for(registry)

    def deliver(records):
        from reports.certificates import render_certificates

        _check(task)
        task.progress(None, None, T.JOB_RENDERING)
        render_certificates(records, path, fonts)
        _finish(task, path)

    return deliver


def issue(registry, kind, enterprise_id=None, carrier_id=None, on_date=None):
    """Issue one certificate and print it; returns the BatchResult-like (issued, refused)."""

    def job(path, task):
        task.progress(None, None, T.JOB_ISSUING)
        record = registry.certificates.issue(
            kind,
            enterprise_id=enterprise_id,
            carrier_id=carrier_id,
            on_date=on_date,
            deliver=_deliver(registry, path, task),
        )
        return [record], []

    return job


def issue_batch(registry, kind, enterprise_ids, on_date=None):
    """Issue to every enterprise that qualifies, one PDF; returns (issued, refused)."""

    def job(path, task):
        task.progress(None, None, T.JOB_ISSUING)
        result = registry.certificates.issue_batch(
            kind, list(enterprise_ids), on_date=on_date, deliver=_deliver(registry, path, task)
        )
        return result.issued, result.refused

    return job


def reprint(registry, serials):
    """The certificates ``serials`` again, one PDF (revoked ones are refused by the service)."""

    def job(path, task):
        from reports.certificates import render_certificates

        task.progress(None, None, T.JOB_COLLECTING)
        records = [registry.certificates.reprint(s) for s in serials]
        _check(task)
        task.progress(None, None, T.JOB_RENDERING)
        render_certificates(records, path, fonts_for(registry))
        _finish(task, path)
        return records, []

    return job
