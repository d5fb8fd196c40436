"""Peak memory of reading: a large honest report and the two hostile shapes of issue 14.

Each file is read by `govinfo_report.read` in a fresh interpreter, which
reports its own peak resident set size (``ru_maxrss``). The baseline, measured
in the same run, is a fresh interpreter that only imports the library and
pdfplumber; the ratio says what reading adds. Shapes:

- honest HTML: the example report with 15,000 narrative paragraphs (about
  6 MiB), rendered as a web page;
- honest Word: the same report written by `write_docx`;
- 5 million ``<br>`` (19 MiB of HTML): refused by ``max_elements``;
- a 0.4 MiB ``.docx`` whose ``document.xml`` inflates to 190 MiB of
  ``<w:proofErr/>``: refused by ``max_elements``.

The target (issue 14): every peak under 300 MiB (the hostile ones once took
1.9 and 2.1 GiB). Exits 1 when a peak is over it. Run:
``python3 benchmarks/bench_memory.py``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import attrs  # noqa: E402

from govinfo_report import Narrative, example_report, write_docx  # noqa: E402
from helpers import br_page, peak_rss_mib, proof_err_docx  # noqa: E402
from test_read_html import render_html  # noqa: E402

TARGET_MIB = 300

READ = """
import sys
from govinfo_report import GovinfoReportError, read
try:
    report = read(sys.argv[1])
    print("read", len(report.overview.paragraphs), "paragraphs")
except GovinfoReportError as error:
    print("refused:", getattr(error, "limit", None) or type(error).__name__)
"""

BASELINE = "import govinfo_report, pdfplumber, docx, lxml.html"


def _large_report() -> object:
    text = "本机关依法主动公开政府信息，" * 14  # about 200 characters a paragraph
    paragraphs = [f"{n}．{text}" for n in range(15_000)]
    report = example_report()
    return attrs.evolve(report, overview=Narrative(paragraphs=paragraphs))


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        report = _large_report()
        cases = {
            "honest HTML (15,000 paragraphs)": work / "large.html",
            "honest Word (15,000 paragraphs)": work / "large.docx",
            "5 million <br> (19 MiB HTML)": work / "br.html",
            "190 MiB of <w:proofErr/> (.docx)": work / "bomb.docx",
        }
        files = list(cases.values())
        files[0].write_text(render_html(report), encoding="utf-8")  # type: ignore[arg-type]
        write_docx(report, files[1])  # type: ignore[arg-type]
        files[2].write_bytes(br_page())
        proof_err_docx(files[3])
        baseline, _ = peak_rss_mib(BASELINE)
        print(f"baseline (imports only): {baseline:.0f} MiB peak RSS")
        over = []
        for name, path in cases.items():
            peak, out = peak_rss_mib(READ, str(path))
            size = path.stat().st_size / 2**20
            print(
                f"{name}: {size:.1f} MiB file, {peak:.0f} MiB peak RSS "
                f"({peak / baseline:.1f}x baseline) - {out.strip()}"
            )
            if peak > TARGET_MIB:
                over.append(name)
    if over:
        print(f"over {TARGET_MIB} MiB: {', '.join(over)}")
        return 1
    print(f"every peak under {TARGET_MIB} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
