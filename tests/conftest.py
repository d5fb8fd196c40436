"""Shared fixtures and hypothesis profiles.

Profiles: ``ci`` (default, fast; derandomized when ``CI`` is set), ``long``
(release fuzzing; select with ``HYPOTHESIS_PROFILE=long``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

sys.path.insert(0, str(Path(__file__).parent))

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    # On the CI machine (CI=true) the same inputs every run, so that a landing
    # is not failed by whatever new input chance draws that day; on developers'
    # machines and in the long profile, new inputs every run.
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long",
    max_examples=100_000,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

from helpers import SAMPLES  # noqa: E402  (after sys.path has the tests folder)


@pytest.fixture(scope="session")
def samples() -> Path:
    """The folder of real published reports (``tests/data/samples``)."""
    assert SAMPLES.is_dir(), f"samples folder not found: {SAMPLES}"
    return SAMPLES
