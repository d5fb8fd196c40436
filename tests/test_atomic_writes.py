"""Atomic writes: a failure at any point leaves the old file or the complete new one.

Failures are injected mid-write — in ``os.replace``, ``os.fsync``, ``os.chmod``,
the temporary file's ``write`` (half the bytes written, then a full disk), and
inside the serializers after part of the output was produced — for
`write_atomic`, `to_csv`, `write_docx` and the command line's ``convert -o``,
``example -o`` and ``render -o``. Each time the target is byte-identical to
what it was (or still absent), and no temporary file is left in its folder.
"""

from __future__ import annotations

import errno
import io
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import govinfo_report as gr
from govinfo_report._atomic import write_atomic
from govinfo_report._cli import EXIT_BAD_INPUT, EXIT_INTERRUPTED, main

OLD = b"old content that must survive\n"
EXAMPLE = gr.example_report()
BROKEN = attrs.evolve(EXAMPLE, as_published=True).with_cells(
    {"requests.total.natural_person": 999}, derive_totals=False
)
"""A report as published whose totals do not add up (error findings)."""
OTHER = attrs.evolve(EXAMPLE, metadata=attrs.evolve(EXAMPLE.metadata, year=2024))


def _fail(error: BaseException) -> Callable[..., Any]:
    def fail(*_args: Any, **_kwargs: Any) -> Any:
        raise error

    return fail


def _full_disk() -> OSError:
    return OSError(errno.ENOSPC, "No space left on device")


class _HalfWritten:
    """A temporary file that takes half the bytes, then reports a full disk."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.name = inner.name

    def write(self, data: bytes) -> int:
        self._inner.write(data[: len(data) // 2])
        self._inner.flush()
        raise _full_disk()

    def __enter__(self) -> _HalfWritten:
        return self

    def __exit__(self, *exc: object) -> None:
        self._inner.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def _half_written_files(monkeypatch: pytest.MonkeyPatch) -> None:
    real = tempfile.NamedTemporaryFile

    def named(*args: Any, **kwargs: Any) -> _HalfWritten:
        return _HalfWritten(real(*args, **kwargs))

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", named)


INJECTIONS: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    "replace": lambda mp: mp.setattr(os, "replace", _fail(_full_disk())),
    "fsync": lambda mp: mp.setattr(os, "fsync", _fail(OSError(errno.EIO, "I/O error"))),
    "chmod": lambda mp: mp.setattr(
        os, "chmod", _fail(PermissionError(errno.EPERM, "no"))
    ),
    "half write": _half_written_files,
}
INTERRUPTS: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    "Ctrl-C at replace": lambda mp: mp.setattr(
        os, "replace", _fail(KeyboardInterrupt())
    ),
    "Ctrl-C at fsync": lambda mp: mp.setattr(os, "fsync", _fail(KeyboardInterrupt())),
}


@pytest.fixture(params=[True, False], ids=["old file", "no file"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """The target, in a folder of its own: with old content, or not there yet."""
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "report.out"
    if request.param:
        path.write_bytes(OLD)
    return path


def _unchanged(target: Path, existed: bool) -> None:
    """The target is as it was, and nothing else is in its folder."""
    if existed:
        assert target.read_bytes() == OLD
    else:
        assert not target.exists(), "a failed write created the target"
    left = sorted(p.name for p in target.parent.iterdir() if p != target)
    assert left == [], f"temporary files left behind: {left}"


WRITERS: dict[str, Callable[[Path], None]] = {
    "write_atomic": lambda path: write_atomic(path, b"new content\n" * 10_000),
    "to_json": lambda path: write_atomic(path, gr.to_json(EXAMPLE).encode()),
    "to_csv": lambda path: gr.to_csv([EXAMPLE, OTHER], path),
    "write_docx": lambda path: gr.write_docx(EXAMPLE, path),
}


@pytest.mark.parametrize("inject", INJECTIONS, ids=list(INJECTIONS))
@pytest.mark.parametrize("writer", WRITERS, ids=list(WRITERS))
def test_failure_mid_write_leaves_the_old_file(
    writer: str, inject: str, target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    existed = target.exists()
    INJECTIONS[inject](monkeypatch)
    with pytest.raises(gr.WriteError) as info:
        WRITERS[writer](target)
    assert str(target) in str(info.value), "the error names the file"
    monkeypatch.undo()
    _unchanged(target, existed)


@pytest.mark.parametrize("inject", INTERRUPTS, ids=list(INTERRUPTS))
@pytest.mark.parametrize("writer", WRITERS, ids=list(WRITERS))
def test_interrupt_mid_write_leaves_the_old_file(
    writer: str, inject: str, target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    existed = target.exists()
    INTERRUPTS[inject](monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        WRITERS[writer](target)
    monkeypatch.undo()
    _unchanged(target, existed)


@pytest.mark.parametrize("writer", WRITERS, ids=list(WRITERS))
def test_success_replaces_the_whole_file(writer: str, target: Path) -> None:
    WRITERS[writer](target)
    data = target.read_bytes()
    assert data != OLD
    assert len(data) > 1000
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]
    if writer == "to_csv":
        assert [r.metadata for r in gr.from_csv(target)] == [
            EXAMPLE.metadata,
            OTHER.metadata,
        ]


# ------------------------------------------------------- failures while building


def _reports_then_failure() -> Iterator[gr.Report]:
    yield EXAMPLE
    yield EXAMPLE.with_cells({"appeals.review.upheld": 4})
    raise gr.InvalidReportError("报告来源中断 (the source of reports broke off)")


def test_csv_serializer_failing_after_some_output(target: Path) -> None:
    existed = target.exists()
    with pytest.raises(gr.InvalidReportError, match="报告来源中断"):
        gr.to_csv(_reports_then_failure(), target)
    _unchanged(target, existed)


def test_csv_non_report_in_the_middle(target: Path) -> None:
    existed = target.exists()
    with pytest.raises(gr.InvalidReportError, match="应为 Report"):
        gr.to_csv([EXAMPLE, "not a report", EXAMPLE], target)  # type: ignore[list-item]
    _unchanged(target, existed)


def test_csv_to_a_stream_gets_nothing_on_failure() -> None:
    stream = io.BytesIO(OLD)
    stream.seek(len(OLD))
    with pytest.raises(gr.InvalidReportError):
        gr.to_csv(_reports_then_failure(), stream)
    assert stream.getvalue() == OLD


def test_docx_builder_failing_midway(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govinfo_report._word import _writer

    real_body = _writer._body

    def body_then_failure(document: Any, report: gr.Report, styles: Any) -> None:
        real_body(document, report, styles)  # the whole body is built…
        raise MemoryError("out of memory while building")  # …then it fails

    monkeypatch.setattr(_writer, "_body", body_then_failure)
    existed = target.exists()
    with pytest.raises(MemoryError):
        gr.write_docx(EXAMPLE, target)
    _unchanged(target, existed)


def test_docx_with_error_findings_writes_nothing(target: Path) -> None:
    broken = BROKEN
    existed = target.exists()
    with pytest.raises(gr.InconsistentReportError):
        gr.write_docx(broken, target)
    _unchanged(target, existed)


def test_docx_to_a_stream_gets_nothing_on_refusal() -> None:
    broken = BROKEN
    stream = io.BytesIO()
    with pytest.raises(gr.InconsistentReportError):
        gr.write_docx(broken, stream)
    assert stream.getvalue() == b""


# ------------------------------------------------------------------ command line


@pytest.fixture
def report_json(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "report.json"
    path.parent.mkdir()
    path.write_text(gr.to_json(EXAMPLE), encoding="utf-8")
    return path


def _commands(source: Path, out: Path) -> dict[str, list[str]]:
    return {
        "convert json": ["convert", str(source), "--to", "json", "-o", str(out)],
        "convert csv": ["convert", str(source), "--to", "csv", "-o", str(out)],
        "convert docx": ["convert", str(source), "--to", "docx", "-o", str(out)],
        "example": ["example", "-o", str(out)],
        "render": ["render", str(source), "-o", str(out)],
    }


COMMANDS = ("convert json", "convert csv", "convert docx", "example", "render")


@pytest.mark.parametrize("inject", [*INJECTIONS, *INTERRUPTS])
@pytest.mark.parametrize("command", COMMANDS)
def test_cli_outputs_are_atomic(
    command: str,
    inject: str,
    target: Path,
    report_json: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    existed = target.exists()
    argv = _commands(report_json, target)[command]
    {**INJECTIONS, **INTERRUPTS}[inject](monkeypatch)
    code = main(argv)
    monkeypatch.undo()
    expected = EXIT_INTERRUPTED if inject in INTERRUPTS else EXIT_BAD_INPUT
    assert code == expected, capsys.readouterr().err
    _unchanged(target, existed)
    assert report_json.read_text(encoding="utf-8") == gr.to_json(EXAMPLE)


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_outputs_complete_on_success(
    command: str, target: Path, report_json: Path
) -> None:
    assert main(_commands(report_json, target)[command]) == 0
    data = target.read_bytes()
    assert data != OLD
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]
    if command == "convert json":
        assert gr.from_json(data) == EXAMPLE


def test_cli_render_refused_for_findings_writes_nothing(
    tmp_path: Path, target: Path
) -> None:
    broken = BROKEN
    source = tmp_path / "broken.json"
    source.write_text(gr.to_json(broken), encoding="utf-8")
    existed = target.exists()
    assert main(["render", str(source), "-o", str(target)]) == 1
    _unchanged(target, existed)


def test_write_error_names_the_target_not_the_temporary_file(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def replace(source: str, destination: object) -> None:
        # What the OS raises: the error names the temporary file it was renaming.
        raise OSError(errno.EACCES, "Permission denied", source, str(destination))

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(gr.WriteError) as info:
        write_atomic(target, b"new")
    message = str(info.value)
    assert message.startswith(str(target))
    assert "Permission denied" in message
    assert ".tmp" not in message
    assert f".{target.name}." not in message
