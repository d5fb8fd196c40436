"""Code generated from the format table, compiled so that tracebacks show it.

The JSON writer and the JSON decoder each turn a table's key tree into
straight-line Python once, at import (as cattrs generates its hooks). Compiled
from a string, such code has no file: a traceback or ``pdb`` would show
``<string>`` and no line. `compile_generated` registers the source in
`linecache` under a unique, descriptive filename first, as attrs does
(``attr/_make.py`` ``_linecache_and_compile``), so every frame shows its line.
"""

from __future__ import annotations

import linecache
from typing import Any


def compile_generated(
    source: str, name: str, namespace: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Run ``source`` (module-level statements) and return the names it defines.

    Args:
        source: the generated code.
        name: what it is, e.g. ``read requests 2021``; the filename becomes
            ``<govinfo_report generated read requests 2021>`` (``-2``, ``-3``…
            appended when another source already has that name).
        namespace: the globals the code sees (a new empty one when None).

    >>> made = compile_generated("def twice(x):\\n    return 2 * x\\n", "doctest twice")
    >>> made["twice"](21), made["twice"].__code__.co_filename
    (42, '<govinfo_report generated doctest twice>')
    """
    lines = source.splitlines(keepends=True)
    base = f"<govinfo_report generated {name}"
    filename, count = base + ">", 1
    while True:
        entry = (len(source), None, lines, filename)
        # setdefault: a source already registered under the name is kept, and
        # the same source compiled twice (a module reloaded) shares its entry.
        if linecache.cache.setdefault(filename, entry) == entry:
            break
        count += 1
        filename = f"{base}-{count}>"
    scope: dict[str, Any] = {} if namespace is None else namespace
    exec(compile(source, filename, "exec"), scope)
    return scope
