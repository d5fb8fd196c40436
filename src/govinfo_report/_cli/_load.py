"""The one way every sub-command loads a report it is given.

``check``, ``convert``, ``aggregate``, ``diff`` and ``render`` all load their
inputs here, so a file reads the same, and fails with the same message, under
every command: the reader is chosen by content and name (`read`: JSON, CSV,
Word, PDF, HTML, text), the size is checked against the default limits, and a
file that cannot be opened is a `ReadError` naming it.
"""

from __future__ import annotations

from pathlib import Path

from govinfo_report._examples import example_report
from govinfo_report._format import FormatVersion
from govinfo_report._model import Report
from govinfo_report._read import read

EXAMPLE = "example"
"""The input name that stands for the bundled example report (``render``)."""


def load_report(
    name: str | Path,
    *,
    example: bool = False,
    year: int | None = None,
    agency: str | None = None,
    format_version: FormatVersion | str | None = None,
) -> Report:
    """Load one report file; with ``example``, the name `EXAMPLE` is the example report.

    ``year``, ``agency`` and ``format_version`` are the command line's hints
    (`read`): used where the document does not say, checked where it does.

    Raises:
        ReadError: the file cannot be read (with its name), is not a report,
            or is beyond a limit.
    """
    if example and str(name) == EXAMPLE:
        return example_report()
    return read(Path(name), year=year, agency=agency, format_version=format_version)
