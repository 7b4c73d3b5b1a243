"""Start the desktop app: one QApplication, palette, translations, the main window."""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from viewer import APP_NAME, __version__
from viewer.resources import TRANSLATIONS, demo_export
from viewer.ui import settings

log = logging.getLogger("viewer.ui")


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


def run_app(paths: Sequence[str], *, demo: bool = False,
            quit_after: float | None = None) -> int:
    """The desktop app; returns its exit code.

    ``quit_after`` (seconds; the hidden ``--quit-after``) is for smoke tests of an installed
    app: the window then closes by itself and prints one line saying what it showed.
    """
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
    if quit_after is not None:
        def report_and_quit() -> None:
            menus = ", ".join(action.text().replace("&", "")
                              for action in window.menuBar().actions())
            print(f"export-viewer: closing after {quit_after:g} s; the window shows "
                  f"“{window.windowTitle()}” with {window.model.rowCount()} recordings; "
                  f"menus: {menus}", flush=True)
            window.close()  # its closeEvent stops the background work; the last window
            # closed ends app.exec(). A message box still open would keep it going:
            if any(widget.isVisible() for widget in app.topLevelWidgets()):
                app.quit()

        QTimer.singleShot(round(quit_after * 1000), report_and_quit)
    return app.exec()
