"""The main window: composes the pages, the controllers and the commands.

It holds no business logic: opening is the session's job (``opening.py`` asks for it), the
user's marks and profile the review controller's, the report the report controller's,
playback the player's, sorting and filtering the proxy's. The window wires their signals
together and keeps the current recording in step across the list, the timeline, the detail
pane and the player.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QActionGroup, QCloseEvent, QDragEnterEvent, QDragLeaveEvent, QDropEvent
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from viewer import APP_NAME, __version__
from viewer.analysis.check import CheckResult
from viewer.analysis.findings import Verdict
from viewer.archive import Export, OpenProgress
from viewer.model import ExportContents
from viewer.ui import settings
from viewer.ui.actions import build_actions
from viewer.ui.analysis_controller import AnalysisController
from viewer.ui.banner import ErrorBanner
from viewer.ui.cases_controller import CasesController
from viewer.ui.controls import FilterBar, TransportBar
from viewer.ui.detail import DetailPane
from viewer.ui.drop_page import DropPage
from viewer.ui.files_view import FilesView
from viewer.ui.guided_controller import GuidedCheckController
from viewer.ui.guided_panel import GuidedPanel
from viewer.ui.help_overlay import HelpOverlay
from viewer.ui.i18n import tr
from viewer.ui.opening import OpeningController, dropped_paths
from viewer.ui.playback_controller import PlaybackController
from viewer.ui.player import PlayerController
from viewer.ui.recordings_model import (
    RecordingFilter,
    RecordingRow,
    RecordingTableModel,
    Role,
    build_rows,
    recordings_table,
)
from viewer.ui.report_controller import ReportController
from viewer.ui.review_controller import ReviewController
from viewer.ui.session import ExportSession
from viewer.ui.status_area import StatusArea
from viewer.ui.tasks import TaskRunner
from viewer.ui.timeline import TimelineItem, TimelineWidget
from viewer.ui.timeline_colours import by_device, by_verdict, by_voice
from viewer.ui.voices_panel import VoicesPanel


class MainWindow(QMainWindow):
    def __init__(self, runner: TaskRunner | None = None,
                 player: PlayerController | None = None, *, use_voice: bool = True) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.resize(1280, 820)
        self.runner = runner or TaskRunner(self)
        self.session = ExportSession(self.runner, self, prepare=build_rows)
        self.player = player or PlayerController(self.runner, self)
        self.analysis = AnalysisController(self.runner, self, use_voice=use_voice)
        self.commands = build_actions(self)
        for action in self.commands.all():
            self.addAction(action)  # shortcuts work whichever page shows
        self.review = ReviewController(self.session, self.analysis, self.commands.undo,
                                       self.commands.redo, self, close_export=self.close_export)
        self.model = RecordingTableModel(self)
        self.proxy = RecordingFilter(self)
        self.proxy.setSourceModel(self.model)
        self._current_path: str | None = None

        self._build_pages()
        self._build_menus()
        self.status = StatusArea(self.statusBar())
        self.opening = OpeningController(self.session, self.status, self.recent_menu, self)
        self.reports = ReportController(self.runner, self.session, self.analysis, self.review,
                                        self.status, self)
        self.playback = PlaybackController(self.player, self.transport, self.detail,
                                           self.status, self.commands, self)
        self.guided = GuidedCheckController(
            self, self.guided_panel, self.detail, self.analysis, self.commands.report,
            self.model.verdicts)
        self._connect()
        self.cases = CasesController(self, self.review.store, self.runner, self.commands.cases,
                                     self.reports.writer,
                                     forget_everything=self.commands.forget_everything)
        self.reports.success_note = self.cases.report_note
        self._restore_settings()

    # -- construction ---------------------------------------------------------------------
    def _build_pages(self) -> None:
        a = self.commands
        self.drop_page = DropPage(a.open_file, a.open_folder, a.open_demo)
        self.banner = ErrorBanner()

        self.timeline = TimelineWidget()
        self.filter_bar = FilterBar()
        self.table = recordings_table(self.proxy)

        self.detail = DetailPane()
        self.transport = TransportBar(self.commands.previous, self.commands.play_pause,
                                      self.commands.next, self.commands.play_through)

        list_side = QWidget()
        list_layout = QVBoxLayout(list_side)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.filter_bar)
        list_layout.addWidget(self.table, 1)

        self.lower_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.lower_splitter.addWidget(list_side)
        self.lower_splitter.addWidget(self.detail)
        self.lower_splitter.setStretchFactor(0, 5)
        self.lower_splitter.setStretchFactor(1, 4)
        self.main_splitter = QSplitter(Qt.Orientation.Vertical)
        self.main_splitter.addWidget(self.timeline)
        self.main_splitter.addWidget(self.lower_splitter)
        self.main_splitter.setStretchFactor(1, 1)

        recordings_page = QWidget()
        recordings_layout = QVBoxLayout(recordings_page)
        recordings_layout.setContentsMargins(4, 4, 4, 0)
        recordings_layout.addWidget(self.main_splitter, 1)
        recordings_layout.addWidget(self.transport)

        self.files_view = FilesView(self.runner)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(recordings_page, tr("Recordings"))
        self.tabs.addTab(self.files_view, tr("Files"))
        self.voices_panel = VoicesPanel()
        self.tabs.addTab(self.voices_panel, tr("Voices"))

        self.pages = QStackedWidget()
        self.pages.addWidget(self.drop_page)
        self.pages.addWidget(self.tabs)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.help_overlay = HelpOverlay(self.commands.all(), central)
        # The guided check sits beside the recordings (which stay in sight) until skipped.
        self.guided_panel = GuidedPanel()

    def _build_menus(self) -> None:
        a = self.commands
        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu(tr("&File"))
        file_menu.addActions([a.open_file, a.open_folder])
        self.recent_menu = QMenu(tr("Open &Recent"), self)
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(a.open_demo)
        file_menu.addSeparator()
        file_menu.addAction(a.close_export)
        file_menu.addSeparator()
        file_menu.addAction(a.quit)
        view_menu = menu_bar.addMenu(tr("&View"))
        view_menu.addActions([a.show_recordings, a.show_files, a.show_voices, a.fit_timeline,
                              a.find])
        review_menu = menu_bar.addMenu(tr("&Review"))
        review_menu.addActions([a.mark_not_mine, a.mark_mine, a.mark_unsure, a.clear_mark])
        review_menu.addSeparator()
        review_menu.addActions([a.undo, a.redo])
        review_menu.addSeparator()
        review_menu.addActions([a.guided_check, a.about_you])
        review_menu.addSeparator()
        review_menu.addActions([a.forget_export, a.forget_everything])
        report_menu = menu_bar.addMenu(tr("R&eport"))
        report_menu.addAction(a.report)
        report_menu.addAction(a.cases)
        # The one thing the whole review leads to: a button always in sight.
        toolbar = QToolBar(tr("Report"), self)
        toolbar.setObjectName("reportToolBar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(a.guided_check)
        toolbar.addAction(a.report)
        toolbar.widgetForAction(a.report).setStyleSheet("font-weight: bold; padding: 2px 10px;")
        self.addToolBar(toolbar)
        a.report.setEnabled(False)  # until a check has run
        a.guided_check.setEnabled(False)  # until an export is open
        a.forget_export.setEnabled(False)
        view_menu.addSeparator()
        colour_group = QActionGroup(self)
        for action in (a.colour_by_device, a.colour_by_verdict, a.colour_by_voice):
            colour_group.addAction(action)
            view_menu.addAction(action)
        play_menu = menu_bar.addMenu(tr("&Playback"))
        play_menu.addActions([a.play_pause, a.previous, a.next, a.seek_back, a.seek_forward])
        play_menu.addSeparator()
        play_menu.addActions([a.slower, a.faster, a.play_through])
        help_menu = menu_bar.addMenu(tr("&Help"))
        help_menu.addActions([a.shortcuts, a.about])

    def _connect(self) -> None:
        a = self.commands
        a.open_file.triggered.connect(self.opening.choose_files)
        a.open_folder.triggered.connect(self.opening.choose_folder)
        a.open_demo.triggered.connect(self.opening.open_demo)
        a.close_export.triggered.connect(self.close_export)
        a.quit.triggered.connect(self.close)
        a.previous.triggered.connect(lambda: self.step(-1))
        a.next.triggered.connect(lambda: self.step(1))
        a.find.triggered.connect(self._focus_search)
        a.fit_timeline.triggered.connect(self.timeline.fit_all)
        a.show_recordings.triggered.connect(lambda: self.tabs.setCurrentIndex(0))
        a.show_files.triggered.connect(lambda: self.tabs.setCurrentIndex(1))
        a.show_voices.triggered.connect(lambda: self.tabs.setCurrentIndex(2))
        a.shortcuts.triggered.connect(self.help_overlay.toggle)
        a.about.triggered.connect(self.show_about)
        a.mark_not_mine.triggered.connect(lambda: self.mark_selection("not-mine"))
        a.mark_mine.triggered.connect(lambda: self.mark_selection("mine"))
        a.mark_unsure.triggered.connect(lambda: self.mark_selection("unsure"))
        a.clear_mark.triggered.connect(lambda: self.mark_selection(None))
        a.undo.triggered.connect(lambda: self.review.undo_redo(redo=False))
        a.redo.triggered.connect(lambda: self.review.undo_redo(redo=True))
        a.about_you.triggered.connect(self.review.edit_profile)
        a.guided_check.triggered.connect(self.guided.show)
        a.forget_export.triggered.connect(self.review.forget_this_export)
        a.forget_everything.triggered.connect(self.review.forget_everything)
        a.report.triggered.connect(self.reports.report_discrepancy)
        a.colour_by_device.triggered.connect(lambda: self._set_colour_mode("device"))
        a.colour_by_verdict.triggered.connect(lambda: self._set_colour_mode("verdict"))
        a.colour_by_voice.triggered.connect(lambda: self._set_colour_mode("voice"))

        for controller in (self.opening, self.review, self.reports):
            controller.error.connect(self.show_error)
        for passing in (self.review.message, self.guided.message):
            passing.connect(self.status.show_message)
        self.review.marks_changed.connect(self._show_marks)
        self.review.profile_changed.connect(self.start_check)
        self.review.forgotten.connect(self.opening.forget_recent)
        self.session.opening.connect(self._on_opening)
        self.session.opened.connect(self._on_opened)
        self.analysis.progress.connect(self._on_check_progress)
        self.analysis.finished.connect(self._on_checked)
        self.analysis.failed.connect(self._on_check_failed)

        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.proxy.layoutChanged.connect(self._update_count)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)

        bar = self.filter_bar
        bar.text_changed.connect(self.proxy.set_text)
        bar.device_changed.connect(self.proxy.set_device)
        bar.linked_changed.connect(self.proxy.set_linked)
        bar.verdict_changed.connect(self.proxy.set_verdict)
        bar.dates_changed.connect(self.proxy.set_date_range)
        for signal in (bar.text_changed, bar.device_changed, bar.linked_changed,
                       bar.verdict_changed, bar.dates_changed):
            signal.connect(self._update_count)

        self.timeline.current_requested.connect(self.select_recording)
        self.timeline.range_selected.connect(lambda start, end: self._show_time_range(
            (start, end)))
        self.timeline.range_cleared.connect(lambda: self._show_time_range(None))
        self.files_view.recording_activated.connect(self._activate_from_files)
        for panel in (self.voices_panel, self.guided_panel):
            panel.play_requested.connect(self._play_voice_sample)
            panel.answer_given.connect(self.review.save_answer)
        self.playback.advance_requested.connect(self._advance)

    def _restore_settings(self) -> None:
        geometry = settings.WindowState.load("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        for name, splitter in (("main_splitter", self.main_splitter),
                               ("lower_splitter", self.lower_splitter)):
            state = settings.WindowState.load(name)
            if state is not None:
                splitter.restoreState(state)
        self._colour_mode = settings.TIMELINE_COLOURS.read(settings.store())
        {"verdict": self.commands.colour_by_verdict, "voice": self.commands.colour_by_voice}.get(
            self._colour_mode, self.commands.colour_by_device).setChecked(True)

    # -- the open export ------------------------------------------------------------------
    def open_paths(self, paths: Sequence[str | Path]) -> None:
        self.opening.open_paths(paths)

    def close_export(self) -> None:
        self.analysis.cancel()
        self.reports.cancel()  # it reads the export that is about to be closed
        self.player.stop()
        self.session.close()
        self.model.set_rows([])
        self.timeline.set_items([])
        self.files_view.set_export(None)
        self.detail.show_recording(None, None)
        self._current_path = None
        self.review.unload()
        self.commands.report.setEnabled(False)
        self.commands.guided_check.setEnabled(False)
        self.commands.forget_export.setEnabled(False)
        self.guided.hide()
        self.guided.panel.clear()
        self.model.set_marks({})
        self.model.set_analysis({})
        self.pages.setCurrentWidget(self.drop_page)
        self.setWindowTitle(APP_NAME)
        self.status.show_text(tr("No export open"))
        self.statusBar().clearMessage()  # e.g. "Check done: …" of the export just closed
        self.status.end_progress()
        self.session.collect_closed()

    def _on_opening(self, _paths: list[str]) -> None:
        # A report still being written reads the open export, which the new one replaces.
        self.reports.cancel()
        self.banner.hide()

    def _on_opened(self, export: Export, contents: ExportContents,
                   rows: list[RecordingRow]) -> None:
        self.status.end_progress()
        self.player.stop()
        # A new export: even if its first recording has the same path as the one shown
        # (the same file opened again), detail pane and player must take it from this export.
        self._current_path = None
        self.setWindowTitle(f"{export.display_name} — {APP_NAME}")
        self.filter_bar.reset()
        self.model.set_rows(rows)
        self._fill_timeline()
        starts = [r.recording.start for r in rows if r.recording.start]
        self.filter_bar.set_date_bounds(min(starts, default=None), max(starts, default=None))
        devices = sorted({(row.device_key, row.device_text) for row in rows if row.device_key},
                         key=lambda pair: pair[1])
        self.filter_bar.set_devices(devices)
        self.review.load(export)
        self.model.set_marks(self.review.marks())
        self.guided.reset()
        self.start_check()
        self.pages.setCurrentWidget(self.tabs)
        # The Files tab is not what the user looks at first: fill it on the next turn of the
        # event loop, so the list and timeline paint first and no single step stalls the
        # window for long (its tree of a 1,700-file export costs ~25 ms).
        QTimer.singleShot(0, self, lambda: self._fill_files_view(export, contents))
        summary = "{name}: {files}, {recordings} ({formats})".format(
            name=export.display_name, files=tr("%n file(s)", "", len(export.members)),
            recordings=tr("%n recording(s)", "", len(rows)),
            formats=", ".join(contents.formats) or tr("no known format"))
        self.status.show_text(summary)
        if export.problems:
            self.show_error(" ".join(export.problems))
        self._update_count()
        self.session.freeze_open_export()
        if self.proxy.rowCount():
            self.table.selectRow(0)
        else:
            self.detail.show_recording(None, None)

    def _fill_files_view(self, export: Export, contents: ExportContents) -> None:
        if self.session.export is export:  # not closed or replaced in the meantime
            self.files_view.set_export(export, contents)
        self.session.collect_closed()

    def _fill_timeline(self) -> None:
        """Marks for the open export's recordings, coloured by the chosen mode."""
        if self.session.contents is None:
            return
        rows = self.model.rows()
        if self._colour_mode == "verdict":
            colouring = by_verdict(rows, self.model.verdict)
        elif self._colour_mode == "voice":
            result = self.analysis.result
            colouring = by_voice(rows, list(result.voices) if result else None)
        else:
            colouring = by_device(rows)
        items = []
        for row in rows:
            if row.start is None:
                continue
            label = f"{row.time_text}\n{row.device_text or tr('unknown device')}"
            if row.transcript_text:
                label += f"\n“{row.transcript_text[:90]}”"
            items.append(TimelineItem(row.recording.path, row.start,
                                      row.recording.duration_s or 0.0,
                                      colouring.colour_of[row.recording.path], label))
        self.timeline.set_items(items)
        self.timeline.set_legend(colouring.title, colouring.legend)

    def _set_colour_mode(self, mode: str) -> None:
        self._colour_mode = mode
        settings.TIMELINE_COLOURS.write(settings.store(), mode)
        self._fill_timeline()

    # -- the ownership check ---------------------------------------------------------------
    def start_check(self) -> None:
        export, contents = self.session.export, self.session.contents
        if export is None or contents is None:
            return
        document = self.review.profile_document()
        self.model.set_analysis({})
        self.commands.report.setEnabled(False)
        self.commands.guided_check.setEnabled(True)
        self.commands.forget_export.setEnabled(self.review.store is not None)
        self.voices_panel.show_waiting(listening=self.analysis.use_voice)
        self.guided_panel.show_running()
        self.analysis.start(export, contents, document, self.review.store)

    def _on_check_progress(self, step: OpenProgress) -> None:
        if not self.session.is_opening:
            self.status.show_progress(step, tr("Checking %p%"))

    def _on_checked(self, result: CheckResult) -> None:
        if not self.session.is_opening:
            self.status.end_progress()
        self.model.set_analysis({verdict.path: verdict.verdict.value
                                 for verdict in result.verdicts})
        if self._current_path:
            self._show_findings(self._current_path)
        if self._colour_mode in ("verdict", "voice"):
            self._fill_timeline()
        self._refresh_voices()
        self.commands.report.setEnabled(True)
        self.guided.refresh(offer=True)
        counts = {verdict: result.count(verdict) for verdict in Verdict}
        self.status.show_message(tr(
            "Check done: {not_mine} not mine, {unsure} unsure, {mine} mine").format(
            not_mine=counts[Verdict.NOT_MINE], unsure=counts[Verdict.UNSURE],
            mine=counts[Verdict.MINE]), 10_000)
        self._update_count()

    def _on_check_failed(self, message: str) -> None:
        if not self.session.is_opening:
            self.status.end_progress()
        self.show_error(message)

    def _show_findings(self, path: str) -> None:
        result = self.analysis.result
        mark = self.model.verdict(path) if self.model.is_marked(path) else None
        self.detail.show_findings(result.verdict_for(path) if result else None,
                                  checked=result is not None, marked=mark)

    def _refresh_voices(self) -> None:
        result = self.analysis.result
        self.voices_panel.show_result(result, verdicts=self.model.verdicts())

    # -- the user's own marks -------------------------------------------------------------
    def selected_paths(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows()
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex()]
        return [index.data(Role.PATH) for index in rows]

    def mark_selection(self, mark: str | None) -> None:
        self.review.mark_paths(self.selected_paths(), mark)

    def _show_marks(self) -> None:
        self.model.set_marks(self.review.marks())
        if self._current_path:
            self._show_findings(self._current_path)
        if self._colour_mode == "verdict":
            self._fill_timeline()
        self._refresh_voices()
        self.guided.refresh()
        self._update_count()

    def show_error(self, message: str) -> None:
        self.banner.show_message(message)

    # -- current recording ----------------------------------------------------------------
    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        path = current.data(Role.PATH)
        if path == self._current_path:
            return
        self._current_path = path
        contents = self.session.contents
        recording = current.data(Role.RECORDING)
        self.detail.show_recording(recording, contents)
        self._show_findings(path)
        self.timeline.set_current(path)
        self.playback.position = 0.0
        if self.session.export is not None and recording is not None \
                and not recording.audio_problem:
            self.player.load(self.session.export, path,
                             autoplay=self.playback.is_playing or self._autoplay_next)
        self._autoplay_next = False

    _autoplay_next = False

    def select_recording(self, path: str) -> None:
        row = self.model.row_for(path)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            # Hidden by a filter: show it anyway rather than ignore the click.
            self.filter_bar.reset()
            self.proxy.set_time_range(None)
            self.timeline.clear_selection()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _activate_from_files(self, path: str) -> None:
        self.tabs.setCurrentIndex(0)
        self.select_recording(path)

    def _play_voice_sample(self, path: str) -> None:
        self.tabs.setCurrentIndex(0)
        self._autoplay_next = True
        self.select_recording(path)

    def step(self, direction: int) -> None:
        current = self.table.currentIndex()
        row = current.row() + direction if current.isValid() else 0
        if 0 <= row < self.proxy.rowCount():
            self.table.selectRow(row)

    def _advance(self) -> None:
        current = self.table.currentIndex()
        if current.isValid() and current.row() + 1 < self.proxy.rowCount():
            self._autoplay_next = True
            self.table.selectRow(current.row() + 1)

    # -- misc -----------------------------------------------------------------------------
    def _focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    def _show_time_range(self, time_range: tuple[float, float] | None) -> None:
        self.proxy.set_time_range(time_range)
        self._update_count()

    def _update_count(self, *_: object) -> None:
        self.filter_bar.set_count(self.proxy.rowCount(), self.model.rowCount())

    def show_about(self) -> None:
        QMessageBox.about(self, tr("About {name}").format(name=APP_NAME), tr(
            "<h3>{name} {version}</h3>"
            "<p>See, hear and check what a GDPR data export really holds, and prove what "
            "is not yours.</p>"
            "<p><b>Privacy promise:</b> this program never opens a network connection. It "
            "reads your export in place and never changes it. Your review stays on this "
            "computer. Reports it writes carry hashes and counts, never a stranger's "
            "recordings.</p>").format(name=APP_NAME, version=__version__))

    # -- drag and drop --------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event.mimeData()):
            event.acceptProposedAction()
            self.drop_page.set_highlight(True)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.drop_page.set_highlight(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self.drop_page.set_highlight(False)
        paths = dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            # Let the drag source finish before work starts.
            QTimer.singleShot(0, lambda: self.open_paths(paths))

    def closeEvent(self, event: QCloseEvent) -> None:
        settings.WindowState.save("geometry", self.saveGeometry())
        settings.WindowState.save("main_splitter", self.main_splitter.saveState())
        settings.WindowState.save("lower_splitter", self.lower_splitter.saveState())
        self.player.close()
        self.analysis.cancel()
        self.session.cancel()
        self.runner.cancel_all()
        self.runner.wait_all()
        self.session.close()
        self.review.close()
        super().closeEvent(event)
