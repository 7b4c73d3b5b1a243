"""The guided check beside the recordings: offered when a question could settle recordings
the check left unsure, skipped for the export until asked for again (Ctrl+G)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from viewer.analysis.questions import needs_guidance
from viewer.ui.analysis_controller import AnalysisController
from viewer.ui.guided_panel import GuidedPanel
from viewer.ui.i18n import tr


class GuidedCheckController(QObject):
    #: A passing message (text, milliseconds).
    message = Signal(str, int)

    def __init__(self, window: QMainWindow, panel: GuidedPanel, detail: QWidget,
                 analysis: AnalysisController, report: QAction,
                 verdicts: Callable[[], dict[str, str]]) -> None:
        """``detail``: the pane the panel may take the place of; ``verdicts``: every
        recording's verdict as shown (the check's, or the user's mark)."""
        super().__init__(window)
        self._window = window
        self.panel = panel
        self._detail = detail
        self._analysis = analysis
        self._report = report
        self._verdicts = verdicts
        #: Not offered again for this export; Ctrl+G brings it back.
        self.skipped = False
        self.dock = QDockWidget(tr("Guided Check"), window)
        self.dock.setObjectName("guidedCheckDock")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        self.dock.setTitleBarWidget(QWidget())  # the panel has its own heading
        self.dock.setWidget(panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        panel.report_requested.connect(report.trigger)
        panel.skip_requested.connect(self.skip)

    def show(self) -> None:
        """Asked for (Ctrl+G): shown even where it was skipped."""
        self.skipped = False
        self._show_dock()
        if self._analysis.running:
            self.panel.show_running()
        self.refresh()

    def skip(self) -> None:
        self.skipped = True
        self.hide()
        self.message.emit(tr("Questions hidden. Review ▸ Guided Check… (Ctrl+G) brings them "
                             "back."), 8000)

    def hide(self) -> None:
        self.dock.hide()
        self._set_detail_visible(True)

    def reset(self) -> None:
        """A new export, or none: nothing asked yet, nothing skipped."""
        self.skipped = False
        self.panel.clear()

    def refresh(self, *, offer: bool = False) -> None:
        """Show the check's result in the panel; ``offer``: open it (unless skipped) when
        recordings are unsure and a question could settle them."""
        result = self._analysis.result
        if result is None or self._analysis.running:
            return
        if offer and not self.skipped and not self.dock.isVisible() \
                and needs_guidance(result):
            self._show_dock()
        if self.dock.isVisible():
            self.panel.show_result(result, self._verdicts(),
                                   can_report=self._report.isEnabled())

    def _show_dock(self) -> None:
        """Beside the recordings. Where the screen is too narrow for the list, the detail
        pane and the panel together (the list's filter bar alone needs some 900 pixels), the
        panel takes the detail pane's place until it is closed."""
        window = self._window
        if not self.dock.isVisible():
            screen = window.screen().availableGeometry().width()
            central = window.centralWidget()
            assert central is not None  # the window's, set before any export opens
            self._set_detail_visible(True)
            needed = (central.minimumSizeHint().width()
                      + self.panel.minimumSizeHint().width() + 40)
            self._set_detail_visible(screen >= needed)
            if screen >= needed and not window.isMaximized() and window.width() < needed + 90:
                window.resize(min(screen, needed + 90), window.height())  # room to read it
            room = window.width() - central.minimumSizeHint().width() - 20
            width = max(self.panel.minimumSizeHint().width(), min(430, room))
            self.dock.show()
            # Once the dock is laid out; before, Qt has no width to take it from.
            QTimer.singleShot(0, self, lambda: window.resizeDocks(
                [self.dock], [width], Qt.Orientation.Horizontal))
        self.dock.raise_()

    def _set_detail_visible(self, visible: bool) -> None:
        if self._detail.isVisibleTo(self._window) == visible:
            return
        self._detail.setVisible(visible)
        # A splitter does not pass its child's hiding up: the layouts above keep their cached
        # minimum width (with the detail pane), and the window would grow past the screen.
        widget = self._detail.parentWidget()
        while widget is not None and widget is not self._window:
            layout = widget.layout()
            if layout is not None:
                layout.invalidate()
            widget.updateGeometry()
            widget = widget.parentWidget()
