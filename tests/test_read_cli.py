"""govinfo-report check / convert over real samples and broken files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from govinfo_report import example_report, to_json
from govinfo_report._cli import main
from govinfo_report._cli._check import check_file as _real_check_file


@pytest.fixture
def folder(samples: Path, tmp_path: Path) -> Path:
    for name in ("bachu-police-2023.txt", "hongze-district-2024.pdf"):
        shutil.copy(samples / name, tmp_path / name)
    return tmp_path


def test_check_clean_folder(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "巴楚县公安局 2023 年：未发现问题" in out
    # Hongze's text says 17 requests were received, its table 3 says 95: the
    # narrative check (N1) warns, which does not make the exit code non-zero.
    assert "淮安市洪泽区人民政府 2024 年：错误 0 条，警告 1 条" in out
    assert "[警告 N1 narrative_mismatch]" in out
    assert "共 2 个文件：读取 2 个，有错误 0 个，仅有警告 1 个" in out


def test_check_errors_and_unreadable_keep_going(
    folder: Path, samples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(
        samples / "zhanjiang-gazetteer-office-2023.partial.txt", folder / "z.txt"
    )
    assert main(["check", str(folder)]) == 1
    (folder / "notes.txt").write_text(
        "会议纪要：今天讨论了食堂菜单。", encoding="utf-8"
    )
    assert main(["check", str(folder), "--json"]) == 2
    lines = [
        json.loads(line)
        for line in capsys.readouterr().out.splitlines()
        if line.startswith("{")
    ]
    status = {Path(r["file"]).name: r["status"] for r in lines}
    assert status["notes.txt"] == "unreadable"
    assert status["z.txt"] == "error"
    assert status["bachu-police-2023.txt"] == "clean"
    truncated = [f for r in lines for f in r["findings"] if f["kind"] == "truncated"]
    assert truncated
    assert "表三" in truncated[0]["message"]


def test_check_skips_files_that_do_not_look_like_reports(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "sub").mkdir()
    (folder / "sub" / "page.html.orig").write_text("<p>x</p>", encoding="utf-8")
    (folder / "README.md").write_text("# 下载说明\n爬虫抓取的文件。", encoding="utf-8")
    (folder / "LICENSE").write_text("MIT", encoding="utf-8")
    # a README that mentions 信息公开 is read (and, not being a report, unreadable)
    (folder / "sub" / "readme.txt").write_text(
        "本目录收集政府信息公开工作年度报告。", encoding="utf-8"
    )
    assert main(["check", str(folder)]) == 2
    out = capsys.readouterr().out
    assert "共 3 个文件：读取 2 个" in out
    assert "readme.txt：无法读取" in out
    assert "跳过 4 个不像报告的文件" in out
    # a file named on the command line is always read
    assert main(["check", str(folder / "README.md")]) == 2
    assert "无法读取" in capsys.readouterr().out


def test_check_reads_a_one_report_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from govinfo_report import to_csv

    to_csv(example_report(), tmp_path / "one.csv")
    assert main(["check", str(tmp_path)]) == 0
    assert "青禾市生态环境局 2025 年：未发现问题" in capsys.readouterr().out


def test_check_with_jobs_and_previous(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    previous = folder / "bachu-police-2023.txt"
    assert main(["check", str(folder), "--jobs", "2", "--previous", str(previous)]) == 0
    assert "读取 2 个" in capsys.readouterr().out


@pytest.mark.parametrize("target", ["json", "csv", "docx"])
def test_convert(samples: Path, tmp_path: Path, target: str) -> None:
    out = tmp_path / f"bachu.{target}"
    assert (
        main(
            [
                "convert",
                str(samples / "bachu-police-2023.txt"),
                "--to",
                target,
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert out.stat().st_size > 0
    if target == "json":
        data = json.loads(out.read_text("utf-8"))
        assert "巴楚县公安局" in json.dumps(data, ensure_ascii=False)


def test_convert_unreadable_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.txt"
    path.write_text("无关内容", encoding="utf-8")
    assert (
        main(["convert", str(path), "--to", "json", "-o", str(tmp_path / "x.json")])
        == 2
    )
    assert "不是政府信息公开工作年度报告" in capsys.readouterr().err


def test_read_json_through_dispatcher(tmp_path: Path) -> None:
    from govinfo_report import read

    path = tmp_path / "r.json"
    path.write_text(to_json(example_report()), encoding="utf-8")
    assert dict(read(path).cells()) == dict(example_report().cells())


def test_check_previous_reports_the_carry_over_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import govinfo_report as gr

    this_year = gr.example_report()
    last_year = gr.from_cells(
        {"requests.received.natural_person": 5, "requests.granted.natural_person": 3},
        agency=this_year.metadata.agency,
        year=this_year.metadata.year - 1,
    )
    (tmp_path / "last.json").write_text(gr.to_json(last_year), encoding="utf-8")
    (tmp_path / "this.json").write_text(gr.to_json(this_year), encoding="utf-8")
    code = main(
        [
            "check",
            "--previous",
            str(tmp_path / "last.json"),
            str(tmp_path / "this.json"),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0  # cross-year findings are warnings
    # This year carries over 3 (natural persons) and 4 in all; last year carried 2 forward.
    assert out.count("二、上年结转政府信息公开申请数量 / 自然人") == 1
    assert "[警告 R5 cross_year]" in out


def test_check_interrupted_says_how_far_it_got(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from govinfo_report._cli import _check

    real = _check.check_file
    calls = []

    def interrupt_second(path: str, previous: str | None = None) -> dict[str, object]:
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(path, previous)

    monkeypatch.setattr(_check, "check_file", interrupt_second)
    assert main(["check", "--jobs", "1", str(folder)]) == 130
    err = capsys.readouterr().err
    assert "已中断：已检查 1 / 2 个文件" in err


# ------------------------------------------------------------ batch convert


def _json_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_convert_a_folder_keeps_going_past_a_bad_file(
    folder: Path,
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from govinfo_report import from_json, read

    (folder / "notes.txt").write_text(
        "会议纪要：今天讨论了食堂菜单。", encoding="utf-8"
    )
    out = tmp_path_factory.mktemp("out") / "json"
    assert main(["convert", str(folder), "--to", "json", "-o", str(out)]) == 2
    captured = capsys.readouterr()
    assert _json_files(out) == ["bachu-police-2023.json", "hongze-district-2024.json"]
    for name in ("bachu-police-2023.txt", "hongze-district-2024.pdf"):
        written = out / (Path(name).stem + ".json")
        assert from_json(written.read_text("utf-8")) == read(folder / name)
    [failed] = [x for x in captured.err.splitlines() if "无法转换" in x]
    assert "notes.txt" in failed
    assert failed.count("notes.txt") == 1  # the file is named once
    assert "共 3 个文件：转换 2 个，失败 1 个" in captured.out


def test_convert_several_reports_into_one_csv(
    folder: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from govinfo_report import from_csv, read

    out = tmp_path_factory.mktemp("out") / "all.csv"
    inputs = [
        str(folder / "bachu-police-2023.txt"),
        str(folder / "hongze-district-2024.pdf"),
    ]
    assert main(["convert", *inputs, "--to", "csv", "-o", str(out)]) == 0
    back = from_csv(out)
    assert [dict(r.cells()) for r in back] == [dict(read(p).cells()) for p in inputs]


def test_convert_names_clashing_outputs_apart(
    samples: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in"
    source.mkdir()
    shutil.copy(samples / "bachu-police-2023.txt", source / "report.txt")
    (source / "report.json").write_text(to_json(example_report()), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["convert", str(source), "--to", "docx", "-o", str(out)]) == 0
    assert _json_files(out) == ["report.docx", "report.txt.docx"]
    assert "report.json → " in capsys.readouterr().out


def test_convert_never_writes_over_an_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.json"
    original = to_json(example_report()) + "\n\n"
    path.write_text(original, encoding="utf-8")
    assert main(["convert", str(path), "--to", "json", "-o", str(path)]) == 2
    assert "不能覆盖输入" in capsys.readouterr().err
    # In a folder run too: r.json converted to JSON in its own folder is itself.
    assert main(["convert", str(tmp_path), "--to", "json", "-o", str(tmp_path)]) == 2
    assert path.read_text("utf-8") == original


def test_convert_interrupted_says_how_far_and_leaves_no_partial_file(
    folder: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import os

    from govinfo_report._cli import _convert

    real = _convert.write_docx
    calls: list[object] = []

    def interrupt_in_second_write(*args: object, **kwargs: object) -> None:
        calls.append(args)
        if len(calls) == 2:
            # Ctrl-C just before the finished temporary file would replace the target.
            def ctrl_c(*_: object) -> None:
                raise KeyboardInterrupt

            monkeypatch.setattr(os, "replace", ctrl_c)
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_convert, "write_docx", interrupt_in_second_write)
    out = tmp_path_factory.mktemp("out")
    assert main(["convert", str(folder), "--to", "docx", "-o", str(out)]) == 130
    err = capsys.readouterr().err
    assert "已中断：已处理 1 / 2 个文件，上一个是" in err
    assert "bachu-police-2023.txt" in err
    assert len(calls) == 2
    # The first output is complete; of the second, not even a temporary file.
    assert os.listdir(out) == ["bachu-police-2023.docx"]
    assert (out / "bachu-police-2023.docx").read_bytes()[:2] == b"PK"


# ------------------------------------------------ check: workers that die


def _check_or_die(path: str, previous: str | None = None) -> dict[str, object]:
    """check_file, but the worker process dies on a file named crash*."""
    import os

    if Path(path).name.startswith("crash"):
        os._exit(1)  # as the kernel's OOM killer would end it
    return _real_check_file(path, previous)


def test_check_goes_on_when_a_worker_dies(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from govinfo_report._cli import _check

    shutil.copy(folder / "bachu-police-2023.txt", folder / "crash.txt")
    shutil.copy(folder / "bachu-police-2023.txt", folder / "z-after.txt")
    monkeypatch.setattr(_check, "check_file", _check_or_die)
    assert main(["check", "--jobs", "2", "--json", str(folder)]) == 2
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    status = {Path(r["file"]).name: r["status"] for r in lines}
    # Only the file that kills its worker is lost; the others, read in the
    # same pool when it broke, are read again.
    assert status == {
        "bachu-police-2023.txt": "clean",
        "crash.txt": "unreadable",
        "hongze-district-2024.pdf": "warning",
        "z-after.txt": "clean",
    }
    crashed = next(r for r in lines if r["file"].endswith("crash.txt"))
    assert "进程意外退出" in crashed["error"]


_CLI = "import sys; from govinfo_report._cli import main; sys.exit(main())"
_SIZE = (
    "import govinfo_report, pathlib; print(next(int(l.split()[1]) // 1024 for l in "
    "pathlib.Path('/proc/self/status').read_text().splitlines() if l.startswith('VmSize:')))"
)


def test_check_max_memory_caps_each_worker(samples: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    # In a fresh process (this one's free heap would let a forked worker read
    # more than the cap), the workers get 32 MiB beyond the library's own
    # size: plenty for a real report, not for 19 MiB of text read and decoded
    # (one character outside the BMP makes Python keep 4 bytes a character).
    shutil.copy(samples / "bachu-police-2023.txt", tmp_path / "bachu.txt")
    (tmp_path / "huge.txt").write_text(
        "政府信息公开工作年度报告😀\n" + "信息公开" * (19 * 2**20 // 12),
        encoding="utf-8",
    )
    base = int(subprocess.run([sys.executable, "-c", _SIZE], capture_output=True,
                              text=True, check=True).stdout)  # fmt: skip
    checked = subprocess.run(
        [sys.executable, "-c", _CLI, "check", "--jobs", "2", "--json",
         "--max-memory", str(base + 32), str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert checked.returncode == 2, checked.stderr
    lines = [json.loads(x) for x in checked.stdout.splitlines()]
    status = {Path(r["file"]).name: r["status"] for r in lines}
    assert status == {"bachu.txt": "clean", "huge.txt": "unreadable"}
    huge = next(r for r in lines if r["file"].endswith("huge.txt"))
    assert "内存不足" in huge["error"] or "进程意外退出" in huge["error"], huge
    # Without the cap the same file is read (and refused for what it is).
    plain = subprocess.run(
        [sys.executable, "-c", _CLI, "check", "--json", str(tmp_path / "huge.txt")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert plain.returncode == 2
    assert "内存不足" not in plain.stdout


def test_convert_to_one_csv_writes_nothing_when_no_report_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("会议纪要：今天讨论了食堂菜单。", encoding="utf-8")
    out = tmp_path / "all.csv"
    assert main(["convert", str(bad), str(bad), "--to", "csv", "-o", str(out)]) == 2
    assert not out.exists()
    assert "未写出" in capsys.readouterr().out


@pytest.mark.parametrize("value", ["0", "-5", "lots"])
def test_check_max_memory_must_be_a_positive_number(
    folder: Path, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["check", "--max-memory", value, str(folder)])
    assert caught.value.code == 2
    assert "--max-memory" in capsys.readouterr().err


@pytest.mark.parametrize(
    "command",
    [
        ["render", "{f}", "-o", "{out}.docx"],
        ["aggregate", "{f}", "--agency", "某县", "--year", "2024", "-o", "{out}.json"],
        ["diff", "{f}", "{f}"],
        # --verbose: check cuts its lines to 160 characters, and tmp paths are long
        ["check", "--verbose", "{f}"],
        ["convert", "{f}", "--to", "json", "-o", "{out}.json"],
    ],
    ids=lambda c: c[0],
)
def test_every_command_loads_a_report_the_same_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    # One loader: the same file fails with the same message under every
    # command, and a report in any form `read` takes (here CSV) loads.
    from govinfo_report._cli._load import load_report
    from govinfo_report.exceptions import ReadError

    missing = tmp_path / "missing.json"
    with pytest.raises(ReadError) as info:
        load_report(missing)
    said = str(info.value)
    out = tmp_path / "out"
    argv = [a.format(f=missing, out=out) for a in command]
    assert main(argv) == 2
    captured = capsys.readouterr()
    shown = captured.out + captured.err
    assert "missing.json" in said
    # `check` starts its line with the file's name, so it says the reason
    # after it instead of naming the file twice; every other command prints
    # the error as it is.
    reason = said.removeprefix(f"{missing}: ")
    assert reason != said
    assert reason in shown
    assert said in shown or f"{missing}：" in shown


def test_render_loads_the_example_and_a_csv(tmp_path: Path) -> None:
    from govinfo_report import to_csv
    from govinfo_report._cli._load import load_report

    report = example_report()
    assert load_report("example", example=True) == report
    csv = tmp_path / "one.csv"
    to_csv([report], csv)
    loaded = load_report(csv)  # figures and metadata: CSV carries no narrative
    assert dict(loaded.cells()) == dict(report.cells())
    assert loaded.metadata == report.metadata
    # Without its narrative the report is not ready to publish (S1): render
    # refuses it, and writes it as it is when told to.
    assert main(["render", str(csv), "-o", str(tmp_path / "r.docx")]) == 1
    assert not (tmp_path / "r.docx").exists()
    argv = ["render", str(csv), "-o", str(tmp_path / "r.docx"), "--allow-findings"]
    assert main(argv) == 0
