"""PDF rendering with reportlab; fed plain data by the services, never queries.

- ``reports.data``: the dataclasses the renderers take (ListReport, CertificateData,
  StatisticsReport…); dicts or objects with the same field names are accepted too;
- ``reports.lists.render_list``, ``reports.certificates.render_certificates``,
  ``reports.statistics.render_statistics``: write the PDFs (atomically);
- ``reports.fonts.register_fonts`` / ``find_font``: the embedded Chinese font;
- ``reports.progress_bars``: ProgressBar table cells (e.g. a target's completion);
- ``reports.samples``: synthetic sample data, screenshots and the speed comparison.

Importing this package loads only the data classes (no reportlab).
"""

from reports.data import (
    CertificateData,
    ChartSpec,
    ListColumn,
    ListReport,
    ProgressBar,
    StatisticsReport,
    StatSection,
)

__all__ = [
    "CertificateData",
    "ChartSpec",
    "ListColumn",
    "ListReport",
    "ProgressBar",
    "StatSection",
    "StatisticsReport",
]
