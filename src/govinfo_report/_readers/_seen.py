"""The state an HTML element's text is seen in (`Seen`): inherited from its
ancestors, it says whether the text is on the screen (`Seen.shown`), or is
painted but cannot be read (`Seen.faint`). `_visibility` works it out.
"""

from __future__ import annotations

from typing import NamedTuple

from govinfo_report._ooxml import faint
from govinfo_report._readers._css_colours import RGB, RGBA
from govinfo_report._readers._css_effects import Effect, painted

_SMALLEST = 1.0  # px: a font this small (or smaller) shows no digit
_LEGIBLE = 4.0  # px: a digit smaller than this is a speck (`Seen.faint`)
_ALIKE = 8  # per RGB channel: colours this close look the same on a screen

BLACK: RGB = (0, 0, 0)
_WHITE: RGB = (255, 255, 255)


class Seen(NamedTuple):
    """The inherited state that decides whether text is shown.

    Attributes:
        visible: ``visibility`` is not hidden (a child can set it back).
        size: the font size in px (16 unless set; ``em`` and ``%`` multiply).
        mark: what a mark is (``上标``, ``下标``, ``注音``…) inside one, else ``""``.
        ink: the text colour (RGB; black unless set).
        ink_alpha: the text colour's alpha (0 transparent … 1).
        paper: the background colour under the text (RGB; the white page
            unless an element sets one).
        fade: the product of the opacities of the element and its ancestors.
        scale: the product of their ``transform`` scales (text shrinks with it).
        fill: ``-webkit-text-fill-color``, which paints the glyphs instead of
            ``color`` when set.
        shadow: a ``text-shadow`` colour (the glyphs' shadow shows them too).
        turn: ``rtl`` when this element opens a bidi override that shows its
            text reversed, ``ltr`` when it opens one (or an isolate) keeping
            the order; ``""`` when it opens none (not inherited).
        rtl: the inherited direction is right to left (``dir``, ``direction``).
        effects: the ``filter`` and ``mix-blend-mode`` effects the text is
            painted through (`_css_effects`), outermost first.
        paper_depth: how many of them lie outside the background (``paper``):
            those change its colour too.
        doubt: a style deciding what is shown that this reader cannot work
            out (``calc(100% - 1em)``, ``color-mix(in oklab…)``); ``""`` when none.
        root: the font size of the ``<html>`` element, in px (``rem``'s unit).
    """

    visible: bool = True
    size: float = 16.0
    mark: str = ""
    ink: RGB = BLACK
    ink_alpha: float = 1.0
    paper: RGB = _WHITE
    fade: float = 1.0
    scale: float = 1.0
    fill: RGBA | None = None
    shadow: RGBA | None = None
    turn: str = ""
    rtl: bool = False
    effects: tuple[Effect, ...] = ()
    paper_depth: int = 0
    doubt: str = ""
    root: float = 16.0

    @property
    def shown(self) -> bool:
        """True when text in this state is on the screen."""
        if self is SHOWN:
            return True  # the page's own state (asked for every text)
        if not self.visible or self.size * self.scale <= _SMALLEST:
            return False
        ink, paper, shadow = self._colours()
        return _contrast(ink, paper, self.fade) or (
            shadow is not None and _contrast(shadow, paper, self.fade)
        )

    @property
    def faint(self) -> bool:
        """True when text in this state is painted (`shown`) but cannot be
        read: in a colour too close to what lies under it (``#f0f0f0`` on
        white), or a few pixels high (a speck, not a digit)."""
        if self is not SHOWN and self.size * self.scale < _LEGIBLE:
            return True
        if self is SHOWN or (
            self.ink == BLACK
            and self.ink_alpha == self.fade == 1.0
            and self.paper == _WHITE
            and self.fill is None
            and not self.effects
        ):
            return False  # (the common case, asked for every text)
        ink, paper, shadow = self._colours()
        if shadow is not None and _contrast(shadow, paper, self.fade):
            return False
        weight = ink[3] * self.fade
        seen = tuple(round(ink[i] * weight + paper[i] * (1 - weight)) for i in range(3))
        return faint((seen[0], seen[1], seen[2]), paper)

    def _colours(self) -> tuple[RGBA, RGB, RGBA | None]:
        """The text's colour, the colour under it and its shadow's, as the
        screen shows them (through filters and blend modes)."""
        ink: RGBA = (*self.ink, self.ink_alpha) if self.fill is None else self.fill
        paper, shadow = self.paper, self.shadow
        if self.effects:
            ink = (*painted(ink[:3], self.effects), ink[3])
            paper = painted(paper, self.effects[: self.paper_depth])
            if shadow is not None:
                shadow = (*painted(shadow[:3], self.effects), shadow[3])
        return ink, paper, shadow


SHOWN = Seen()
"""The state of a page's root: everything shown."""


def _contrast(ink: RGBA, paper: RGB, fade: float) -> bool:
    """True when ``ink`` (with its alpha, faded by ``fade``) differs from
    ``paper`` by more than `_ALIKE` in some channel."""
    weight = ink[3] * fade
    return any(abs(ink[i] - paper[i]) * weight > _ALIKE for i in range(3))
