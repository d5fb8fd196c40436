"""Open a checked Word package with python-docx, whatever kind Word saved.

python-docx opens a ``.docx`` whose main part is a plain document only.
Agencies also publish a macro-enabled document (``.docm``) or a template
(``.dotx``, ``.dotm``) renamed or served as ``.docx``, and Word can save
"Strict Open XML" (ISO/IEC 29500 Strict: the same markup under the
``http://purl.oclc.org/ooxml/`` namespaces). Their text and tables are
those of a document, so they are opened as one: the other main parts are
taken as documents (macros are never run nor read), and a Strict package's
namespaces are rewritten to the transitional ones it mirrors before
python-docx parses it. `check_package` has vetted the bytes first; the
rewrite only changes namespace names, so what was checked is what is parsed.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.part import Part, PartFactory
from docx.package import Package
from docx.parts.document import DocumentPart

_OTHER_MAINS = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
"""The main parts of a ``.docm``, a ``.dotx`` and a ``.dotm``."""
_MAINS = frozenset((CT.WML_DOCUMENT_MAIN, *_OTHER_MAINS))

CHUNK_RELATIONSHIP = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
)
"""The relationship of a ``w:altChunk`` to the part it embeds."""


def _keeping_chunks(
    chosen: Callable[[str, str], type[Part] | None] | None,
) -> Callable[[str, str], type[Part] | None]:
    """python-docx's part class selector (its pictures), keeping every part a
    ``w:altChunk`` embeds as its bytes: an embedded Word document's content
    type is a main document's, whose parse (as XML, of a zip) would fail and
    refuse the whole file."""

    def select(content_type: str, reltype: str) -> type[Part] | None:
        if reltype == CHUNK_RELATIONSHIP:
            return Part
        return chosen(content_type, reltype) if chosen is not None else None

    select.keeps_chunks = True  # type: ignore[attr-defined]
    return select


_STRICT = b"http://purl.oclc.org/ooxml/"
# (Strict, transitional), the longer of two names sharing a start first
_NAMESPACES = (
    (
        b"http://purl.oclc.org/ooxml/officeDocument/relationships",
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    ),
    (
        b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
        b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    ),
    (
        b"http://purl.oclc.org/ooxml/officeDocument/customProperties",
        b"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    ),
    (
        b"http://purl.oclc.org/ooxml/officeDocument/",
        b"http://schemas.openxmlformats.org/officeDocument/2006/",
    ),
    (
        b"http://purl.oclc.org/ooxml/wordprocessingml/main",
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    ),
    (
        b"http://purl.oclc.org/ooxml/drawingml/main",
        b"http://schemas.openxmlformats.org/drawingml/2006/main",
    ),
    (
        b"http://purl.oclc.org/ooxml/drawingml/",
        b"http://schemas.openxmlformats.org/drawingml/2006/",
    ),
    (
        b"http://purl.oclc.org/ooxml/schemaLibrary/main",
        b"http://schemas.openxmlformats.org/schemaLibrary/2006/main",
    ),
)


def open_word(data: bytes) -> Any:
    """The python-docx ``Document`` of a vetted Word package's bytes.

    Raises:
        ValueError: the package's main part is no WordprocessingML document
            (a workbook, a presentation); python-docx's own errors otherwise.
    """
    for content_type in _OTHER_MAINS:
        # taken as documents: python-docx reads their parts the same way
        PartFactory.part_type_for.setdefault(content_type, DocumentPart)
    chosen = getattr(PartFactory, "part_class_selector", None)
    if not getattr(chosen, "keeps_chunks", False):
        PartFactory.part_class_selector = _keeping_chunks(chosen)
    if _strict(data):
        data = _transitional(data)
    part = Package.open(io.BytesIO(data)).main_document_part
    if part.content_type not in _MAINS:
        raise ValueError(f"the main part is not a Word document: {part.content_type}")
    return part.document


def _strict(data: bytes) -> bool:
    """True for a Strict package (its relationships in Strict's namespace)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            rels = archive.read("_rels/.rels")
    except (KeyError, zipfile.BadZipFile, ValueError, OSError):
        return False
    return _STRICT in rels


def _transitional(data: bytes) -> bytes:
    """The package with its XML parts' Strict namespaces made transitional."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as archive,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as written,
    ):
        for info in archive.infolist():
            content = archive.read(info)
            if info.filename.endswith((".xml", ".rels")) and _STRICT in content:
                for strict, transitional in _NAMESPACES:
                    content = content.replace(strict, transitional)
            written.writestr(info.filename, content)
    return out.getvalue()
