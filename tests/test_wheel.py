"""A built wheel carries every file the app loads at run time, and nothing of the docs.

Only an editable install used to work: the model, translations, demo and schema lay outside
the package. scripts/check-wheel (run by .ci/run) goes further: it installs the wheel into a
fresh virtual environment and runs every command on the demo from another folder.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from viewer import __version__
from viewer.resources import DEMO_EXPORT, DEMO_PROFILE, ICON, REPORT_SCHEMA, TRANSLATIONS
from viewer.voice.cohort import COHORT_PATH
from viewer.voice.encoder import WEIGHTS_PATH

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Built from a copy: an in-tree build would leave build/ behind, whose stale files a
    # later build would pack, and other runs in the same tree would share it.
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "viewer", source / "viewer",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
         "--disable-pip-version-check", "-w", str(work / "dist"), str(source)],
        capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    [built] = (work / "dist").glob("*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_holds_what_the_app_loads(wheel: Path) -> None:
    assert wheel.name == f"export_viewer-{__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = archive.read(f"export_viewer-{__version__}.dist-info/entry_points.txt")
    loaded = [WEIGHTS_PATH, COHORT_PATH, TRANSLATIONS / "export_viewer_de.qm", DEMO_EXPORT,
              DEMO_PROFILE, DEMO_EXPORT.parent / "demo-truth.json", REPORT_SCHEMA, ICON,
              WEIGHTS_PATH.parent / "LICENSE-resemblyzer",
              REPORT_SCHEMA.parent / "cases" / "authorities.json"]
    missing = [str(path.relative_to(ROOT)) for path in loaded
               if path.relative_to(ROOT).as_posix() not in names]
    assert missing == []
    assert "viewer/resources/__init__.py" in names and "viewer/cli.py" in names
    assert b"export-viewer = viewer.cli:main" in entry_points
    # Every Python module of the package is in it (a subpackage without __init__.py, say).
    modules = {path.relative_to(ROOT).as_posix() for path in (ROOT / "viewer").rglob("*.py")}
    assert modules - names == set()


@pytest.mark.slow
def test_the_wheel_leaves_out_docs_and_sources(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert not [name for name in names if "screenshots" in name or name.endswith(".png")]
    assert not [name for name in names if name.endswith(".ts")]  # the catalogue's source
    assert not [name for name in names if name.startswith(("tests/", "scripts/", "resources/"))]
    assert wheel.stat().st_size < 20_000_000  # 12 MB today: the demo (6.4) and model (5.7)
