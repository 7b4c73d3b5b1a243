"""The player: a non-widget controller between the playback engine and the window.

Decoding (and the waveform peaks, and the time-stretched copy when the speed is not 1x)
runs in the background through the TaskRunner, so flipping through a thousand recordings
never blocks the window. A 30 ms timer reads the engine's position while playing; the audio
thread itself never talks to Qt.

Without an audio device everything still works (loading, the waveform, seeking); ``play``
only reports why there is no sound, through ``error``.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from viewer.audio.decode import AudioDecodeError, DecodedAudio, decode_member
from viewer.audio.peaks import DEFAULT_BUCKETS, compute_peaks
from viewer.audio.playback import (
    AudioOutputError,
    NoSound,
    OutputCheck,
    PlaybackEngine,
    PlaybackState,
    time_stretch,
)
from viewer.ui.tasks import SingleJob, TaskRunner

if TYPE_CHECKING:
    from viewer.archive import Export
    from viewer.ui.waveform import WaveformWidget

log = logging.getLogger("viewer.ui.player")

#: How often the position is read while playing (ms): smooth playhead, little work.
POLL_INTERVAL_MS = 30
#: Clips longer than this get their speed change computed in the background.
_BACKGROUND_STRETCH_S = 60.0


#: Decoded clips kept for going back: short assistant clips are ~200 KB each.
CACHE_ENTRIES = 64
CACHE_BYTES = 128 * 1024 * 1024


@dataclass(frozen=True, slots=True, eq=False)
class _Decoded:
    path: str
    audio: DecodedAudio
    peaks: np.ndarray
    speed: float
    stretched: np.ndarray | None


class PlayerController(QObject):
    """Loads, plays and reports one recording at a time.

    ``engine_factory`` builds the PlaybackEngine (tests pass one with a fake stream).
    """

    #: A PlaybackState value: "stopped", "playing", "paused", "finished".
    state_changed = Signal(str)
    #: Seconds into the current recording.
    position_changed = Signal(float)
    #: Seconds; 0 while nothing is loaded.
    duration_changed = Signal(float)
    #: The current recording played to its end.
    finished = Signal()
    #: A message for a person (no sound device, cannot decode...).
    error = Signal(str)
    #: A new recording was asked for (its member path; "" when unloaded).
    recording_changed = Signal(str)
    #: Decoding of ``path`` started / succeeded (with its ``(n, 2)`` peaks) / failed.
    loading_started = Signal(str)
    loaded = Signal(str, object)
    load_failed = Signal(str, str)
    #: ``play_through`` is on and the recording ended (or could not be decoded).
    advance_requested = Signal()
    #: Sound became unavailable (see ``unavailable_reason``) or available again.
    availability_changed = Signal(bool)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None,
                 engine_factory: Callable[[], PlaybackEngine] = PlaybackEngine) -> None:
        super().__init__(parent)
        self._runner = runner
        #: Recently decoded clips (with their peaks) of the current export, newest last.
        self._cache: OrderedDict[str, _Decoded] = OrderedDict()
        self._cache_owner: Export | None = None
        self._engine = engine_factory()
        #: Start playing as soon as a loaded recording is decoded.
        self.autoplay = True
        #: When a recording ends, ask the window for the next one (``advance_requested``).
        self.play_through = False
        self._path = ""
        #: Counts the recordings asked for: a time stretch for an earlier one is dropped.
        self._serial = 0
        # One recording decodes at a time; asking for another drops the one under way.
        self._decoding = SingleJob(runner, "decode", self)
        self._decoding.finished.connect(self._on_decoded)
        self._decoding.failed.connect(self._on_decode_failed)
        self._play_when_ready = False
        self._state = PlaybackState.STOPPED
        self._position = 0.0
        self._output = self._engine.check_output()
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_INTERVAL_MS)
        self._timer.timeout.connect(self._poll)

    # -- facts ------------------------------------------------------------------------------
    @property
    def engine(self) -> PlaybackEngine:
        return self._engine

    @property
    def available(self) -> bool:
        """False when sound cannot be played here; see ``unavailable_reason``."""
        return self._output.available

    @property
    def unavailable_reason(self) -> str:
        """Why there is no sound, in the user's language ("" when there is)."""
        problem = self._output.problem
        if problem is None:
            return ""
        # The audio layer gives a code; its English sentence is for logs only.
        return {
            NoSound.NO_PORTAUDIO: self.tr("the PortAudio sound library could not be loaded."),
            NoSound.NO_DEVICE: self.tr("no audio output device was found."),
            NoSound.OUTPUT_FAILED: self.tr("the audio output could not be opened."),
        }[problem]

    @property
    def unavailable_detail(self) -> str:
        """The sound library's own (English, technical) words on why, if it said any."""
        return "" if self._output.available else self._output.detail

    @property
    def current_path(self) -> str:
        return self._path

    @property
    def is_loading(self) -> bool:
        return self._decoding.running

    @property
    def state(self) -> PlaybackState:
        return self._engine.state

    @property
    def position_s(self) -> float:
        return self._engine.position_s

    @property
    def duration_s(self) -> float:
        return self._engine.duration_s

    @property
    def speed(self) -> float:
        return self._engine.speed

    @property
    def volume(self) -> float:
        return self._engine.volume

    # -- loading ----------------------------------------------------------------------------
    def load(self, export: Export, path: str, *, autoplay: bool | None = None) -> None:
        """Decode ``path`` of ``export`` in the background; play it when ready if autoplay."""
        self._cancel_loading()
        self._engine.unload()  # fades out whatever is playing
        self._serial += 1
        self._path = path
        self._play_when_ready = self.autoplay if autoplay is None else autoplay
        self._sync()
        self.duration_changed.emit(0.0)
        self.recording_changed.emit(path)
        self.loading_started.emit(path)
        speed = self._engine.speed
        if export is not self._cache_owner:
            self._cache.clear()
            self._cache_owner = export
        cached = self._cache.get(path)
        if cached is not None:
            # Going back to a recording heard a moment ago: no decoding, no waiting.
            self._cache.move_to_end(path)
            self._on_decoded(cached)
            return

        def job() -> Generator[None, None, _Decoded]:
            yield None
            audio = decode_member(export, path)
            yield None
            peaks = compute_peaks(audio.samples, DEFAULT_BUCKETS)
            stretched = None
            if speed != 1.0 and audio.channels <= 2:
                yield None
                stretched = time_stretch(audio.samples, speed, audio.sample_rate)
            return _Decoded(path, audio, peaks, speed, stretched)

        self._decoding.start(job, name=f"decode {path}")

    def unload(self) -> None:
        self._cancel_loading()
        self._serial += 1
        self._engine.unload()
        self._path = ""
        self._play_when_ready = False
        self._sync()
        self.duration_changed.emit(0.0)
        self.recording_changed.emit("")

    def _remember(self, result: _Decoded) -> None:
        self._cache[result.path] = result
        self._cache.move_to_end(result.path)
        while len(self._cache) > 1 and (
                len(self._cache) > CACHE_ENTRIES
                or sum(item.audio.samples.nbytes for item in self._cache.values())
                > CACHE_BYTES):
            self._cache.popitem(last=False)

    def _on_decoded(self, result: _Decoded) -> None:
        self._remember(result)
        stretched = result.stretched if result.speed == self._engine.speed else None
        self._engine.load(result.audio, stretched=stretched)
        self.duration_changed.emit(result.audio.duration_s)
        self.loaded.emit(result.path, result.peaks)
        self._sync(force_position=True)
        if self._play_when_ready:
            self._play_when_ready = False
            self.play()

    def _on_decode_failed(self, error: BaseException) -> None:
        path = self._path  # the job that failed is the one for the current recording
        if isinstance(error, AudioDecodeError):
            message = str(error)
        else:
            log.warning("decoding %s failed unexpectedly", path, exc_info=error)
            message = self.tr("Unexpected error while decoding: {error}").format(error=error)
        self.load_failed.emit(path, message)
        self.error.emit(self.tr("Cannot play {path}: {message}").format(path=path,
                                                                       message=message))
        if self._play_when_ready and self.play_through:
            self._play_when_ready = False
            self.advance_requested.emit()

    def _cancel_loading(self) -> None:
        self._decoding.cancel()

    # -- control ----------------------------------------------------------------------------
    def play(self) -> None:
        """Play or resume; never raises. Without sound, reports why through ``error``."""
        if self._engine.audio is None:
            if self.is_loading:
                self._play_when_ready = True  # pressed while decoding: play when ready
            return
        if not self.available:
            self._set_output(self._engine.check_output())
            if not self.available:
                self.error.emit(self._no_sound_message())
                return
        try:
            self._engine.play()
        except AudioOutputError as error:
            log.warning("audio output failed: %s", error)
            self._set_output(OutputCheck(error.reason, error.detail))
            self.error.emit(self._no_sound_message())
        self._sync()

    def pause(self) -> None:
        self._play_when_ready = False
        self._engine.pause()
        self._sync()

    def toggle(self) -> None:
        if self._engine.state is PlaybackState.PLAYING or self._play_when_ready:
            self.pause()
        else:
            self.play()

    def stop(self) -> None:
        self._play_when_ready = False
        self._engine.stop()
        self._sync(force_position=True)

    def seek(self, seconds: float) -> None:
        try:
            self._engine.seek(seconds)
        except AudioOutputError as error:
            self._set_output(OutputCheck(error.reason, error.detail))
            self.error.emit(self._no_sound_message())
        self._sync(force_position=True)

    def nudge(self, seconds: float) -> None:
        """Seek relative to the current position (e.g. ±5 s from a shortcut)."""
        self.seek(self._engine.position_s + seconds)

    def set_speed(self, speed: float) -> None:
        """0.5..2.0, pitch preserved. Long clips are stretched in the background."""
        engine = self._engine
        audio = engine.audio
        if audio is None or audio.duration_s < _BACKGROUND_STRETCH_S or audio.channels > 2:
            engine.set_speed(speed)
            self._sync()
            return
        serial = self._serial

        def job() -> Generator[None, None, np.ndarray]:
            yield None
            return time_stretch(audio.samples, speed, audio.sample_rate)

        def done(stretched: Any) -> None:
            if serial == self._serial and engine.audio is audio:
                engine.set_speed(speed, stretched=stretched)
                self._sync()

        self._runner.start(job, name="time stretch", on_finished=done,
                           on_failed=lambda error: self.error.emit(str(error)))

    def set_volume(self, volume: float) -> None:
        """0..1; applies immediately, also while playing."""
        self._engine.volume = volume

    def close(self) -> None:
        """Release the audio device (on quit)."""
        self._cancel_loading()
        self._timer.stop()
        self._engine.close()

    # -- wiring -----------------------------------------------------------------------------
    def attach_waveform(self, waveform: WaveformWidget) -> None:
        """Keep ``waveform`` in step with this player, and seek from its clicks."""
        def started(path: str) -> None:
            waveform.clear()
            waveform.set_message(self.tr("Decoding…"))

        def loaded(path: str, peaks: object) -> None:
            waveform.set_duration(self._engine.duration_s)
            waveform.set_peaks(peaks)  # type: ignore[arg-type]
            waveform.set_position(self._engine.position_s)

        def failed(path: str, message: str) -> None:
            waveform.set_message(self.tr("Cannot decode: {message}").format(message=message))

        def changed(path: str) -> None:
            if not path:
                waveform.clear()

        self.loading_started.connect(started)
        self.loaded.connect(loaded)
        self.load_failed.connect(failed)
        self.recording_changed.connect(changed)
        self.position_changed.connect(waveform.set_position)
        waveform.seek_requested.connect(self.seek)

    # -- internals --------------------------------------------------------------------------
    def _no_sound_message(self) -> str:
        return self.tr("No sound: {reason}").format(reason=self.unavailable_reason)

    def _set_output(self, check: OutputCheck) -> None:
        was_available, self._output = self.available, check
        if check.available != was_available:
            self.availability_changed.emit(check.available)

    def _sync(self, *, force_position: bool = False) -> None:
        """Emit what changed in the engine; run the timer only while playing."""
        state = self._engine.state
        position = self._engine.position_s
        if position != self._position or force_position:
            self._position = position
            self.position_changed.emit(position)
        if state is not self._state:
            self._state = state
            self.state_changed.emit(str(state))
            if state is PlaybackState.FINISHED:
                self.finished.emit()
                if self.play_through:
                    self.advance_requested.emit()
        if state is PlaybackState.PLAYING:
            if not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()

    def _poll(self) -> None:
        self._sync()
