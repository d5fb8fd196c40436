"""Crawlers' JSON items: a page kept as ``{"url", "title", "content"}`` is read as that page.

Scrapy feeds and site-archive tools keep each page as a JSON object, one a
file, in a list, or one a line (JSON Lines). Before, `read` took such a file
for an exchange document and refused it with its unknown keys.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import govinfo_report as gr
from govinfo_report.exceptions import GovinfoReportError, ReadError

TITLE = "青禾市生态环境局2025年政府信息公开工作年度报告"


def _body() -> str:
    buffer = io.BytesIO()
    gr.write_html(gr.example_report(), buffer)
    page = buffer.getvalue().decode("utf-8")
    return page[page.index("<body") : page.index("</body>")]


def _figures(report: gr.Report) -> dict[str, object]:
    return {cell: report[cell] for cell in report}


def _item(content: str, **extra: object) -> dict[str, object]:
    return {
        "url": "http://sthjj.example.gov.cn/art/2026/1/20/art_1.html",
        "title": TITLE,
        "publish_time": "2026-01-20 09:00",
        "content": content,
        **extra,
    }


@pytest.mark.parametrize("layout", ["object", "list", "lines", "nested"])
def test_a_crawled_page_is_read_as_its_content(tmp_path: Path, layout: str) -> None:
    item = _item(_body())
    nav = {"url": "http://x/index.html", "title": "首页", "content": "<p>通知公告</p>"}
    if layout == "object":
        text = json.dumps(item, ensure_ascii=False)
    elif layout == "list":
        text = json.dumps([nav, item, nav], ensure_ascii=False)
    elif layout == "lines":
        text = "\n".join(json.dumps(i, ensure_ascii=False) for i in (nav, item)) + "\n"
    else:
        text = json.dumps({"code": 0, "data": {"article": item}}, ensure_ascii=False)
    path = tmp_path / ("items.jsonl" if layout == "lines" else "item.json")
    path.write_text(text, encoding="utf-8")
    assert _figures(gr.read(path)) == _figures(gr.example_report())


def test_crawled_plain_text_with_its_title(tmp_path: Path, samples: Path) -> None:
    text = (samples / "bachu-police-2023.txt").read_text("utf-8")
    path = tmp_path / "item.json"
    path.write_text(
        json.dumps(
            {"标题": "巴楚县公安局2023年政府信息公开工作年度报告", "正文": text}
        ),
        encoding="utf-8",
    )
    report = gr.read(path)
    assert _figures(report) == _figures(gr.read_text(text))
    assert report.metadata.agency == "巴楚县公安局"


def test_hints_reach_the_crawled_page(tmp_path: Path) -> None:
    body = _body()
    path = tmp_path / "item.json"
    path.write_text(json.dumps(_item(body, title="")), encoding="utf-8")
    report = gr.read(path, year=2025, agency="青禾市生态环境局")
    assert _figures(report) == _figures(gr.example_report())


def test_several_crawled_reports_are_refused_naming_them(tmp_path: Path) -> None:
    items = [_item(_body()), _item(_body(), title="乙县2025年政府信息公开工作年度报告")]
    path = tmp_path / "items.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ReadError) as caught:
        gr.read(path)
    assert caught.value.code == "unsupported"
    assert "2 份报告" in str(caught.value)
    assert "乙县" in str(caught.value)


def test_exchange_documents_and_other_json_are_as_before(tmp_path: Path) -> None:
    own = tmp_path / "own.json"
    own.write_text(gr.to_json(gr.example_report()), encoding="utf-8")
    assert gr.read(own) == gr.example_report()
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"title": "天气", "content": "晴"}), encoding="utf-8")
    with pytest.raises(gr.ExchangeFormatError):
        gr.read(other)


def test_deep_json_is_a_library_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(GovinfoReportError):
        gr.read(path)
