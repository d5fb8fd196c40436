"""Word's single-file XML document (Flat OPC): made a zip package again.

Word and WPS save "Word XML 文档 (*.xml)" as one XML file (``pkg:package``)
whose ``pkg:part`` elements are the parts of a ``.docx``: XML parts inline
(``pkg:xmlData``), pictures and other binary parts in base64
(``pkg:binaryData``), each with its name and content type. Its text and
tables are a ``.docx``'s; the parts are written into a zip package (with the
``[Content_Types].xml`` their content types make), which then goes through
the same package check (`check_package`) and opening as any ``.docx``.
The file is parsed once, hardened: a ``DOCTYPE`` or entity declaration is
refused, as in a package's parts, and its start tags are counted first.
"""

from __future__ import annotations

import base64
import binascii
import io
import zipfile
from xml.sax.saxutils import quoteattr

from lxml import etree

from govinfo_report._limits import Limits
from govinfo_report._ooxml._package_guard import hardened_parser
from govinfo_report.exceptions import ReadError

PACKAGE_NS = "http://schemas.microsoft.com/office/2006/xmlPackage"
_PKG = "{" + PACKAGE_NS + "}"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS = "application/vnd.openxmlformats-package.relationships+xml"


def is_flat_package(head: bytes) -> bool:
    """True for the start of a Flat OPC file: an XML document (UTF-8) whose
    root is a ``pkg:package``."""
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return False
    return PACKAGE_NS.encode() in head and b":package" in head


def flat_to_zip(data: bytes, limits: Limits, source: str | None) -> bytes:
    """The zip package a Flat OPC file's parts make.

    Raises:
        ReadError: the file is not well-formed XML, holds a ``DOCTYPE`` or an
            entity declaration, a part with no name or bad base64, or no part.
        LimitExceededError: more start tags than ``max_elements``.
    """
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ReadError(
            "单文件 Word XML 文档含有 DOCTYPE 或实体声明，拒绝读取"
            " (DOCTYPE or entity declaration in a Flat OPC file)",
            source=source,
        )
    limits.check_elements(
        data.decode("utf-8", "replace"), what="XML 元素数", source=source
    )
    try:
        root = etree.fromstring(data, hardened_parser())
    except etree.XMLSyntaxError as error:
        raise ReadError(
            f"不是可读的单文件 Word XML 文档 (malformed Flat OPC XML): {error}",
            source=source,
        ) from None
    if root.getroottree().docinfo.internalDTD is not None:  # (another encoding)
        raise ReadError(
            "单文件 Word XML 文档含有 DOCTYPE，拒绝读取 (DOCTYPE in a Flat OPC file)",
            source=source,
        )
    out = io.BytesIO()
    types: dict[str, str] = {}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for part in root.iterchildren(_PKG + "part"):
            name = (part.get(_PKG + "name") or "").lstrip("/")
            if not name or name == "[Content_Types].xml":
                raise ReadError(
                    "单文件 Word XML 文档中有部件没有名称 (a Flat OPC part with no name)",
                    source=source,
                )
            package.writestr(name, _content(part, name, source))
            types[name] = part.get(_PKG + "contentType") or "application/octet-stream"
        if not types:
            raise ReadError(
                "单文件 Word XML 文档中没有部件 (a Flat OPC file with no part)",
                source=source,
            )
        overrides = "".join(
            f"<Override PartName={quoteattr('/' + n)} ContentType={quoteattr(t)}/>"
            for n, t in types.items()
            if not n.endswith(".rels")
        )
        package.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{_CT_NS}">'
            f'<Default Extension="rels" ContentType="{_RELS}"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>'
            f"{overrides}</Types>",
        )
    return out.getvalue()


def _content(part: etree._Element, name: str, source: str | None) -> bytes:
    """A part's bytes: its inline XML, or its base64 data decoded."""
    xml = part.find(_PKG + "xmlData")
    if xml is not None:
        element = next(xml.iterchildren("*"), None)
        if element is None:
            return b""
        body: bytes = etree.tostring(element, encoding="UTF-8", xml_declaration=True)
        return body
    binary = part.find(_PKG + "binaryData")
    text = (binary.text if binary is not None else None) or ""
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        raise ReadError(
            f"单文件 Word XML 文档中的部件“{name[:80]}”不是合格的 base64"
            " (a Flat OPC part's data is not base64)",
            source=source,
        ) from None
