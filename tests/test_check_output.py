"""govinfo-report check, as people read it: over several real samples at once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.helpers import SAMPLES

from govinfo_report._cli import main
from govinfo_report._cli._check import LINE_WIDTH

NAMES = (
    "bachu-police-2023.txt",
    "changchun-veterans-2023.partial.md",
    "hongze-district-2024.pdf",
    "zhanjiang-gazetteer-office-2023.partial.txt",
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reports")
    for name in NAMES:
        shutil.copy(SAMPLES / name, path / name)
    (path / "notes.txt").write_text("会议纪要：讨论了食堂菜单。", encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(["check", *args])
    return code, capsys.readouterr().out.splitlines()


def _blocks(lines: list[str]) -> dict[str, list[str]]:
    """The lines of each file (its summary line first), by file name."""
    blocks: dict[str, list[str]] = {}
    current: list[str] = []
    for line in lines:
        if not line.startswith("  ") and "：" in line and line.startswith("/"):
            name = Path(line.split("：", 1)[0]).name
            current = blocks.setdefault(name, [])
        current.append(line)
    return blocks


def test_each_file_starts_with_its_counts_then_errors_then_warnings(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = _run(capsys, str(folder))
    assert code == 2  # notes.txt is not a report
    blocks = _blocks(lines)
    assert set(blocks) == {*NAMES, "notes.txt"}
    assert blocks["bachu-police-2023.txt"] == [
        blocks["bachu-police-2023.txt"][0]
    ]  # clean: one line
    assert "未发现问题" in blocks["bachu-police-2023.txt"][0]
    block = blocks["zhanjiang-gazetteer-office-2023.partial.txt"]
    assert "错误 4 条" in block[0]
    assert "警告" in block[0]
    levels = [line.split()[0] for line in block[1:]]
    assert levels == sorted(levels, key=lambda level: level != "[错误")
    # The truncation is the first thing said about the file, not buried.
    assert "truncated" in block[1]
    assert "unreadable, not_a_report" in blocks["notes.txt"][0]
    assert lines[-1].startswith("共 5 个文件")


def test_not_assessable_is_one_line_per_table(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, lines = _run(capsys, str(folder))
    block = _blocks(lines)["changchun-veterans-2023.partial.md"]
    collapsed = [line for line in block if "not_assessable" in line]
    assert [line.split("：")[0].split()[-1] for line in collapsed] == ["表三", "表四"]
    assert "R3×" in collapsed[0]
    _, verbose = _run(capsys, "--verbose", str(folder))
    listed = _blocks(verbose)["changchun-veterans-2023.partial.md"]
    many = [line for line in listed if "not_assessable" in line]
    assert len(many) > 30  # every one, in full
    assert len(lines) < len(verbose)


def test_lines_are_bounded_unless_verbose(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, lines = _run(capsys, str(folder))
    findings = [line for line in lines if line.startswith("  ")]
    assert findings
    assert max(len(line) for line in findings) <= LINE_WIDTH
    assert any(line.endswith("…") for line in findings)  # hongze's N1 is long
    _, verbose = _run(capsys, "--verbose", str(folder))
    assert max(len(line) for line in verbose) > LINE_WIDTH


def test_severity_error_leaves_warnings_out(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = _run(capsys, "--severity", "error", str(folder))
    assert code == 2
    findings = [line for line in lines if line.startswith("  ")]
    assert findings
    assert all(line.startswith("  [错误") for line in findings)
    # the counts still say how many warnings there are
    assert "警告 1 条" in _blocks(lines)["hongze-district-2024.pdf"][0]


def test_quiet_prints_only_files_with_errors(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = _run(capsys, "--quiet", str(folder))
    assert code == 2
    named = {Path(line.split("：", 1)[0]).name for line in lines[:-1]}
    assert named == {
        "changchun-veterans-2023.partial.md",
        "zhanjiang-gazetteer-office-2023.partial.txt",
        "notes.txt",
    }
    assert not any(line.startswith("  ") for line in lines)
    assert lines[-1].startswith("共 5 个文件")


def test_quiet_and_verbose_do_not_go_together(folder: Path) -> None:
    with pytest.raises(SystemExit):
        main(["check", "--quiet", "--verbose", str(folder)])


def test_output_is_small(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Four real reports gave ~60 KB before; people get a screenful.
    _, lines = _run(capsys, str(folder))
    assert len(lines) < 30
    assert sum(len(line) for line in lines) < 5_000
