"""Start the desktop app: one QApplication, palette, translations, the main window."""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from viewer import APP_NAME, __version__
from viewer.resources import RESOURCES, demo_export
from viewer.ui import settings

log = logging.getLogger("viewer.ui")

TRANSLATIONS = RESOURCES / "translations"


def dark_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2d30", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1f22", QPalette.ColorRole.AlternateBase: "#26282b",
        QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#34363a",
        QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.Highlight: "#3d7bd9",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#3c3f41",
        QPalette.ColorRole.ToolTipText: "#e6e6e6", QPalette.ColorRole.PlaceholderText: "#8c8c8c",
        QPalette.ColorRole.Mid: "#55585c", QPalette.ColorRole.Link: "#6ea8ff",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette


def apply_colour_scheme(app: QApplication) -> None:
    """Follow the system's light or dark preference (and its changes while running)."""
    forced = os.environ.get("EXPORT_VIEWER_THEME", "").lower()
    scheme = app.styleHints().colorScheme()
    dark = forced == "dark" or (forced != "light" and scheme == Qt.ColorScheme.Dark)
    app.setPalette(dark_palette() if dark else app.style().standardPalette())


def install_translations(app: QApplication) -> list[QTranslator]:
    """German ships beside English; the system locale (or EXPORT_VIEWER_LANG) chooses."""
    language = os.environ.get("EXPORT_VIEWER_LANG") or QLocale.system().name()
    locale = QLocale(language)
    QLocale.setDefault(locale)
    installed = []
    ours = QTranslator(app)
    if ours.load(locale, "export_viewer", "_", str(TRANSLATIONS)):
        app.installTranslator(ours)
        installed.append(ours)
    qt_own = QTranslator(app)
    if qt_own.load(locale, "qtbase", "_",
                   QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        installed.append(qt_own)
    return installed


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(list(argv or [sys.argv[0]]))
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(settings.ORGANIZATION)
    app.setDesktopFileName("export-viewer")
    if "Fusion" in QStyleFactory.keys():  # noqa: SIM118  (a Qt list, not a dict)
        app.setStyle("Fusion")  # the same look on every platform, dark palette included
    apply_colour_scheme(app)
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_colour_scheme(app))
    install_translations(app)
    return app


def run_app(paths: Sequence[str], *, demo: bool = False) -> int:
    """The desktop app; returns its exit code."""
    from viewer.ui.main_window import MainWindow

    app = create_application()
    window = MainWindow()
    window.show()
    # Everything built so far (Qt bindings, the window) lives until exit: freeze it so the
    # cyclic collector does not rescan it on every full pass (see MainWindow._on_opened).
    gc.freeze()
    targets = [str(Path(path)) for path in paths]
    if demo:
        targets = [str(demo_export())]
    if targets:
        window.open_paths(targets)
    return app.exec()
