"""Findings for what a Word file shows but the reader did not read as printed.

The OOXML layer hands back a `Note` for shown text left out of a figure
(a superscript, struck-through digits, text of 1 pt or less…) and for what
stands as ``〓`` (an equation in two dimensions, a picture symbol…). Each
becomes one finding with its place: the table, the row (and its label), the
cell; or the paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence

from govinfo_report._findings import Finding, FindingKind, Severity, shortened
from govinfo_report._ooxml import UNREAD, Note, NoteKind
from govinfo_report._readers._cells import reading_finding

_DROPPED = {
    NoteKind.SUPERSCRIPT: ("中的上标", "视为脚注标记，不计入数字，已略去"),
    NoteKind.SUBSCRIPT: ("中的下标", "不计入数字，已略去"),
    NoteKind.STRUCK: ("中带删除线的", "视为已删去，不计入数字，已略去"),
    NoteKind.TINY: (
        "中小得看不清（字号不大于 1 磅或字符缩放不大于 10%）的",
        "不计入数字，已略去",
    ),
    NoteKind.ALWAYS_HIDDEN: ("中始终隐藏（w:specVanish）的", "不计入数字，已略去"),
    NoteKind.RUBY: ("中的注音（拼音指南）", "不计入数字，已略去"),
    NoteKind.NOTE_MARK: (
        "中脚注或尾注的自定义标记（w:customMarkFollows）",
        "不计入数字，已略去",
    ),
}
"""Shown text left out: what it is, what became of it (around the pieces)."""

_UNREAD_AS = {
    NoteKind.MATH: "公式对象（不是单独一行文字，分数、上下标等无法按所见读出）",
    NoteKind.SYMBOL: "图形符号（w:sym，符号字体中的图形，不是文字）",
    NoteKind.REVERSED: "从右向左强制排列（w:bdo）的文字（显示顺序与存储相反）",
    NoteKind.PICTURE: "图片或嵌入对象（如旧式公式）",
    NoteKind.OVERLAPPED: "字符间距紧缩得与后面的文字重叠（w:spacing）的数字",
    NoteKind.COMBINED: "双行合一（w:eastAsianLayout w:combine，分上下两行显示）的文字",
    NoteKind.FAINT: "看不清（颜色与底色几乎相同，如白字在 5% 的底纹上；或字号不到 3 磅、"
    "被 w:fitText 压得不到四分之一宽）的数字",
    NoteKind.CHUNK: "嵌入的外部内容（w:altChunk：另一份文档、网页或 RTF，Word 在此处显示）",
    NoteKind.FIELD_CODE_TEXT: "没有结果的域（w:fldChar begin 之后没有 separate，"
    "或没有结束）的代码中的文字（Word 不这样写文件，是否显示无法确定）",
}
"""What stands as 〓 in the text."""

_MAX_SHOWN = 5


def _place(
    where: str, row: int, column: int, grid: Sequence[Sequence[str]] | None
) -> str:
    if not row:
        return where
    if not column:  # a row left out, before the row read as ``row``
        return f"{where}第 {row} 行之前的一行"
    label = ""
    if grid is not None and 0 < row <= len(grid):
        label = next((c for c in grid[row - 1] if c.strip()), "")
    named = f"（{shortened(label, 20)}）" if label else ""
    return f"{where}第 {row} 行{named}第 {column} 格"


def notes_findings(
    notes: Sequence[tuple[int, int, str, Sequence[Note]]],
    where: str,
    grid: Sequence[Sequence[str]] | None,
) -> list[Finding]:
    """One finding per kind of note in each cell (or paragraph) that has notes.

    ``notes``: (row from 1, place in the row from 1 — both 0 for a paragraph —,
    the text read, its notes); ``where``: the table or paragraph;
    ``grid``: the table's rows, for the row's label.
    """
    findings: list[Finding] = []
    for row, column, text, cell_notes in notes:
        place = _place(where, row, column, grid)
        kinds: dict[NoteKind, list[str]] = {}
        for note in cell_notes:
            kinds.setdefault(note.kind, []).append(note.text)
        for kind, pieces in kinds.items():
            findings.append(_finding(kind, pieces, f"“{shortened(text, 40)}”", place))
    return findings


_CHECK = "请核对原文"
_WARNED = {
    NoteKind.CLIPPED_ROW: "{text}所在的行高固定为 {first}（w:trHeight exact），"
    "文字被截去看不见，本行未读入",
    NoteKind.NUMBERED: "{text}所在段落带自动编号（w:numPr），Word 在数字前显示编号，"
    f"所见的数字无法确定，以“{UNREAD}”代替编号，不计入数字，{_CHECK}",
    NoteKind.CONDITIONAL: "表格样式{text}的条件格式（w:tblStylePr：{kinds}）会隐藏文字或使其"
    f"与底色同色，读取时未计入，其所及的单元格可能读入了看不见的文字，{_CHECK}",
    NoteKind.DIRTY_FIELD: "{text}中有标记为需要更新的域（w:dirty），Word 打开文件时"
    f"重新计算，显示的结果可能与所存结果不同，{_CHECK}",
    NoteKind.DATA_BOUND: "{text}在绑定到自定义 XML 数据的内容控件（w:dataBinding）中，"
    f"Word 打开文件时显示数据中的值，可能与所存文字不同，{_CHECK}",
    NoteKind.PLACEHOLDER: "{text}中有内容控件显示的占位文字（w:showingPlcHdr：模板中的提示，"
    f"不是填写的内容），照读，{_CHECK}",
    NoteKind.GAP: "{text}中数字之间有{gaps}，是分开的两段，不连成一个数字"
    f"（按空格读），{_CHECK}",
}
"""The other notes' messages; all but a clipped row (not read) are AMBIGUOUS."""


def _finding(kind: NoteKind, pieces: list[str], text: str, place: str) -> Finding:
    shown = "、".join(f"“{shortened(p, 20)}”" for p in pieces[:_MAX_SHOWN])
    if kind in _DROPPED:
        what, became = _DROPPED[kind]
        return reading_finding(
            FindingKind.UNREAD_LINE, place, f"{text}{what}{shown}{became}"
        )
    if kind in _UNREAD_AS:
        message = (
            f"{text}中的{_UNREAD_AS[kind]}{shown}无法读出，以“{UNREAD}”代替，不计入数字"
        )
        return reading_finding(FindingKind.UNREAD_LINE, place, message)
    message = _WARNED[kind].format(
        text=text,
        first=pieces[0],
        gaps="、".join(dict.fromkeys(pieces)),
        kinds="、".join(pieces),
    )
    if kind is NoteKind.CLIPPED_ROW:
        return reading_finding(FindingKind.UNREAD_LINE, place, message)
    return reading_finding(
        FindingKind.AMBIGUOUS, place, message, severity=Severity.WARNING
    )


def chunk_finding(number: int) -> Finding:
    """The finding for an embedded ``w:altChunk``, the ``number``-th block of the body."""
    return reading_finding(
        FindingKind.UNREAD_LINE,
        f"正文第 {number} 块",
        "文档中嵌入的外部内容（w:altChunk：另一份文档、网页或 RTF，Word 在此处显示）"
        "未读入，其中的文字和数字请核对原文",
    )
