"""The main window: composes the pages, the controllers and the actions.

It holds no business logic: opening is the session's job, playback the player's, sorting
and filtering the proxy's. The window wires their signals together and keeps the current
recording in step across the list, the timeline, the detail pane and the player.
"""

from __future__ import annotations

import gc
import logging
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QActionGroup,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from viewer import APP_NAME, __version__
from viewer.analysis.check import CheckResult
from viewer.analysis.findings import Verdict
from viewer.analysis.questions import answer_voice, needs_guidance
from viewer.archive import Export, OpenProgress
from viewer.audio.playback import PlaybackState
from viewer.model import ExportContents
from viewer.report import with_marks
from viewer.resources import demo_export
from viewer.review import ReviewStore, ReviewStoreError
from viewer.review.paths import user_data_dir
from viewer.ui import settings
from viewer.ui.actions import build_actions
from viewer.ui.analysis_controller import AnalysisController
from viewer.ui.controls import FilterBar, TransportBar
from viewer.ui.detail import DetailPane
from viewer.ui.drop_page import DropPage
from viewer.ui.files_view import FilesView
from viewer.ui.guided_panel import GuidedPanel, ProfileChange
from viewer.ui.help_overlay import HelpOverlay
from viewer.ui.i18n import tr
from viewer.ui.player import PlayerController
from viewer.ui.profile_dialog import ProfileDialog
from viewer.ui.recordings_model import (
    Column,
    RecordingFilter,
    RecordingRow,
    RecordingTableModel,
    Role,
    build_rows,
    verdict_label,
)
from viewer.ui.report_dialog import ReportDialog, ReportWriter
from viewer.ui.session import ExportSession
from viewer.ui.tasks import TaskRunner
from viewer.ui.timeline import TimelineItem, TimelineWidget
from viewer.ui.timeline_colours import by_device, by_verdict, by_voice
from viewer.ui.voices_panel import VoicesPanel

log = logging.getLogger("viewer.ui")




def open_review_store() -> ReviewStore | None:
    """The user's review database; None (with the reason kept) when it cannot be opened."""
    try:
        return ReviewStore.open_default()
    except (ReviewStoreError, OSError) as error:
        MainWindow._review_error = str(error)
        log.warning("review store unavailable: %s", error)
        return None


class MainWindow(QMainWindow):
    _review_error = ""

    def __init__(self, runner: TaskRunner | None = None,
                 player: PlayerController | None = None, *, use_voice: bool = True) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.resize(1280, 820)
        self.runner = runner or TaskRunner(self)
        self.runner.idle.connect(self._collect_previous_export)
        self.session = ExportSession(self.runner, self, prepare=build_rows)
        self.player = player or PlayerController(self.runner, self)
        self.analysis = AnalysisController(self.runner, self, use_voice=use_voice)
        self.report_writer = ReportWriter(self.runner, self)
        self.commands = build_actions(self)
        for action in self.commands.all():
            self.addAction(action)  # shortcuts work whichever page shows

        self.review = open_review_store()
        self._export_sha: str | None = None
        self.model = RecordingTableModel(self)
        self.proxy = RecordingFilter(self)
        self.proxy.setSourceModel(self.model)
        self._current_path: str | None = None
        self._duration = 0.0

        self._build_pages()
        self._build_menus()
        self._build_status_bar()
        self._connect()
        self._restore_settings()
        self._show_audio_status()

    # -- construction ---------------------------------------------------------------------
    def _build_pages(self) -> None:
        a = self.commands
        self.drop_page = DropPage(a.open_file, a.open_folder, a.open_demo)
        self.banner = QLabel()
        self.banner.setObjectName("errorBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setAccessibleName(tr("Message"))
        self.banner.setStyleSheet("QLabel#errorBanner { background: #fdecea; color: #611a15;"
                                  " border: 1px solid #f5c2c0; border-radius: 4px;"
                                  " padding: 8px; }")
        self.banner.hide()
        banner_close = QToolButton()
        banner_close.setText("✕")
        banner_close.setAccessibleName(tr("Dismiss message"))
        banner_close.setAutoRaise(True)
        banner_close.clicked.connect(self.banner.hide)
        banner_close.clicked.connect(banner_close.hide)
        self._banner_close = banner_close
        banner_close.hide()

        self.timeline = TimelineWidget()
        self.filter_bar = FilterBar()
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(tr("Recordings"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.TIME, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.TRANSCRIPT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((Column.TIME, 150), (Column.DURATION, 60), (Column.DEVICE, 150),
                              (Column.LINK, 110), (Column.VERDICT, 80)):
            self.table.setColumnWidth(column, width)

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

        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(banner_close, 0, Qt.AlignmentFlag.AlignTop)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(banner_row)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.help_overlay = HelpOverlay(self.commands.all(), central)

        # The guided check sits beside the recordings (which stay in sight) until skipped.
        self.guided_panel = GuidedPanel()
        self.guided_dock = QDockWidget(tr("Guided Check"), self)
        self.guided_dock.setObjectName("guidedCheckDock")
        self.guided_dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        self.guided_dock.setTitleBarWidget(QWidget())  # the panel has its own heading
        self.guided_dock.setWidget(self.guided_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.guided_dock)
        self.guided_dock.hide()

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
        self._fill_recent_menu(settings.RECENT_EXPORTS.read(settings.store()))

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.status_label = QLabel(tr("No export open"))
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setAccessibleName(tr("Opening progress"))
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.clicked.connect(self.session.cancel)
        self.progress.hide()
        self.cancel_button.hide()
        # Whether sound plays: a state, not news, so it sits on the right for good and never
        # competes with the messages on the left.
        self.audio_status = QLabel()
        self.audio_status.hide()
        bar.addWidget(self.status_label, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.audio_status)
        # One message area: a passing message stands in for the export summary. Qt hides the
        # summary only if it is visible when the message comes, so a message shown before
        # the window was would be drawn over it.
        bar.messageChanged.connect(lambda message: self.status_label.setVisible(not message))

    def _connect(self) -> None:
        a = self.commands
        a.open_file.triggered.connect(self.choose_files)
        a.open_folder.triggered.connect(self.choose_folder)
        a.open_demo.triggered.connect(self.open_demo)
        a.close_export.triggered.connect(self.close_export)
        a.quit.triggered.connect(self.close)
        a.play_pause.triggered.connect(self.toggle_playback)
        a.previous.triggered.connect(lambda: self.step(-1))
        a.next.triggered.connect(lambda: self.step(1))
        a.seek_back.triggered.connect(lambda: self.player.seek(max(0.0, self._position - 2)))
        a.seek_forward.triggered.connect(lambda: self.player.seek(self._position + 2))
        a.slower.triggered.connect(lambda: self._set_speed(self.transport.step_speed(-1)))
        a.faster.triggered.connect(lambda: self._set_speed(self.transport.step_speed(1)))
        a.play_through.toggled.connect(self._set_play_through)
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
        a.undo.triggered.connect(lambda: self._undo_redo(redo=False))
        a.redo.triggered.connect(lambda: self._undo_redo(redo=True))
        a.about_you.triggered.connect(self.edit_profile)
        a.guided_check.triggered.connect(self.show_guided_check)
        a.forget_export.triggered.connect(self.forget_this_export)
        a.forget_everything.triggered.connect(self.forget_everything)
        a.report.triggered.connect(self.report_discrepancy)
        self.report_writer.progress.connect(self._on_report_progress)
        self.report_writer.finished.connect(self._on_report_written)
        self.report_writer.failed.connect(self._on_report_failed)
        a.colour_by_device.triggered.connect(lambda: self._set_colour_mode("device"))
        a.colour_by_verdict.triggered.connect(lambda: self._set_colour_mode("verdict"))
        a.colour_by_voice.triggered.connect(lambda: self._set_colour_mode("voice"))

        self.session.opening.connect(self._on_opening)
        self.session.progress.connect(self._on_progress)
        self.session.opened.connect(self._on_opened)
        self.session.failed.connect(self._on_failed)
        self.session.cancelled.connect(self._on_cancelled)
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
        self.timeline.range_selected.connect(
            lambda start, end: (self.proxy.set_time_range((start, end)), self._update_count()))
        self.timeline.range_cleared.connect(
            lambda: (self.proxy.set_time_range(None), self._update_count()))
        self.files_view.recording_activated.connect(self._activate_from_files)
        self.voices_panel.play_requested.connect(self._play_voice_sample)
        self.voices_panel.answer_given.connect(self.save_answer)
        self.guided_panel.answer_given.connect(self.save_answer)
        self.guided_panel.play_requested.connect(self._play_voice_sample)
        self.guided_panel.report_requested.connect(self.commands.report.trigger)
        self.guided_panel.skip_requested.connect(self.skip_guided_check)

        self.player.attach_waveform(self.detail.waveform)
        self.transport.speed_chosen.connect(self._set_speed)
        self.transport.volume_chosen.connect(self._set_volume)
        self.player.state_changed.connect(self._on_player_state)
        self.player.position_changed.connect(self._on_position)
        self.player.advance_requested.connect(self._advance)
        self.player.error.connect(lambda message: self.transport.status.setText(message))
        self.player.availability_changed.connect(self._show_audio_status)
        self.player.duration_changed.connect(self._on_duration)

    def _restore_settings(self) -> None:
        store = settings.store()
        geometry = settings.WindowState.load("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        for name, splitter in (("main_splitter", self.main_splitter),
                               ("lower_splitter", self.lower_splitter)):
            state = settings.WindowState.load(name)
            if state is not None:
                splitter.restoreState(state)
        speed = settings.PLAYBACK_SPEED.read(store)
        volume = settings.PLAYBACK_VOLUME.read(store)
        self.transport.set_speed(speed)
        self.transport.volume.setValue(round(volume * 100))
        self.player.set_speed(speed)
        self.player.set_volume(volume)
        self.commands.play_through.setChecked(settings.PLAY_THROUGH.read(store))
        self._colour_mode = settings.TIMELINE_COLOURS.read(store)
        {"verdict": self.commands.colour_by_verdict, "voice": self.commands.colour_by_voice}.get(
            self._colour_mode, self.commands.colour_by_device).setChecked(True)

    # -- opening --------------------------------------------------------------------------
    def open_paths(self, paths: Sequence[str | Path]) -> None:
        self.session.open([str(path) for path in paths])

    def choose_files(self) -> None:
        start = settings.LAST_FOLDER.read(settings.store())
        paths, _ = QFileDialog.getOpenFileNames(
            self, tr("Open Export"), start,
            tr("Export archives (*.zip *.ZIP);;All files (*)"))
        if paths:
            settings.LAST_FOLDER.write(settings.store(), str(Path(paths[0]).parent))
            self.open_paths(paths)

    def choose_folder(self) -> None:
        start = settings.LAST_FOLDER.read(settings.store())
        folder = QFileDialog.getExistingDirectory(self, tr("Open Export Folder"), start)
        if folder:
            settings.LAST_FOLDER.write(settings.store(), str(Path(folder).parent))
            self.open_paths([folder])

    def open_demo(self) -> None:
        try:
            self.open_paths([demo_export()])
        except FileNotFoundError as error:
            self.show_error(str(error))

    def close_export(self) -> None:
        self._previous_export_garbage |= self.session.export is not None
        self.analysis.cancel()
        self.report_writer.cancel()  # it reads the export that is about to be closed
        self.player.stop()
        self.session.close()
        self.model.set_rows([])
        self.timeline.set_items([])
        self.files_view.set_export(None)
        self.detail.show_recording(None, None)
        self._current_path = None
        self._export_sha = None
        self.commands.report.setEnabled(False)
        self.commands.guided_check.setEnabled(False)
        self.commands.forget_export.setEnabled(False)
        self._hide_guided_dock()
        self.guided_panel.clear()
        self.model.set_marks({})
        self.model.set_analysis({})
        self.pages.setCurrentWidget(self.drop_page)
        self.setWindowTitle(APP_NAME)
        self.status_label.setText(tr("No export open"))
        self.statusBar().clearMessage()  # e.g. "Check done: …" of the export just closed
        self._end_progress()
        self._collect_previous_export()

    #: An export was closed or replaced since the last full collection.
    _previous_export_garbage = False

    def _on_opening(self, paths: list[str]) -> None:
        self._previous_export_garbage |= self.session.export is not None
        # A report still being written reads the open export, which the new one replaces.
        self.report_writer.cancel()
        self.banner.hide()
        self._banner_close.hide()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.status_label.setText(tr("Opening {name}…").format(name=Path(paths[0]).name))

    def _on_progress(self, step: OpenProgress) -> None:
        if step.total > 1:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * step.done / step.total))
        phase = {"reading": tr("Reading"), "hashing": tr("Hashing"),
                 "importing": tr("Understanding"),
                 "reading audio": tr("Reading audio")}.get(step.phase, step.phase)
        self.progress.setFormat(f"{phase} %p%")

    def _end_progress(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()

    def _on_failed(self, message: str) -> None:
        self._end_progress()
        self.show_error(tr("This export could not be opened: {reason}").format(reason=message))
        if self.session.export is None:
            self.status_label.setText(tr("No export open"))

    def _on_cancelled(self) -> None:
        self._end_progress()
        self.status_label.setText(tr("Opening cancelled"))

    def _on_opened(self, export: Export, contents: ExportContents,
                   rows: list[RecordingRow]) -> None:
        self._end_progress()
        self.player.stop()
        # A new export: even if its first recording has the same path as the one shown
        # (the same file opened again), detail pane and player must take it from this export.
        self._current_path = None
        self._fill_recent_menu(settings.remember_recent(self.session.paths))
        self.setWindowTitle(f"{export.display_name} — {APP_NAME}")
        self.filter_bar.reset()
        self.model.set_rows(rows)
        self._fill_timeline()
        starts = [r.recording.start for r in rows if r.recording.start]
        self.filter_bar.set_date_bounds(min(starts, default=None), max(starts, default=None))
        devices = sorted({(row.device_key, row.device_text) for row in rows if row.device_key},
                         key=lambda pair: pair[1])
        self.filter_bar.set_devices(devices)
        self._load_review(export)
        self._guided_skipped = False
        self.guided_panel.clear()
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
        self.status_label.setText(summary)
        if export.problems:
            self.show_error(" ".join(export.problems))
        self._update_count()
        # The export's objects live as long as it is open: take them out of the cyclic
        # collector's scans, whose full passes over a large heap stop every thread (the GUI
        # and the audio thread) for 100 ms and more.
        gc.freeze()
        if self.proxy.rowCount():
            self.table.selectRow(0)
        else:
            self.detail.show_recording(None, None)

    def _fill_files_view(self, export: Export, contents: ExportContents) -> None:
        if self.session.export is export:  # not closed or replaced in the meantime
            self.files_view.set_export(export, contents)
        self._collect_previous_export()

    def _collect_previous_export(self) -> None:
        """Free what a closed export left in reference cycles.

        The heap is frozen after each opening (see _on_opened), and the cyclic collector
        never looks at frozen objects: without this pass, such leftovers of every export
        opened would stay for the whole session. One full pass: ~40 ms at 1,700 recordings,
        run after the first frame of the new export (or on closing), and only once no
        background job runs: a job the opening cancelled holds the old export until its
        next step, and a pass before it lets go would leave the old export for good.
        """
        if self.runner.busy:
            return  # the runner's idle signal calls again
        if self._previous_export_garbage:
            self._previous_export_garbage = False
            gc.unfreeze()
            gc.collect()
            gc.freeze()

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
        document: dict[str, Any] = {}
        if self.review is not None and self._export_sha is not None:
            document = dict(self.review.load_profile(self._export_sha) or {})
            # The user's own marks are the best enrolment there is: what they called theirs
            # teaches the voice model what they sound like.
            # A mark is the user's latest word on a recording: it replaces whatever the saved
            # profile says of it (else one path could be in both lists, which the profile
            # refuses, and the check would run without the profile at all).
            marks = self.review.marks(self._export_sha)
            for key, verdict in (("confirmed_mine", Verdict.MINE),
                                 ("confirmed_not_mine", Verdict.NOT_MINE)):
                marked = {path for path, mark in marks.items() if mark == verdict}
                if marked or key in document:
                    kept = {path for path in document.get(key, []) if path not in marks}
                    document[key] = sorted(kept | marked)
        self.model.set_analysis({})
        self.commands.report.setEnabled(False)
        self.commands.guided_check.setEnabled(True)
        self.commands.forget_export.setEnabled(self.review is not None)
        self.voices_panel.show_waiting(listening=self.analysis.use_voice)
        self.guided_panel.show_running()
        self.analysis.start(export, contents, document or None, self.review)

    # -- forgetting ------------------------------------------------------------------------
    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def forget_this_export(self) -> None:
        """Delete the open export's review and voice data (voiceprints are biometric data);
        the export file itself is never touched."""
        export = self.session.export
        if self.review is None or export is None or self._export_sha is None:
            return
        if not self._confirm(tr("Forget This Export"), tr(
                "Forget everything Export Viewer keeps about “{name}”: your marks, notes and "
                "answers about its voices, and the voiceprints and analysis computed from it? "
                "The export file itself is not changed.").format(name=export.display_name)):
            return
        sha, paths, name = self._export_sha, list(self.session.paths), export.display_name
        result = self.analysis.result
        digests = list(result.member_sha256.values()) if result is not None else []
        self.close_export()
        document = self.review.load_profile()
        if document and digests:
            self.review.save_profile(answer_voice(document, digests, None))
        self.review.forget_export(sha)
        self._fill_recent_menu(settings.forget_recent(paths))
        self.statusBar().showMessage(tr("Forgotten: {name}").format(name=name), 10_000)

    def forget_everything(self) -> None:
        """Delete every review, the profile, every voiceprint and the recorded voice samples."""
        if self.review is None:
            return
        if not self._confirm(tr("Forget Everything"), tr(
                "Delete every review, your profile (About You and your answers), every "
                "voiceprint and every voice sample the app recorded? Exports and files of "
                "your own are not changed. This cannot be undone.")):
            return
        self.close_export()
        self.review.forget_everything()
        shutil.rmtree(user_data_dir() / "voice", ignore_errors=True)
        self._fill_recent_menu(settings.forget_recent(None))
        self.statusBar().showMessage(tr("Everything the app kept has been deleted."), 10_000)

    def edit_profile(self) -> None:
        if self.review is None:
            self.show_error(tr("Your profile cannot be saved: {reason}").format(
                reason=self._review_error))
            return
        dialog = ProfileDialog(self.review.load_profile(), self.session.contents, self)
        if dialog.exec() != ProfileDialog.DialogCode.Accepted:
            return
        self.review.save_profile(dialog.document())
        self.start_check()

    # -- the guided check: questions whose answers go into the profile ------------------------
    _guided_skipped = False

    def show_guided_check(self) -> None:
        if self.session.export is None:
            return
        self._guided_skipped = False
        self._show_guided_dock()
        if self.analysis.running:
            self.guided_panel.show_running()
        self._refresh_guided()

    def skip_guided_check(self) -> None:
        self._guided_skipped = True  # not offered again for this export; Ctrl+G brings it
        self._hide_guided_dock()
        self.statusBar().showMessage(tr("Questions hidden. Review ▸ Guided Check… (Ctrl+G) "
                                        "brings them back."), 8000)

    def _refresh_guided(self, *, offer: bool = False) -> None:
        """Show the check's result in the panel; ``offer``: open it (unless skipped) when
        recordings are unsure and a question could settle them."""
        result = self.analysis.result
        if result is None or self.analysis.running:
            return
        if offer and not self._guided_skipped and not self.guided_dock.isVisible() \
                and needs_guidance(result):
            self._show_guided_dock()
        if self.guided_dock.isVisible():
            verdicts = {row.recording.path: self.model.verdict(row.recording.path)
                        for row in self.model.rows()}
            self.guided_panel.show_result(result, verdicts,
                                          can_report=self.commands.report.isEnabled())

    def _show_guided_dock(self) -> None:
        """Beside the recordings. Where the screen is too narrow for the list, the detail
        pane and the panel together (the list's filter bar alone needs some 900 pixels), the
        panel takes the detail pane's place until it is closed."""
        if not self.guided_dock.isVisible():
            screen = self.screen().availableGeometry().width()
            self._set_detail_visible(True)
            needed = (self.centralWidget().minimumSizeHint().width()
                      + self.guided_panel.minimumSizeHint().width() + 40)
            self._set_detail_visible(screen >= needed)
            if screen >= needed and not self.isMaximized() and self.width() < needed + 90:
                self.resize(min(screen, needed + 90), self.height())  # room to read it
            room = self.width() - self.centralWidget().minimumSizeHint().width() - 20
            width = max(self.guided_panel.minimumSizeHint().width(), min(430, room))
            self.guided_dock.show()
            # Once the dock is laid out; before, Qt has no width to take it from.
            QTimer.singleShot(0, self, lambda: self.resizeDocks(
                [self.guided_dock], [width], Qt.Orientation.Horizontal))
        self.guided_dock.raise_()

    def _hide_guided_dock(self) -> None:
        self.guided_dock.hide()
        self._set_detail_visible(True)

    def _set_detail_visible(self, visible: bool) -> None:
        if self.detail.isVisibleTo(self) == visible:
            return
        self.detail.setVisible(visible)
        # A splitter does not pass its child's hiding up: the layouts above keep their cached
        # minimum width (with the detail pane), and the window would grow past the screen.
        widget: QWidget | None = self.lower_splitter
        while widget is not None and widget is not self:
            if widget.layout() is not None:
                widget.layout().invalidate()
            widget.updateGeometry()
            widget = widget.parentWidget()

    def save_answer(self, change: ProfileChange) -> None:
        """An answer to a guided question: into the user's profile, then check again."""
        if self.review is None:
            self.show_error(tr("Your answer cannot be saved: {reason}").format(
                reason=self._review_error))
            return
        self.review.save_profile(change(self.review.load_profile() or {}))
        self.start_check()

    # -- the discrepancy report -------------------------------------------------------------
    def report_discrepancy(self) -> None:
        export, result = self.session.export, self.analysis.result
        if export is None or result is None or self.report_writer.running:
            return
        marks: dict[str, Verdict] = {}
        profile: dict[str, Any] = {}
        if self.review is not None and self._export_sha is not None:
            marks = self.review.marks(self._export_sha)  # made since the check ran, too
            profile = self.review.load_profile(self._export_sha) or {}
        result = with_marks(result, marks)
        dialog = ReportDialog(export, result, profile, self)
        if dialog.exec() != ReportDialog.DialogCode.Accepted:
            return
        self._report_folder = dialog.target()
        self.report_writer.start(export, result, dialog.request(), self._report_folder,
                                 clean_copy=dialog.clean_copy.isChecked())

    _report_folder: Path | None = None

    def _show_progress(self, step: OpenProgress, text: str) -> None:
        """A determinate progress bar for background work (``text`` holds ``%p%``)."""
        self.progress.show()
        self.progress.setRange(0, 1000)
        self.progress.setValue(int(1000 * step.done / max(step.total, 1)))
        self.progress.setFormat(text)

    def _on_report_progress(self, step: OpenProgress) -> None:
        self._show_progress(step, tr("Writing the report %p%"))

    def _on_report_written(self, written: list[Path]) -> None:
        self._end_progress()
        folder = self._report_folder
        if folder is None:
            return
        self.statusBar().showMessage(tr("Report written to {folder}").format(
            folder=folder), 10_000)
        answer = QMessageBox.question(
            self, tr("Report Written"),
            tr("The report is in {folder}:\n{files}\n\nOpen the folder?").format(
                folder=folder, files="\n".join(path.name for path in written)))
        if answer == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _on_report_failed(self, message: str) -> None:
        self._end_progress()
        self.show_error(message)

    def _on_check_progress(self, step: OpenProgress) -> None:
        if not self.session.is_opening:
            self._show_progress(step, tr("Checking %p%"))

    def _on_checked(self, result: CheckResult) -> None:
        if not self.session.is_opening:
            self._end_progress()
        self.model.set_analysis({verdict.path: verdict.verdict.value
                                 for verdict in result.verdicts})
        if self._current_path:
            self._show_findings(self._current_path)
        if self._colour_mode in ("verdict", "voice"):
            self._fill_timeline()
        self._refresh_voices()
        self.commands.report.setEnabled(True)
        self._refresh_guided(offer=True)
        counts = {verdict: result.count(verdict) for verdict in Verdict}
        self.statusBar().showMessage(tr(
            "Check done: {not_mine} not mine, {unsure} unsure, {mine} mine").format(
            not_mine=counts[Verdict.NOT_MINE], unsure=counts[Verdict.UNSURE],
            mine=counts[Verdict.MINE]), 10_000)
        self._update_count()

    def _on_check_failed(self, message: str) -> None:
        if not self.session.is_opening:
            self._end_progress()
        self.show_error(message)

    def _show_findings(self, path: str) -> None:
        result = self.analysis.result
        mark = self.model.verdict(path) if self.model.is_marked(path) else None
        self.detail.show_findings(result.verdict_for(path) if result else None,
                                  checked=result is not None, marked=mark)

    # -- review: the user's own marks -----------------------------------------------------
    def _load_review(self, export: Export) -> None:
        self._export_sha = export.sha256
        if self.review is None:
            self.model.set_marks({})
            return
        self.review.remember_export(self._export_sha, export.display_name)
        self.model.set_marks({path: str(mark) for path, mark in
                              self.review.marks(self._export_sha).items()})
        self._update_undo_actions()

    def selected_paths(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows()
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex()]
        return [index.data(Role.PATH) for index in rows]

    def _refresh_voices(self) -> None:
        result = self.analysis.result
        verdicts = {row.recording.path: self.model.verdict(row.recording.path)
                    for row in self.model.rows()}
        self.voices_panel.show_result(result, verdicts=verdicts)

    def _play_voice_sample(self, path: str) -> None:
        self.tabs.setCurrentIndex(0)
        self._autoplay_next = True
        self.select_recording(path)

    def mark_selection(self, mark: str | None) -> None:
        self.mark_paths(self.selected_paths(), mark)

    def mark_paths(self, paths: list[str], mark: str | None) -> None:
        if not paths or self._export_sha is None:
            return
        if self.review is None:
            self.statusBar().showMessage(tr("Marks cannot be saved: {reason}").format(
                reason=self._review_error), 8000)
            return
        self.review.set_marks(self._export_sha, paths, mark)
        self._marks_changed()
        label = verdict_label(mark) if mark else tr("unmarked")
        self.statusBar().showMessage(
            tr("%n recording(s) marked: {mark}. Ctrl+Z undoes it.", "", len(paths))
            .format(mark=label), 6000)
        if mark == "mine" and self.analysis.use_voice:
            self.start_check()  # the new "mine" recordings enrol the user's voice

    def _undo_redo(self, *, redo: bool) -> None:
        if self.review is None or self._export_sha is None:
            return
        step = (self.review.redo if redo else self.review.undo)(self._export_sha)
        if step is None:
            return
        self._marks_changed()
        message = tr("Redone: {what}") if redo else tr("Undone: {what}")
        self.statusBar().showMessage(message.format(what=step.description), 6000)

    def _marks_changed(self) -> None:
        assert self.review is not None and self._export_sha is not None
        self.model.set_marks({path: str(mark) for path, mark in
                              self.review.marks(self._export_sha).items()})
        self._update_undo_actions()
        if self._current_path:
            self._show_findings(self._current_path)
        if self._colour_mode == "verdict":
            self._fill_timeline()
        self._refresh_voices()
        self._refresh_guided()
        self._update_count()

    def _update_undo_actions(self) -> None:
        has_export = self.review is not None and self._export_sha is not None
        sha = self._export_sha or ""
        self.commands.undo.setEnabled(has_export and self.review.peek_undo(sha) is not None)  # type: ignore[union-attr]
        self.commands.redo.setEnabled(has_export and self.review.peek_redo(sha) is not None)  # type: ignore[union-attr]

    def _fill_recent_menu(self, recent: list[str]) -> None:
        self.recent_menu.clear()
        for entry in recent:
            paths = entry.split("\n")
            label = Path(paths[0]).name + (f" (+{len(paths) - 1})" if len(paths) > 1 else "")
            action = self.recent_menu.addAction(label)
            action.setToolTip("\n".join(paths))
            action.triggered.connect(lambda _=False, p=paths: self.open_paths(p))
        self.recent_menu.setEnabled(bool(recent))

    def show_error(self, message: str) -> None:
        self.banner.setText(message)
        self.banner.show()
        self._banner_close.show()

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
        self._position = 0.0
        if self.session.export is not None and recording is not None \
                and not recording.audio_problem:
            self.player.load(self.session.export, path,
                             autoplay=self._is_playing() or self._autoplay_next)
        self._autoplay_next = False

    _autoplay_next = False
    _position = 0.0

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

    # -- playback -------------------------------------------------------------------------
    def toggle_playback(self) -> None:
        if not self.player.available:
            self.transport.status.setText(self.player.unavailable_reason)
            return
        self.player.toggle()

    def _is_playing(self) -> bool:
        return self.player.state == PlaybackState.PLAYING

    def _on_player_state(self, state: object) -> None:
        self.transport.set_playing(self._is_playing())

    def _on_duration(self, seconds: float) -> None:
        self._duration = seconds
        self.transport.set_position(0.0, seconds)

    def _on_position(self, seconds: float) -> None:
        self._position = seconds
        self.transport.set_position(seconds, self._duration)
        if self._duration > 0:
            self.detail.set_playback_fraction(seconds / self._duration)

    def _set_speed(self, speed: float) -> None:
        self.player.set_speed(speed)
        settings.PLAYBACK_SPEED.write(settings.store(), speed)

    def _set_volume(self, volume: float) -> None:
        self.player.set_volume(volume)
        settings.PLAYBACK_VOLUME.write(settings.store(), volume)

    def _set_play_through(self, on: bool) -> None:
        self.player.play_through = on
        settings.PLAY_THROUGH.write(settings.store(), on)

    def _show_audio_status(self, *_: object) -> None:
        self.audio_status.setVisible(not self.player.available)
        if not self.player.available:
            message = tr("Playback is off: {reason}").format(
                reason=self.player.unavailable_reason)
            self.transport.status.setText(message)
            self.audio_status.setText(tr("No sound"))
            detail = self.player.unavailable_detail
            self.audio_status.setToolTip(f"{message}\n{detail}" if detail else message)
            self.audio_status.setAccessibleName(message)

    # -- misc -----------------------------------------------------------------------------
    def _focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

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
        if event.mimeData().hasUrls() and any(url.isLocalFile()
                                              for url in event.mimeData().urls()):
            event.acceptProposedAction()
            self.drop_page.set_highlight(True)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.drop_page.set_highlight(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self.drop_page.set_highlight(False)
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
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
        if self.review is not None:
            self.review.close()
        super().closeEvent(event)
