"""Memory: markup of millions of tiny elements is refused before it is parsed.

A parsed element costs lxml some 150 bytes however small its markup, so a
20 MiB page of ``<br>`` took 1.9 GiB and a 0.4 MiB ``.docx`` inflating to
190 MiB of ``<w:proofErr/>`` 2.1 GiB. Both are now refused by
``max_elements``, counted in the raw markup. Each read runs in a fresh
interpreter that reports its own peak RSS (``ru_maxrss``).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from govinfo_report import (
    LimitExceededError,
    Limits,
    example_report,
    read_docx,
    read_html,
    write_docx,
)
from helpers import br_page, peak_rss_mib, proof_err_docx, refused
from test_read_html import render_html

PEAK_MIB = 300
"""The most a refused hostile file may make the process take (issue 14)."""

READ_ONE = """
import sys
from govinfo_report import GovinfoReportError, read
try:
    read(sys.argv[1])
    print("read")
except GovinfoReportError as error:
    print(type(error).__name__, getattr(error, "limit", None))
"""


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("shapes")
    page = folder / "br.html"
    page.write_bytes(br_page())
    bomb = proof_err_docx(folder / "bomb.docx")
    return {"br": page, "proofErr": bomb}


def test_the_shapes_are_what_the_issue_describes(shapes: dict[str, Path]) -> None:
    assert 19 * 2**20 < os.path.getsize(shapes["br"]) <= 20 * 2**20
    assert os.path.getsize(shapes["proofErr"]) < 2**20


@pytest.mark.parametrize("shape", ["br", "proofErr"])
def test_millions_of_tiny_elements_are_refused_within_bounded_memory(
    shapes: dict[str, Path], shape: str
) -> None:
    peak, out = peak_rss_mib(READ_ONE, str(shapes[shape]))
    assert out.split() == ["LimitExceededError", "max_elements"]
    assert peak < PEAK_MIB, f"peak {peak:.0f} MiB"


def test_the_element_limit_names_itself_and_can_be_raised() -> None:
    page = render_html(example_report())
    assert read_html(page).cells() == example_report().cells()
    error = refused(
        lambda: read_html(page, limits=Limits(max_elements=50)), LimitExceededError
    )
    assert error.limit == "max_elements"
    assert "Limits(max_elements=" in str(error)


def test_the_count_is_of_start_tags_only() -> None:
    # End tags, comments, declarations and processing instructions are not elements.
    markup = "<!DOCTYPE html><?xml x?><!-- c --><p>a</p>" * 10
    Limits(max_elements=10).check_elements(markup)
    with pytest.raises(LimitExceededError):
        Limits(max_elements=9).check_elements(markup)


def test_word_elements_are_counted_over_all_parts() -> None:
    buffer = io.BytesIO()
    write_docx(example_report(), buffer)
    data = buffer.getvalue()
    assert read_docx(io.BytesIO(data)) == example_report()
    error = refused(
        lambda: read_docx(io.BytesIO(data), limits=Limits(max_elements=2_000)),
        LimitExceededError,
    )
    assert error.limit == "max_elements"
