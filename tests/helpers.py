"""Helpers the tests share: where the test data lives, and small tools.

Every file a test reads is in the repository, under ``tests/data``: the real
published reports in ``tests/data/samples`` (copied with their provenance
note) and the format spec in ``tests/data/spec``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
"""The test data folder, ``tests/data``."""

SAMPLES = DATA / "samples"
"""Real published reports, exactly as found (see its README.md)."""

SPEC_FILE = DATA / "spec" / "format-2021.md"
"""The format spec, the contract ``_format.py`` is tested against."""


HANG_GUARD = 120.0
"""Seconds after which a call counts as hung (a hang guard, not a speed test)."""


def outcome(call: Callable[[], Any]) -> Any:
    """The result of ``call`` or the exception it raised; fails on a hang."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["result"] = call()
        except BaseException as error:
            box["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG_GUARD)
    assert not thread.is_alive(), f"no answer within {HANG_GUARD} s: a hang"
    return box.get("error", box.get("result"))


def refused(call: Callable[[], Any], kind: type[BaseException]) -> Any:
    """The library error ``call`` raises (of ``kind``), never anything else."""
    error = outcome(call)
    assert isinstance(error, kind), f"expected {kind.__name__}, got {error!r}"
    return error
