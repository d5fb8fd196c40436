"""The copied samples and spec are the files as found, byte for byte.

``tests/data/samples`` and ``tests/data/spec`` are copies of published reports
and of the format spec; ``SHA256SUMS`` beside them records each file as it was
copied. A sample "cleaned" by hand would no longer test what real reports are.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from helpers import SAMPLES, SPEC_FILE


def _recorded(folder: Path) -> dict[str, str]:
    sums = {}
    for line in (folder / "SHA256SUMS").read_text("utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        sums[name] = digest
    return sums


@pytest.mark.parametrize("folder", [SAMPLES, SPEC_FILE.parent], ids=["samples", "spec"])
def test_every_copied_file_is_as_recorded(folder: Path) -> None:
    recorded = _recorded(folder)
    present = {
        p.name for p in folder.iterdir() if p.name not in {"README.md", "SHA256SUMS"}
    }
    assert present == set(recorded), "a file was added or removed without its sum"
    for name, digest in recorded.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
