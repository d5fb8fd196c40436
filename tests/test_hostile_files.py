"""Special files: only regular files are read, and none but regular files replaced.

A FIFO given as input blocked every reader forever; a FIFO or a device named
as output was replaced by a regular file. The FIFOs and sockets here are made
by the tests in ``tmp_path``; the only device used is ``/dev/null``, and only
to see it refused (nothing is ever written to it).
"""

from __future__ import annotations

import io
import os
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from govinfo_report import (
    ExchangeFormatError,
    GovinfoReportError,
    ReadError,
    WriteError,
    example_report,
    from_csv,
    read,
    read_docx,
    read_pdf,
    to_csv,
    to_json,
    write_docx,
)
from helpers import SAMPLES, outcome, refused

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    """A FIFO named like a report: opening it for reading would block."""
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    """A bound Unix socket in tmp_path."""
    path = tmp_path / "s.json"
    if len(os.fsencode(path)) > 100:  # sun_path is short
        pytest.skip("tmp_path too long for a Unix socket")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(os.fspath(path))
        yield path


READERS: dict[str, Callable[[Path], Any]] = {
    "read": read,
    "read_docx": read_docx,
    "read_pdf": read_pdf,
    "from_csv": from_csv,
}


def _special(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if kind == "fifo":
        path: Path = request.getfixturevalue("fifo")
        return path
    if kind == "socket":
        path = request.getfixturevalue("unix_socket")
        return path
    if kind == "directory":
        return tmp_path
    return Path("/dev/null")


KINDS = ("fifo", "socket", "directory", "device")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("reader", READERS)
def test_readers_refuse_special_files_at_once(
    reader: str, kind: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    path = _special(kind, request, tmp_path)
    expected = ExchangeFormatError if reader == "from_csv" else ReadError
    error = refused(lambda: READERS[reader](path), expected)
    assert "不是普通文件" in str(error)
    assert "regular file" in str(error)


@pytest.mark.parametrize("as_str", [True, False])
def test_read_names_the_kind_and_the_file(fifo: Path, as_str: bool) -> None:
    error = refused(lambda: read(str(fifo) if as_str else fifo), ReadError)
    assert error.source == str(fifo)
    assert "命名管道" in str(error)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still there, untouched


def test_a_symlink_to_a_regular_file_is_read(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(SAMPLES / "bachu-police-2023.txt")
    assert read(link) == read(SAMPLES / "bachu-police-2023.txt")


def test_a_symlink_to_a_fifo_is_refused(fifo: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(fifo)
    refused(lambda: read(link), ReadError)


def test_a_fifo_as_template_is_refused(fifo: Path) -> None:
    error = refused(
        lambda: write_docx(example_report(), io.BytesIO(), template=fifo), WriteError
    )
    assert "不是普通文件" in str(error)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govinfo_report", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize(
    "command",
    [
        ["check", "{}"],
        ["convert", "{}", "--to", "json", "-o", "{out}"],
        ["render", "{}", "-o", "{out}"],
        ["diff", "{}", "{}"],
        ["aggregate", "--agency", "x", "--year", "2023", "-o", "{out}", "{}"],
    ],
    ids=lambda c: c[0],
)
def test_the_cli_refuses_a_fifo_as_input(
    command: list[str], fifo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.x"
    done = _cli(*(c.format(fifo, out=out) for c in command))
    assert "Traceback" not in done.stderr
    assert done.returncode != 0 or "无法读取" in done.stdout
    assert "不是普通文件" in done.stdout + done.stderr
    assert not out.exists()


# ------------------------------------------------------------------ outputs

WRITERS: dict[str, Callable[[Path], None]] = {
    "to_csv": lambda path: to_csv(example_report(), path),
    "write_docx": lambda path: write_docx(example_report(), path),
}


@pytest.mark.parametrize("kind", ["fifo", "socket", "directory"])
@pytest.mark.parametrize("writer", WRITERS)
def test_writers_refuse_an_output_that_is_not_a_regular_file(
    writer: str, kind: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    path = _special(kind, request, tmp_path)
    before = os.lstat(path)
    error = refused(lambda: WRITERS[writer](path), WriteError)
    assert "不是普通文件" in str(error)
    after = os.lstat(path)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    leftovers = [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_a_device_as_output_is_refused_before_anything_is_written() -> None:
    # /dev/null is only looked at: the refusal comes before any open or rename.
    error = refused(lambda: to_csv(example_report(), Path("/dev/null")), WriteError)
    assert "字符设备" in str(error)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_symlink_to_a_fifo_as_output_is_refused(fifo: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.csv"
    link.symlink_to(fifo)
    refused(lambda: to_csv(example_report(), link), WriteError)
    assert link.is_symlink()


def test_a_symlink_to_a_regular_file_is_replaced_and_its_target_kept(
    tmp_path: Path,
) -> None:
    target = tmp_path / "target.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    to_csv(example_report(), link)
    assert not link.is_symlink()  # the link itself is replaced by the new file
    assert target.read_text(encoding="utf-8") == "old"
    assert from_csv(link)[0].cells() == example_report().cells()


@pytest.mark.parametrize(
    "command",
    [
        ["example", "-o", "{}"],
        ["convert", "{src}", "--to", "json", "-o", "{}"],
        ["convert", "{src}", "--to", "csv", "-o", "{}"],
        ["convert", "{src}", "--to", "docx", "-o", "{}"],
        ["render", "{json}", "-o", "{}"],
        ["aggregate", "--agency", "x", "--year", "2025", "-o", "{}", "{json}"],
    ],
    ids=lambda c: "-".join(c[:3:2]),
)
@pytest.mark.parametrize("kind", ["fifo", "socket"])
def test_the_cli_never_replaces_a_special_output(
    command: list[str], kind: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    path = _special(kind, request, tmp_path)
    report = tmp_path / "r.json"
    report.write_text(to_json(example_report()), encoding="utf-8")
    before = os.lstat(path)
    source = SAMPLES / "bachu-police-2023.txt"
    args = [c.format(path, src=source, json=report) for c in command]
    done = outcome(lambda: _cli(*args))
    assert not isinstance(done, BaseException), done
    assert "Traceback" not in done.stderr
    assert done.returncode != 0
    assert "不是普通文件" in done.stderr
    after = os.lstat(path)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


def test_library_errors_only(fifo: Path) -> None:
    for call in READERS.values():
        assert isinstance(outcome(lambda c=call: c(fifo)), GovinfoReportError)
