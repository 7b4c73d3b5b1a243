"""Enrol the user's voice: read a sentence aloud, saved privately as a voice sample."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from viewer.audio.capture import (
    RATE,
    SENTENCES,
    CaptureError,
    VoiceRecorder,
    input_available,
    save_sample,
)
from viewer.ui.i18n import tr
from viewer.userdirs import user_data_dir

RecorderFactory = Callable[[], VoiceRecorder]


class VoiceRecorderDialog(QDialog):
    """Record, stop, keep: ``saved_path`` is the WAV when the user kept one."""

    def __init__(self, parent: QWidget | None = None, *,
                 recorder_factory: RecorderFactory = VoiceRecorder,
                 folder: Path | None = None,
                 microphone: Callable[[], tuple[bool, str]] = input_available) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Record Your Voice"))
        self.setMinimumWidth(480)
        self._factory = recorder_factory
        self._folder = folder or user_data_dir(create=True) / "voice"
        self._recorder: VoiceRecorder | None = None
        self.saved_path: Path | None = None

        sentence = SENTENCES[1] if "de" in self.locale().name() else SENTENCES[0]
        intro = QLabel(tr("Press Record and read this sentence aloud at your normal pace. "
                          "The recording stays on this computer."))
        intro.setWordWrap(True)
        self.sentence = QLabel(f"“{sentence}”")
        self.sentence.setWordWrap(True)
        font = self.sentence.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.sentence.setFont(font)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.level = QProgressBar()
        self.level.setRange(0, 100)
        self.level.setTextVisible(False)
        self.level.setAccessibleName(tr("Input level"))
        self.status = QLabel()
        self.record = QPushButton(tr("Record"))
        self.record.clicked.connect(self.toggle)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        self.buttons.accepted.connect(self._keep)
        self.buttons.rejected.connect(self.reject)
        self._timer = QTimer(self)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self._tick)
        self._samples: np.ndarray | None = None

        layout = QVBoxLayout(self)
        for widget in (intro, self.sentence, self.level, self.status, self.record, self.buttons):
            layout.addWidget(widget)
        available, reason = microphone()
        if not available:
            self.record.setEnabled(False)
            self.status.setText(reason)

    def toggle(self) -> None:
        if self._recorder is None:
            self._start()
        else:
            self._stop()

    def _start(self) -> None:
        self._recorder = self._factory()
        try:
            self._recorder.start()
        except CaptureError as error:
            self._recorder = None
            self.status.setText(str(error))
            return
        self.record.setText(tr("Stop"))
        self.status.setText(tr("Recording…"))
        self._timer.start()

    def _tick(self) -> None:
        recorder = self._recorder
        if recorder is None:
            return
        self.level.setValue(int(min(1.0, recorder.level() * 2) * 100))
        self.status.setText(tr("Recording… {seconds:.1f} s").format(
            seconds=recorder.seconds_recorded))
        if recorder.full:
            self._stop()

    def _stop(self) -> None:
        self._timer.stop()
        recorder, self._recorder = self._recorder, None
        if recorder is None:
            return
        self._samples = samples = recorder.stop()
        seconds = len(samples) / RATE
        self.record.setText(tr("Record Again"))
        if seconds < 2.0:
            self.status.setText(tr("That was too short ({seconds:.1f} s); please read the "
                                   "whole sentence.").format(seconds=seconds))
            self._samples = None
        else:
            self.status.setText(tr("Recorded {seconds:.1f} s.").format(seconds=seconds))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            self._samples is not None)

    def _keep(self) -> None:
        if self._samples is not None:
            self.saved_path = save_sample(self._samples, self._folder)
        self.accept()
