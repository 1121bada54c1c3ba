"""What the import service gives back (importer.py): the result of an import, its rejected
cells and cleaning notes, and the preview of a file before it is imported."""

import dataclasses

from gjz_registry.exchange.changes import column_counts
from gjz_registry.exchange.context import Counts


@dataclasses.dataclass
class Rejection:
    """One problem of a rejected row: sheet row number, column (canonical header, or None
    for the row as a whole) and the Chinese message (it names row and column)."""

    row_number: int
    column: str
    message: str
    column_index: int = None


@dataclasses.dataclass
class RowNote:
    """A cell of an imported row that the cleaning changed: sheet row number, column
    (canonical header) and the Chinese message (it names row and column)."""

    row_number: int
    column: str
    message: str


@dataclasses.dataclass(kw_only=True)
class ImportResult(Counts):
    """What an import did (or, for a dry run, would do): the :class:`Counts` of its rows
    (``read``, ``created``…) and the rest, given by keyword."""

    file_name: str
    kind: str
    kind_title: str
    sheet: str
    rejections: list = dataclasses.field(default_factory=list)
    notes: list = dataclasses.field(default_factory=list)  # RowNote, of the rows not rejected
    unknown_columns: list = dataclasses.field(default_factory=list)
    # a column repeating a recognised one, not imported: 「联系电话（O 列）」
    duplicate_columns: list = dataclasses.field(default_factory=list)
    trailers: list = dataclasses.field(default_factory=list)  # trailer.Trailer rows skipped
    batch_id: int = None
    dry_run: bool = False
    committed: bool = False
    rolled_back_for_rejections: bool = False  # all_or_nothing undid the import
    errors_path: str = None
    errors_failure: str = None  # why the error workbook asked for could not be written
    changes: list = dataclasses.field(default_factory=list)  # RowChanges of existing records

    @property
    def counts(self):
        """{bucket: rows}, in the order of :class:`Counts`."""
        return {field.name: getattr(self, field.name) for field in dataclasses.fields(Counts)}

    @property
    def change_counts(self):
        """{column header: rows whose record that field changes} (see changes.py)."""
        return column_counts(self.changes)


@dataclasses.dataclass
class PreviewRow:
    number: int
    cells: list
    errors: dict  # {column_index: message}; key None for the row as a whole
    action: str = None  # enterprise rows: see conflicts.ACTIONS (None when rejected)
    changes: list = dataclasses.field(default_factory=list)  # FieldChange, registered rows
    later: bool = False  # shown after the first rows because it changes a registered record


@dataclasses.dataclass
class Preview:
    """The header found, the column mapping and the first rows with their cell errors (cell
    formats and field rules only; duplicates and existing records show in a dry run)."""

    file_name: str
    kind: str
    kind_title: str
    sheet: str
    sheet_names: list
    header_row: int  # 1-based sheet row of the (last) header row
    headers: list  # the header texts of the file, by column index
    mapping: dict  # {column_index: column code}
    columns: dict  # {column_index: canonical header}
    unknown_columns: list
    missing_required: list
    total_rows: int
    rows: list
    trailers: list = dataclasses.field(default_factory=list)  # trailer.Trailer rows skipped
    # RowChanges of every row of the file (not only those shown) that changes a registered
    # record under the rule previewed; None when the preview does not compare (list sheets)
    changes: list = None
    kept_rows: int = 0  # registered rows whose differing values the rule keeps as registered

    @property
    def change_counts(self):
        """{column header: rows whose record that field changes} (see changes.py)."""
        return column_counts(self.changes or [])
