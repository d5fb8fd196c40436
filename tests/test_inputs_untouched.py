"""Readers never modify their input and open it read-only.

Every reader that takes a file — `read` (text, Markdown, HTML, PDF, Word, JSON,
CSV by content and name), `read_pdf`, `read_docx`, `from_csv`, and `from_json`
/ `read_html` given the file's bytes — is run on a copy in a folder of its
own. Afterwards the file is byte-identical, has the same mtime and mode, and
the folder holds nothing new. The file is made read-only (0o444) and every
``open`` of it is watched: each must be for reading only. (Tests run as root
here, where 0o444 alone would not stop a write; the watch does.)
"""

from __future__ import annotations

import builtins
import contextlib
import hashlib
import html
import io
import os
import shutil
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import govinfo_report as gr

EXAMPLE = gr.example_report()
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC


class OpenWatch:
    """Records how the watched file is opened, through ``open`` and ``os.open``."""

    def __init__(self, path: Path) -> None:
        self.path = os.path.realpath(path)
        self.modes: list[str] = []

    def _is_ours(self, file: Any) -> bool:
        if isinstance(file, int):
            return False
        try:
            return os.path.realpath(os.fspath(file)) == self.path
        except TypeError:
            return False

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        real_open = builtins.open
        real_os_open = os.open

        def watched_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            if self._is_ours(file):
                self.modes.append(mode)
            return real_open(file, mode, *args, **kwargs)

        def watched_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if self._is_ours(path):
                self.modes.append("w" if flags & _WRITE_FLAGS else "r")
            return real_os_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", watched_open)
        monkeypatch.setattr(io, "open", watched_open)
        monkeypatch.setattr(os, "open", watched_os_open)


def _state(path: Path) -> tuple[str, int, int, list[str]]:
    info = path.stat()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return (
        digest,
        info.st_mtime_ns,
        stat.S_IMODE(info.st_mode),
        sorted(p.name for p in path.parent.iterdir()),
    )


def _html_page(text: str) -> str:
    lines = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
    return f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>{lines}</body></html>'


def _csv_bytes() -> bytes:
    buffer = io.BytesIO()
    gr.to_csv(EXAMPLE, buffer)
    return buffer.getvalue()


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    gr.write_docx(EXAMPLE, buffer)
    return buffer.getvalue()


# name -> (file name, how to make its bytes, how to read it)
Maker = Callable[[Path], bytes]
CASES: dict[str, tuple[str, Maker, Callable[[Path], Any]]] = {
    "read text": (
        "report.txt",
        lambda s: (s / "bachu-police-2023.txt").read_bytes(),
        gr.read,
    ),
    "read markdown": (
        "report.md",
        lambda s: (s / "changchun-veterans-2023.partial.md").read_bytes(),
        gr.read,
    ),
    "read html": (
        "report.html",
        lambda s: _html_page(
            (s / "bachu-police-2023.txt").read_text(encoding="utf-8")
        ).encode(),
        gr.read,
    ),
    "read_html bytes": (
        "page.html",
        lambda s: _html_page(
            (s / "bachu-police-2023.txt").read_text(encoding="utf-8")
        ).encode(),
        lambda p: gr.read_html(p.read_bytes(), source=str(p)),
    ),
    "read pdf": (
        "report.pdf",
        lambda s: (s / "hongze-district-2024.pdf").read_bytes(),
        gr.read,
    ),
    "read_pdf": (
        "hongze.pdf",
        lambda s: (s / "hongze-district-2024.pdf").read_bytes(),
        gr.read_pdf,
    ),
    "read docx": ("report.docx", lambda _s: _docx_bytes(), gr.read),
    "read_docx": ("word.docx", lambda _s: _docx_bytes(), gr.read_docx),
    "read json": ("report.json", lambda _s: gr.to_json(EXAMPLE).encode(), gr.read),
    "from_json bytes": (
        "doc.json",
        lambda _s: gr.to_json(EXAMPLE).encode(),
        lambda p: gr.from_json(p.read_bytes()),
    ),
    "read csv": ("report.csv", lambda _s: _csv_bytes(), gr.read),
    "from_csv": ("cells.csv", lambda _s: _csv_bytes(), gr.from_csv),
}


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "inputs"
    path.mkdir()
    yield path
    for child in path.iterdir():  # let tmp_path cleanup remove read-only files
        child.chmod(0o644)


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_reader_leaves_its_input_untouched(
    case: str, folder: Path, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name, make, reader = CASES[case]
    path = folder / name
    path.write_bytes(make(samples))
    os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    path.chmod(0o444)
    before = _state(path)
    watch = OpenWatch(path)
    watch.install(monkeypatch)
    result = reader(path)
    monkeypatch.undo()
    assert isinstance(result, (gr.Report, list)), type(result)
    assert _state(path) == before, "the input file or its folder changed"
    assert watch.modes or case.endswith("bytes"), "the reader did not open the file"
    for mode in watch.modes:
        assert not set(mode) & set("wax+"), f"opened for writing: mode {mode!r}"


@pytest.mark.parametrize("case", ["read text", "read json", "from_csv"])
def test_refused_input_is_untouched_too(case: str, folder: Path, samples: Path) -> None:
    name, make, reader = CASES[case]
    path = folder / name
    data = make(samples)
    path.write_bytes(data[: len(data) // 3] + b"\xff\xfe" + data[len(data) // 3 :])
    path.chmod(0o444)
    before = _state(path)
    with contextlib.suppress(gr.GovinfoReportError):
        reader(path)
    assert _state(path) == before


def test_read_only_folder_is_enough(folder: Path, samples: Path) -> None:
    """Reading needs no write access anywhere near the input (no sidecar files)."""
    path = folder / "report.pdf"
    shutil.copyfile(samples / "hongze-district-2024.pdf", path)
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        before = _state(path)
        report = gr.read(path)
        assert report.metadata.year == 2024
        assert _state(path) == before
    finally:
        folder.chmod(0o755)


def test_the_watch_sees_writes(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The watch above would catch a reader that opened its input for writing."""
    path = folder / "x.txt"
    path.write_bytes(b"x")
    watch = OpenWatch(path)
    watch.install(monkeypatch)
    with open(path, "ab"):
        pass
    os.close(os.open(path, os.O_RDWR))
    Path(path).read_bytes()
    monkeypatch.undo()
    assert watch.modes == ["ab", "w", "rb"]
