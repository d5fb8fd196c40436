"""HTML tables inside a text: what "PDF to Markdown" converters write.

MinerU, marker, pandoc (for a table with merged cells) and LLM converters
write a table they cannot draw with pipes as HTML inside the Markdown
(``<table><tr><td>行政许可</td><td>1268</td></tr></table>``), often the
whole table on one line. A Markdown viewer shows it as a table, so a row of
it is read as a row: its cells are the row's own ``<td>``/``<th>`` (a
merged cell counts once, in the row it starts in, as a Word table saved as
text gives it), ``<br>`` is a line break inside its cell.

`html_tables` finds them; the lines around them stay the text reader's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

import attrs
from lxml import etree

from govinfo_report._readers._css_values import declarations_of
from govinfo_report._readers._html_text import UNREAD
from govinfo_report._readers._split import Item, trusted_item

_START = re.compile(r"<table\b", re.IGNORECASE)
_END = re.compile(r"</table\s*>", re.IGNORECASE)
_STYLE = re.compile(r"<style\b", re.IGNORECASE)
_STYLESHEET = "data-text-stylesheet"
"""Set on a parsed table's root when the text holds a stylesheet."""
_ROW_TAG = re.compile(r"</?t[rdh]\b", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
"""A tag round a table (``<html><body>``, ``</div>``): a viewer shows nothing of it."""
_ROWS = etree.XPath(".//tr")
_CELLS = etree.XPath("./td | ./th")
_OUTER = etree.XPath("//table[not(ancestor::table)]")


@attrs.frozen
class TextTable:
    """One HTML table in a text.

    Attributes:
        first, last: the lines (from 0) it starts and ends on.
        before: the text before ``<table`` on its first line.
        after: the text after ``</table>`` on its last line.
        rows: each row's line (from 0) and its cells' texts.
    """

    first: int
    last: int
    before: str
    after: str
    rows: tuple[tuple[int, tuple[str, ...]], ...]


def table_items(
    lines: list[str],
    tables: list[TextTable],
    read_lines: Callable[[list[str], int], list[Item]],
    where: Callable[[int], str],
) -> list[Item]:
    """The items of ``lines`` holding HTML ``tables`` (`html_tables`): each
    table row an item of its cells; the text around them, its tags taken
    out (`without_tags`), read by ``read_lines`` (lines, the line from 0
    they start at); ``where`` names a line (from 1)."""
    items: list[Item] = []
    at = 0  # the first line not yet read
    head: list[str] = []  # text after the last table's end, on its line
    for table in tables:
        between = [*head, *map(without_tags, lines[at : table.first]), table.before]
        items += read_lines(between, at - len(head))
        for number, cells in table.rows:
            text = " ".join(cell for cell in cells if cell)
            items.append(trusted_item(text, where(number + 1), cells))
        head, at = [table.after], table.last + 1
    items += read_lines([*head, *map(without_tags, lines[at:])], at - len(head))
    return items


def without_tags(line: str) -> str:
    """A line of a text holding HTML tables as a viewer shows it: tags round
    the tables and inline markup (``<html>``, ``<div>``, ``<p>…</p>``) show
    nothing, ``<br>`` is a space.

    >>> without_tags("<p>一、总体情况</p>"), without_tags("行政<br/>许可")
    ('一、总体情况', '行政 许可')
    """
    if "<" not in line:
        return line
    return _TAG.sub("", _BREAK.sub(" ", line))


def raised_notes(text: str) -> str:
    """``text`` with each ``<sup>`` of one or two digits as the raised digits
    a viewer shows (``1268<sup>1</sup>`` is ``1268¹``: a footnote mark).

    >>> raised_notes("1268<sup>1</sup>"), raised_notes("行政许可<SUP> 12 </SUP>")
    ('1268¹', '行政许可¹²')
    """
    return _SUP_NOTE.sub(lambda found: found[1].translate(_RAISED), text)


def has_html_table(text: str) -> bool:
    """True when ``text`` may hold an HTML table (a ``<table`` tag)."""
    return _START.search(text) is not None


def html_tables(lines: list[str]) -> list[TextTable]:
    """The HTML tables of ``lines``, in order (none when no line holds ``<table``).

    A table not closed before the text ends is read to its last row tag (a
    copy cut short keeps the rows it has; the lines after are text).

    >>> [t.rows for t in html_tables(["前言", "<table><tr><td>行政许可</td><td>1268</td></tr></table>"])]
    [((1, ('行政许可', '1268')),)]
    """
    tables: list[TextTable] = []
    styled = any(_STYLE.search(line) for line in lines)
    # where tables may end, found once (a text of many ``<table`` and no
    # ``</table>`` is read in one pass, not once a start)
    ends = [n for n, line in enumerate(lines) if _END.search(line)]
    tagged = [n for n, line in enumerate(lines) if _ROW_TAG.search(line)]
    index = offset = 0
    while index < len(lines):
        start = _START.search(lines[index], offset)
        if start is None:
            index, offset = index + 1, 0
            continue
        first, since = index, offset
        # the first </table> after the start: a nested table closes early,
        # its outer table's rest is then read as text (converters nest none)
        end = _END.search(lines[first], start.end())
        if end is not None:
            last = first
        else:
            at = bisect_right(ends, first)
            if at < len(ends):
                last = ends[at]
                end = _END.search(lines[last])
            else:
                # cut short (or ``<table`` in a sentence): up to its last
                # row's tag, the lines after are text
                last = max(first, tagged[-1] if tagged else first)
        head = lines[first][start.start() :]
        if end is None:
            markup = "\n".join([head, *lines[first + 1 : last + 1]])
            after, index, offset = "", last + 1, 0
        else:
            if first == last:
                markup = head[: end.end() - start.start()]
            else:
                markup = "\n".join(
                    [head, *lines[first + 1 : last], lines[last][: end.end()]]
                )
            after = lines[last][end.end() :]
            if _START.search(after) is not None:
                # another table on the same line: the text between is its
                # ``before``
                after, index, offset = "", last, end.end()
            else:
                index, offset = last + 1, 0
        tables.append(
            TextTable(
                first=first,
                last=last,
                before=without_tags(lines[first][since : start.start()]),
                after=without_tags(after),
                rows=tuple(_rows(markup, first, styled)),
            )
        )
    return tables


def _rows(markup: str, first: int, styled: bool) -> list[tuple[int, tuple[str, ...]]]:
    """The rows of one table's markup, each with its line in the text;
    ``styled``: the text holds a stylesheet (``<style>``)."""
    root = etree.fromstring(f"<html><body>{markup}</body></html>", etree.HTMLParser())
    if root is None:
        return []
    if styled:
        root.set(_STYLESHEET, "")
    rows: list[tuple[int, tuple[str, ...]]] = []
    for table in _OUTER(root):
        for row in _ROWS(table):
            if next(row.iterancestors("table")) is not table:
                continue  # a row of a table inside a cell: that cell's text
            plain = all(
                map(
                    _plainly_styled,
                    (table, *row.iterancestors("tbody", "thead", "tfoot"), row),
                )
            )
            cells = tuple(
                _cell_text(cell) if plain else _unstyled(cell) for cell in _CELLS(row)
            )
            if any(cells):
                rows.append((first + (row.sourceline or 1) - 1, cells))
    return rows


def _cell_text(cell: etree._Element) -> str:
    """What a viewer shows of a cell: its text, a ``<br>`` as a space.

    Digits a viewer may show otherwise than as a run of the cell's text make
    the cell `UNREAD` (``〓``): a superscript or subscript (``1268<sup>1</sup>``
    is no 12681: its ``1`` is the footnote mark ``¹``, `split_footnote_mark`),
    struck-out text, a picture, an element styled or hidden.
    Scripts, styles and comments show nothing.
    """
    if not _plainly_styled(cell):
        return _unstyled(cell)
    parts: list[str] = []
    if _shown(cell, parts) is None:
        return UNREAD
    return _SPACE.sub(" ", "".join(parts)).strip()


def _unstyled(cell: etree._Element) -> str:
    """A cell hidden or styled in a way its figures may not show: `UNREAD`
    when it holds a digit, its words when not (a label)."""
    text = _SPACE.sub(" ", str(cell.xpath("string()"))).strip()
    return UNREAD if any(c.isdigit() for c in text) else text


def _shown(element: etree._Element, parts: list[str]) -> list[str] | None:
    """``parts`` with the text ``element`` shows; None when its digits may not
    show as they are written."""
    if element.text:
        parts.append(element.text)
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _SILENT or not tag:
            pass  # a comment, a processing instruction, a script
        elif tag == "br":
            parts.append(" ")
        elif tag in _PLAIN and _plainly_styled(child):
            block = tag in _BLOCKS  # ``<p>1</p><p>268</p>``: two lines, not 1268
            if block:
                parts.append(" ")
            if _shown(child, parts) is None:
                return None
            if block:
                parts.append(" ")
        elif tag == "sup" and _NOTE_NUMBER.match(str(child.xpath("string()"))):
            # ``1268<sup>1</sup>``: a footnote mark, as a viewer raises it
            parts.append(str(child.xpath("string()")).strip().translate(_RAISED))
        elif tag == "img" or any(c.isdigit() for c in child.xpath("string()")):
            return None
        else:  # a mark of no digits (``<sup>注</sup>``): its words, as shown
            parts.append(str(child.xpath("string()")))
        if child.tail:
            parts.append(child.tail)
    return parts


_SUP_NOTE = re.compile(r"<sup>\s*([0-9]{1,2})\s*</sup>", re.IGNORECASE)
_NOTE_NUMBER = re.compile(r"^\s*[0-9]{1,2}\s*$")
_RAISED = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_PLAIN = frozenset(
    {"a", "abbr", "b", "big", "center", "code", "div", "em", "i", "ins"}
    | {"kbd", "mark", "nobr", "p", "samp", "small", "span", "strong", "tt", "u"}
    | {"var"}
)
"""Elements that show their text as it is written (not
``<font>``: its ``color`` may be the page's)."""
_BLOCKS = frozenset({"center", "div", "p"})
"""Of `_PLAIN`, those shown on lines of their own: a line break before and after."""
_SILENT = frozenset({"script", "style", "template", "head", "title", "meta", "link"})
_PLAIN_STYLES = frozenset(
    {"text-align", "vertical-align", "font-weight", "font-family", "font-style"}
    | {"white-space", "word-break", "line-height", "width", "height", "padding"}
    | {"margin", "border"}
)


def _plainly_styled(element: etree._Element) -> bool:
    """No attribute of ``element`` can hide or move its text (``style`` of
    layout only: ``text-align:center``; no ``class`` or ``id`` a stylesheet
    of the text, which this reader does not apply, may select)."""
    if element.get("hidden") is not None:
        return False
    if _STYLESHEET in element.getroottree().getroot().attrib and (
        element.get("class") or element.get("id")
    ):
        return False
    style = element.get("style")
    if not style:
        return True
    return all(
        name.split("-")[0] in _PLAIN_STYLES or name in _PLAIN_STYLES
        for name in declarations_of(style)
    )
