"""Turning the selectors' data into what pages show, one module per page.

- `caseload`: the caseload table's rows, columns and legend;
- `progress`: the charts of the progress page, the client's own page, the report and the PDF.
"""

from .caseload import caseload_columns, caseload_rows_html, change_legend
from .progress import ProgressCharts, RelationshipCharts, change_labels, progress_charts, relationship_charts

__all__ = [
    "ProgressCharts", "RelationshipCharts", "caseload_columns", "caseload_rows_html", "change_labels",
    "change_legend", "progress_charts", "relationship_charts",
]  # fmt: skip
