"""The long pieces of work behind 导出 and 打印, as jobs for :class:`ui.worker.Worker`.

Each function here returns ``job(path, task) -> result``: it writes the file at ``path`` in
the worker's thread, reports what it is doing through ``task.progress`` and honours
``task.cancelled()`` so that a cancelled job leaves nothing behind (no file; for certificates
no record either, since the PDF is written inside the service's transaction).  They mirror
the command line (cli_exchange, cli_reports, cli_targets) and call only the facade, the
renderers in ``reports`` and the target workbook writer.  No Tk here.

All of them have one shape, :func:`file_job`: collect the data → stop if cancelled → write the
file → remove it and stop if cancelled meanwhile.  A job states only what is its own: what to
collect, how to write it, the progress texts and what it returns to the view (which words the
outcome with ``ui.output.describe_*``).  Errors are not caught here: the Worker hands them to
the view (:class:`Cancelled` → 已取消; ``ui.errors``: RegistryError → its message, anything
else logged with its traceback → 「内部错误，详情见日志」).  Every file is written through the
registry's output guard (``registry.outputs``): a save dialog answered with the database, a
backup or another SQLite file gets the guard's message and nothing is written.
"""

import functools

from gjz_registry import RegistryError, fileops, settings
from ui import texts as T


class Cancelled(RegistryError):
    """The user cancelled; nothing was written."""

    def __init__(self):
        super().__init__(T.JOB_CANCELLED)


def fonts_for(registry):
    """The embedded Chinese font (Setting font_path, else GJZ_FONT, else the system's)."""
    from reports.fonts import register_fonts

    return register_fonts(registry.reference.setting(settings.FONT_PATH))


def file_job(
    collect,
    write,
    *,
    collecting=T.JOB_COLLECTING,
    writing=T.JOB_RENDERING,
    returns=None,
    guard=None,
):
    """``job(path, task)`` in the shape every output here shares:

    0. unless ``guard`` is None: ``guard.check(path)`` (gjz_registry.outputs), so a path that
       may not be written is refused before the data is collected (the writer checks again);
    1. unless ``collect`` is None: report ``collecting``, ``data = collect()``, and raise
       :class:`Cancelled` if the user cancelled meanwhile (nothing written yet);
    2. report ``writing`` (unless None) and ``written = write(data, path)``;
    3. if the user cancelled meanwhile, remove ``path`` and raise :class:`Cancelled`;
    4. return ``returns(data, written)`` — by default ``data``.

    Both callables run in the worker's thread; exceptions pass through unchanged.
    """

    def job(path, task):
        if guard is not None:
            guard.check(path)
        data = None
        if collect is not None:
            task.progress(None, None, collecting)
            data = collect()
            _check(task)
        written = _write(task, path, writing, functools.partial(write, data))
        return data if returns is None else returns(data, written)

    return job


def _check(task):
    if task.cancelled():
        raise Cancelled()


def _write(task, path, text, write):
    """Report ``text`` (unless None) and ``write(path)``; when the user cancelled meanwhile,
    remove ``path`` and raise Cancelled."""
    if text is not None:
        task.progress(None, None, text)
    written = write(path)
    if task.cancelled():
        fileops.remove_quietly(path)  # held by a virus scanner: tried again, then logged
        raise Cancelled()
    return written


def _render_list(registry, report, path):
    from reports.lists import render_list

    render_list(report, path, fonts_for(registry), registry.outputs)


def _render_statistics(registry, data, path):
    from reports.statistics import render_statistics

    render_statistics(data, path, fonts_for(registry), registry.outputs)


def _render_certificates(registry, records, path):
    from reports.certificates import render_certificates

    render_certificates(records, path, fonts_for(registry), registry.outputs)


# --- Excel ---------------------------------------------------------------------------------
def export(registry, kind, **filters):
    """An exchange export (enterprises, carriers, high-tech, tech-sme, residents, template)."""

    def write(_, path):
        if kind == "template":
            return registry.exchange.template(path)
        return registry.exchange.export(kind, path, **filters)

    return file_job(
        None,
        write,
        writing=T.JOB_EXPORTING,
        returns=lambda _, result: result,
        guard=registry.outputs,
    )


def targets_workbook(registry, period=None, plan=None):
    """The half-year assessment as a workbook (``export targets``)."""

    def write(progress, path):
        from gjz_registry.exchange.targets_workbook import write_assessment

        write_assessment(progress, path, registry.actor.label, registry.outputs)

    return file_job(
        lambda: registry.targets.progress(period, plan),
        write,
        collecting=T.JOB_EXPORTING,
        writing=None,
        guard=registry.outputs,
    )


# --- PDF -----------------------------------------------------------------------------------
def listing_pdf(registry, kind, street=None, year=None):
    """One of the registry's lists (high-tech-list, tech-sme-list, carrier-list, residents)."""
    return file_job(
        lambda: registry.listings.listing(kind, street=street, year=year),
        functools.partial(_render_list, registry),
        guard=registry.outputs,
    )


def report_pdf(registry, report):
    """A ListReport made by a presenter — or a function making it, called in the worker's
    thread (the enterprise list's rows are read there, not on the Tk thread)."""
    return file_job(
        lambda: report() if callable(report) else report,
        functools.partial(_render_list, registry),
        guard=registry.outputs,
    )


def statistics_pdf(registry, year=None):
    """The statistics report of ``year`` (``report statistics``)."""
    return file_job(
        lambda: registry.listings.statistics_report(year),
        functools.partial(_render_statistics, registry),
        guard=registry.outputs,
    )


def targets_pdf(registry, period=None, plan=None):
    """The half-year assessment of the action plan's targets (``report targets``)."""

    def collect():
        from reports.assessment import assessment_report

        progress = registry.targets.progress(period, plan)
        return assessment_report(progress, registry.reference.own_unit_name())

    return file_job(
        collect, functools.partial(_render_statistics, registry), guard=registry.outputs
    )


def review_pdf(registry, year=None, ranking=False):
    """The carriers' performance review of ``year`` (default: the service's): one sheet per
    carrier (``report carrier-review``), or the ranking list (``report carrier-ranking``)."""

    def collect():
        from reports.carrier_review import ranking_list, review_sheet

        service, unit = registry.reviews, registry.listings.unit_name()
        shown = service.default_year() if year is None else year
        if ranking:
            return [ranking_list(service.ranking(shown), shown, unit)]
        return [review_sheet(r, unit) for r in service.sheets(shown)]

    def write(sheets, path):
        from reports.carrier_review import render_sheets

        render_sheets(sheets, path, fonts_for(registry), registry.outputs)

    return file_job(collect, write, guard=registry.outputs)


# --- certificates --------------------------------------------------------------------------
def _deliver(registry, path, task):
    """The service's ``deliver``: render inside its transaction; a cancel rolls it back."""
    fonts = fonts_for(registry)

    def deliver(records):
        from reports.certificates import render_certificates

        _check(task)
        _write(
            task,
            path,
            T.JOB_RENDERING,
            lambda out: render_certificates(records, out, fonts, registry.outputs),
        )

    return deliver


def issue(registry, kind, enterprise_id=None, carrier_id=None, on_date=None):
    """Issue one certificate and print it; returns the BatchResult-like (issued, refused)."""

    def job(path, task):
        registry.outputs.check(path)  # before issuing (the PDF is written inside the issue)
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
        registry.outputs.check(path)  # before issuing (the PDF is written inside the issue)
        task.progress(None, None, T.JOB_ISSUING)
        result = registry.certificates.issue_batch(
            kind, list(enterprise_ids), on_date=on_date, deliver=_deliver(registry, path, task)
        )
        return result.issued, result.refused

    return job


def reprint(registry, serials):
    """The certificates ``serials`` again, one PDF (revoked ones are refused by the service)."""
    return file_job(
        lambda: [registry.certificates.reprint(s) for s in serials],
        functools.partial(_render_certificates, registry),
        returns=lambda records, _: (records, []),
        guard=registry.outputs,
    )
