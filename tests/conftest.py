"""Test-wide setup: offscreen Qt, private settings and data folders, Hypothesis profiles."""

import os
import sys
from pathlib import Path

# Before anything imports Qt or sounddevice.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=150)
settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=300,
    derandomize=True)
# Long fuzzing runs (scripts/fuzz_archives.py, or pytest --hypothesis-profile=deep).
settings.register_profile(
    "deep", deadline=None, suppress_health_check=[HealthCheck.too_slow],
    max_examples=int(os.environ.get("EXPORT_VIEWER_FUZZ_EXAMPLES", "5000")))
settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture(autouse=True)
def _private_user_folders(tmp_path_factory: pytest.TempPathFactory,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never touch the user's real settings or data."""
    home = tmp_path_factory.mktemp("xdg")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
