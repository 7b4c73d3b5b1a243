"""The files the app ships inside its package: the demo export, the voice model and cohort,
translations, the report schema and the icon.

They live in this package's folder (``viewer/resources/``), so a wheel, an editable install
and a PyInstaller bundle all carry them; ``importlib.resources`` finds the folder wherever
the package was installed. ``pyproject.toml`` lists which of them go into the wheel.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _package_folder() -> Path:
    """This package's folder on disk.

    The app hands these files to numpy, Qt and the archive reader by path, so they must be
    real files: true for every way the app is installed (a wheel, editable, a bundle), not
    for a package imported from inside a ZIP, which is refused with a message.
    """
    folder = resources.files(__name__)
    if not isinstance(folder, Path):
        raise RuntimeError(
            f"Export Viewer's resources are not files on disk ({folder!r}); install the "
            "wheel with pip instead of importing the package from an archive")
    return folder


#: ``viewer/resources/`` wherever the package is installed.
RESOURCES = _package_folder()
DEMO_EXPORT = RESOURCES / "demo" / "amazon-demo-export.zip"
DEMO_PROFILE = RESOURCES / "demo" / "demo-profile.json"
TRANSLATIONS = RESOURCES / "translations"
REPORT_SCHEMA = RESOURCES / "report-schema.json"
ICON = RESOURCES / "icons" / "export-viewer.svg"


def demo_export() -> Path:
    """The bundled demo export; FileNotFoundError says how to regenerate it."""
    if not DEMO_EXPORT.is_file():
        raise FileNotFoundError(
            f"the demo export is missing at {DEMO_EXPORT}; regenerate it with "
            "`.venv/bin/python scripts/make_demo_export.py`")
    return DEMO_EXPORT
