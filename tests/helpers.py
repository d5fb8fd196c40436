"""Helpers the tests share: where the test data lives, ids, and small tools.

Every file a test reads is in the repository, under ``tests/data``: the real
published reports in ``tests/data/samples`` (copied with their provenance
note) and the format spec in ``tests/data/spec``. The row and column ids come
from `format_spec`, so a test that is not about the format itself never types
them again. The hang guard (`outcome`, `refused`, `limit`) and the mutation
helpers of the fuzz tests are here too.
"""

from __future__ import annotations

import base64
import io
import os
import quopri
import re
import shutil
import subprocess
import threading
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any, TypeVar

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import strategies as st
from lxml import etree

from govinfo_report import (
    FormatVersion,
    LimitExceededError,
    ReadError,
    Report,
    RowRole,
    example_report,
    format_spec,
    write_docx,
    write_html,
)
from govinfo_report._format import (
    APPLICANTS_HEADING,
    LEGAL_PERSONS_HEADING,
    REQUESTS_NOTE,
    RESULTS_GROUP,
    Applicant,
)
from govinfo_report._values import Mark

DATA = Path(__file__).resolve().parent / "data"
"""The test data folder, ``tests/data``."""

SAMPLES = DATA / "samples"
"""Real published reports, exactly as found (see its README.md)."""

SPEC_FILE = DATA / "spec" / "format-2021.md"
"""The format spec, the contract ``_format.py`` is tested against."""


# --------------------------------------------------------- ids, from the format

_SPEC = format_spec(FormatVersion.V2021)

REQUEST_COLUMNS: tuple[str, ...] = tuple(c.id for c in _SPEC.requests.rows[0].columns)
"""The column ids of table 3: the six applicants, then ``total``."""

APPLICANTS: tuple[str, ...] = REQUEST_COLUMNS[:-1]
"""The six applicant column ids of table 3 (``natural_person``…), without the total."""

REQUEST_ROWS: tuple[str, ...] = tuple(r.id for r in _SPEC.requests.rows)
"""Every row id of table 3 in the 2021 layout, in printed order."""

OUTCOMES: tuple[str, ...] = tuple(
    r.id
    for r in _SPEC.requests.rows
    if RESULTS_GROUP in r.groups and r.role is RowRole.PART
)
"""The outcome rows of table 3 that the total ``（七）总计`` sums (R2), 2021 layout."""

APPEAL_GROUPS: tuple[str, ...] = tuple(r.id for r in _SPEC.appeals.rows)
"""The three row ids of table 4 (``review``, ``litigation_direct``…)."""

APPEAL_COLUMNS: tuple[str, ...] = tuple(c.id for c in _SPEC.appeals.rows[0].columns)
"""The result column ids of table 4, ``total`` last."""


# ------------------------------------------------------------------ hang guard

HANG_GUARD = 120.0
"""Seconds after which a call counts as hung (the calls take well under one)."""


def outcome(call: Callable[[], Any]) -> Any:
    """The result of ``call`` or the exception it raised; fails on a hang.

    The call runs in a thread joined with a generous timeout: it catches a
    hang or a runaway loop, it is not a speed test.
    """
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["result"] = call()
        except BaseException as error:
            box["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG_GUARD)
    assert not thread.is_alive(), f"no answer within {HANG_GUARD} s: a hang"
    return box.get("error", box.get("result"))


def refused(call: Callable[[], Any], kind: type[BaseException] = ReadError) -> Any:
    """The library error ``call`` raises (of ``kind``), never anything else."""
    error = outcome(call)
    assert isinstance(error, kind), f"expected {kind.__name__}, got {error!r}"
    return error


def limit(call: Callable[[], Any], name: str) -> LimitExceededError:
    """The `LimitExceededError` ``call`` raises, naming the limit ``name``."""
    error = refused(call, LimitExceededError)
    assert error.limit == name
    assert name in str(error)
    assert "Limits(" in str(error)
    return error


# -------------------------------------------------------------- mutation helpers

T = TypeVar("T")


def delete(items: list[T], i: int, _j: int) -> list[T]:
    """``items`` without item ``i``."""
    return items[:i] + items[i + 1 :]


def duplicate(items: list[T], i: int, j: int) -> list[T]:
    """``items`` with a copy of item ``i`` inserted before position ``j``."""
    return [*items[:j], items[i], *items[j:]]


def swap(items: list[T], i: int, j: int) -> list[T]:
    """``items`` with items ``i`` and ``j`` exchanged."""
    out = list(items)
    out[i], out[j] = out[j], out[i]
    return out


LIST_EDITS = (delete, duplicate, swap)
"""The edits of a list (of lines, rows, cells) the fuzz tests draw from."""

STRAY = st.sampled_from(
    ["", "/", "-", "0", "1e999999", "9" * 40, "NaN", "null", "true", '"', ",", "\x00"]
) | st.text(max_size=8)
"""Short texts a mutation writes in: marks, absurd numbers, quotes, NUL."""


@st.composite
def edited_chars(draw: st.DrawFn, text: str) -> str:
    """``text`` cut anywhere, or with a few characters changed, inserted or dropped."""
    n = len(text)
    choice = draw(st.sampled_from(["cut", "insert", "replace", "drop"]))
    i = draw(st.integers(0, max(0, n - 1)))
    if choice == "cut":
        return text[:i]
    if choice == "insert":
        return text[:i] + draw(STRAY) + text[i:]
    if choice == "replace":
        return text[:i] + draw(st.characters()) + text[i + 1 :]
    j = draw(st.integers(i, min(n, i + 200)))
    return text[:i] + text[j:]


def official_requests_table_html(report: Report) -> str:
    """Table 3 of ``report`` as the official template prints it in HTML.

    The shape of real pages: the note spans 3 columns and 3 rows over the
    applicant headings; ``三、本年度办理结果`` spans the rows of its group in
    the same ``<tr>`` as ``（一）予以公开``; each sub-group cell (``（三）不予公开``…)
    spans its rows in the ``<tr>`` of its first sub-row; a label without a
    group spans the 3 label columns, one in a group the 2 left to it.
    """
    spec = report.requests.spec
    rows = [
        f'<tr><td colspan="3" rowspan="3">{escape(REQUESTS_NOTE)}</td>'
        f'<td colspan="7">{escape(APPLICANTS_HEADING)}</td></tr>',
        f'<tr><td rowspan="2">{escape(Applicant.NATURAL_PERSON.label)}</td>'
        f'<td colspan="5">{escape(LEGAL_PERSONS_HEADING)}</td>'
        f'<td rowspan="2">{escape(Applicant.TOTAL.label)}</td></tr>',
        "<tr>"
        + "".join(f"<td>{escape(a.label)}</td>" for a in Applicant if a.is_legal_person)
        + "</tr>",
    ]
    opened: set[tuple[str, ...]] = set()
    for row in spec.rows:
        tds = []
        for depth in range(len(row.groups)):
            group = row.groups[: depth + 1]
            if group not in opened:
                opened.add(group)
                span = sum(1 for r in spec.rows if r.groups[: depth + 1] == group)
                tds.append(f'<td rowspan="{span}">{escape(group[-1])}</td>')
        width = 3 - len(row.groups)
        colspan = f' colspan="{width}"' if width > 1 else ""
        tds.append(f"<td{colspan}>{escape(row.label)}</td>")
        tds.extend(
            f"<td>{escape(shown_value(report[f'requests.{row.id}.{c.id}']))}</td>"
            for c in row.columns
        )
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return '<table border="1">' + "".join(rows) + "</table>"


def shown_value(value: object) -> str:
    """A cell's value as printed: a mark's text, else the figure."""
    return value.text if isinstance(value, Mark) else str(value)


def replace_table(page: str, index: int, table: str) -> str:
    """``page`` with its ``index``-th ``<table>…</table>`` (from 0) replaced by ``table``."""
    spans = [m.span() for m in re.finditer(r"<table.*?</table>", page, re.S)]
    start, end = spans[index]
    return page[:start] + table + page[end:]


W_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
"""The namespaces raw WordprocessingML snippets in tests use."""


def docx_bytes(
    report: Report,
    edit: Callable[[Any], None] | None = None,
    *,
    foreign: bool = False,
) -> bytes:
    """``report`` written by `write_docx`, then edited with python-docx and lxml.

    ``edit`` gets the python-docx ``Document`` and may change its XML; with
    ``foreign`` every paragraph style is removed first, so the file is read as
    someone else's (by the label-anchored matcher, not by our styles).
    """
    buffer = io.BytesIO()
    write_docx(report, buffer)
    document = docx.Document(io.BytesIO(buffer.getvalue()))
    if foreign:
        for style in document.element.body.iter(qn("w:pStyle")):
            style.getparent().remove(style)
    if edit is not None:
        edit(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def replace_cell_runs(document: Any, printed: str, runs: str) -> None:
    """Replace the runs of the one table cell whose text is ``printed`` by ``runs``
    (raw ``w:r``… XML, namespaces of `W_NAMESPACES` available)."""
    cells = [
        tc
        for tc in document.element.body.iter(qn("w:tc"))
        if "".join(t.text or "" for t in tc.iter(qn("w:t"))) == printed
    ]
    assert len(cells) == 1, f"{len(cells)} cells print {printed!r}"
    (paragraph,) = cells[0].iter(qn("w:p"))
    for run in paragraph.findall(qn("w:r")):
        paragraph.remove(run)
    wrapper = etree.fromstring(f"<w:p {W_NAMESPACES}>{runs}</w:p>")
    for child in list(wrapper):
        paragraph.append(child)


# ------------------------------------------ probes: the one cell printing 1268

PROBE_CELL = "active.licensing.decisions"
"""The cell the probe tests rewrite: 行政许可, 本年处理决定, printing 1268."""

HTML_PRINTED = "<td>1268</td>"
"""That cell on a general page (`render_html` without spans)."""

OWN_PRINTED = '"active.licensing.decisions" colspan="3">1268</td>'
"""That cell on a page `write_html` made."""

PUT_PAGES = ("page", "own-page")
"""The two pages `html_putter` puts a probe on (the ``put`` fixtures' params)."""


def probe_runs(runs: str) -> Callable[[Any], None]:
    """An edit for `docx_bytes`: ``runs`` (raw ``w:r``… XML) in place of the
    runs of the probe cell printing 1268."""
    return lambda document: replace_cell_runs(document, "1268", runs)


def html_page(report: Report) -> str:
    """``report`` as a general page (`render_html`), printing 1268 once."""
    from test_read_html import render_html  # a test module: imported when used

    page = render_html(report, spans=False)
    assert page.count(HTML_PRINTED) == 1
    return page


def own_html_page(report: Report) -> str:
    """``report`` as `write_html` writes it."""
    buffer = io.BytesIO()
    write_html(report, buffer)
    return buffer.getvalue().decode("utf-8")


def html_putter(kind: str, report: Report) -> Callable[[str], str]:
    """A function putting a cell's inner HTML in place of 1268 on the page
    ``kind`` (one of `PUT_PAGES`) of ``report``."""
    if kind == "page":
        page = html_page(report)
        return lambda inner: page.replace(HTML_PRINTED, f"<td>{inner}</td>")
    own = own_html_page(report)
    assert own.count(OWN_PRINTED) == 1
    return lambda inner: own.replace(
        OWN_PRINTED, OWN_PRINTED.replace(">1268<", f">{inner}<")
    )


def example_fixture() -> Any:
    """A module's ``example`` fixture: `example_report`, made once a module.

    Probe modules take their fixtures from here (``example = example_fixture()``)
    rather than importing them, which a test's argument of the same name
    would shadow (ruff F811)."""

    @pytest.fixture(scope="module", name="example")
    def example() -> Report:
        return example_report()

    return example


def html_probe_fixtures() -> tuple[Any, Any, Any]:
    """A probe module's ``example``, ``page`` (`html_page`) and ``put``
    (`html_putter` on each of `PUT_PAGES`) fixtures:
    ``example, page, put = html_probe_fixtures()``."""

    @pytest.fixture(scope="module", name="page")
    def page(example: Report) -> str:
        return html_page(example)

    @pytest.fixture(scope="module", params=PUT_PAGES, name="put")
    def put(request: pytest.FixtureRequest, example: Report) -> object:
        """A function putting a cell's inner HTML in place of 1268, on a page."""
        return html_putter(request.param, example)

    return example_fixture(), page, put


def assert_as_printed(report: Report, example: Report) -> None:
    """``report`` read as ``example`` prints it, 1268 in the probe cell, with
    nothing to say: what a probe that changes nothing a person sees must give."""
    assert report[PROBE_CELL] == 1268
    assert dict(report.cells()) == dict(example.cells())
    assert report.reading_findings == ()


def other_cells(report: Report, cell: str = PROBE_CELL) -> dict[str, Any]:
    """Every cell of ``report`` but ``cell``: what a probe must leave alone."""
    return {k: v for k, v in dict(report.cells()).items() if k != cell}


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
"""The WordprocessingML namespace, as lxml spells it in tags."""


def w_run(text: str, props: str = "") -> str:
    """A run of ``text`` with run properties ``props`` (raw XML)."""
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def w_element(xml: str) -> Any:
    """An element of raw WordprocessingML (namespaces of `W_NAMESPACES`)."""
    from docx.oxml import parse_xml

    return parse_xml(re.sub(r"^<([\w:]+)", rf"<\1 {W_NAMESPACES}", xml, count=1))


def w_text(element: Any) -> str:
    """The ``w:t`` text of ``element``."""
    return "".join(t.text or "" for t in element.iter(W + "t"))


def w_cell(document: Any, printed: str = "1268") -> Any:
    """The one ``w:tc`` of ``document`` whose text is ``printed``."""
    (tc,) = [tc for tc in document.element.body.iter(W + "tc") if w_text(tc) == printed]
    return tc


def add_style(document: Any, xml: str) -> None:
    """Add a ``w:style`` (raw XML, namespaces of `W_NAMESPACES`) to the styles part."""
    document.styles.element.append(
        etree.fromstring(xml.replace("<w:style ", f"<w:style {W_NAMESPACES} ", 1))
    )


def br_page(count: int = 5_000_000) -> bytes:
    """An HTML page that mentions 信息公开 and then holds ``count`` ``<br>``.

    5 million make 19 MiB, under ``max_input_bytes``; parsed, each is an lxml
    element (the page once took 1.9 GiB).
    """
    head = (
        "<html><head><meta charset='utf-8'><title>某局2023年政府信息公开工作年度报告"
        "</title></head><body><p>一、总体情况</p>"
    ).encode()
    return head + b"<br>" * count + b"</body></html>"


def proof_err_docx(path: Path, mib: int = 190) -> Path:
    """A small ``.docx`` whose ``document.xml`` inflates to ``mib`` MiB of ``<w:proofErr/>``.

    The other parts are those of a document `write_docx` makes of the example
    report; the document part is written in chunks, so building it takes little
    memory. Once it took 2.1 GiB to read.
    """
    import io
    import zipfile

    from govinfo_report import example_report, write_docx

    buffer = io.BytesIO()
    write_docx(example_report(), buffer)
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as original,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for info in original.infolist():
            data = original.read(info)
            if info.filename != "word/document.xml":
                bomb.writestr(info, data)
                continue
            head, body, tail = data.partition(b"<w:body>")
            chunk = b"<w:proofErr/>" * (1024 * 1024 // 13)
            with bomb.open("word/document.xml", "w", force_zip64=True) as part:
                part.write(head + body + b"<w:p>")
                for _ in range(mib * 1024 * 1024 // len(chunk)):
                    part.write(chunk)
                part.write(b"</w:p>" + tail)
    return path


def peak_rss_mib(code: str, *args: str, timeout: float = 600) -> tuple[float, str]:
    """Run ``code`` in a fresh interpreter; its peak RSS (MiB) and its output.

    ``code`` gets ``sys.argv[1:]`` = ``args``; what it prints comes back. The
    peak is measured by the child at its end: ``VmHWM`` of ``/proc/self/status``
    where there is one (Linux: the peak of this program alone), else
    ``ru_maxrss`` (which on Linux starts from the parent's size at the fork, so
    it can only be too high).
    """
    import os
    import subprocess
    import sys

    probe = (
        f"{code}\n"
        "import resource as _r, sys as _s\n"
        "_peak = _r.getrusage(_r.RUSAGE_SELF).ru_maxrss\n"
        "try:\n"
        "    with open('/proc/self/status') as _f:\n"
        "        _peak = next(int(_l.split()[1]) for _l in _f if _l.startswith('VmHWM'))\n"
        "except (OSError, StopIteration):\n"
        "    pass\n"
        "print('PEAK_KIB', _peak, file=_s.stderr)\n"
    )
    src = Path(__file__).resolve().parent.parent / "src"
    done = subprocess.run(
        [sys.executable, "-c", probe, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "PYTHONPATH": str(src)},
    )
    peak = [line for line in done.stderr.splitlines() if line.startswith("PEAK_KIB")]
    assert peak, done.stderr
    return int(peak[-1].split()[1]) / 1024, done.stdout


def pdf_bytes(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF file of ``objects`` (numbered from 1, object 1 the catalog).

    The cross-reference table is written with every object's offset, so that
    an engine reads the file as it is, without repairing it; ``trailer`` is
    added to the trailer dictionary (``/Encrypt …``, ``/Info …``).
    """
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, trailer, xref)
    )
    return out.getvalue()


def chromium() -> str:
    """The headless browser (Debian's ``chromium``): skipped if absent, failed under CI."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed; .ci/run installs it from apt")
        pytest.skip("chromium is not installed")
    return found


def run_chromium(tmp_path: Path, *args: str) -> None:
    """Run headless Chromium with a profile of its own under ``tmp_path``."""
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    command = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *args,
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=180)


def mhtml_archive(
    parts: list[tuple[str, bytes, str]],
    *,
    start: str | None = None,
    newline: bytes = b"\r\n",
) -> bytes:
    """A saved web archive (MHTML) as Chrome writes it: a multipart/related message.

    ``parts`` are (header lines, body, transfer encoding); ``start`` names the
    page's Content-ID.
    """
    boundary = b"----MultipartBoundary--abc123"
    head = [
        b"From: <Saved by Blink>",
        b"Snapshot-Content-Location: http://www.example.gov.cn/art/2026/1/20/art_1.html",
        b"Subject: =?utf-8?Q?2025=E5=B9=B4?=",
        b"MIME-Version: 1.0",
        b'Content-Type: multipart/related; type="text/html"; boundary="'
        + boundary
        + b'"'
        + (f'; start="<{start}>"'.encode() if start else b""),
        b"",
    ]
    out = [newline.join(head)]
    for header, body, encoding in parts:
        if encoding == "quoted-printable":
            encoded = quopri.encodestring(body)
        elif encoding == "base64":
            encoded = base64.encodebytes(body)
        else:
            encoded = body
        out.append(
            b"--"
            + boundary
            + newline
            + header.encode().replace(b"\n", newline)
            + newline
            + f"Content-Transfer-Encoding: {encoding}".encode()
            + newline
            + newline
            + encoded.replace(b"\n", newline)
        )
    out.append(b"--" + boundary + b"--" + newline)
    return newline.join(out)


def n_up(data: bytes, width: float, height: float, across: int, down: int) -> bytes:
    """The PDF ``data`` printed ``across`` × ``down`` pages to a sheet of
    ``width`` × ``height`` points (PDFium's n-up, as print drivers do; 1 × 1:
    each page fitted to another page size)."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]
    import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

    source = pdfium.PdfDocument(data)
    made = pdfium.PdfDocument(
        pdfium_c.FPDF_ImportNPagesToOne(source.raw, width, height, across, down)
    )
    out = io.BytesIO()
    made.save(out)
    made.close()
    source.close()
    return out.getvalue()


def assert_blank_else_as_written(
    got: dict[str, object], want: dict[str, object], blanks: set[str]
) -> None:
    """Each cell of ``blanks`` read as a blank, every other one as ``want``
    (the report that was written) has it."""
    for key in blanks:
        assert got[key] is Mark.BLANK, key
    assert {k: v for k, v in got.items() if k not in blanks} == {
        k: v for k, v in want.items() if k not in blanks
    }
