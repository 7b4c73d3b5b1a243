"""The filter bar above the recordings and the transport bar below them.

Both only present controls and emit what the user asked for; the window decides what that
means for the model and the player.
"""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSlider,
    QStyle,
    QToolButton,
    QWidget,
)

from viewer.ui.i18n import tr


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())

SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


class FilterBar(QWidget):
    text_changed = Signal(str)
    device_changed = Signal(object)  # device key or None
    linked_changed = Signal(object)  # True, False or None
    verdict_changed = Signal(object)  # verdict or None
    dates_changed = Signal(object)  # (start, end) POSIX seconds or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search transcripts…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(tr("Search transcripts"))
        self.search.setMinimumWidth(200)
        self.search.textChanged.connect(self.text_changed)

        self.device = QComboBox()
        self.device.setAccessibleName(tr("Device"))
        self.device.setMinimumContentsLength(10)
        self.device.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.device.currentIndexChanged.connect(
            lambda: self.device_changed.emit(self.device.currentData()))

        self.linked = QComboBox()
        self.linked.setAccessibleName(tr("Transcript link"))
        for label, linked in ((tr("Any link"), None), (tr("With transcript"), True),
                              (tr("Without transcript"), False)):
            self.linked.addItem(label, linked)
        self.linked.currentIndexChanged.connect(
            lambda: self.linked_changed.emit(self.linked.currentData()))

        self.verdict = QComboBox()
        self.verdict.setAccessibleName(tr("Verdict"))
        for label, verdict in ((tr("Any verdict"), None), (tr("Not mine"), "not-mine"),
                               (tr("Unsure"), "unsure"), (tr("Mine"), "mine"),
                               (tr("Not checked"), "unchecked")):
            self.verdict.addItem(label, verdict)
        self.verdict.currentIndexChanged.connect(
            lambda: self.verdict_changed.emit(self.verdict.currentData()))

        self.use_dates = QCheckBox(tr("From"))
        self.use_dates.setAccessibleName(tr("Filter by date"))
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for edit, name in ((self.date_from, tr("From date")), (self.date_to, tr("To date"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            edit.setAccessibleName(name)
            edit.dateChanged.connect(self._emit_dates)
        self.use_dates.toggled.connect(self._dates_toggled)

        self.count = QLabel()
        self.count.setAccessibleName(tr("Recordings shown"))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        layout.addWidget(self.device, 1)
        layout.addWidget(self.linked)
        layout.addWidget(self.verdict)
        layout.addWidget(self.use_dates)
        layout.addWidget(self.date_from)
        layout.addWidget(QLabel(tr("to")))
        layout.addWidget(self.date_to)
        layout.addWidget(self.count)

    def set_devices(self, devices: list[tuple[str, str]]) -> None:
        """(key, label) pairs; the first entry is always "all devices"."""
        self.device.blockSignals(True)
        self.device.clear()
        self.device.addItem(tr("All devices"), None)
        for key, label in devices:
            self.device.addItem(label, key)
        self.device.blockSignals(False)

    def set_date_bounds(self, first: datetime | None, last: datetime | None) -> None:
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(True)
        if first and last:
            low = QDate(first.year, first.month, first.day)
            high = QDate(last.year, last.month, last.day)
            self.date_from.setDate(low)
            self.date_to.setDate(high)
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(False)

    def set_count(self, shown: int, total: int) -> None:
        self.count.setText(tr("{shown} of {total}").format(shown=shown, total=total))

    def reset(self) -> None:
        self.search.clear()
        for combo in (self.device, self.linked, self.verdict):
            combo.setCurrentIndex(0)
        self.use_dates.setChecked(False)

    def _dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self._emit_dates()

    def _emit_dates(self) -> None:
        if not self.use_dates.isChecked():
            self.dates_changed.emit(None)
            return
        start = datetime.combine(_day(self.date_from.date()), time.min).astimezone()
        end = datetime.combine(_day(self.date_to.date()), time.max).astimezone()
        self.dates_changed.emit((start.timestamp(), end.timestamp()))


class TransportBar(QWidget):
    """Play/pause, previous/next, position, speed, volume, play-through."""

    speed_chosen = Signal(float)
    volume_chosen = Signal(float)

    def __init__(self, previous: QAction, play_pause: QAction, following: QAction,
                 play_through: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        style = self.style()
        self._play_icon = style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay)
        self._pause_icon = style.standardIcon(QStyle.StandardPixmap.SP_MediaPause)
        previous.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipBackward))
        following.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipForward))
        play_pause.setIcon(self._play_icon)
        self._play_pause = play_pause

        buttons = []
        for action in (previous, play_pause, following):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            button.setAccessibleName(action.text().replace("&", ""))
            buttons.append(button)
        buttons[1].setIconSize(buttons[1].iconSize() * 1.4)

        self.position = QLabel("0:00.0 / 0:00.0")
        self.position.setAccessibleName(tr("Position"))
        self.position.setMinimumWidth(self.position.fontMetrics().horizontalAdvance(
            "00:00.0 / 00:00.0") + 8)

        self.speed = QComboBox()
        self.speed.setAccessibleName(tr("Playback speed"))
        for value in SPEEDS:
            self.speed.addItem(f"{value:g}×", value)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.speed.currentIndexChanged.connect(
            lambda: self.speed_chosen.emit(float(self.speed.currentData())))

        volume_icon = QLabel()
        volume_icon.setPixmap(style.standardIcon(QStyle.StandardPixmap.SP_MediaVolume)
                              .pixmap(16, 16))
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setMaximumWidth(110)
        self.volume.setAccessibleName(tr("Volume"))
        self.volume.valueChanged.connect(lambda value: self.volume_chosen.emit(value / 100))

        through = QCheckBox(tr("Play through"))
        through.setToolTip(play_through.toolTip())
        through.toggled.connect(play_through.setChecked)
        play_through.toggled.connect(through.setChecked)

        self.status = QLabel()
        self.status.setAccessibleName(tr("Audio status"))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for button in buttons:
            layout.addWidget(button)
        layout.addWidget(self.position)
        layout.addSpacing(12)
        layout.addWidget(QLabel(tr("Speed")))
        layout.addWidget(self.speed)
        layout.addSpacing(12)
        layout.addWidget(volume_icon)
        layout.addWidget(self.volume)
        layout.addSpacing(12)
        layout.addWidget(through)
        layout.addWidget(self.status, 1)

    def set_playing(self, playing: bool) -> None:
        self._play_pause.setIcon(self._pause_icon if playing else self._play_icon)

    def set_position(self, seconds: float, duration: float) -> None:
        self.position.setText(f"{_clock(seconds)} / {_clock(duration)}")

    def set_speed(self, speed: float) -> None:
        nearest = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - speed))
        self.speed.setCurrentIndex(nearest)

    def step_speed(self, direction: int) -> float:
        index = max(0, min(len(SPEEDS) - 1, self.speed.currentIndex() + direction))
        self.speed.setCurrentIndex(index)
        return SPEEDS[index]


def _clock(seconds: float) -> str:
    seconds = max(0.0, seconds)
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes)}:{rest:04.1f}"
