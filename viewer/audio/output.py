"""The sound card side of playback: opening a sounddevice stream, and its audio callback.

Threading: only ``Output.callback`` runs on PortAudio's audio thread. It copies frames from
arrays prepared in advance (multiplied by the volume on the way) and advances an integer
cursor; it never allocates buffers, takes no locks and touches no Qt. Everything it reads is
swapped in as one reference (a ``Track``), which is atomic under the GIL. The engine
(``viewer.audio.playback``) prepares the tracks on the GUI thread.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

import numpy as np

log = logging.getLogger("viewer.audio")


class NoSound(StrEnum):
    """Why sound cannot be played. A code, not a sentence: the UI words it in the user's
    language (this layer has no translations)."""

    #: The PortAudio library could not be loaded (not installed, wrong architecture).
    NO_PORTAUDIO = "no-portaudio"
    #: PortAudio runs but offers no output device (or no default one).
    NO_DEVICE = "no-device"
    #: There is a device, but it refused to open or to start (busy, unsupported rate...).
    OUTPUT_FAILED = "output-failed"


#: The English wording, for logs and the command line; the UI has its own, translated.
_NO_SOUND_TEXT = {
    NoSound.NO_PORTAUDIO: "Sound is unavailable: the PortAudio library could not be loaded",
    NoSound.NO_DEVICE: "Sound is unavailable: no audio output device was found",
    NoSound.OUTPUT_FAILED: "The audio output could not be opened",
}


def describe_no_sound(reason: NoSound, detail: str = "") -> str:
    """``reason`` in English, with the library's own words (``detail``) in brackets."""
    return f"{_NO_SOUND_TEXT[reason]} ({detail})." if detail else f"{_NO_SOUND_TEXT[reason]}."


class AudioOutputError(Exception):
    """Sound cannot be played (no device, no PortAudio, device refused).

    ``reason`` says which, for the UI to put in words; ``detail`` holds the library's own
    words (English, technical: "Error querying device -1"), for a log or a tooltip.
    """

    def __init__(self, reason: NoSound, detail: str = "") -> None:
        super().__init__(describe_no_sound(reason, detail))
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class OutputCheck:
    """Whether sound can be played here: the output device's name, or why not."""

    #: None when sound can be played; else why not.
    problem: NoSound | None = None
    #: The device's name when sound can be played; else the library's own words, if any.
    detail: str = ""

    @property
    def available(self) -> bool:
        return self.problem is None

    def __str__(self) -> str:
        return self.detail if self.problem is None else describe_no_sound(self.problem,
                                                                          self.detail)


#: ``callback(outdata, frames, time_info, status)`` as PortAudio calls it.
Callback = Callable[[np.ndarray, int, Any, Any], None]


class OutputStream(Protocol):
    """What the engine needs of ``sounddevice.OutputStream`` (tests pass a fake)."""

    @property
    def active(self) -> bool: ...

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def close(self) -> None: ...


#: ``factory(samplerate, channels, callback) -> stream``; raises AudioOutputError.
StreamFactory = Callable[[int, int, Callback], OutputStream]


class _CallbackStop(Exception):
    """Stands in for ``sounddevice.CallbackStop`` when sounddevice cannot be imported."""


@functools.cache
def _sounddevice() -> Any:
    """The sounddevice module, imported on first use: it fails at import without PortAudio."""
    try:
        import sounddevice
    except (OSError, ImportError) as error:
        raise AudioOutputError(NoSound.NO_PORTAUDIO, str(error)) from error
    return sounddevice


def _stop_exception() -> type[BaseException]:
    try:
        return _sounddevice().CallbackStop
    except AudioOutputError:
        return _CallbackStop


def output_available() -> OutputCheck:
    """The default output device's name when sound can be played, else why not."""
    try:
        sd = _sounddevice()
    except AudioOutputError as error:
        return OutputCheck(error.reason, error.detail)
    try:
        info = sd.query_devices(kind="output")
    except Exception as error:  # PortAudioError, ValueError: no default output
        log.debug("no output device", exc_info=True)
        return OutputCheck(NoSound.NO_DEVICE, str(error))
    if not info or int(info.get("max_output_channels", 0)) < 1:
        return OutputCheck(NoSound.NO_DEVICE)
    return OutputCheck(None, str(info.get("name", "")))


def sounddevice_stream(samplerate: int, channels: int, callback: Callback) -> OutputStream:
    """The real output: a float32 ``sounddevice.OutputStream`` on the default device."""
    sd = _sounddevice()
    try:
        return sd.OutputStream(
            samplerate=samplerate, channels=channels, dtype="float32", callback=callback)
    except Exception as error:  # PortAudioError, ValueError (bad rate), OSError
        raise AudioOutputError(NoSound.OUTPUT_FAILED, f"{samplerate} Hz: {error}") from error


# -- what the audio thread reads ------------------------------------------------------------

class Track:
    """One stretch of sound: ``head`` (fades, small), then ``body[body_start:]``.

    The callback advances ``cursor`` over this virtual timeline. ``lead`` is the length of
    the fade-out of the previous track at the front of ``head``.
    """

    __slots__ = ("base_s", "body", "body_start", "cursor", "ended", "head", "lead",
                 "predecessor", "predecessor_cursor", "seconds_per_frame", "started")

    def __init__(self, head: np.ndarray | None, body: np.ndarray | None, body_start: int,
                 base_s: float, seconds_per_frame: float) -> None:
        self.head = head
        self.body = body
        self.body_start = body_start
        self.base_s = base_s
        self.seconds_per_frame = seconds_per_frame
        self.lead = 0
        self.cursor = 0
        self.started = False
        self.ended = False
        self.predecessor: Track | None = None
        self.predecessor_cursor = 0

    @property
    def head_frames(self) -> int:
        return 0 if self.head is None else int(self.head.shape[0])

    def position_s(self) -> float:
        return self.base_s + max(0, self.cursor - self.lead) * self.seconds_per_frame

    def read_ahead(self, cursor: int, frames: int, channels: int) -> np.ndarray:
        """A copy of the next ``frames`` frames from ``cursor`` (zeros past the end)."""
        out = np.zeros((frames, channels), dtype=np.float32)
        if self.ended:
            return out
        written = 0
        head = self.head
        if head is not None and cursor < head.shape[0] and head.shape[1] == channels:
            n = min(frames, head.shape[0] - cursor)
            out[:n] = head[cursor:cursor + n]
            written, cursor = n, cursor + n
        body = self.body
        if body is not None and written < frames and body.shape[1] == channels:
            index = self.body_start + cursor - self.head_frames
            n = max(0, min(frames - written, body.shape[0] - index))
            out[written:written + n] = body[index:index + n]
        return out


class Output:
    """One open stream and the state its audio callback reads and advances."""

    def __init__(self, factory: StreamFactory, rate: int, channels: int) -> None:
        self.rate = rate
        self.channels = channels
        self.track: Track | None = None
        self.volume = 1.0
        self.frames_played = 0
        self.stopped_by_callback = False
        self._stop = _stop_exception()
        self.stream = factory(rate, channels, self.callback)

    def callback(self, outdata: np.ndarray, frames: int, time_info: Any, status: Any) -> None:
        """Audio thread: copy frames, apply volume, advance counters. Nothing else."""
        track = self.track
        if track is None:
            outdata.fill(0)
            self._finish(track)
            return
        if not track.started:
            predecessor = track.predecessor
            if predecessor is not None:
                played = predecessor.cursor - track.predecessor_cursor
                track.cursor = min(max(played, 0), track.lead)
            track.started = True
        volume = self.volume
        cursor = track.cursor
        written = 0
        head = track.head
        head_frames = 0 if head is None else head.shape[0]
        if head is not None and cursor < head_frames:
            n = min(frames, head_frames - cursor)
            np.multiply(head[cursor:cursor + n], volume, out=outdata[:n])
            written, cursor = n, cursor + n
        body = track.body
        if body is not None and written < frames:
            index = track.body_start + cursor - head_frames
            n = min(frames - written, body.shape[0] - index)
            if n > 0:
                np.multiply(body[index:index + n], volume, out=outdata[written:written + n])
                written, cursor = written + n, cursor + n
        track.cursor = cursor
        self.frames_played += written
        if written < frames:
            outdata[written:].fill(0)
            track.ended = True
            self._finish(track)

    def _finish(self, track: Track | None) -> None:
        # Flag first, then look again: if the GUI swapped in a new track meanwhile, keep going
        # (it checks the flag after swapping and restarts the stream if we did stop).
        self.stopped_by_callback = True
        if self.track is not track:
            self.stopped_by_callback = False
            return
        raise self._stop

    def set_track(self, track: Track | None) -> None:
        self.track = track

    def ensure_running(self) -> None:
        stream = self.stream
        if stream.active and not self.stopped_by_callback:
            return
        try:
            stream.stop()  # after CallbackStop PortAudio wants a stop before a start
        except Exception:
            log.debug("stopping a finished stream failed", exc_info=True)
        self.stopped_by_callback = False
        try:
            stream.start()
        except Exception as error:
            raise AudioOutputError(NoSound.OUTPUT_FAILED, str(error)) from error

    @property
    def audible(self) -> bool:
        track = self.track
        return (track is not None and not track.ended and not self.stopped_by_callback
                and bool(self.stream.active))

    def close(self) -> None:
        self.track = None
        for action in (self.stream.stop, self.stream.close):
            try:
                action()
            except Exception:
                log.debug("closing the audio stream failed", exc_info=True)
