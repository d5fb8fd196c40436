"""read_docx() on hostile Word files: what a person sees in Word, or a finding.

Each trap is built here: the example report written by `write_docx`, then the
runs of the one cell printing 1268 (行政许可, 本年处理决定) rewritten in raw
WordprocessingML (`helpers.replace_cell_runs`), or the package around it
edited (theme, styles). The figure read must be the one a person sees in Word;
where Word shows something that is not a figure as printed (struck-through
digits, a tab or a line break inside digits, text too small to see, an
equation that is not a plain run of text, a picture symbol), the cell gets a
finding and never silently another figure. Both paths are tried where they
differ: our own file (read by our styles) and the same file with its styles
stripped (read by label).
"""

from __future__ import annotations

import io
from typing import Any

import pytest

from govinfo_report import Report, example_report, read_docx, write_docx


@pytest.fixture(scope="module")
def example() -> Report:
    return example_report()


@pytest.fixture(scope="module")
def example_bytes(example: Report) -> bytes:
    buffer = io.BytesIO()
    write_docx(example, buffer)
    return buffer.getvalue()


# ----------------------------------------------------------------- the input


@pytest.mark.parametrize("kind", [bytes, bytearray, memoryview])
def test_the_file_s_bytes_are_read_like_read_pdf_s(
    example: Report, example_bytes: bytes, kind: Any
) -> None:
    """``read_docx(data)`` raised a raw AttributeError (``'bytes' object has no
    attribute 'seekable'``); `read_pdf` takes bytes."""
    assert read_docx(kind(example_bytes)) == example


@pytest.mark.parametrize("wrong", [5, None, object()])
def test_something_else_is_a_type_error_saying_what_is_taken(wrong: Any) -> None:
    with pytest.raises(TypeError, match="路径、文件的字节或二进制流"):
        read_docx(wrong)
