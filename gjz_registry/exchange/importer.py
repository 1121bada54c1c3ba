"""The import service (DESIGN §6): a workbook in, every row checked, one transaction out.

    result = me.exchange.import_file("名单.xlsx", on_conflict="update", dry_run=True)
    result.created, result.rejected, result.rejections[0].message

The file is read and its header found first (a file that is not a workbook, is encrypted or
empty, or has no recognisable header raises FileFormatError before anything is written).
The rows below the data that form the sheet's trailer (合计, 填报人, 注：…; the rule is in
:mod:`trailer`) are skipped and listed in the result, never converted or rejected.
Then, inside one transaction and one ImportBatch, the rows are converted and checked chunk by
chunk and handed to the writer of the sheet kind (:mod:`sheet_writers`).
A dry run, an import cancelled through ``cancel()`` and an ``all_or_nothing`` import with
rejected rows run exactly the same code and roll the transaction back at the end.
"""

import dataclasses
import itertools
from pathlib import Path

from db.models import AuditLog, ImportBatch, now
from gjz_registry import fileops, gcpause
from gjz_registry.errors import (
    FileFormatError,
    InvalidValueError,
    OutputPathError,
    RegistryError,
)
from gjz_registry.exchange import columns as cols
from gjz_registry.exchange import errors_workbook, sheet_layout, trailer
from gjz_registry.exchange.context import ImportContext, check_policy
from gjz_registry.exchange.header import SEARCH_ROWS, read_table
from gjz_registry.exchange.reader import open_workbook
from gjz_registry.exchange.results import (  # noqa: F401 (the service's results)
    ImportResult,
    Preview,
    PreviewRow,
    Rejection,
    RowNote,
)
from gjz_registry.exchange.rows import RowConverter
from gjz_registry.exchange.sheet_writers import WRITERS
from gjz_registry.exchange.undo import STATUS_COMMITTED
from gjz_registry.exchange.xlsx_writer import column_letter
from gjz_registry.services import audit
from gjz_registry.services.base import Service

CHUNK = 500
PREVIEW_ROWS = 50


class ImportCancelledError(RegistryError):
    """The user cancelled the import; the transaction was rolled back."""


class _Rollback(Exception):
    """Raised inside the transaction to undo everything (dry run, all-or-nothing)."""


@dataclasses.dataclass
class _Sheet:
    name: str
    sheet_names: list
    header_rows: list
    match: object
    records: list  # (sheet row number, raw row) of the data rows
    trailers: list  # trailer.Trailer: the rows below the data, skipped
    title_rows: list  # the rows above the header
    file_format: str  # reader.Workbook.format: xlsx, xls, ods…


class ImportService(Service):
    """Imports workbooks as the registry's actor."""

    # --- reading -----------------------------------------------------------------------
    def _read(self, path, kind, sheet):
        if kind is not None and kind not in cols.KINDS:
            raise InvalidValueError(
                f"「表格类型」应为 {'、'.join(cols.KINDS)} 之一，实为「{kind}」", field="kind"
            )
        name = Path(path).name
        with open_workbook(path) as workbook:
            names = list(workbook.sheet_names)
            # the visible sheets first: a hidden one (last year's list) only when none fits
            shown = workbook.visible_sheet_names
            ordered = shown + [n for n in names if n not in shown]
            candidates = [sheet] if sheet is not None else ordered or [None]
            failure = None
            for candidate in candidates:
                rows = workbook.rows(candidate)
                # the rows are not kept: a stray cell in row 600 000 leaves that many empty ones
                head = list(itertools.islice(rows, SEARCH_ROWS))
                try:
                    match, records = read_table(itertools.chain(head, rows), kind, name)
                except FileFormatError as exc:
                    failure = failure or exc
                    continue
                first = match.row_index - match.header_rows + 1
                header_rows = head[first : match.row_index + 1]
                sheet_name = candidate if isinstance(candidate, str) else names[candidate or 0]
                own = cols.get_kind(match.kind).identity
                identity = [i for i, c in match.mapping.items() if c in own]
                data, trailers = trailer.split(records, match.row_index + 1, identity)
                return _Sheet(
                    sheet_name,
                    names,
                    header_rows,
                    match,
                    data,
                    trailers,
                    head[:first],
                    workbook.format,
                )
        raise failure

    @staticmethod
    def _mapping(match, mapping):
        """The mapping the rows are read with: the detected one, or ``mapping`` (the
        wizard's) checked: known codes, columns that exist, no field from two columns."""
        if mapping is None:
            return match.mapping
        kind = cols.get_kind(match.kind)
        result, taken = {}, {}
        for index, code in sorted(mapping.items(), key=lambda item: _column_number(item[0])):
            try:
                column = kind.column(code)
            except KeyError:
                raise InvalidValueError(f"「{kind.title}」没有代码为 {code} 的列") from None
            index = _column_number(index)
            if index < 0:
                raise InvalidValueError(f"列号 {index} 不存在", field="mapping")
            if code in taken:
                raise InvalidValueError(
                    f"「{column.header}」对应了 {column_letter(taken[code])} 列和 "
                    f"{column_letter(index)} 列，每个字段只能选一列",
                    field="mapping",
                )
            taken[code] = index
            result[index] = code
        return result

    @staticmethod
    def _missing(kind, mapping):
        """The headers of the required columns of ``kind`` that ``mapping`` leaves out."""
        present = set(mapping.values())
        return [c.header for c in cols.get_kind(kind).required if c.code not in present]

    def _converter(self, kind, mapping, match):
        options = WRITERS[kind][1]
        return RowConverter(
            kind, mapping, match.units, **(options(self.registry) if options else {})
        )

    # --- preview -----------------------------------------------------------------------
    def preview(
        self, path, kind=None, sheet=None, mapping=None, on_conflict="update", limit=PREVIEW_ROWS
    ):
        """Return a :class:`Preview` of the file: header, mapping, the first ``limit`` rows
        with the problems of each cell (formats and field rules) and, for enterprise rows,
        what ``on_conflict`` would do with them — for every registered enterprise in the
        file, the fields it would change (old → new; such rows after the first ``limit``
        are added to ``rows``).  ``on_conflict`` None: no rule chosen yet (every difference
        is listed).  Nothing is written; a dry run of :meth:`import_file` gives the complete
        outcome (duplicates, chain rules…).

        Raises FileFormatError for a file that cannot be imported at all."""
        self.require_write()
        if on_conflict is not None:
            check_policy(on_conflict)
        found = self._read(path, kind, sheet)
        match = found.match
        mapping = self._mapping(match, mapping)
        converter = self._converter(match.kind, mapping, match)
        kind_spec = cols.get_kind(match.kind)
        rows, converted = [], {}
        for number, raw in found.records[:limit]:
            row = converted[number] = converter.convert(number, raw)
            rows.append(_preview_row(row))
        changes, kept, comparison = None, 0, WRITERS[match.kind][2]
        if comparison is not None:
            compare = comparison(self.registry, converter, on_conflict)
            changes = compare.apply(found.records, rows, converted, _preview_row)
            kept = compare.kept
        headers = found.header_rows[-1] if found.header_rows else []
        return Preview(
            file_name=Path(path).name,
            kind=match.kind,
            kind_title=kind_spec.title,
            sheet=found.name,
            sheet_names=found.sheet_names,
            header_row=match.row_index + 1,
            headers=list(headers),
            mapping=mapping,
            columns={i: kind_spec.column(c).header for i, c in mapping.items()},
            unknown_columns=[text for _, text in match.unknown],
            missing_required=self._missing(match.kind, mapping),
            total_rows=len(found.records),
            rows=rows,
            changes=changes,
            kept_rows=kept,
            trailers=found.trailers,
        )

    # --- importing ---------------------------------------------------------------------
    @gcpause.during  # a large sheet keeps millions of objects alive: see gjz_registry/gcpause
    def import_file(
        self,
        path,
        kind=None,
        sheet=None,
        dry_run=False,
        on_conflict="update",
        all_or_nothing=False,
        errors_path=None,
        progress=None,
        cancel=None,
        mapping=None,
    ):
        """Import the workbook at ``path``; return an :class:`ImportResult`.

        ``kind`` forces the sheet kind (else detected), ``sheet`` picks a sheet (else the
        first one with a header), ``on_conflict`` says what happens to a record that exists:
        ``skip``, ``update`` (non-blank cells replace the values) or ``fill`` (only empty
        fields are filled).  ``progress(done, total)`` is called after each chunk;
        ``cancel()`` returning true stops the import (ImportCancelledError, nothing written).
        ``errors_path`` receives the rejected rows (see errors_workbook).  ``mapping``
        ({column index: column code}, from the wizard) replaces the detected mapping.
        Raises FileFormatError (bad file, no header, required column missing),
        PermissionDeniedError (read-only user), InvalidValueError (bad arguments),
        OutputPathError (``errors_path`` is the database, a backup, the file itself…);
        when the error workbook cannot be written after all (the file held open), the
        result says why in ``errors_failure``.
        """
        self.require_write()
        check_policy(on_conflict)
        if errors_path:  # before any work: never the database, a backup or the file itself
            self.registry.outputs.check(errors_path, keep=(path,))
        found = self._read(path, kind, sheet)
        match = found.match
        mapping = self._mapping(match, mapping)
        missing = self._missing(match.kind, mapping)
        if missing:
            missing = "、".join(f"「{h}」" for h in missing)
            raise FileFormatError(f"「{Path(path).name}」缺少必需的列：{missing}")
        converter = self._converter(match.kind, mapping, match)
        result = ImportResult(
            file_name=Path(path).name,
            kind=match.kind,
            kind_title=cols.get_kind(match.kind).title,
            sheet=found.name,
            unknown_columns=[text for _, text in match.unknown],
            duplicate_columns=[f"{text}（{column_letter(i)} 列）" for i, text in match.duplicates],
            trailers=found.trailers,
            dry_run=dry_run,
        )
        total = len(found.records)
        if total == 0:
            raise FileFormatError(
                f"「{Path(path).name}」工作表「{found.name}」只有表头，没有数据行，未导入任何内容"
            )
        if progress:
            progress(0, total)
        rejected_rows, notes = [], []
        nested = self.db.in_transaction()
        try:
            with self.atomic():
                ctx = self._begin(path, match.kind, total, on_conflict)
                ctx.in_callers_transaction = nested
                result.changes = ctx.changed_rows
                writer = WRITERS[match.kind][0](ctx, converter)
                failure = None
                try:
                    # a chunk is converted before the one ahead of it is written: its
                    # lookups may go ahead of those writes (enterprise_import)
                    upcoming = converter.convert_many(found.records[:CHUNK])
                    for start in range(0, total, CHUNK):
                        if cancel is not None and cancel():
                            raise ImportCancelledError("导入已取消，没有写入任何数据")
                        rows, following = upcoming, found.records[start + CHUNK : start + 2 * CHUNK]
                        upcoming = converter.convert_many(following) if following else None
                        writer.write(rows, upcoming)
                        rejected_rows.extend(row for row in rows if row.errors)
                        notes.extend(
                            RowNote(row.number, converter.header_of(index), message)
                            for row in rows
                            if row.notes and row.ok
                            for index, message in row.notes
                        )
                        if progress:
                            progress(min(start + CHUNK, total), total)
                    writer.finish()
                except BaseException as exc:
                    # chunk writes still running behind stop before the rollback; an error of
                    # theirs came first (as when they ran in line) unless caused by this one
                    failure = writer.close(exc)
                    if failure is exc:
                        raise
                if failure is not None:
                    raise failure
                # a batch that changed no record is not kept (nothing to undo, and a file
                # whose every row was refused leaves the database exactly as it was)
                changed = AuditLog.select().where(AuditLog.batch == ctx.batch_id).exists()
                self._finish(ctx, result, total, len(rejected_rows), found.name)
                if dry_run or (all_or_nothing and rejected_rows) or not changed:
                    raise _Rollback
                result.committed = True
        except _Rollback:
            result.batch_id = None
            # only what the option did: a file whose every row was refused, imported without
            # all_or_nothing, also writes nothing, but not because of the option
            result.rolled_back_for_rejections = bool(
                not dry_run and all_or_nothing and rejected_rows
            )
        result.rejections = [
            Rejection(row.number, converter.header_of(index), message, index)
            for row in rejected_rows
            for index, message in row.errors
        ]
        result.notes = notes
        if errors_path and rejected_rows:
            try:
                self._write_errors(path, errors_path, found, rejected_rows, converter)
            except OutputPathError as exc:  # the import is done: say so, and why no workbook
                result.errors_failure = exc.message
            else:
                result.errors_path = str(errors_path)
        return result

    def _write_errors(self, path, errors_path, found, rejected_rows, converter):
        """The error workbook (errors_workbook): the source's titles, header, widths and
        number formats (those of an .xlsx, read by sheet_layout) around the rejected rows."""
        layout = None
        if found.file_format == "xlsx":
            layout = sheet_layout.read(path, found.name, found.match.first_data_row)
        errors_workbook.write(
            errors_path,
            found.header_rows,
            rejected_rows,
            self.registry.outputs,
            title_rows=found.title_rows,
            column_types={spec.index: spec.column.type for spec in converter.columns},
            layout=layout,
        )

    def _begin(self, path, kind, total, on_conflict):
        at = now()
        batch = ImportBatch.create(
            at=at,
            user=self.actor.label,
            file_name=str(Path(path).name)[:500],
            file_sha256=fileops.sha256_of(path),
            kind=kind,
            total=total,
            status=STATUS_COMMITTED,
        )
        return ImportContext(self.registry, batch.id, on_conflict, at, total, kind)

    def _finish(self, ctx, result, total, rejected, sheet):
        counts = ctx.counts
        counts.read = total
        counts.rejected = rejected
        for name, value in dataclasses.asdict(counts).items():
            setattr(result, name, value)
        result.batch_id = ctx.batch_id
        ImportBatch.update(
            created=counts.created,
            updated=counts.updated,
            skipped=counts.skipped,
            rejected=counts.rejected,
        ).where(ImportBatch.id == ctx.batch_id).execute()
        after = dict(dataclasses.asdict(counts), sheet=sheet, on_conflict=ctx.on_conflict)
        # The batch's own row (ImportBatch has no version; undo finds the batch by it).
        audit.record(ctx.actor, "import", "import_batch", ctx.batch_id, None, after, ctx.batch_id)


def _column_number(index):
    """A mapping's column index as an int (InvalidValueError when it is no number)."""
    try:
        return int(index)
    except (TypeError, ValueError):
        raise InvalidValueError(f"列号 {index} 不存在", field="mapping") from None


def _preview_row(row):
    """The PreviewRow of a converted row (ImportRow)."""
    return PreviewRow(row.number, list(row.raw), row.errors_by_column())
