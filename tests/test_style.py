"""ruff, mypy and the size of modules are part of the test run, so CI fails on the same things
a reviewer would."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.fail("ruff is not installed: pip install -e '.[test]'")
    done = subprocess.run([ruff, "check", "viewer", "tests", "scripts", "benchmarks"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


#: A module longer than this says why at its top (in its first 40 lines).
LONG_MODULE_LINES = 600
LONG_MODULE_REASON = "Over 600 lines"


def test_long_modules_say_why_they_are_long() -> None:
    unexplained = []
    for folder in ("viewer", "scripts", "benchmarks"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            lines = path.read_text(encoding="utf-8").splitlines()
            if len(lines) > LONG_MODULE_LINES and not any(
                    LONG_MODULE_REASON in line for line in lines[:40]):
                unexplained.append(f"{path.relative_to(ROOT)} ({len(lines)} lines)")
    assert unexplained == [], "split these, or say at their top why they are long"


def test_mypy_is_clean() -> None:
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
