"""Bound what pdfminer may decode while `read_pdf` reads one PDF ("PDF bombs").

pdfminer decodes a stream (``FlateDecode``, ``LZWDecode``, ``RunLengthDecode``,
``ASCII85Decode``, ``ASCIIHexDecode``, ``CCITTFaxDecode``, predictors) in one
call, all at once, with no size cap: a 1 MiB PDF whose content stream inflates
to gigabytes would take all the memory. Inside `bounded_decoding`, every
stream pdfminer is about to decode is first decoded here on trial, in bounded
chunks, and the sizes are added up for the whole file; past
``max_unpacked_bytes`` `LimitExceededError` is raised before pdfminer decodes
the stream. Every stage of a filter chain counts (``[/FlateDecode
/FlateDecode]`` is inflated twice), and the sum covers content streams, fonts,
object streams (``/Type /ObjStm``) and cross-reference streams alike.

Why at decode time rather than by scanning the raw file before pdfminer opens
it: a PDF encrypted with an empty user password opens without a password, and
its streams are compressed data only after decryption, which a raw scan
cannot see; and images, which pdfminer never decodes to read text, would count
against the limit (a Flate-compressed 300 dpi greyscale scan passes 200 MiB
at about 25 pages).
Here the trial sees exactly the bytes pdfminer will decode, already decrypted.

pdfminer is hooked once, for the whole process, by wrapping
``PDFStream.decode``; the wrapper does nothing but call pdfminer unless a
budget is set in the current context (a `contextvars.ContextVar`), so other
threads and other users of pdfminer in the same process are not affected.

The same hook replaces pdfminer's fallback for a broken Flate stream
(``decompress_corrupted``, which feeds zlib one byte at a time and copies all
the output so far for each byte: a truncated stream of 800 KB took a minute)
with one that gives the same bytes in linear time.

How each filter is counted (exactly, unless said otherwise):

- ``FlateDecode``: inflated with ``zlib.decompressobj`` 64 KiB of output at a
  time, stopping at the budget. Output is kept only when a later stage needs
  it. A stream cut short counts what came out of it; for a stream with bad
  data, what pdfminer's fallback keeps of it (see above) is counted.
- ``LZWDecode``: decoded code by code with pdfminer's own decoder, stopping
  at the budget (a 12-bit code can stand for 3,839 bytes, so a worst-case
  bound would refuse ordinary streams of 60 KB).
- ``RunLengthDecode``: the run headers are added up (at most 64 times the
  input), 9 bytes for each byte: pdfminer builds the output as a list of
  Python ints first.
- ``ASCIIHexDecode``, ``ASCII85Decode``: decoded (their output is at most
  four times their input).
- ``CCITTFaxDecode``: a bound on the bytes pdfminer's decoder copies (it
  copies all rows so far for each row, and a row can take one bit), so only
  small ones pass. pdfminer decodes it only for a stream that is not an
  image (it never decodes images to read text), which ordinary PDFs lack.
- Predictors (``/DecodeParms << /Predictor … >>``): their output (no larger
  than their input) and, for PNG predictors, the row pdfminer starts from,
  of ``/Columns`` bytes however little data there is; 9 bytes each, as
  pdfminer works on lists of Python ints.
- ``DCTDecode``, ``JPXDecode``, ``JBIG2Decode`` are passed through by
  pdfminer and cost nothing; with an unknown filter pdfminer gives up.

A stream the trial cannot decode (corrupt data, odd parameters) stops being
counted at that point; pdfminer then decides, and produces no more than the
trial did.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import io
import zlib
from collections.abc import Callable, Iterator
from typing import Any

from govinfo_report._limits import Budget, Deadline, Limits
from govinfo_report._readers._pdf_refusal import guarded, once, refusals_stick
from govinfo_report.exceptions import GovinfoReportError

__all__ = ["bounded_decoding", "decompress_corrupted"]

_CHUNK = 64 * 1024
"""Output bytes per zlib call, and how often the deadline is checked."""

_AS_INTS = 9
"""Bytes a decoded byte costs where pdfminer first builds a list of Python ints
(RunLength, predictors): an 8-byte pointer in the list, then the byte."""


_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar(
    "govinfo_report_pdf_budget", default=None
)


@contextlib.contextmanager
def bounded_decoding(limits: Limits, deadline: Deadline | None) -> Iterator[None]:
    """Within the block, pdfminer decodes no more than ``max_unpacked_bytes`` in all.

    Once the limit (or ``max_seconds``, checked as streams are decoded) is
    passed, every later decode is refused too, and the block ends with that
    `LimitExceededError`, whatever pdfminer or pdfplumber made of it meanwhile
    (pdfplumber wraps errors in its own exception type).
    """
    _install()
    with refusals_stick(
        _BUDGET,
        Budget(
            limits,
            "max_unpacked_bytes",
            "PDF 中压缩流解压后的总大小（字节，解压到{where}时）",
            deadline=deadline,
        ),
    ):
        yield


# ------------------------------------------------------------- the hook


@once
def _install() -> None:
    """Wrap pdfminer's stream decoding once per process (idempotent, thread-safe)."""
    from pdfminer import pdftypes

    pdfminer_decode: Callable[[Any], None] = pdftypes.PDFStream.decode
    pdfminer_corrupted: Callable[[bytes], bytes] = pdftypes.decompress_corrupted

    @functools.wraps(pdfminer_decode)
    def decode(stream: Any) -> None:
        budget = _BUDGET.get()
        if budget is not None:
            guarded(budget, lambda: _check_stream(stream, budget))
        pdfminer_decode(stream)

    @functools.wraps(pdfminer_corrupted)
    def corrupted(data: bytes) -> bytes:
        if _BUDGET.get() is None:
            return pdfminer_corrupted(data)
        return decompress_corrupted(data)

    # setattr: the assignment is the point (mypy forbids assigning a method)
    setattr(pdftypes.PDFStream, "decode", decode)  # noqa: B010
    setattr(pdftypes, "decompress_corrupted", corrupted)  # noqa: B010


def decompress_corrupted(data: bytes) -> bytes:
    """pdfminer's ``decompress_corrupted``, the same bytes in linear time.

    pdfminer feeds zlib one byte at a time to find where a broken stream
    breaks, and keeps what came before: all of it when the break is in the
    last three bytes (the checksum), else it raises ``zlib.error``. Here zlib
    is fed 16 KiB at a time, and only the piece that breaks is fed again byte
    by byte, from a copy of the decompressor taken before it.
    """
    piece_size = 16 * 1024
    inflater = zlib.decompressobj()
    out: list[bytes] = []
    for start in range(0, len(data), piece_size):
        piece = data[start : start + piece_size]
        before = inflater.copy()
        try:
            out.append(inflater.decompress(piece))
            continue
        except zlib.error:
            inflater = before
        for offset in range(len(piece)):
            try:
                out.append(inflater.decompress(piece[offset : offset + 1]))
            except zlib.error:
                if start + offset < len(data) - 3:
                    raise
                return b"".join(out)
    return b"".join(out)


# ------------------------------------------------------------ the trial


def _check_stream(stream: Any, budget: Budget) -> None:
    """Decode ``stream`` on trial, counting; raise past the limit."""
    data = stream.rawdata
    if data is None:  # decoded already
        return
    objid = stream.objid
    where = _describe(stream)
    try:
        filters = stream.get_filters()
        if filters and stream.decipher:
            data = stream.decipher(objid, stream.genno, data, stream.attrs)
            # pdfminer now decodes the plain bytes: decrypted once, not twice
            stream.rawdata, stream.decipher = data, None
    except MemoryError:  # not a broken stream: the machine is out of memory
        raise
    except Exception:  # pdfminer meets the same problem and decides
        return
    _Trial(budget, where).run(data, filters)


def _describe(stream: Any) -> str:
    """Which stream, for messages (pdfminer numbers all but cross-reference streams)."""
    if stream.objid is not None:
        return f"第 {stream.objid} 号对象"
    kind = getattr(stream.attrs.get("Type"), "name", None)
    if kind == "XRef":
        return "交叉引用流 (cross-reference stream)"
    return "一个未编号的流对象"


class _Trial:
    """One stream's filter chain, decoded stage by stage within the budget."""

    def __init__(self, budget: Budget, where: str) -> None:
        self.budget = budget
        self.where = where

    def run(self, data: bytes, filters: list[tuple[Any, Any]]) -> None:
        from pdfminer import pdftypes
        from pdfminer.ascii85 import ascii85decode, asciihexdecode
        from pdfminer.ccitt import ccittfaxdecode
        from pdfminer.runlength import rldecode

        try:
            stages = [
                (name, params, self._predictor(params))
                for name, params in (
                    (name, params if isinstance(params, dict) else {})
                    for name, params in filters
                )
            ]
        except MemoryError:  # not a broken stream: the machine is out of memory
            raise
        except Exception:  # parameters pdfminer cannot read either
            return
        for index, (name, params, predictor) in enumerate(stages):
            later_needs_data = predictor is not None or any(
                _decodes(later_name) or later_predictor is not None
                for later_name, _, later_predictor in stages[index + 1 :]
            )
            try:
                if name in pdftypes.LITERALS_FLATE_DECODE:
                    data = self._inflate(data, keep=later_needs_data)
                elif name in pdftypes.LITERALS_LZW_DECODE:
                    data = self._lzw(data, keep=later_needs_data)
                elif name in pdftypes.LITERALS_ASCII85_DECODE:
                    data = self._decoded(ascii85decode(data))
                elif name in pdftypes.LITERALS_ASCIIHEX_DECODE:
                    data = self._decoded(asciihexdecode(data))
                elif name in pdftypes.LITERALS_RUNLENGTH_DECODE:
                    self.budget.take(_AS_INTS * _runlength_size(data), self.where)
                    data = rldecode(data) if later_needs_data else b""
                elif name in pdftypes.LITERALS_CCITTFAX_DECODE:
                    self.budget.take(_ccitt_cost(data, params), self.where)
                    data = ccittfaxdecode(data, params) if later_needs_data else b""
                elif not (
                    name in pdftypes.LITERALS_DCT_DECODE
                    or name in pdftypes.LITERALS_JBIG2_DECODE
                    or name in pdftypes.LITERALS_JPX_DECODE
                ):
                    return  # /Crypt or unknown: pdfminer raises here
                if predictor is not None:
                    data = self._predict(data, params, predictor)
            except GovinfoReportError:
                raise
            except MemoryError:  # not a broken stream: the machine is out of memory
                raise
            except Exception:  # cannot decode it: pdfminer decides, no more than this
                return

    def _decoded(self, data: bytes) -> bytes:
        self.budget.take(len(data), self.where)
        return data

    def _inflate(self, data: bytes, *, keep: bool) -> bytes:
        inflater = zlib.decompressobj()
        pending = data
        kept: list[bytes] = []
        counted = 0
        while not inflater.eof:
            self.budget.tick(self.where)
            try:
                chunk = inflater.decompress(pending, _CHUNK)
            except zlib.error:
                return self._inflate_broken(data, counted)
            pending = inflater.unconsumed_tail
            if not chunk:  # input used up: the stream is cut short
                break
            counted += len(chunk)
            self.budget.take(len(chunk), self.where)
            if keep:
                kept.append(chunk)
        return b"".join(kept)

    def _inflate_broken(self, data: bytes, counted: int) -> bytes:
        """What pdfminer's fallback makes of a broken Flate stream, counted.

        Its output is what came before the break (when the break is in the
        checksum) or nothing; the break was found at most one chunk after the
        ``counted`` bytes, so holding it here stays within the budget.
        """
        try:
            out = decompress_corrupted(data)
        except zlib.error:
            out = b""
        self.budget.take(max(0, len(out) - counted), self.where)
        return out

    def _lzw(self, data: bytes, *, keep: bool) -> bytes:
        from pdfminer.lzw import LZWDecoder

        kept: list[bytes] = []
        uncounted = 0
        for part in LZWDecoder(io.BytesIO(data)).run():
            uncounted += len(part)
            if keep:
                kept.append(part)
            if uncounted >= _CHUNK:
                self.budget.take(uncounted, self.where)
                self.budget.tick(self.where)
                uncounted = 0
        self.budget.take(uncounted, self.where)
        return b"".join(kept)

    @staticmethod
    def _predictor(params: dict[str, Any]) -> int | None:
        from pdfminer.pdftypes import int_value

        if "Predictor" not in params:
            return None
        predictor = int_value(params["Predictor"])
        return predictor if predictor == 2 or predictor >= 10 else None

    def _predict(self, data: bytes, params: dict[str, Any], predictor: int) -> bytes:
        from pdfminer.pdftypes import int_value
        from pdfminer.utils import apply_png_predictor, apply_tiff_predictor

        colors = int_value(params.get("Colors", 1))
        columns = int_value(params.get("Columns", 1))
        bits = int_value(params.get("BitsPerComponent", 8))
        # PNG: the row above starts as a list of /Columns ints, whatever the data
        row_above = max(columns, 0) if predictor >= 10 else 0
        self.budget.take(_AS_INTS * (len(data) + row_above), self.where)
        if predictor == 2:
            return apply_tiff_predictor(colors, columns, bits, data)
        return apply_png_predictor(predictor, colors, columns, bits, data)


def _decodes(name: Any) -> bool:
    """Whether pdfminer's filter ``name`` changes the bytes (needs them as they are)."""
    from pdfminer import pdftypes

    return any(
        name in literals
        for literals in (
            pdftypes.LITERALS_FLATE_DECODE,
            pdftypes.LITERALS_LZW_DECODE,
            pdftypes.LITERALS_ASCII85_DECODE,
            pdftypes.LITERALS_ASCIIHEX_DECODE,
            pdftypes.LITERALS_RUNLENGTH_DECODE,
            pdftypes.LITERALS_CCITTFAX_DECODE,
        )
    )


def _runlength_size(data: bytes) -> int:
    """The size RunLengthDecode gives ``data`` (at most 64 times it), by its run headers."""
    size = index = 0
    end = len(data)
    while index < end:
        length = data[index]
        if length == 128:  # end of data
            break
        if length < 128:  # length + 1 literal bytes follow
            size += length + 1
            index += length + 2
        else:  # the next byte, 257 - length times
            size += 257 - length
            index += 2
    return size


def _ccitt_cost(data: bytes, params: dict[str, Any]) -> int:
    """At most the bytes pdfminer's CCITTFaxDecode copies for ``data``.

    A row can take a single input bit, and pdfminer appends each row of
    ``/Columns`` bits to a ``bytes`` object, copying all rows so far: up to
    ``rows * (rows + 1) / 2`` row copies, plus its two working rows of one
    byte a column.
    """
    columns = params.get("Columns")
    if isinstance(columns, bool) or not isinstance(columns, int) or columns <= 0:
        return 0  # pdfminer fails on it before decoding anything
    rows = 8 * len(data) + 1
    return rows * (rows + 1) // 2 * ((columns + 7) // 8) + 2 * columns
