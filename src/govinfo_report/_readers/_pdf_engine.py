"""What a person sees on each page of a PDF, as PDFium draws it (runs in a worker).

This module runs in the PDF worker process (`_pdf_process`), never in the
caller's: it imports only the standard library and ``pypdfium2``, and is run
as a script (``python -P _pdf_engine.py``) that serves one document at a time.
The server forks a child that lowers its address-space limit (``RLIMIT_AS``)
and opens the PDFs passed to it there, one after the other (`_Child`), so that
what PDFium decompresses and allocates in C is bounded: past the limit the
child dies, the server and the caller live on, and the next document gets a
fresh child. What the child sends back is JSON, one message a line, never
pickle: a child that a hostile file took over can send wrong text, but cannot
run code in the caller. A page's message is followed by the boxes of the
characters seen, as raw doubles (`wire`): the caller checks their number and
that they are finite numbers.

For each page the child sends the characters a reader sees, each with its box
on the page as displayed (rotation applied, origin at the top left of the crop
box, ``top`` growing downwards), the characters it does not see (with why),
and the horizontal and vertical ruling lines:

- a character is hidden when its text render mode paints nothing (3, 7),
  its colour is transparent or the colour of what lies under it (the page's
  white or an earlier filled box), a later opaque filled box covers most of
  it, its clip path leaves it out, or it lies outside the crop box;
- a glyph drawn again at almost the same place (fake bold: the same glyph
  twice about 0.3 pt apart) is one character;
- ruling lines are stroked horizontal and vertical segments and thin filled
  rectangles (Word draws cell borders as those), inside forms too.

Over 500 lines: it runs as a script in the worker process, on the standard
library and pypdfium2 alone, so it cannot lean on the package's other modules.
"""

from __future__ import annotations

import array
import bisect
import contextlib
import ctypes
import gc
import json
import math
import os
import re
import resource
import signal
import struct
import sys
from collections.abc import Callable
from typing import Any

HIDDEN_MODES = frozenset({3, 7})  # neither fill nor stroke (7: clip only)
STROKE_MODES = frozenset({1, 5})  # stroke only: the stroke colour is what shows
FILL_STROKE_MODES = frozenset({2, 6})  # filled and outlined: either may show
THIN = 2.5
"""A filled rectangle this thin (pt) is a ruling line, not a box."""
SAME_COLOUR = 24
"""Colours whose channels all differ by at most this much look the same."""
FORM_DEPTH = 8
_PIECE = 2.0
"""A tiny box this many times as long as thick is a piece of a ruling line."""


class _Refused(Exception):
    """A limit or a broken file, reported to the caller as one message."""

    def __init__(self, message: dict[str, Any]) -> None:
        super().__init__(message)
        self.message = message


def _matrix_of(raw: Any, obj: Any) -> tuple[float, ...]:
    matrix = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, matrix):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def _apply(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


class _Page:
    """One page's objects, walked once in painting order."""

    def __init__(self, raw: Any, page: Any, max_objects: int) -> None:
        self.raw = raw
        self.max_objects = max_objects
        self.count = 0
        self.texts: list[tuple[int, Any]] = []  # paint index, text object
        # text object address → its paint index, and what its glyphs' style
        # is made of when read here (`_Styles.of`): render mode and the
        # bytes of font size, colour and matrix (a, b, c, d); None for one
        # in a form or filled and outlined (its style is looked up whole)
        self.states: dict[int, tuple[int, tuple[int, bytes] | None]] = {}
        # what `_Sight` asks about, found on the way: the text objects
        # drawn on the page itself whose clip path has a shape (paint
        # index, object), those with a soft mask or a blend mode (paint
        # index), and those in a form (paint index)
        self.shaped: list[tuple[int, Any]] = []
        self.see_through: list[int] = []
        self.in_forms: list[int] = []
        self.boxes: list[tuple[int, float, float, float, float, tuple[int, ...]]] = []
        self.h_rules: list[tuple[float, float, float]] = []  # y, x0, x1
        self.v_rules: list[tuple[float, float, float]] = []  # x, y0, y1
        # stroked segments neither level nor upright (ax, ay, bx, by): a
        # figure crossed out by hand (`_pdf_strikes.struck`)
        self.slants: list[tuple[float, float, float, float]] = []
        self.images = 0
        # what may cover text painted before it, but not as a box does: each
        # picture, shading and filled shape that is no upright rectangle
        # (paint index, x0, y0, x1, y1 in user space, why text under it is
        # not seen: "image" or "covered")
        self.covers: list[tuple[int, float, float, float, float, str]] = []
        self.form_of: dict[int, tuple[float, ...]] = {}  # text object → form matrix
        # each form drawn on the page itself that holds text: the form, and
        # where its text objects start and end in `texts`
        self.forms: list[tuple[Any, int, int]] = []
        # text objects with content marks (paint index, object): optional
        # content (`_Sight`), a span's ActualText (`_glyph_text`)
        self.marked: list[tuple[int, Any]] = []
        self.count_marks = raw.fast("FPDFPageObj_CountMarks")
        self.get_type = raw.fast("FPDFPageObj_GetType")
        self.get_bounds = raw.fast("FPDFPageObj_GetBounds")
        self.get_draw_mode = raw.fast("FPDFPath_GetDrawMode")
        self.count_segments = raw.fast("FPDFPath_CountSegments")
        self.get_segment = raw.fast("FPDFPath_GetPathSegment")
        self.get_point = raw.fast("FPDFPathSegment_GetPoint")
        self.get_fill = raw.fast("FPDFPageObj_GetFillColor")
        self.get_stroke = raw.fast("FPDFPageObj_GetStrokeColor")
        self.get_clip = raw.fast("FPDFPageObj_GetClipPath")
        self.count_clip = raw.fast("FPDFClipPath_CountPathSegments")
        self.count_paths = raw.fast("FPDFClipPath_CountPaths")
        self.has_transparency = raw.fast("FPDFPageObj_HasTransparency")
        self.get_mode = raw.fast("FPDFTextObj_GetTextRenderMode")
        self.get_matrix = raw.fast("FPDFPageObj_GetMatrix")
        self.get_size = raw.fast("FPDFTextObj_GetFontSize")
        self._walk(
            raw.FPDFPage_CountObjects(page),
            raw.fast("FPDFPage_GetObject"),
            _ref(page),
            None,
            0,
        )

    def _walk(
        self,
        count: int,
        get: Callable[[Any, int], Any],
        owner: Any,
        form: tuple[float, ...] | None,
        depth: int,
    ) -> None:
        """The objects ``get(owner, 0)`` … ``get(owner, count - 1)``, in order.

        Of each text object, where it is painted, and what `_Sight` and
        `_Styles` ask of it, looked up here where its handle is at hand,
        once (most objects of a WPS export hold one glyph each): whether
        its clip path has a shape and whether it is transparent (`_Sight`),
        and the render mode, colour, matrix and font size its style is made
        of (`_Styles.of`), the last three as the bytes PDFium wrote, so
        that objects alike share one style made once.
        """
        raw = self.raw
        get_type = self.get_type
        text, path = raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_PATH
        texts, form_of, states = self.texts, self.form_of, self.states
        marked, count_marks = self.marked, self.count_marks
        shaped, see_through = self.shaped, self.see_through
        get_clip, count_clip = self.get_clip, self.count_clip
        count_paths = self.count_paths
        has_transparency, get_mode = self.has_transparency, self.get_mode
        get_fill, get_stroke = self.get_fill, self.get_stroke
        get_matrix, get_size = self.get_matrix, self.get_size
        out = _OUT
        state, state_key = out.state, out.state_key
        r, g, b, a = out.state_rgba_refs
        matrix_ref, size_ref = out.state_matrix_ref, out.state_size_ref
        most = self.max_objects
        byref = ctypes.byref
        for index in range(count):
            self.count += 1
            order = self.count
            if order > most:
                raise _Refused({"t": "limit", "key": "max_pdf_objects_per_page"})
            obj = get(owner, index)
            ref = byref(_NOWHERE, obj or 0)  # `_ref`
            kind = get_type(ref)
            if kind == text:
                address = obj or 0
                texts.append((order, obj))
                if count_marks(ref) > 0:
                    marked.append((order, obj))
                if form is not None:
                    form_of[address] = form
                    self.in_forms.append(order)
                    states[address] = (order, None)
                    continue
                # most text objects' clip path has no shape: two calls of one
                # argument each say so (no path at all; a call's cost grows
                # with its arguments), a third asks about the first path
                clip = get_clip(ref)
                if clip:
                    clip_ref = byref(_NOWHERE, clip)
                    if count_paths(clip_ref) > 0 and count_clip(clip_ref, 0) > 0:
                        shaped.append((order, obj))
                if has_transparency(ref):
                    see_through.append(order)
                mode = get_mode(ref)
                if mode in FILL_STROKE_MODES:
                    states[address] = (order, None)  # (its outline may show instead)
                    continue
                # what PDFium does not give is written as `_Styles._whole` takes it
                if not (get_stroke if mode in STROKE_MODES else get_fill)(
                    ref, r, g, b, a
                ):
                    _PUT_COLOUR(state, 4, *_BLACK)
                if not get_matrix(ref, matrix_ref):
                    _PUT_TURN(state, 20, *_IDENTITY)
                if not get_size(ref, size_ref):
                    _PUT_SIZE(state, 0, 0.0)
                states[address] = (order, (mode, state_key.raw))
            elif kind == path:
                self._path(obj, ref, form)
            elif kind == raw.FPDF_PAGEOBJ_IMAGE:
                self.images += 1
                self._cover(ref, form, "image")
            elif kind == raw.FPDF_PAGEOBJ_SHADING:
                self._cover(ref, form, "covered")
            elif kind == raw.FPDF_PAGEOBJ_FORM and depth < FORM_DEPTH:
                matrix = _matrix_of(raw, obj)
                inner = matrix if form is None else _compose(matrix, form)
                start = len(texts)
                self._walk(
                    raw.FPDFFormObj_CountObjects(obj),
                    raw.FPDFFormObj_GetObject,
                    obj,
                    inner,
                    depth + 1,
                )
                if depth == 0 and len(texts) > start:
                    self.forms.append((obj, start, len(texts)))

    def _cover(self, ref: Any, form: tuple[float, ...] | None, why: str) -> None:
        """Where a picture, shading or shape lies: it may cover earlier text (`_Sight`)."""
        left, bottom, right, top = _OUT.bounds_refs
        if not self.get_bounds(ref, left, bottom, right, top):
            return
        x0, y0, x1, y1 = _FOUR_FLOATS(_OUT.bounds)
        if form is not None:
            ax, ay = _apply(form, x0, y0)
            bx, by = _apply(form, x1, y1)
            x0, x1, y0, y1 = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
        if x1 - x0 > THIN and y1 - y0 > THIN:
            self.covers.append((self.count, x0, y0, x1, y1, why))

    def _thin(
        self, ref: Any, form: tuple[float, ...] | None
    ) -> tuple[float, float, float, float] | None:
        """A path whose bounds are a thin line is that ruling line (most are).

        One call instead of four for each segment: whatever its segments, a
        painted path no wider (or higher) than `THIN` draws a horizontal (or
        vertical) line where it lies. None when it is told so (or draws
        nothing), else its bounds (x0, y0, x1, y1, in the page's space).
        """
        left, bottom, right, top = _OUT.bounds_refs
        if not self.get_bounds(ref, left, bottom, right, top):
            return None  # nothing to draw
        x0, y0, x1, y1 = _FOUR_FLOATS(_OUT.bounds)
        if form is not None:
            ax, ay = _apply(form, x0, y0)
            bx, by = _apply(form, x1, y1)
            x0, x1, y0, y1 = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
        if y1 - y0 <= THIN and x1 - x0 > THIN:
            self.h_rules.append(((y0 + y1) / 2, x0, x1))
        elif x1 - x0 <= THIN and y1 - y0 > THIN:
            self.v_rules.append(((x0 + x1) / 2, y0, y1))
        elif x1 - x0 > THIN or y1 - y0 > THIN:
            return (x0, y0, x1, y1)
        elif x1 - x0 >= _PIECE * (y1 - y0) and x1 - x0 >= 1:
            # a short piece of a line (print drivers draw a ruling as many
            # tiny boxes): joined with the others (`_pdf_layout._merge`)
            self.h_rules.append(((y0 + y1) / 2, x0, x1))
        elif y1 - y0 >= _PIECE * (x1 - x0) and y1 - y0 >= 1:
            self.v_rules.append(((x0 + x1) / 2, y0, y1))
        return None

    def _filled_rectangle(
        self, ref: Any, bounds: tuple[float, float, float, float]
    ) -> bool:
        """A filled four-cornered path with axis-parallel sides is a box (most are).

        The four corners (two calls each) and its ``bounds`` (`_thin`'s)
        instead of the general walk: cell backgrounds and cover boxes are
        drawn so (``re f``).
        """
        out = _OUT
        get_segment, get_point = self.get_segment, self.get_point
        x, y = out.point_refs
        corners = []
        for index in range(4):
            segment = get_segment(ref, index)
            if not get_point(ctypes.byref(_NOWHERE, segment or 0), x, y):
                return False
            corners.append(_TWO_FLOATS(out.point))
        for (ax, ay), (bx, by) in zip(corners, corners[1:] + corners[:1], strict=True):
            if abs(ax - bx) > 0.01 and abs(ay - by) > 0.01:
                return False  # a side that is not horizontal or vertical
        x0, y0, x1, y1 = bounds
        r, g, b, a = out.rgba_refs
        colour = _FOUR_UINTS(out.rgba) if self.get_fill(ref, r, g, b, a) else _BLACK
        if colour[3]:
            self.boxes.append((self.count, x0, y0, x1, y1, colour))
        return True

    def _path(self, obj: Any, ref: Any, form: tuple[float, ...] | None) -> None:
        raw = self.raw
        out = _OUT
        if not self.get_draw_mode(ref, *out.modes_refs):
            return
        fill_mode, stroke_mode = _TWO_INTS(out.modes)
        segments = self.count_segments(ref)
        self.count += max(segments, 0)
        if self.count > self.max_objects:
            raise _Refused({"t": "limit", "key": "max_pdf_objects_per_page"})
        if not (fill_mode or stroke_mode):
            return
        bounds = self._thin(ref, form)
        if bounds is None:
            return
        if (
            not stroke_mode
            and segments in (4, 5)
            and self._filled_rectangle(ref, bounds)
        ):
            return
        matrix = _matrix_of(raw, obj)
        if form is not None:
            matrix = _compose(matrix, form)
        points: list[list[tuple[float, float]]] = []
        x = ctypes.c_float()
        y = ctypes.c_float()
        curved = False
        # the pieces drawn straight (a line to each point, a closing line):
        # the chords of a curve's control points are no line of the page
        straight: list[tuple[float, float, float, float]] = []
        for index in range(segments):
            segment = raw.FPDFPath_GetPathSegment(obj, index)
            kind = raw.FPDFPathSegment_GetType(segment)
            raw.FPDFPathSegment_GetPoint(segment, x, y)
            point = _apply(matrix, x.value, y.value)
            if kind == raw.FPDF_SEGMENT_MOVETO or not points:
                points.append([point])
            else:
                if kind == raw.FPDF_SEGMENT_BEZIERTO:
                    curved = True
                else:
                    straight.append((*points[-1][-1], *point))
                points[-1].append(point)
            if raw.FPDFPathSegment_GetClose(segment):
                straight.append((*points[-1][-1], *points[-1][0]))
                points[-1].append(points[-1][0])
        if fill_mode != raw.FPDF_FILLMODE_NONE and curved:
            # a round or curved shape (a rounded box, a circle) covers what
            # lies under its inside only: asked about by drawing
            self._cover(ref, form, "covered")
        elif fill_mode != raw.FPDF_FILLMODE_NONE:
            colour = _colour(raw, raw.FPDFPageObj_GetFillColor, obj)
            for sub in points:
                xs = [p[0] for p in sub]
                ys = [p[1] for p in sub]
                x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
                if colour[3] == 0:
                    continue
                if not _is_rectangle(sub, x0, x1, y0, y1):
                    if x1 - x0 > THIN and y1 - y0 > THIN:
                        self.covers.append((self.count, x0, y0, x1, y1, "covered"))
                    continue
                if y1 - y0 <= THIN and x1 - x0 > THIN:
                    self.h_rules.append(((y0 + y1) / 2, x0, x1))
                elif x1 - x0 <= THIN and y1 - y0 > THIN:
                    self.v_rules.append(((x0 + x1) / 2, y0, y1))
                elif x1 - x0 > THIN and y1 - y0 > THIN:
                    self.boxes.append((self.count, x0, y0, x1, y1, colour))
        if stroke_mode:
            colour = _colour(raw, raw.FPDFPageObj_GetStrokeColor, obj)
            if colour[3] == 0:
                return
            slants: list[tuple[float, float, float, float]] = []
            for ax, ay, bx, by in straight:
                if abs(ay - by) < 0.5 and abs(ax - bx) > 0.5:
                    self.h_rules.append(((ay + by) / 2, min(ax, bx), max(ax, bx)))
                elif abs(ax - bx) < 0.5 and abs(ay - by) > 0.5:
                    self.v_rules.append(((ax + bx) / 2, min(ay, by), max(ay, by)))
                else:
                    slants.append((ax, ay, bx, by))
            # a stroke or a few crossing a figure out; a curve or a polygon
            # of many sides (a seal's ring) is a drawing over it
            if not curved and len(slants) <= _MOST_STROKES:
                self.slants += slants[: _MOST_SLANTS - len(self.slants)]


def _is_rectangle(
    sub: list[tuple[float, float]], x0: float, x1: float, y0: float, y1: float
) -> bool:
    """Every point of the subpath is a corner of its bounding box."""
    if len(sub) < 4:
        return False
    return all(
        (abs(px - x0) < 0.5 or abs(px - x1) < 0.5)
        and (abs(py - y0) < 0.5 or abs(py - y1) < 0.5)
        for px, py in sub
    )


_RGBA = (ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint())


def _colour(raw: Any, getter: Any, obj: Any) -> tuple[int, int, int, int]:
    r, g, b, a = _RGBA  # the worker is single-threaded: one set of out-parameters
    if not getter(obj, r, g, b, a):
        return (0, 0, 0, 255)
    return (r.value, g.value, b.value, a.value)


def _same(one: tuple[int, ...], other: tuple[int, ...]) -> bool:
    return (
        abs(one[0] - other[0]) <= SAME_COLOUR
        and abs(one[1] - other[1]) <= SAME_COLOUR
        and abs(one[2] - other[2]) <= SAME_COLOUR
    )


class _Display:
    """User space → the page as displayed: crop box origin at the top left, rotated."""

    def __init__(self, crop: tuple[float, float, float, float], rotation: int) -> None:
        self.left, self.bottom, self.right, self.top = crop
        self.rotation = rotation
        width, height = self.right - self.left, self.top - self.bottom
        self.size = (height, width) if rotation in (1, 3) else (width, height)

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.rotation == 1:  # 90° clockwise
            return (y - self.bottom, x - self.left)
        if self.rotation == 2:
            return (self.right - x, y - self.bottom)
        if self.rotation == 3:
            return (self.top - y, self.right - x)
        return (x - self.left, self.top - y)

    def box(
        self, x0: float, y0: float, x1: float, y1: float
    ) -> tuple[float, float, float, float]:
        ax, ay = self.point(x0, y0)
        bx, by = self.point(x1, y1)
        return (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))


def _clip_box(
    raw: Any, obj: Any
) -> tuple[tuple[float, float, float, float] | None, bool]:
    """The bounding box of a page object's clip path (page space), if it has one.

    And whether the clip is that box: each of its paths one upright
    rectangle (a frame with a hole, a triangle, a circle are not).
    """
    clip = raw.FPDFPageObj_GetClipPath(obj)
    if not clip or raw.FPDFClipPath_CountPathSegments(clip, 0) <= 0:
        return None, True  # none, or one without a shape (most text objects' clip)
    box: tuple[float, float, float, float] | None = None
    upright = True
    x = ctypes.c_float()
    y = ctypes.c_float()
    for path in range(raw.FPDFClipPath_CountPaths(clip)):
        points: list[tuple[float, float]] = []
        moves = 0
        for index in range(raw.FPDFClipPath_CountPathSegments(clip, path)):
            segment = raw.FPDFClipPath_GetPathSegment(clip, path, index)
            if raw.FPDFPathSegment_GetPoint(segment, x, y):
                points.append((x.value, y.value))
                moves += raw.FPDFPathSegment_GetType(segment) == raw.FPDF_SEGMENT_MOVETO
        if not points:
            continue
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        part = (min(xs), min(ys), max(xs), max(ys))
        if (
            moves > 1
            or len({(round(px), round(py)) for px, py in points}) != 4
            or not _is_rectangle(points, part[0], part[2], part[1], part[3])
        ):
            upright = False  # (three corners of a box are a triangle)
        box = (
            part
            if box is None
            else (
                max(box[0], part[0]),
                max(box[1], part[1]),
                min(box[2], part[2]),
                min(box[3], part[3]),
            )
        )
    return box, upright


def read_page(raw: Any, doc: Any, number: int, max_objects: int) -> dict[str, Any]:
    """The characters seen and hidden, and the ruling lines, of page ``number`` (0-based).

    Annotations a viewer draws over the page (a comment box with a corrected
    figure, a stamp, a filled form field) are part of what a person sees:
    those with an appearance of their own are drawn into the page first
    (``FPDFPage_Flatten``, in this worker's copy of the document) and read
    with it; those whose look a viewer makes up, and struck-out text, are
    sent as places where what is seen is not known (`_annotations`).
    """
    page = raw.FPDF_LoadPage(doc, number)
    if not page:
        raise _Refused({"t": "broken", "page": number + 1})
    try:
        unshown: list[tuple[str, tuple[float, float, float, float]]] = []
        if raw.FPDFPage_GetAnnotCount(page) > 0:
            flatten, unshown = _annotations(raw, page, max_objects)
            if flatten and raw.FPDFPage_Flatten(page, raw.FLAT_NORMALDISPLAY) == (
                raw.FLATTEN_SUCCESS
            ):
                # the flattened page is read as loaded again (its new content)
                raw.FPDF_ClosePage(page)
                page = raw.FPDF_LoadPage(doc, number)
                if not page:
                    raise _Refused({"t": "broken", "page": number + 1})
        text_page = raw.FPDFText_LoadPage(page)
        try:
            return _read_loaded(raw, page, text_page, max_objects, unshown)
        finally:
            raw.FPDFText_ClosePage(text_page)
    finally:
        if page:
            raw.FPDF_ClosePage(page)


_NOT_SHOWN = 2 | 32  # FPDF_ANNOT_FLAG_HIDDEN | FPDF_ANNOT_FLAG_NOVIEW
_NOTHING_OVER = frozenset({2, 9, 10, 11, 16})
"""Annotations that show nothing over the text: Link, Highlight, Underline,
Squiggly (translucent marks under or below the text), Popup (shown on demand)."""
_STRIKEOUT = 12


def _annotations(
    raw: Any, page: Any, max_objects: int
) -> tuple[bool, list[tuple[str, tuple[float, float, float, float]]]]:
    """Whether the page has annotations to draw into it, and the places not known.

    A place is (why, (x0, y0, x1, y1) in user space): ``struck`` for a
    strike-out over text (the text is shown, marked as wrong),
    ``annotation`` for an annotation without an appearance of its own (a
    viewer draws it from its properties: a box, a comment's text).
    """
    count = raw.FPDFPage_GetAnnotCount(page)
    if count > max_objects:
        raise _Refused({"t": "limit", "key": "max_pdf_objects_per_page"})
    flatten = False
    unshown: list[tuple[str, tuple[float, float, float, float]]] = []
    rect = raw.FS_RECTF()
    for index in range(count):
        annot = raw.FPDFPage_GetAnnot(page, index)
        if not annot:
            continue
        try:
            subtype = raw.FPDFAnnot_GetSubtype(annot)
            if subtype in _NOTHING_OVER or raw.FPDFAnnot_GetFlags(annot) & _NOT_SHOWN:
                continue
            if not raw.FPDFAnnot_GetRect(annot, rect):
                continue
            box = (
                min(rect.left, rect.right),
                min(rect.bottom, rect.top),
                max(rect.left, rect.right),
                max(rect.bottom, rect.top),
            )
            if subtype == _STRIKEOUT:
                unshown.append(("struck", box))
            elif raw.FPDFAnnot_HasKey(annot, b"AP"):
                flatten = True
            else:
                unshown.append(("annotation", box))
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    return flatten, unshown


def _tight_box(
    raw: Any, text_page: Any, index: int
) -> tuple[float, float, float, float]:
    """The glyph's own box, made as high as the font size (the loose box's height)."""
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    raw.FPDFText_GetCharBox(text_page, index, left, right, bottom, top)
    size = raw.FPDFText_GetFontSize(text_page, index)
    scale = 1.0
    matrix = raw.FS_MATRIX()
    if raw.FPDFText_GetMatrix(text_page, index, matrix):
        scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
    half = max(size * scale, top.value - bottom.value, 1.0) / 2
    middle = (bottom.value + top.value) / 2
    return left.value, right.value, middle - half, middle + half


_TINY = 1.0
"""pt: a glyph this high or lower is a speck, not text a person reads."""
_SQUEEZED = 0.15
"""Of its height: a digit narrower than this is scaled to a hairline (``Tz``).

Digits of every font are about half as wide as high, half that when
condensed; a decimal point is not a digit."""
_DIGITS = frozenset("0123456789")
_LATIN_END = "\u0250"  # characters below it are asked whether PDFium mapped them
_NO_INK = 0.02
"""Of its height: a digit whose ink is lower than this draws nothing."""
_LOW = 0.6
"""Of the font's height: a loose box lower than this is the glyph's ink."""
_CJK_ASCENT = 0.88
"""Of the font's height above the baseline, where a font states no ascent."""


def _em_box(
    raw: Any, text_page: Any, index: int, height: float, y0: float, y1: float
) -> tuple[float, float]:
    """Bottom and top of a glyph's loose box made from its baseline and font.

    As PDFium makes a loose box: ``height`` (font size times scale) split at
    the baseline by the font's ascent and descent. The box as given when the
    glyph is turned or its origin is not known.
    """
    matrix = raw.FS_MATRIX()
    x, y = ctypes.c_double(), ctypes.c_double()
    if (
        not raw.FPDFText_GetMatrix(text_page, index, matrix)
        or matrix.b != 0
        or matrix.c != 0
        or matrix.d <= 0
        or not raw.FPDFText_GetCharOrigin(text_page, index, x, y)
    ):
        return y0, y1
    above = _CJK_ASCENT
    font = raw.FPDFTextObj_GetFont(raw.FPDFText_GetTextObject(text_page, index))
    ascent, descent = ctypes.c_float(), ctypes.c_float()
    if (
        font
        and raw.FPDFFont_GetAscent(font, 1.0, ascent)
        and raw.FPDFFont_GetDescent(font, 1.0, descent)
        # a descent at or above the baseline is a wrong font descriptor
        # (LibreOffice's subset of Noto Sans CJK states +0.561): it would
        # lift the box three lines up, into the row above
        and ascent.value > 0 >= descent.value
    ):
        above = ascent.value / (ascent.value - descent.value)
    return y.value - (1 - above) * height, y.value + above * height


def _page_text(raw: Any, text_page: Any, count: int) -> str | None:
    """The page's characters in one call, when each is one UTF-16 unit (else None)."""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    got = raw.FPDFText_GetText(
        text_page, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
    )
    text = buffer.raw[: max(got - 1, 0) * 2].decode("utf-16-le", "replace")
    return text if len(text) == count else None


def _char(raw: Any, text_page: Any, index: int) -> str:
    code = raw.FPDFText_GetUnicode(text_page, index)
    if code in (0, 0xFFFE, 0xFFFF) or not 0 < code < 0x110000:
        return ""
    return chr(code)


def _read_loaded(
    raw: Any,
    page: Any,
    text_page: Any,
    max_objects: int,
    unshown: list[tuple[str, tuple[float, float, float, float]]],
) -> dict[str, Any]:
    walked = _Page(raw, page, max_objects)
    said = _actual_texts(raw, walked) if walked.marked else []
    if not said:
        return _read_text(raw, page, text_page, walked, unshown, [])
    # PDFium's text page gives a span's ActualText instead of its glyphs;
    # a person sees the glyphs: where the two differ in a figure, the page
    # is read from its glyphs (the text page made again without ActualText)
    again = raw.FPDFText_LoadPage(page)
    if not again:
        raise _Refused({"t": "broken"})
    try:
        differ = _not_as_drawn(raw, text_page, again, walked, said)
        # (PDFium places a span's ActualText inside a form in the form's own
        # space, not the page's: such a page is read from its glyphs too)
        glyphs = bool(differ) or any((obj or 0) in walked.form_of for _k, obj in said)
        return _read_text(
            raw, page, again if glyphs else text_page, walked, unshown, differ
        )
    finally:
        raw.FPDFText_ClosePage(again)


def _actual_texts(raw: Any, walked: _Page) -> list[tuple[int, Any]]:
    """Each text object in a span with ActualText, and its span (its mark); the mark removed."""
    said: list[tuple[int, Any]] = []
    found: list[tuple[Any, Any]] = []
    buffer = (ctypes.c_ushort * 2)()
    length = ctypes.c_ulong()
    for _order, obj in walked.marked:
        for index in reversed(range(raw.FPDFPageObj_CountMarks(obj))):
            mark = raw.FPDFPageObj_GetMark(obj, index)
            if mark and raw.FPDFPageObjMark_GetParamStringValue(
                mark, b"ActualText", buffer, 0, length
            ):
                # (one span's mark is shared by the objects drawn in it)
                said.append((ctypes.cast(mark, ctypes.c_void_p).value or 0, obj))
                found.append((obj, mark))
    # removed once all are found (objects drawn in one span may share their
    # marks: removing one's removes the others')
    for obj, mark in found:
        raw.FPDFPageObj_RemoveMark(obj, mark)
    return said


def _object_text(raw: Any, obj: Any, text_page: Any) -> str:
    size = raw.FPDFTextObj_GetText(obj, text_page, None, 0)  # bytes
    buffer = (ctypes.c_ushort * max(size // 2, 1))()
    raw.FPDFTextObj_GetText(obj, text_page, buffer, size)
    return bytes(buffer)[: max(size - 2, 0)].decode("utf-16-le", "replace")


def _read_text(
    raw: Any,
    page: Any,
    text_page: Any,
    walked: _Page,
    unshown: list[tuple[str, tuple[float, float, float, float]]],
    differ: list[tuple[str, float, float, float, float]],
) -> dict[str, Any]:
    max_objects = walked.max_objects
    count = raw.FPDFText_CountChars(text_page)
    if walked.count + count > max_objects:
        raise _Refused({"t": "limit", "key": "max_pdf_objects_per_page"})
    crop = raw.FS_RECTF()  # the crop box within the media box
    if not raw.FPDF_GetPageBoundingBox(page, crop):
        raise _Refused({"t": "broken"})
    crop_box = (crop.left, crop.bottom, crop.right, crop.top)
    rotation = raw.FPDFPage_GetRotation(page) % 4
    display = _Display(crop_box, rotation)
    # what is seen, flat (fewer objects to make and to send): the characters,
    # and x0, top, x1, bottom of each in turn
    seen_text: list[str] = []
    seen_boxes: list[float] = []
    hidden: list[list[Any]] = []
    turned: list[list[Any]] = []
    recent: dict[str, list[float]] = {}  # character → x0, top of its last few
    boxes = _Boxes(raw, walked.boxes)
    text = _page_text(raw, text_page, count)
    chars: str | list[str] = (
        text
        if text is not None
        else [_char(raw, text_page, index) for index in range(count)]
    )
    styles = _Styles(raw, walked, boxes, rotation)
    sight = _Sight(raw, page, display, walked)
    styles.asked = sight.asked
    styles.clips = sight.clips
    style_of = styles.of
    known = styles.known
    rect, rect_ref = _OUT.rect, _OUT.rect_ref
    get_box = raw.fast("FPDFText_GetLooseCharBox")
    get_object = raw.fast("FPDFText_GetTextObject")
    get_ink = raw.fast("FPDFText_GetCharBox")
    unmapped = raw.fast("FPDFText_HasUnicodeMapError")
    ink, ink_refs = _OUT.ink, _OUT.ink_refs
    text_ref = _ref(text_page)
    left, bottom, right, top = crop_box
    covered: list[tuple[int, tuple[Any, ...], float, float]] = []
    pale: list[tuple[list[Any], tuple[Any, ...], Any]] = []
    # the glyphs seen (fake-bold copies too), paint index and box: what a
    # covered glyph may have been drawn again as (`_redrawn`)
    drawn: list[tuple[int, float, float, float, float]] = []
    has_boxes = boxes.any
    pictures = sorted(
        (cover[:5] for cover in walked.covers if cover[5] == "image"),
        key=lambda p: (p[3] - p[1]) * (p[4] - p[2]),
        reverse=True,
    )[:_MOST_PICTURES]
    # invisible glyphs on a picture (char, x0, top, x1, bottom, upright)
    on_scan: list[list[Any]] = []
    upright_page = rotation == 0
    for index, char in enumerate(chars):
        # generated characters (PDFium's spaces and line breaks) are spaces too
        if not char or char.isspace() or not get_box(text_ref, index, rect_ref):
            continue
        x0, y1, x1, y0 = _FOUR_FLOATS(rect)  # left, top, right, bottom
        if y0 > y1:
            y0, y1 = y1, y0
        obj = get_object(text_ref, index)
        style = known.get(obj or 0)
        if style is None:
            style = style_of(obj)
        if x1 - x0 > 40 or y1 - y0 > 40:
            # a font whose bounding box is wrong makes the loose box absurd
            # (200 pt for a 10 pt glyph): its own box is used instead
            x0, x1, y0, y1 = _tight_box(raw, text_page, index)
        elif y1 - y0 < style[7] * _LOW:
            # PDFium gave the glyph's ink as its loose box (seen for ``一``
            # in Chromium's PDFs: 2 pt high, 6 pt below its line): the box
            # of its font's height on its baseline, so it stays in its line
            y0, y1 = _em_box(raw, text_page, index, style[7], y0, y1)
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        height = style[7]
        if 0 < height <= _TINY:
            why = "tiny"  # a speck: 1 pt or less (a figure hidden in a line)
        elif x1 - x0 < height * _SQUEEZED and char in _DIGITS:
            why = "squeezed"  # horizontal scaling (Tz) to a hairline
        elif (
            char in _DIGITS
            and get_ink(text_ref, index, *ink_refs)
            and ink[3] - ink[2] < _NO_INK * height
            and style[0] not in HIDDEN_MODES
        ):
            # a digit whose glyph draws nothing (a font without the glyph it
            # names and without ToUnicode: PDFium gives its code as text);
            # invisible text (an OCR layer's glyph-less font) is told below
            why = "blank"
        elif style[5] and left <= cx <= right and bottom <= cy <= top:
            why = ""  # the common case, decided without a call
        else:
            why = _why_hidden(style, boxes, crop_box, x0, y0, x1, y1, sight)
        if upright_page:
            dx0, dtop, dx1, dbottom = x0 - left, top - y1, x1 - left, top - y0
        else:
            dx0, dtop, dx1, dbottom = display.box(x0, y0, x1, y1)
        if why:
            if why == "invisible" and pictures and _on_a_picture(pictures, cx, cy):
                # perhaps an OCR text layer over a scan: decided for the page below
                on_scan.append([char, dx0, dtop, dx1, dbottom, style[6]])
                continue
            hidden.append([char, dx0, dtop, dx1, dbottom, why])
            if why == "covered":
                covered.append((len(hidden) - 1, style, cx, cy))
            elif why == "background" and style[1] == _WHITE:
                # white, or a pattern (PDFium gives white for a gradient or
                # tiled fill): decided by drawing it (`_shown`)
                pale.append((hidden[-1], style, obj))
            continue
        if has_boxes:
            drawn.append((style[4], x0, y0, x1, y1))
        # a glyph drawn again within a fifth of its width (fake bold: the same
        # glyph twice about 0.3 pt apart) is one glyph; the copies are drawn
        # one after the other or run after run, so the last few of the same
        # character are enough to look at
        last = recent.get(char)
        if last is None:
            recent[char] = [dx0, dtop]
        else:
            near = (dx1 - dx0) * 0.2 + 0.1
            duplicate = False
            for at in range(0, len(last), 2):
                if (
                    -near <= last[at] - dx0 <= near
                    and -near <= last[at + 1] - dtop <= near
                ):
                    duplicate = True
                    break
            if duplicate:
                continue
            if len(last) >= 16:
                del last[:2]
            last += (dx0, dtop)
        if char < _LATIN_END and unmapped(text_ref, index) == 1:
            # PDFium could not map the glyph to a character (a CID font of
            # the Identity ordering without ToUnicode: the code is no
            # Unicode but an embedded font's glyph number): it gives the
            # code itself, digits or controls that are not what the glyph
            # draws. What is drawn stands unknown (``〓``: its cell is not
            # read), with a finding naming the code read. (Glyph numbers
            # of a subset font are small: the codes that pass for digits,
            # signs and separators are below `_LATIN_END`, so only those
            # characters are asked about)
            hidden.append([char, dx0, dtop, dx1, dbottom, "unmapped"])
            char = "〓"
        if style[6]:
            seen_text.append(char)
            seen_boxes += (dx0, dtop, dx1, dbottom)
        else:
            turned.append([char, dx0, dtop, dx1, dbottom])
    if covered:
        by_order: dict[int, list[tuple[float, float, float, float]]] = {}
        for order, *box in drawn:
            by_order.setdefault(order, []).append((box[0], box[1], box[2], box[3]))
        for at, style, cx, cy in reversed(covered):
            if _redrawn(raw, walked, boxes, by_order, style[4], cx, cy, sight):
                record = hidden.pop(at)[:5]
                if style[6]:
                    seen_text.append(record[0])
                    seen_boxes += record[1:5]
                else:
                    turned.append(record)
    if pale:
        # (the sight check's renderings are done with: two kept at once at most)
        sight.pixels = None
        drawn_pale = _Pale(raw, page, sight, {style[4]: obj for _r, style, obj in pale})
        shown, hides = drawn_pale.shown()
        back = {id(record) for record, style, _obj in pale if style[4] in shown}
        if hides:
            # glyphs under white text that hides them (a white ■ typed over)
            kept_text: list[str] = []
            kept_boxes: list[float] = []
            for at, char in enumerate(seen_text):
                box = seen_boxes[4 * at : 4 * at + 4]
                cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
                if any(
                    h[0] <= cx <= h[2] and h[1] <= cy <= h[3] for h in hides
                ) and drawn_pale.hidden((box[0], box[1], box[2], box[3])):
                    hidden.append([char, *box, "covered"])
                else:
                    kept_text.append(char)
                    kept_boxes += box
            seen_text, seen_boxes = kept_text, kept_boxes
        for record, style, _obj in pale:
            if id(record) in back:
                if style[6]:
                    seen_text.append(record[0])
                    seen_boxes += record[1:5]
                else:
                    turned.append(record[:5])
        hidden = [record for record in hidden if id(record) not in back]
    ocr = 0
    if on_scan:
        # invisible text over a picture that fills a good part of the page, on
        # a page with less text seen than that: the OCR text layer of a scan
        # (ocrmypdf, Acrobat: the recognised text drawn invisible over the
        # page's image), read as what the image shows, with a finding; else
        # hidden text as any other (a figure hidden on a logo)
        page_area = (right - left) * (top - bottom)
        biggest = max((x1 - x0) * (y1 - y0) for _o, x0, y0, x1, y1 in pictures)
        if biggest >= _SCAN_SHARE * page_area and len(on_scan) > len(seen_text):
            ocr = len(on_scan)
            for record in on_scan:
                if record[5]:
                    seen_text.append(record[0])
                    seen_boxes += record[1:5]
                else:
                    turned.append(record[:5])
        else:
            hidden += [[*record[:5], "invisible"] for record in on_scan]
    for claimed, *box in differ:
        hidden.append([claimed, *display.box(*box), "actual"])
    h_rules = []
    v_rules = []
    for y, a, b in walked.h_rules:
        h_rules.append(display.box(a, y, b, y))
    for x, a, b in walked.v_rules:
        v_rules.append(display.box(x, a, x, b))
    rules_h: list[list[float]] = []
    rules_v: list[list[float]] = []
    for x0, t0, x1, t1 in h_rules + v_rules:
        if x1 - x0 >= t1 - t0:
            rules_h.append([round((t0 + t1) / 2, 2), round(x0, 2), round(x1, 2)])
        else:
            rules_v.append([round((x0 + x1) / 2, 2), round(t0, 2), round(t1, 2)])
    return {
        "t": "page",
        "size": [round(display.size[0], 2), round(display.size[1], 2)],
        "rotation": rotation * 90,
        "text": "".join(seen_text),
        "boxes": seen_boxes,
        "hidden": hidden,
        "turned": turned,
        "h": rules_h,
        "v": rules_v,
        "images": walked.images,
        "objects": walked.count + count,
        "unshown": [[why, *display.box(*box)] for why, box in unshown],
        # pictures and shapes (no ruling, no box): one alone in a cell may
        # show its figure (`_pdf_layout._drawn_alone`)
        "drawings": [
            [round(v, 2) for v in display.box(*cover[1:5])]
            for cover in walked.covers[:_MOST_DRAWINGS]
        ],
        "ocr": ocr,
        "slants": [
            [round(v, 2) for v in (*display.point(ax, ay), *display.point(bx, by))]
            for ax, ay, bx, by in walked.slants
            if math.isfinite(ax + ay + bx + by)
        ],
    }


def _not_as_drawn(
    raw: Any,
    spoken: Any,
    drawn: Any,
    walked: _Page,
    said: list[tuple[int, Any]],
) -> list[tuple[str, float, float, float, float]]:
    """The spans whose ActualText and glyphs differ in a figure, and where they lie.

    (ActualText, x0, y0, x1, y1 in user space) for each span whose text in
    the text page ``spoken`` (PDFium's, with ActualText) and in ``drawn``
    (made again without it) differ and either has a digit. Other
    differences are the ActualText's to tell (a browser's PDF gives 人 so
    where the font's own map says ⼈).
    """
    spans: dict[int, tuple[list[str], list[str], list[float]]] = {}
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for key, obj in said:
        claimed, glyphs, place = spans.setdefault(key, ([], [], []))
        claimed.append(_object_text(raw, obj, spoken))
        glyphs.append(_object_text(raw, obj, drawn))
        if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        corners = [(left.value, bottom.value), (right.value, top.value)]
        form = walked.form_of.get(obj or 0)
        if form is not None:
            corners = [_apply(form, x, y) for x, y in corners]
        for x, y in corners:
            if place:
                place[:] = [
                    min(place[0], x),
                    min(place[1], y),
                    max(place[2], x),
                    max(place[3], y),
                ]
            else:
                place += (x, y, x, y)
    out: list[tuple[str, float, float, float, float]] = []
    for claimed, glyphs, place in spans.values():
        text = "".join("".join(claimed).split())
        shown = "".join("".join(glyphs).split())
        if place and text != shown and any(c in _ANY_DIGIT for c in text + shown):
            out.append((text[:40], place[0], place[1], place[2], place[3]))
    return out


_ANY_DIGIT = frozenset("0123456789０１２３４５６７８９")


_MOST_SLANTS = 2048
"""Slanted stroked segments of a page kept (a figure crossed out by hand)."""
_MOST_STROKES = 16
"""Slanted segments of a path that may cross a figure out (more: a drawing)."""
_MOST_DRAWINGS = 1024
"""Pictures and shapes of a page sent to be looked for in cells."""
_SCAN_SHARE = 0.25
"""Of the page: a picture this big under invisible text is a scanned page."""
_MOST_PICTURES = 256
"""Pictures a glyph is looked up on (the biggest): bounded per glyph."""


def _on_a_picture(
    pictures: list[tuple[int, float, float, float, float]], cx: float, cy: float
) -> bool:
    """The point (user space) lies on one of the pictures."""
    return any(x0 <= cx <= x1 and y0 <= cy <= y1 for _order, x0, y0, x1, y1 in pictures)


class _Sight:
    """Glyphs that PDFium's text page holds but its renderer does not draw.

    PDFium's text page holds the text of every layer (optional content,
    ``/OC``), shown or not, and the text under a picture; its renderer draws
    only the layers that are on, and the API says neither which layers are
    on nor what a picture's pixels cover. So those glyphs are asked about by
    drawing: the text objects marked as optional content, those inside a form
    drawn on the page (a form's ``/OC`` sits in its dictionary, out of the
    API's sight), those with a soft mask or a blend mode, and those under a
    picture, a shading or a filled shape that is no upright rectangle (round
    corners, a circle, a polygon) painted after them are painted magenta, then
    green, and the page is rendered over their places each time, without
    smoothing; a glyph whose box is the same in both is not seen. A page with
    none of them (nearly all: Word and WPS exports) is not rendered.
    """

    SCALE = 2.0  # pixels per point
    MOST_PIXELS = 2_500_000  # of a rendering (10 MB; an A4 page at 2 px/pt is 2 M)
    MOST_COVERS = 64  # covers looked at one by one; more: all text is asked about
    MARGIN = 0.15  # of a glyph's box left out on each side (its neighbours' ink)
    NARROW = 24.0  # pixels: a glyph narrower than this, not seen, is looked at closer
    CLOSEST = 16.0  # pixels per point: the closest look
    MOST_CLOSER = 64  # lines looked at closer on a page (beyond: not seen, found)

    def __init__(self, raw: Any, page: Any, display: _Display, walked: _Page) -> None:
        self.raw = raw
        self.page = page
        self.display = display
        self.walked = walked
        # paint index of each text object asked about → why, if not drawn
        self.asked: dict[int, str] = {}
        # paint index → the box of the text object's clip path, if it has one
        self.clips: dict[int, tuple[float, float, float, float]] = {}
        # the two renderings (the text asked about magenta, then green), wide, high, stride
        self.pixels: tuple[bytes, bytes, int, int, int] | None = None
        self.origin = (0.0, 0.0)
        self.scale = self.SCALE
        self.objs: list[Any] = []  # the text objects asked about
        self.place: tuple[float, float, float, float] | None = None  # where they lie
        # the last closer look (`_closer`): its band's top, bottom, the scale
        # wanted, the look; and how many were taken
        self.closer: (
            tuple[
                float,
                float,
                float,
                tuple[tuple[bytes, bytes, int, int, int], tuple[float, float], float]
                | None,
            ]
            | None
        ) = None
        self.closer_looks = 0
        self._ask()

    def _ask(self) -> None:
        raw, walked = self.raw, self.walked
        asked = self.asked
        clips = self.clips
        # (the text objects with a clip of a shape, or transparent, were
        # found by the walk: `_Page._text`)
        for order, obj in walked.shaped:
            box, upright = _clip_box(raw, obj)
            if box is not None:
                clips[order] = box
            if not upright:
                # a clip of another shape (a triangle, a frame with a
                # hole) may leave out text inside its box: drawn to see
                asked[order] = "clipped"
        for order in walked.see_through:
            # with a soft mask or a blend mode, text may not show as its
            # colour says (clipped away as told above, if so)
            asked.setdefault(order, "transparent")
        for order in walked.in_forms:
            # (a form's layer is not seen from its text, and what covers
            # it is not known either: the finding says both)
            asked[order] = "form"
        for order, obj in walked.marked:
            if self._optional(obj):
                asked[order] = "layer"
        display = self.display
        covers = [
            (painted, *display.box(x0, y0, x1, y1), why)
            for painted, x0, y0, x1, y1, why in walked.covers
        ]
        if covers:
            last = max(cover[0] for cover in covers)
            many = len(covers) > self.MOST_COVERS
            for order, obj in walked.texts:
                if order in asked or order > last:
                    continue
                place = self._place([obj])
                if place is None:
                    continue
                for painted, ix0, itop, ix1, ibottom, why in covers:
                    if many or (
                        painted > order
                        and ix0 < place[2]
                        and ix1 > place[0]
                        and itop < place[3]
                        and ibottom > place[1]
                    ):
                        asked[order] = why
                        break
        if not asked:
            return
        objs = self.objs = [obj for order, obj in walked.texts if order in asked]
        place = self.place = self._place(objs)
        if place is None:
            asked.clear()
            return
        left, top, right, bottom = place
        scale = self.SCALE
        area = max((right - left) * (bottom - top), 1.0) * scale * scale
        if area > self.MOST_PIXELS:
            scale *= math.sqrt(self.MOST_PIXELS / area)
        if scale < 0.5:
            asked.clear()  # too big a place to tell (beyond any page): as drawn
            return
        self.origin, self.scale = (left, top), scale
        self.pixels = self._render(objs, left, top, right, bottom, scale)
        if self.pixels is None:
            asked.clear()

    def why(self, order: int, x0: float, y0: float, x1: float, y1: float) -> str:
        """Why the glyph of text object ``order`` in this box (user space) is not seen, or ``""``."""
        why = self.asked.get(order)
        if why is None or self.pixels is None:
            return ""
        box = self.display.box(x0, y0, x1, y1)
        if self._shows(self.pixels, self.origin, self.scale, box):
            return ""  # its colour shows there: seen (if only faintly)
        wide = box[2] - box[0]
        if 0 < wide * self.scale < self.NARROW:
            # a glyph squeezed narrow (``Tz 40``, a text matrix) has strokes
            # thinner than a pixel, drawn as nothing without smoothing: its
            # line is looked at again at a scale making it `NARROW` pixels wide
            closer = self._closer(box, min(self.NARROW / wide, self.CLOSEST))
            if closer is not None and self._shows(*closer, box):
                return ""
        return why

    def _closer(
        self, box: tuple[float, float, float, float], scale: float
    ) -> tuple[tuple[bytes, bytes, int, int, int], tuple[float, float], float] | None:
        """The asked text rendered at ``scale`` over the band of ``box``'s line.

        The last band looked at is kept (the glyphs of a line come together),
        only it: each is up to `MOST_PIXELS`, twice.
        """
        if self.closer is not None:
            top, bottom, wanted, look = self.closer
            if top <= box[1] and box[3] <= bottom and wanted >= scale:
                return look
        if self.closer_looks >= self.MOST_CLOSER or self.place is None:
            return None
        self.closer_looks += 1
        left, _top, right, _bottom = self.place
        high = box[3] - box[1]
        top, bottom = box[1] - high, box[3] + high
        area = max((right - left) * (bottom - top), 1.0) * scale * scale
        drawn = scale
        if area > self.MOST_PIXELS:
            drawn *= math.sqrt(self.MOST_PIXELS / area)
        self.closer = None  # (the last look's pixels freed before the next)
        pixels = self._render(self.objs, left, top, right, bottom, drawn)
        look = None if pixels is None else (pixels, (left, top), drawn)
        self.closer = (top, bottom, scale, look)
        return look

    def _shows(
        self,
        pixels: tuple[bytes, bytes, int, int, int],
        origin: tuple[float, float],
        scale: float,
        box: tuple[float, float, float, float],
    ) -> bool:
        """Whether the asked text's colour shows within ``box`` (display) of ``pixels``."""
        magenta, green, width, height, stride = pixels
        dx0, dtop, dx1, dbottom = box
        margin_x = (dx1 - dx0) * self.MARGIN
        margin_y = (dbottom - dtop) * self.MARGIN
        left, top = origin
        px0 = max(0, math.floor((dx0 + margin_x - left) * scale))
        px1 = min(width, math.ceil((dx1 - margin_x - left) * scale) + 1)
        py0 = max(0, math.floor((dtop + margin_y - top) * scale))
        py1 = min(height, math.ceil((dbottom - margin_y - top) * scale) + 1)
        for y in range(py0, py1):
            row = y * stride
            if (
                magenta[row + 4 * px0 : row + 4 * px1]
                != green[row + 4 * px0 : row + 4 * px1]
            ):
                return True
        return False

    def _optional(self, obj: Any) -> bool:
        """The text object is marked as optional content (``/OC … BDC``)."""
        raw = self.raw
        name = (ctypes.c_ushort * 4)()
        length = ctypes.c_ulong()
        for index in range(raw.FPDFPageObj_CountMarks(obj)):
            mark = raw.FPDFPageObj_GetMark(obj, index)
            if (
                mark
                and raw.FPDFPageObjMark_GetName(mark, name, 8, length)
                and length.value == 6
                and bytes(name)[:4] == "OC".encode("utf-16-le")
            ):
                return True
        return False

    def _place(self, objs: list[Any]) -> tuple[float, float, float, float] | None:
        """Where the objects lie on the page as displayed (x0, top, x1, bottom)."""
        raw, walked = self.raw, self.walked
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        xs: list[float] = []
        ys: list[float] = []
        for obj in objs:
            if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                continue
            corners = [(left.value, bottom.value), (right.value, top.value)]
            form = walked.form_of.get(obj or 0)
            if form is not None:  # a form's objects lie in its own space
                corners = [
                    _apply(form, x, y)
                    for x in (left.value, right.value)
                    for y in (bottom.value, top.value)
                ]
            for x, y in corners:
                dx, dy = self.display.point(x, y)
                xs.append(dx)
                ys.append(dy)
        if not xs:
            return None
        return min(xs), min(ys), max(xs), max(ys)

    def _render(
        self,
        objs: list[Any],
        left: float,
        top: float,
        right: float,
        bottom: float,
        scale: float,
    ) -> tuple[bytes, bytes, int, int, int] | None:
        """The page over the place given, ``objs`` painted magenta, then green (BGRA).

        Where the two differ, those objects show (even faintly: through a
        soft mask, blended, half transparent); where they do not, what lies
        over them, or their layer being off, hides them.
        """
        raw = self.raw
        width = max(1, math.ceil((right - left) * scale) + 1)
        height = max(1, math.ceil((bottom - top) * scale) + 1)
        kept = []
        fill = [ctypes.c_uint() for _ in range(4)]
        stroke = [ctypes.c_uint() for _ in range(4)]
        for obj in objs:
            had_fill = raw.FPDFPageObj_GetFillColor(obj, *fill)
            had_stroke = raw.FPDFPageObj_GetStrokeColor(obj, *stroke)
            kept.append(
                (
                    obj,
                    tuple(c.value for c in fill) if had_fill else None,
                    tuple(c.value for c in stroke) if had_stroke else None,
                )
            )
        bitmap = raw.FPDFBitmap_Create(width, height, 1)
        try:
            if not bitmap:
                return None
            matrix = raw.FS_MATRIX(scale, 0, 0, scale, -left * scale, -top * scale)
            clip = raw.FS_RECTF(0, 0, width, height)
            stride = raw.FPDFBitmap_GetStride(bitmap)
            drawn = []
            for r, g, b in ((255, 0, 255), (0, 255, 0)):
                for obj, _fill, _stroke in kept:
                    raw.FPDFPageObj_SetFillColor(obj, r, g, b, 255)
                    raw.FPDFPageObj_SetStrokeColor(obj, r, g, b, 255)
                raw.FPDFBitmap_FillRect(bitmap, 0, 0, width, height, 0xFFFFFFFF)
                raw.FPDF_RenderPageBitmapWithMatrix(
                    bitmap, self.page, matrix, clip, _NO_SMOOTHING
                )
                drawn.append(
                    ctypes.string_at(raw.FPDFBitmap_GetBuffer(bitmap), stride * height)
                )
            return drawn[0], drawn[1], width, height, stride
        finally:
            if bitmap:
                raw.FPDFBitmap_Destroy(bitmap)
            for obj, had_fill, had_stroke in kept:
                # black where PDFium gave none (a pattern): what `_Styles` takes
                # for a colour it is not given
                raw.FPDFPageObj_SetFillColor(obj, *(had_fill or _BLACK))
                raw.FPDFPageObj_SetStrokeColor(obj, *(had_stroke or _BLACK))


_NO_SMOOTHING = 0x1000 | 0x4000  # FPDF_RENDER_NO_SMOOTHTEXT | NO_SMOOTHPATH


class _Pale:
    """White text objects drawn as they are and drawn clear: what each changes.

    PDFium gives white for a fill it cannot tell as one colour (a gradient or
    tiled pattern: WPS's gradient text), so white text is rendered over its
    place as it is and with it clear. Where the two differ and the text's
    own rendering is not white, it shows (a pattern); where they differ and
    it is white, it hides what lies under it (a white ``■`` typed over a
    digit); real white text on white paper changes nothing.
    """

    def __init__(
        self, raw: Any, page: Any, sight: _Sight, objs: dict[int, Any]
    ) -> None:
        self.places = {order: sight._place([obj]) for order, obj in objs.items()}
        self.display = sight.display
        self.pixels: tuple[bytes, bytes, int, int, int] | None = None
        known = [p for p in self.places.values() if p is not None]
        if not known:
            return
        left = min(p[0] for p in known)
        top = min(p[1] for p in known)
        right = max(p[2] for p in known)
        bottom = max(p[3] for p in known)
        scale = _Sight.SCALE
        area = max((right - left) * (bottom - top), 1.0) * scale * scale
        if area > _Sight.MOST_PIXELS:
            scale *= math.sqrt(_Sight.MOST_PIXELS / area)
        if scale < 0.5:
            return  # too big a place to tell: as its colour says
        self.origin, self.scale = (left, top), scale
        width = max(1, math.ceil((right - left) * scale) + 1)
        height = max(1, math.ceil((bottom - top) * scale) + 1)
        bitmap = raw.FPDFBitmap_Create(width, height, 1)
        if not bitmap:
            return
        try:
            matrix = raw.FS_MATRIX(scale, 0, 0, scale, -left * scale, -top * scale)
            clip = raw.FS_RECTF(0, 0, width, height)
            stride = raw.FPDFBitmap_GetStride(bitmap)
            drawn = []
            for clear in (False, True):
                if clear:  # (the worker's copy of the page: not put back)
                    for obj in objs.values():
                        raw.FPDFPageObj_SetFillColor(obj, 255, 255, 255, 0)
                        raw.FPDFPageObj_SetStrokeColor(obj, 255, 255, 255, 0)
                raw.FPDFBitmap_FillRect(bitmap, 0, 0, width, height, 0xFFFFFFFF)
                raw.FPDF_RenderPageBitmapWithMatrix(
                    bitmap, page, matrix, clip, _NO_SMOOTHING
                )
                drawn.append(
                    ctypes.string_at(raw.FPDFBitmap_GetBuffer(bitmap), stride * height)
                )
        finally:
            raw.FPDFBitmap_Destroy(bitmap)
        self.pixels = drawn[0], drawn[1], width, height, stride

    def _rows(
        self, place: tuple[float, float, float, float], margin: float
    ) -> list[tuple[bytes, bytes]]:
        """The two renderings' pixel rows over ``place`` (display space)."""
        assert self.pixels is not None
        shown, clear, width, height, stride = self.pixels
        left, top = self.origin
        scale = self.scale
        mx = (place[2] - place[0]) * margin
        my = (place[3] - place[1]) * margin
        px0 = max(0, math.floor((place[0] + mx - left) * scale))
        px1 = min(width, math.ceil((place[2] - mx - left) * scale) + 1)
        py0 = max(0, math.floor((place[1] + my - top) * scale))
        py1 = min(height, math.ceil((place[3] - my - top) * scale) + 1)
        return [
            (
                shown[y * stride + 4 * px0 : y * stride + 4 * px1],
                clear[y * stride + 4 * px0 : y * stride + 4 * px1],
            )
            for y in range(py0, py1)
        ]

    def shown(self) -> tuple[set[int], list[tuple[float, float, float, float]]]:
        """The paint indices of the objects that show, and the places of those that hide."""
        shows: set[int] = set()
        hides: list[tuple[float, float, float, float]] = []
        if self.pixels is None:
            return shows, hides
        for order, place in self.places.items():
            if place is None:
                continue
            changed = False
            for drawn, clear in self._rows(place, 0.0):
                if drawn != clear:
                    changed = True
                    if _inked(drawn, clear):
                        shows.add(order)  # not white where it changes the page
                        break
            if changed and order not in shows:
                hides.append(place)
        return shows, hides

    def hidden(self, box: tuple[float, float, float, float]) -> bool:
        """A glyph (display space) seen without the white text is white with it."""
        rows = self._rows(box, _Sight.MARGIN)
        return any(d != c for d, c in rows) and not any(
            d.strip(b"\xff") for d, _c in rows
        )


def _inked(drawn: bytes, clear: bytes) -> bool:
    """Some pixel (BGRA) that differs between the two rows is not white in ``drawn``."""
    for at in range(0, len(drawn), 4):
        pixel = drawn[at : at + 4]
        if pixel != clear[at : at + 4] and pixel != _WHITE_PIXEL:
            return True
    return False


_WHITE_PIXEL = b"\xff\xff\xff\xff"


class _Styles:
    """What the glyphs of one text object share, looked up once per object.

    A style is the render mode, the colour shown (fill or stroke), the angle
    (degrees, user space), the clip box (None: no clip, or one inside a form),
    the paint index, whether the object is *plain* (seen wherever its glyphs
    lie in the crop box: no mode, colour, clip or box can hide them), whether
    it stands upright on the page as displayed, and how high its glyphs'
    loose boxes are (font size times the matrix's scale).
    """

    def __init__(self, raw: Any, walked: _Page, boxes: _Boxes, rotation: int) -> None:
        self.raw = raw
        self.walked = walked
        self.boxes = boxes
        self.rotation = rotation
        self.known: dict[int, tuple[Any, ...]] = {}  # text object → its style
        # paint indices of the text objects asked about by drawing (`_Sight`)
        self.asked: dict[int, str] = {}
        # text painted after every box, in a colour unlike the paper's and
        # every box's, cannot be covered nor lost on its background: no box
        # to look at
        self.last_box = max((box[0] for box in walked.boxes), default=0)
        self.box_colours = {box[5] for box in walked.boxes}
        # colour → (unlike the paper's, unlike every box's)
        self.colours: dict[tuple[int, ...], tuple[bool, bool]] = {}
        self.turns: dict[Any, tuple[float, bool, float]] = {}
        # the walk's render mode and bytes of a text object → what objects
        # alike share (`_alike`)
        self.alike: dict[tuple[int, bytes], tuple[Any, ...]] = {}
        self.get_mode = raw.fast("FPDFTextObj_GetTextRenderMode")
        self.get_size = raw.fast("FPDFTextObj_GetFontSize")
        self.get_fill = raw.fast("FPDFPageObj_GetFillColor")
        self.get_stroke = raw.fast("FPDFPageObj_GetStrokeColor")
        self.get_matrix = raw.fast("FPDFPageObj_GetMatrix")
        # paint index → the box of the text object's clip path (`_Sight`)
        self.clips: dict[int, tuple[float, float, float, float]] = {}

    def of(self, obj: int | None) -> tuple[Any, ...]:
        """The style of text object ``obj``, looked up and kept.

        Made of what the walk read of it (`_Page._text`): objects of one
        render mode, colour, matrix (but where it sits) and font size share
        all of it but their paint index, clip and plainness (`_alike`).
        """
        address = obj or 0
        state = self.walked.states.get(address)
        if state is None:
            return self._whole(address, 0)  # (not walked: in a form too deep)
        order, key = state
        if key is None:
            return self._whole(address, order)
        alike = self.alike.get(key)
        if alike is None:
            alike = self.alike[key] = self._alike(key)
        mode, colour, angle, upright, height, visible, unlike = alike
        clip = self.clips.get(order)  # (looked up by `_Sight`)
        plain = (
            visible
            and order not in self.asked
            and clip is None
            and (
                (order > self.last_box and unlike)
                or self.boxes.safe(ctypes.byref(_NOWHERE, address), order, colour)
            )
        )
        style = self.known[address] = (
            mode,
            colour,
            angle,
            clip,
            order,
            plain,
            upright,
            height,
        )
        return style

    def _alike(self, key: tuple[int, bytes]) -> tuple[Any, ...]:
        """What the glyphs of every text object of the render mode and bytes ``key`` share.

        The mode, colour shown, angle, whether upright, glyph height, whether
        nothing of the object itself hides it (`_whole`'s *plain* but for its
        place), and whether its colour is unlike every box's.
        """
        mode, state = key
        size, r, g, b, a, a_, b_, c_, d_ = _STATE(state)
        colour = (r, g, b, a)
        angle = math.degrees(math.atan2(b_, a_))
        if size < 0:
            # a negative font size turns the glyphs half round (as `_whole`)
            size = -size
            angle += 180.0
        kind = self.colours.get(colour)
        if kind is None:
            kind = self.colours[colour] = (
                not _same(colour, _WHITE),
                not any(_same(colour, box) for box in self.box_colours),
            )
        return (
            mode,
            colour,
            angle,
            _upright(angle, self.rotation),
            size * math.sqrt(abs(a_ * d_ - b_ * c_)),
            mode not in HIDDEN_MODES and a > 0 and kind[0],
            kind[1],
        )

    def _whole(self, address: int, order: int) -> tuple[Any, ...]:
        """The style of the text object at ``address``, painted ``order``, looked up whole."""
        ref = ctypes.byref(_NOWHERE, address)  # `_ref`, without its call
        mode = self.get_mode(ref)
        out = _OUT
        r, g, b, a = out.rgba_refs
        getter = self.get_stroke if mode in STROKE_MODES else self.get_fill
        colour = _FOUR_UINTS(out.rgba) if getter(ref, r, g, b, a) else _BLACK
        if (
            mode in FILL_STROKE_MODES
            and (colour[3] == 0 or _same(colour, _WHITE))
            and self.get_stroke(ref, r, g, b, a)
        ):
            # outlined glyphs (``2 Tr``): a white or clear inside in a dark
            # outline shows as the outline's colour
            stroke = _FOUR_UINTS(out.rgba)
            if stroke[3] and not _same(stroke, _WHITE):
                colour = stroke
        # the matrix's first column (a, b) turns the glyphs: angle, upright,
        # kept by the two floats' bits (0.0 and -0.0 turn differently)
        turned = self.get_matrix(ref, out.matrix_ref)
        # in a form, the form's matrix turns and scales the glyphs too (a
        # page drawn turned into a rotated page, n-up and "fit to page"
        # prints): the text object's own matrix is within the form
        form = self.walked.form_of.get(address)
        bits: Any = _FOUR_BITS(out.matrix) if turned else None
        if form is not None:
            bits = (bits, form)
        known_turn = self.turns.get(bits)
        if known_turn is None:
            a_, b_, c_, d_ = _FOUR_FLOATS(out.matrix) if turned else _IDENTITY
            if form is not None:
                a_, b_, c_, d_ = _compose((a_, b_, c_, d_, 0.0, 0.0), form)[:4]
            angle = math.degrees(math.atan2(b_, a_))
            known_turn = self.turns[bits] = (
                angle,
                _upright(angle, self.rotation),
                math.sqrt(abs(a_ * d_ - b_ * c_)),
            )
        # a glyph's loose box is as high as its font size (times the scale)
        size = out.size.value if self.get_size(ref, out.size_ref) else 0.0
        if size < 0:
            # a negative font size turns the glyphs half round (``-10 Tf``):
            # upside down, read right to left, as a turned matrix would be
            size = -size
            angle = known_turn[0] + 180.0
            known_turn = (angle, _upright(angle, self.rotation), known_turn[2])
        clip = self.clips.get(order)  # (looked up by `_Sight`)
        kind = self.colours.get(colour)
        if kind is None:
            kind = self.colours[colour] = (
                not _same(colour, _WHITE),
                not any(_same(colour, box) for box in self.box_colours),
            )
        plain = (
            mode not in HIDDEN_MODES
            and order not in self.asked
            and colour[3] > 0
            and kind[0]
            and clip is None
            and (
                (order > self.last_box and kind[1])
                or self.boxes.safe(ref, order, colour)
            )
        )
        style = self.known[address] = (
            mode,
            colour,
            known_turn[0],
            clip,
            order,
            plain,
            known_turn[1],
            size * known_turn[2],
        )
        return style


_BLACK = (0, 0, 0, 255)
_IDENTITY = (1.0, 0.0, 0.0, 1.0)  # a, b, c, d of the identity matrix
_WHITE = (255, 255, 255, 255)


def _upright(angle: float, rotation: int) -> bool:
    """A glyph at ``angle`` (degrees, user space) stands upright on the page as displayed."""
    # /Rotate turns the page clockwise; a glyph turned as much counter-
    # clockwise in user space (angle measured counter-clockwise) stands upright
    turned = (angle - 90 * rotation) % 360
    return min(turned, 360 - turned) < 2


_Box = tuple[int, float, float, float, float, tuple[int, ...]]
"""A filled box: paint index, x0, y0, x1, y1 (user space), fill colour."""


class _Boxes:
    """The page's filled boxes, filed by a grid of cells for a quick look-up.

    A box is filed under every grid cell it touches, in painting order; one
    that touches more than `_MANY_CELLS` (a page background) is kept apart
    and looked at for every glyph, so that filing stays linear.
    """

    def __init__(self, raw: Any, boxes: list[_Box]) -> None:
        self.get_bounds = raw.fast("FPDFPageObj_GetBounds")
        # filed by grid cells on first use (`_filed`): the common case
        # (`safe`, text unlike every box's colour) needs the rows alone
        self._cells: dict[tuple[int, int], list[_Box]] | None = None
        # the paint index of each box of a grid cell, ascending (the boxes
        # come in painting order): those painted after a text object are
        # found by bisection
        self._painted: dict[tuple[int, int], list[int]] = {}
        self.big: list[_Box] = []
        self.colours = {box[5] for box in boxes}
        self.like: dict[tuple[int, ...], bool] = {}  # colour → like a box's
        self.any = bool(boxes)
        # by rows of the grid too: the paint indices and boxes of each row
        # (ascending), and the last paint index of each (`safe`)
        self.rows: dict[int, tuple[list[int], list[tuple[float, ...]]]] = {}
        # of each row looked at, the box round each box and all those painted
        # after it in the row (x0, y0, x1, y1): a text object beside it is
        # beside them all (`safe`, `_unions`)
        self.unions: dict[int, list[tuple[float, ...]]] = {}
        self.row_last: dict[int, int] = {}
        self.small: list[_Box] = []  # the boxes filed by grid cells
        rows, row_last = self.rows, self.row_last
        for box in boxes:
            gx0, gx1 = _floor(box[1] * _PER_X), _floor(box[3] * _PER_X) + 1
            gy0, gy1 = _floor(box[2] * _PER_Y), _floor(box[4] * _PER_Y) + 1
            if (gx1 - gx0) * (gy1 - gy0) > _MANY_CELLS:
                self.big.append(box)
                continue
            self.small.append(box)
            order = box[0]
            span = box[1:5]
            for gy in range(gy0, gy1):
                row = rows.get(gy)
                if row is None:
                    rows[gy] = ([order], [span])
                else:
                    row[0].append(order)
                    row[1].append(span)
                row_last[gy] = order

    def _filed(
        self,
    ) -> tuple[dict[tuple[int, int], list[_Box]], dict[tuple[int, int], list[int]]]:
        """The boxes by grid cell, and their paint indices: filed on first use."""
        if self._cells is None:
            cells: dict[tuple[int, int], list[_Box]] = {}
            painted = self._painted
            for box in self.small:
                order = box[0]
                xs = range(_floor(box[1] * _PER_X), _floor(box[3] * _PER_X) + 1)
                ys = range(_floor(box[2] * _PER_Y), _floor(box[4] * _PER_Y) + 1)
                for gx in xs:
                    for gy in ys:
                        here = cells.get((gx, gy))
                        if here is None:
                            cells[gx, gy] = [box]
                            painted[gx, gy] = [order]
                        else:
                            here.append(box)
                            painted[gx, gy].append(order)
            self._cells = cells
        return self._cells, self._painted

    def safe(self, ref: Any, order: int, colour: tuple[int, ...]) -> bool:
        """No box near the text object is painted over it or in its colour.

        Decided once for the object (``ref``: its `_ref`), from its bounds:
        then none of its glyphs needs a look at the boxes. In a colour unlike
        every box's, only the boxes painted after it can hide it.
        """
        out = _OUT
        left, bottom, right, top = out.bounds_refs
        if not self.get_bounds(ref, left, bottom, right, top):
            return False
        x0, y0, x1, y1 = _FOUR_FLOATS(out.bounds)
        gy0, gy1 = _floor(y0 * _PER_Y), _floor(y1 * _PER_Y) + 1
        # (written so that a NaN is counted, and refused, as before)
        if (
            not (x1 - x0 <= _FEW_CELLS_WIDE and y1 - y0 <= _FEW_CELLS_HIGH)
            and (_floor(x1 * _PER_X) + 1 - _floor(x0 * _PER_X)) * (gy1 - gy0)
            > _MANY_CELLS
        ):
            return False
        like = self.like.get(colour)
        if like is None:
            like = self.like[colour] = any(_same(colour, c) for c in self.colours)
        if not like and not self.big:
            # the common case, by rows of the grid: only a box painted after
            # the text and over it hides it (any such box shares a row and
            # a cell with it: the same boxes as the cells' look finds)
            last = self.row_last
            for gy in range(gy0, gy1):
                latest = last.get(gy)
                if latest is None or latest < order:
                    continue  # no box in this row, or every one painted before
                orders, spans = self.rows[gy]
                start = bisect.bisect_right(orders, order)
                unions = self.unions.get(gy)
                if unions is None:
                    unions = self.unions[gy] = _unions(spans)
                ux0, uy0, ux1, uy1 = unions[start]
                if ux1 <= x0 or ux0 >= x1 or uy1 <= y0 or uy0 >= y1:
                    continue  # beside every box painted after it here
                for at in range(start, len(spans)):
                    bx0, by0, bx1, by1 = spans[at]
                    if not (bx1 <= x0 or bx0 >= x1 or by1 <= y0 or by0 >= y1):
                        return False  # painted after it, over it
            return True
        xs = range(_floor(x0 * _PER_X), _floor(x1 * _PER_X) + 1)
        ys = range(gy0, gy1)
        for painted, bx0, by0, bx1, by1, fill in self.big:
            if bx1 <= x0 or bx0 >= x1 or by1 <= y0 or by0 >= y1:
                continue  # beside the object
            if painted > order or _same(colour, fill):
                return False
        cells, painted_in = self._filed()
        for gx in xs:
            for gy in ys:
                key = (gx, gy)
                here = cells.get(key)
                if here is None:
                    continue
                start = 0
                if not like:
                    orders = painted_in[key]
                    if orders[-1] < order:
                        continue  # every box here painted before the text
                    start = bisect.bisect_right(orders, order)
                for at in range(start, len(here)):
                    painted, bx0, by0, bx1, by1, fill = here[at]
                    if bx1 <= x0 or bx0 >= x1 or by1 <= y0 or by0 >= y1:
                        continue  # beside the object
                    if painted > order or _same(colour, fill):
                        return False
        return True

    def near(
        self, cx: float, cy: float
    ) -> list[tuple[int, float, float, float, float, tuple[int, ...]]]:
        """The boxes that may hold the point, in painting order."""
        here = self._filed()[0].get((_floor(cx * _PER_X), _floor(cy * _PER_Y)), [])
        if not self.big:
            return here
        return sorted(here + self.big)

    def why(
        self,
        order: int,
        colour: tuple[int, ...],
        x0: float,
        y0: float,
        x1: float,
        y1: float,
    ) -> str:
        """``covered`` or ``background`` when the boxes hide a glyph, else ``""``."""
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        under: tuple[int, ...] = (255, 255, 255, 255)  # the paper
        area = max((x1 - x0) * (y1 - y0), 1e-6)
        for painted, bx0, by0, bx1, by1, fill in self.near(cx, cy):
            if painted < order:
                if bx0 <= cx <= bx1 and by0 <= cy <= by1:
                    under = fill  # the last one painted is the one seen
            elif fill[3] == 255:
                w = min(x1, bx1) - max(x0, bx0)
                h = min(y1, by1) - max(y0, by0)
                if w > 0 and h > 0 and w * h >= 0.5 * area:
                    return "covered"
        return "background" if _same(colour, under) else ""


def _unions(spans: list[tuple[float, ...]]) -> list[tuple[float, ...]]:
    """The box round each of ``spans`` (x0, y0, x1, y1) and all those after it."""
    unions: list[tuple[float, ...]] = []
    ux0, uy0, ux1, uy1 = spans[-1]
    for bx0, by0, bx1, by1 in reversed(spans):
        if bx0 < ux0:
            ux0 = bx0
        if by0 < uy0:
            uy0 = by0
        if bx1 > ux1:
            ux1 = bx1
        if by1 > uy1:
            uy1 = by1
        unions.append((ux0, uy0, ux1, uy1))
    unions.reverse()
    return unions


_CELL_X, _CELL_Y = 32.0, 16.0  # pt: the look-up grid of `_Boxes`
# a coordinate's grid cell is floor(x * 1/32): exact, as x // 32 (powers of
# two), without the slower float floor division and int()
_PER_X, _PER_Y = 1 / _CELL_X, 1 / _CELL_Y
_floor = math.floor
_MANY_CELLS = 400
# an object at most this wide and high touches at most 12 × 12 grid cells,
# fewer than `_MANY_CELLS`: its cells need not be counted (nearly every glyph)
_FEW_CELLS_WIDE, _FEW_CELLS_HIGH = 10 * _CELL_X, 10 * _CELL_Y


def _redrawn(
    raw: Any,
    walked: _Page,
    boxes: _Boxes,
    drawn: dict[int, list[tuple[float, float, float, float]]],
    order: int,
    cx: float,
    cy: float,
    sight: _Sight,
) -> bool:
    """A covered glyph is drawn again on top, at its place, in sight.

    PDFium keeps one of two identical glyphs drawn at one place (its own
    fake-bold merge): the old figure under a box and the same digit of the
    corrected figure on top are one character to it, the one underneath. So a
    text object painted later, in sight, whose box holds the covered glyph's
    centre but none of whose own characters are there, drew that same glyph
    there: it shows after all. A different glyph there (``7`` over ``5``) is
    a character of its own, and the old one stays hidden.
    """
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for painted, obj in walked.texts:
        if painted <= order or sight.why(
            painted, cx - 0.5, cy - 0.5, cx + 0.5, cy + 0.5
        ):
            continue
        if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        if not (left.value <= cx <= right.value and bottom.value <= cy <= top.value):
            continue
        if raw.FPDFTextObj_GetTextRenderMode(obj) in HIDDEN_MODES:
            continue
        if (
            boxes.why(painted, (0, 0, 0, 255), cx - 0.5, cy - 0.5, cx + 0.5, cy + 0.5)
            == "covered"
        ):
            continue
        if not any(
            x0 <= cx <= x1 and y0 <= cy <= y1
            for x0, y0, x1, y1 in drawn.get(painted, ())
        ):
            return True
    return False


def _why_hidden(
    style: tuple[Any, ...],
    boxes: _Boxes,
    crop: tuple[float, float, float, float],
    x0: float,
    y0: float,
    x1: float,
    y1: float,
    sight: _Sight,
) -> str:
    """Why a character cannot be seen, or ``""``."""
    mode, colour, _angle, clip, order = style[:5]
    if mode in HIDDEN_MODES:
        return "invisible"
    if colour[3] == 0:
        return "transparent"
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    if not (crop[0] <= cx <= crop[2] and crop[1] <= cy <= crop[3]):
        return "outside"
    if clip is not None and not (clip[0] <= cx <= clip[2] and clip[1] <= cy <= clip[3]):
        return "clipped"
    return boxes.why(order, colour, x0, y0, x1, y1) or sight.why(order, x0, y0, x1, y1)


class _Raw:
    """``pypdfium2.raw`` with PDFium's handles as plain integers (faster calls).

    Each function is declared again at the same address, every pointer to an
    opaque PDFium type (document, page, object, text page…) taken and given
    as ``c_void_p``: ctypes then makes no pointer object for each handle, a
    third of the cost of a call. Structures and out-parameters keep their
    types. Other names (constants, structures) are ``pypdfium2.raw``'s.

    The functions are called holding the GIL (``PYFUNCTYPE``): the worker
    has one thread, and PDFium calls no Python back, so releasing and taking
    it again around each call (tens of thousands a document) would be wasted.
    """

    def __init__(self, raw: Any) -> None:
        self._raw = raw
        self._fast: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._raw, name)
        argtypes = getattr(value, "argtypes", None)
        if argtypes is not None:
            address = ctypes.cast(value, ctypes.c_void_p).value or 0
            prototype = ctypes.PYFUNCTYPE(
                _handle(value.restype), *(_handle(t) for t in argtypes)
            )
            value = prototype(address)
        setattr(self, name, value)
        return value

    def fast(self, name: str) -> Any:
        """``name`` declared with no argument types: for the calls made per glyph.

        Undeclared, ctypes passes a ``byref`` and a small ``int`` as they are
        instead of converting each argument through its declared type, about
        half the cost of a call. So the callers give every pointer (handle or
        out-parameter) as a ``byref`` made once (`_ref`, `_OUT`) and every
        other argument as an ``int``: only the functions of `_FAST`, whose
        other parameters are C ``int`` s, are called so.
        """
        restype = _FAST[name]
        value = self._fast.get(name)
        if value is None:
            original = getattr(self._raw, name)
            address = ctypes.cast(original, ctypes.c_void_p).value or 0
            if restype is ctypes.c_int:
                # no result type at all: ctypes then gives the C ``int`` as a
                # Python int straight away, without the look-ups a declared
                # type costs on each return (a fifth of a call)
                value = _IntFunction(address)
            else:
                value = ctypes.PYFUNCTYPE(restype)(address)
                value.argtypes = None  # type: ignore[assignment]
                value.restype = restype
            self._fast[name] = value
        return value


class _IntFunction(ctypes._CFuncPtr):  # type: ignore[name-defined,misc]
    """A C function returning ``int``, called holding the GIL, its types undeclared.

    With no ``_restype_`` a ctypes function returns the C ``int`` itself.
    """

    _flags_ = ctypes._FUNCFLAG_CDECL | ctypes._FUNCFLAG_PYTHONAPI  # type: ignore[attr-defined]


_FAST = {
    "FPDFText_GetLooseCharBox": ctypes.c_int,  # (text page, int, FS_RECTF*)
    "FPDFText_GetTextObject": ctypes.c_void_p,  # (text page, int)
    "FPDFText_GetCharBox": ctypes.c_int,  # (text page, int, 4 × double*)
    "FPDFText_HasUnicodeMapError": ctypes.c_int,  # (text page, int)
    "FPDFTextObj_GetTextRenderMode": ctypes.c_int,  # (object)
    "FPDFTextObj_GetFontSize": ctypes.c_int,  # (object, float*)
    "FPDFPageObj_GetFillColor": ctypes.c_int,  # (object, 4 × unsigned int*)
    "FPDFPageObj_GetStrokeColor": ctypes.c_int,  # (object, 4 × unsigned int*)
    "FPDFPageObj_GetMatrix": ctypes.c_int,  # (object, FS_MATRIX*)
    "FPDFPageObj_GetClipPath": ctypes.c_void_p,  # (object)
    "FPDFClipPath_CountPathSegments": ctypes.c_int,  # (clip path, int)
    "FPDFClipPath_CountPaths": ctypes.c_int,  # (clip path)
    "FPDFPageObj_GetBounds": ctypes.c_int,  # (object, 4 × float*)
    "FPDFPage_GetObject": ctypes.c_void_p,  # (page, int)
    "FPDFPageObj_GetType": ctypes.c_int,  # (object)
    "FPDFPath_GetDrawMode": ctypes.c_int,  # (object, int*, int*)
    "FPDFPath_CountSegments": ctypes.c_int,  # (object)
    "FPDFPath_GetPathSegment": ctypes.c_void_p,  # (object, int)
    "FPDFPathSegment_GetPoint": ctypes.c_int,  # (segment, float*, float*)
    "FPDFPageObj_CountMarks": ctypes.c_int,  # (object)
    "FPDFPageObj_HasTransparency": ctypes.c_int,  # (object)
}
"""The functions called through `_Raw.fast`, with their result types."""


def _ref(handle: int | None) -> Any:
    """A PDFium handle (or None) as an argument of a `_Raw.fast` function.

    A ``byref`` at offset ``handle`` from address 0: the pointer ``handle``
    itself, made in one call (`_NOWHERE` is never read).
    """
    return ctypes.byref(_NOWHERE, handle or 0)


_NOWHERE = ctypes.c_char.from_address(0)


class _Out:
    """The out-parameters of the `_Raw.fast` calls, made once (one thread)."""

    def __init__(self) -> None:
        self.rect = _FS_RECTF()
        self.rect_ref = ctypes.byref(self.rect)
        self.matrix = _FS_MATRIX()
        self.matrix_ref = ctypes.byref(self.matrix)
        self.rgba = (ctypes.c_uint * 4)()
        self.rgba_refs = tuple(ctypes.byref(self.rgba, 4 * i) for i in range(4))
        self.size = ctypes.c_float()
        self.size_ref = ctypes.byref(self.size)
        self.bounds = (ctypes.c_float * 4)()
        self.bounds_refs = tuple(ctypes.byref(self.bounds, 4 * i) for i in range(4))
        self.point = (ctypes.c_float * 2)()
        self.point_refs = tuple(ctypes.byref(self.point, 4 * i) for i in range(2))
        self.modes = (ctypes.c_int * 2)()  # fill mode, stroke (a path's)
        self.modes_refs = tuple(ctypes.byref(self.modes, 4 * i) for i in range(2))
        self.ink = (ctypes.c_double * 4)()  # left, right, bottom, top
        self.ink_refs = tuple(ctypes.byref(self.ink, 8 * i) for i in range(4))
        # a text object's font size, colour and matrix side by side (`_Page._text`):
        # the bytes of all but the matrix's last two numbers (where it sits)
        # in one read (`state_key.raw`)
        self.state = (ctypes.c_char * 44)()
        self.state_key = (ctypes.c_char * 36).from_buffer(self.state)
        self.state_size_ref = ctypes.byref(self.state)
        self.state_rgba_refs = tuple(
            ctypes.byref(self.state, 4 + 4 * i) for i in range(4)
        )
        self.state_matrix_ref = ctypes.byref(self.state, 20)


class _FS_RECTF(ctypes.Structure):
    _fields_ = [(name, ctypes.c_float) for name in ("left", "top", "right", "bottom")]


class _FS_MATRIX(ctypes.Structure):
    _fields_ = [(name, ctypes.c_float) for name in "abcdef"]


_OUT = _Out()
_STATE = struct.Struct("f4I4f").unpack
"""`_Out.state_key`: font size, colour (r, g, b, a), matrix (a, b, c, d)."""
_PUT_SIZE = struct.Struct("f").pack_into
_PUT_COLOUR = struct.Struct("4I").pack_into
_PUT_TURN = struct.Struct("4f").pack_into
_FOUR_FLOATS = struct.Struct("4f").unpack_from
_TWO_FLOATS = struct.Struct("2f").unpack_from
_FOUR_UINTS = struct.Struct("4I").unpack_from
_TWO_INTS = struct.Struct("2i").unpack_from
_FOUR_BITS = struct.Struct("4I").unpack_from  # four floats' bits


def _handle(kind: Any) -> Any:
    if kind is not None and getattr(kind, "__name__", "").startswith("LP_struct_fpdf"):
        return ctypes.c_void_p
    return kind


_RAW: list[_Raw] = []  # made once in the server, before the children fork


def _engine() -> _Raw:
    if not _RAW:
        import pypdfium2.raw  # type: ignore[import-untyped]

        _RAW.append(_Raw(pypdfium2.raw))
        _RAW[0].FPDF_InitLibrary()
    return _RAW[0]


def extract(
    data: bytes | ctypes.Array[ctypes.c_char],
    options: dict[str, Any],
    send: Callable[[dict[str, Any]], None],
) -> bool:
    """Open ``data`` with PDFium and send its pages one message each.

    True when the document was read to its end (its ``end`` sent), False
    when it was refused (encrypted, broken, beyond a limit).
    """
    raw = _engine()
    before = resource.getrusage(resource.RUSAGE_SELF)
    if isinstance(data, ctypes.Array):
        buffer = data  # read from the job pipe straight into C memory
    else:
        buffer = ctypes.create_string_buffer(data, len(data))
    doc = raw.FPDF_LoadMemDocument64(buffer, len(buffer), None)
    if not doc:
        error = raw.FPDF_GetLastError()
        send(
            {
                "t": "encrypted" if error == raw.FPDF_ERR_PASSWORD else "broken",
                "code": error,
            }
        )
        return False
    try:
        pages = raw.FPDF_GetPageCount(doc)
        send({"t": "open", "pages": pages})
        if pages > options["max_pdf_pages"]:
            return False
        for number in range(pages):
            try:
                page = read_page(raw, doc, number, options["max_pdf_objects_per_page"])
                send({**page, "number": number})
            except _Refused as refused:
                send({**refused.message, "page": number + 1})
                return False
    finally:
        raw.FPDF_CloseDocument(doc)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - before.ru_utime - before.ru_stime
    send({"t": "end", "cpu": cpu})
    return True


def wire(message: dict[str, Any]) -> bytes:
    """A message as the child sends it: a JSON line, then a page's boxes as doubles.

    A page's ``boxes`` (four numbers a character seen, the bulk of a page)
    are sent as ``array("d")`` bytes in this machine's byte order, the
    parent's too, and the JSON line says how many bytes follow
    (``box_bytes``): no number is written out as text or parsed back.
    """
    if message.get("t") != "page":
        return json.dumps(message, ensure_ascii=False).encode() + b"\n"
    head = dict(message)
    boxes = array.array("d", head.pop("boxes")).tobytes()
    head["box_bytes"] = len(boxes)
    return json.dumps(head, ensure_ascii=False).encode() + b"\n" + boxes


def _header(stream: Any) -> dict[str, Any] | None:
    """The next job's JSON header line, or None when the stream has ended."""
    line = stream.readline()
    return json.loads(line) if line else None


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _trim() -> None:
    """Give the server's freed heap back to the system (glibc), if it can.

    A child's limit is its address space at the fork plus the allowance:
    freed memory still mapped in the server (the last job's bytes) would be
    room the child could use beyond it.
    """
    with contextlib.suppress(OSError, AttributeError):  # not glibc
        ctypes.CDLL(None).malloc_trim(0)


MOST_DOCUMENTS = 64
"""Documents one child reads before it is replaced by a fresh one."""
GROWTH = 16
"""A child reads another document while its address space (trimmed after
each) is within 1/16 of its allowance of what it was at the fork: the next
document has at least 15/16 of the allowance to itself."""


class _Child:
    """A forked child that reads documents one after the other (server side).

    A fresh child is forked for the first document and whenever the last
    one ended (beyond a limit, killed, refused a document, aged), or a job
    asks for another memory allowance or for a fresh child (the caller
    killed the last one). The job travels to it through a pipe; it answers
    on another, once the document is read, with one byte: ``1`` it waits
    for the next, ``0`` it ends; nothing (the pipe closed) if it died.
    """

    def __init__(self, memory: int) -> None:
        self.memory = memory
        jobs_r, jobs_w = os.pipe()
        done_r, done_w = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: reads documents until it ends
            os.close(jobs_w)
            os.close(done_r)
            _child(jobs_r, done_w, memory)  # never returns
        os.close(jobs_r)
        os.close(done_w)
        self.jobs = jobs_w
        self.done = done_r

    def read(self, header: dict[str, Any], stream: Any) -> int | None:
        """Pass one job on, and wait for it: the child's wait status if it ended."""
        size = header["size"]
        try:
            _write_all(self.jobs, json.dumps(header).encode() + b"\n")
            while size > 0:
                chunk = stream.read(min(size, _CHUNK))
                if not chunk:
                    break
                size -= len(chunk)
                _write_all(self.jobs, chunk)
        except OSError:  # it died (killed): its status below
            pass
        while size > 0:  # the rest of the job, so the next one starts in step
            chunk = stream.read(min(size, _CHUNK))
            if not chunk:
                break
            size -= len(chunk)
        try:
            answer = os.read(self.done, 1)
        except OSError:
            answer = b""
        return None if answer == b"1" else self.end()

    def end(self, kill: bool = False) -> int:
        """Close the pipes and reap the child (killed first if ``kill``)."""
        for fd in (self.jobs, self.done):
            with contextlib.suppress(OSError):
                os.close(fd)
        if kill:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
        _pid, status = os.waitpid(self.pid, 0)
        return status


_CHUNK = 1 << 20


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _read_exactly(stream: Any, size: int) -> ctypes.Array[ctypes.c_char] | None:
    """``size`` bytes of ``stream`` in a C buffer (PDFium reads it there), or None."""
    buffer = (ctypes.c_char * size)()
    view = memoryview(buffer).cast("B")
    got = 0
    while got < size:
        count = stream.readinto(view[got:])
        if not count:
            return None
        got += count
    return buffer


def _child(jobs: int, done: int, memory: int) -> None:
    """A child's life: bounded, it reads the documents sent to it, then exits."""
    gc.disable()  # its few cycles end with it (it reads `MOST_DOCUMENTS` at most)
    try:
        # its stdin is its job pipe: the server's (the caller's jobs) it
        # never holds
        os.dup2(jobs, 0)
        os.close(jobs)
        base = _address_space()
        limit = base + memory
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        stdout = sys.stdout.buffer

        def send(message: dict[str, Any]) -> None:
            stdout.write(wire(message))
            stdout.flush()

        with open(0, "rb", closefd=False) as stream:
            for count in range(1, MOST_DOCUMENTS + 1):
                header = _header(stream)
                if header is None:
                    break
                data = _read_exactly(stream, header["size"])
                if data is None:
                    break
                send({"t": "child", "pid": os.getpid()})
                clean = extract(data, header, send)
                stdout.flush()
                del data
                # the freed heap is kept (no `_trim`): the next document reuses
                # its pages without faulting them in again; what counts is the
                # address space, checked here
                again = (
                    clean
                    and count < MOST_DOCUMENTS
                    and _address_space() <= base + memory // GROWTH
                )
                os.write(done, b"1" if again else b"0")
                if not again:
                    break
        os._exit(0)
    except MemoryError:
        os._exit(3)
    except BaseException:
        os._exit(4)


def serve() -> None:
    """Serve jobs from stdin until it closes, in a forked child (`_Child`)."""
    raw = _engine()  # PDFium loaded once, before the children fork
    with open(__file__, encoding="utf-8") as source:
        # every function this module calls, declared before the children fork
        for name in sorted(set(re.findall(r"raw\.(FPDF\w+)", source.read()))):
            getattr(raw, name)
        for name in _FAST:
            raw.fast(name)
    stdin = sys.stdin.buffer
    stdout = sys.stdout.buffer
    child: _Child | None = None
    try:
        while True:
            header = _header(stdin)
            if header is None:
                return
            if child is not None and (
                header.get("fresh") or child.memory != header["memory"]
            ):
                child.end(kill=True)
                child = None
            if child is None:
                _trim()
                # what the server holds is left out of the children's garbage
                # collection: collecting it would touch, and so copy, every
                # page the two share
                gc.collect()
                gc.freeze()
                stdout.flush()
                child = _Child(header["memory"])
            status = child.read(header, stdin)
            if status is not None:
                child = None
            message = {"t": "exit", "status": status or 0, "warm": status is None}
            stdout.write(json.dumps(message).encode() + b"\n")
            stdout.flush()
    finally:
        if child is not None:
            child.end(kill=True)


if __name__ == "__main__":
    serve()
