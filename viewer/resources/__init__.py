"""Where the bundled resources live (the demo export, model weights, translations)."""

from __future__ import annotations

from pathlib import Path

#: ``resources/`` beside the package, as in a checkout or an editable install.
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
DEMO_EXPORT = RESOURCES / "demo" / "amazon-demo-export.zip"
DEMO_PROFILE = RESOURCES / "demo" / "demo-profile.json"


def demo_export() -> Path:
    """The bundled demo export; FileNotFoundError says how to regenerate it."""
    if not DEMO_EXPORT.is_file():
        raise FileNotFoundError(
            f"the demo export is missing at {DEMO_EXPORT}; regenerate it with "
            "`.venv/bin/python scripts/make_demo_export.py`")
    return DEMO_EXPORT
