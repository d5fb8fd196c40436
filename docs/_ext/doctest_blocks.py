"""A griffe extension for the docs site: docstring doctests shown as code.

The docstrings carry doctest examples (``>>>`` lines and their output), which
pytest runs. In Markdown those lines would be ordinary text, and output such
as ``x["a"]["b"]`` would be taken for a reference link; this wraps every run
of doctest lines (up to the next blank line) in a ``pycon`` code fence.
"""

from __future__ import annotations

from typing import Any

import griffe


def fence_doctests(text: str) -> str:
    r"""``text`` with each doctest block inside a fenced code block.

    >>> fence_doctests('Intro.\n\n>>> 1 + 1\n2\n\nEnd.').split("\n")
    ['Intro.', '', '```pycon', '>>> 1 + 1', '2', '```', '', 'End.']
    """
    out: list[str] = []
    in_block = False
    for line in text.split("\n"):
        stripped = line.strip()
        if not in_block and stripped.startswith(">>>"):
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}```pycon")
            in_block = True
        elif in_block and not stripped:
            out.append(f"{indent}```")
            in_block = False
        out.append(line)
    if in_block:
        out.append(f"{indent}```")
    return "\n".join(out)


class DoctestBlocks(griffe.Extension):
    """Fence the doctests of every docstring griffe loads."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Rewrite ``obj``'s docstring, once, when it has doctest lines."""
        docstring = obj.docstring
        if (
            docstring is not None
            and ">>>" in docstring.value
            and "```pycon" not in docstring.value
        ):
            docstring.value = fence_doctests(docstring.value)
