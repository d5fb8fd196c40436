"""The shared OOXML layer under the Word reader and writer.

Raw WordprocessingML helpers (`_xml`), the text a reader sees of paragraphs
(`_text`), the body's blocks and tables' rows (`_blocks`), how runs look
through styles and theme (`_looks`), the table layout of every table
(`_layout`), the GB/T 9704 styles (`_styles`), the zip and XML bomb check
run before python-docx parses a file (`_package_guard`), the opening of
every kind of Word package (`_open`) and the single-file XML document made
a package (`_flat`). It never imports a
reader or a writer.
"""

from __future__ import annotations

from govinfo_report._ooxml._blocks import body_blocks, table_pieces, table_rows
from govinfo_report._ooxml._colours import faint
from govinfo_report._ooxml._flat import flat_to_zip, is_flat_package
from govinfo_report._ooxml._layout import (
    TableLayout,
    active_layout,
    appeals_layout,
    requests_layout,
)
from govinfo_report._ooxml._looks import Looks, document_looks
from govinfo_report._ooxml._open import open_word
from govinfo_report._ooxml._package_guard import check_package, check_zip_records
from govinfo_report._ooxml._styles import BODY_LINE_PITCH, Style, ensure_styles
from govinfo_report._ooxml._text import (
    UNREAD,
    Note,
    NoteKind,
    paragraph_style_and_text,
    text_boxes,
)
from govinfo_report._ooxml._xml import (
    Align,
    GridCell,
    VMerge,
    WordRow,
    add_page_number_field,
    append_to_body,
    clear_body,
    drop_thumbnail,
    mm_to_twips,
    reproducible_zip,
    set_line_grid,
    table_element,
)

__all__ = [
    "BODY_LINE_PITCH",
    "UNREAD",
    "Align",
    "GridCell",
    "Looks",
    "Note",
    "NoteKind",
    "Style",
    "TableLayout",
    "VMerge",
    "WordRow",
    "active_layout",
    "add_page_number_field",
    "appeals_layout",
    "append_to_body",
    "body_blocks",
    "check_package",
    "check_zip_records",
    "clear_body",
    "document_looks",
    "drop_thumbnail",
    "ensure_styles",
    "faint",
    "flat_to_zip",
    "is_flat_package",
    "mm_to_twips",
    "open_word",
    "paragraph_style_and_text",
    "reproducible_zip",
    "requests_layout",
    "set_line_grid",
    "table_element",
    "table_pieces",
    "table_rows",
    "text_boxes",
]
