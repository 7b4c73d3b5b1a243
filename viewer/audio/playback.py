"""Play decoded audio through sounddevice, with seeking, speed and volume (Qt-free).

Threading: every method runs on the caller's (GUI) thread; only ``_Output.callback`` runs
on PortAudio's audio thread. The callback copies frames from arrays prepared in advance,
multiplies by the volume and advances an integer cursor; it never allocates buffers, takes
no locks and touches no Qt. Everything it reads is swapped in as one reference (a
``_Track``), which is atomic under the GIL. The GUI learns the position by polling
``position_s`` and the end by polling ``state``.

No clicks: whenever audible sound is replaced (seek, pause, stop, another recording), the
new track starts with a precomputed 10 ms fade-out of what was about to be played, followed
by a 10 ms fade-in of the new audio. If the audio thread moved on between our snapshot and
the swap, it skips the part of the fade-out it has already played.

Sample rate: the output stream is opened at the clip's own rate and reopened when the rate
changes. Exports are almost always one rate throughout (Alexa: 16 kHz), so reopening is
rare, and ALSA's ``default``/PipeWire/PulseAudio resample in the mixer with better filters
than a one-off interpolation here. Only if the device refuses the clip's rate do we open it
at 48 or 44.1 kHz and resample the clip once (linear; fine for speech).

Speed: 0.5x to 2x, pitch preserved by WSOLA (waveform-similarity overlap-add) computed
once per clip and speed, outside the callback; ``time_stretch`` is public so a caller can
run it in the background for long clips and hand the result to ``load``/``set_speed``.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

import numpy as np

from viewer.audio.decode import DecodedAudio
from viewer.audio.peaks import mono_mix

log = logging.getLogger("viewer.audio")

MIN_SPEED = 0.5
MAX_SPEED = 2.0
#: Length of the fade-out/fade-in that hides a jump in the sound.
FADE_S = 0.010
#: Rates tried when the device refuses a clip's own rate.
FALLBACK_RATES = (48_000, 44_100)


class PlaybackState(StrEnum):
    STOPPED = "stopped"
    PLAYING = "playing"
    PAUSED = "paused"
    FINISHED = "finished"


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
        return _sounddevice().CallbackStop  # type: ignore[no-any-return]
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
        return sd.OutputStream(  # type: ignore[no-any-return]
            samplerate=samplerate, channels=channels, dtype="float32", callback=callback)
    except Exception as error:  # PortAudioError, ValueError (bad rate), OSError
        raise AudioOutputError(NoSound.OUTPUT_FAILED, f"{samplerate} Hz: {error}") from error


# -- time stretching -----------------------------------------------------------------------

def time_stretch(samples: np.ndarray, speed: float, rate: int) -> np.ndarray:
    """``samples`` (frames, channels) played ``speed`` times faster at the same pitch (WSOLA).

    Frames of 25 ms are taken every ``12.5 ms * speed`` from the input, each shifted by up to
    ±8 ms to line up with the natural continuation of the previous one (so voiced speech
    keeps its period), Hann-windowed and overlap-added every 12.5 ms.
    """
    samples = np.asarray(samples, dtype=np.float32)
    if samples.ndim == 1:
        samples = samples[:, None]
    if abs(speed - 1.0) < 1e-3 or samples.shape[0] == 0:
        return samples
    speed = min(max(speed, MIN_SPEED), MAX_SPEED)
    frames, channels = samples.shape
    size = max(16, int(rate * 0.025)) // 2 * 2
    hop_out = size // 2
    hop_in = hop_out * speed
    tolerance = max(1, int(rate * 0.008))
    out_frames = max(1, round(frames / speed))
    count = out_frames // hop_out + 2

    pad_front, pad_back = tolerance + size, 4 * size + 2 * tolerance
    padded = np.zeros((frames + pad_front + pad_back, channels), dtype=np.float32)
    padded[pad_front:pad_front + frames] = samples
    mono = mono_mix(padded)
    # Searching on every second sample halves the cost; 2-sample precision is inaudible.
    step = 2 if rate >= 16_000 else 1
    window = (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(size) / size)).astype(np.float32)
    output = np.zeros((count * hop_out + size, channels), dtype=np.float32)
    weight = np.zeros(count * hop_out + size, dtype=np.float32)

    previous = pad_front
    for k in range(count):
        nominal = pad_front + round(k * hop_in)
        if k == 0:
            position = nominal
        else:
            natural = previous + hop_out
            template = mono[natural:natural + size:step]
            region = mono[nominal - tolerance:nominal + tolerance + size:step]
            score = np.correlate(region, template, mode="valid")
            position = nominal - tolerance + int(np.argmax(score)) * step
        start = k * hop_out
        output[start:start + size] += padded[position:position + size] * window[:, None]
        weight[start:start + size] += window
        previous = position
    # The first half-frame has only one window over it: divide the overlap-add by its weight.
    np.divide(output, np.maximum(weight, 1e-3)[:, None], out=output)
    # The input was shifted by pad_front; output frame 0 started at input frame 0.
    return np.ascontiguousarray(output[:out_frames])


def resample(samples: np.ndarray, source_rate: int, target_rate: int) -> np.ndarray:
    """Linear resampling, once per clip (only when a device refuses the clip's rate)."""
    if source_rate == target_rate or samples.shape[0] == 0:
        return samples
    frames = samples.shape[0]
    target_frames = max(1, round(frames * target_rate / source_rate))
    positions = np.arange(target_frames, dtype=np.float64) * (source_rate / target_rate)
    original = np.arange(frames, dtype=np.float64)
    columns = [np.interp(positions, original, samples[:, channel])
               for channel in range(samples.shape[1])]
    return np.ascontiguousarray(np.stack(columns, axis=1), dtype=np.float32)


# -- what the audio thread reads ------------------------------------------------------------

class _Track:
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
        self.predecessor: _Track | None = None
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


class _Output:
    """One open stream and the state its audio callback reads and advances."""

    def __init__(self, factory: StreamFactory, rate: int, channels: int) -> None:
        self.rate = rate
        self.channels = channels
        self.track: _Track | None = None
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

    def _finish(self, track: _Track | None) -> None:
        # Flag first, then look again: if the GUI swapped in a new track meanwhile, keep going
        # (it checks the flag after swapping and restarts the stream if we did stop).
        self.stopped_by_callback = True
        if self.track is not track:
            self.stopped_by_callback = False
            return
        raise self._stop

    def set_track(self, track: _Track | None) -> None:
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


class PlaybackEngine:
    """Plays one ``DecodedAudio`` at a time. Methods raise only AudioOutputError (play/seek)."""

    def __init__(self, stream_factory: StreamFactory | None = None) -> None:
        self._custom_factory = stream_factory is not None
        self._factory: StreamFactory = stream_factory or sounddevice_stream
        self._audio: DecodedAudio | None = None
        self._source: np.ndarray | None = None  # samples at the output rate and channels
        self._rate = 0
        self._body: np.ndarray | None = None  # _source stretched for the current speed
        self._speed = 1.0
        self._volume = 1.0
        self._state = PlaybackState.STOPPED
        self._position_s = 0.0
        self._output: _Output | None = None
        self._retiring: list[_Output] = []
        self._frames_retired = 0

    # -- facts ------------------------------------------------------------------------------
    def check_output(self) -> OutputCheck:
        """Like ``output_available`` for this engine's stream factory."""
        if self._custom_factory:
            return OutputCheck()
        return output_available()

    @property
    def audio(self) -> DecodedAudio | None:
        return self._audio

    @property
    def duration_s(self) -> float:
        return self._audio.duration_s if self._audio is not None else 0.0

    @property
    def frames_played(self) -> int:
        """Frames handed to the device so far (fades included), for tests and diagnostics."""
        current = self._output.frames_played if self._output is not None else 0
        return self._frames_retired + current

    @property
    def state(self) -> PlaybackState:
        if self._state is PlaybackState.PLAYING:
            track = self._output.track if self._output is not None else None
            if track is None or (track.ended and track.body is not None):
                self._state = PlaybackState.FINISHED
                self._position_s = self.duration_s
        return self._state

    @property
    def position_s(self) -> float:
        """Where playback is, in seconds of the source clip (whatever the speed)."""
        if self.state is PlaybackState.PLAYING and self._output is not None:
            track = self._output.track
            if track is not None:
                return min(track.position_s(), self.duration_s)
        return self._position_s

    @property
    def speed(self) -> float:
        return self._speed

    @speed.setter
    def speed(self, speed: float) -> None:
        self.set_speed(speed)

    @property
    def volume(self) -> float:
        return self._volume

    @volume.setter
    def volume(self, volume: float) -> None:
        self._volume = float(min(max(volume, 0.0), 1.0))
        if self._output is not None:
            self._output.volume = self._volume

    # -- control ----------------------------------------------------------------------------
    def load(self, audio: DecodedAudio | None, *, stretched: np.ndarray | None = None) -> None:
        """Make ``audio`` current (stopped at 0). ``stretched``: ``time_stretch`` of it at the
        current speed, when the caller computed it in the background."""
        self._fade_out_current()
        self._audio = audio
        self._state = PlaybackState.STOPPED
        self._position_s = 0.0
        if audio is None:
            self._source = self._body = None
            self._rate = 0
            return
        self._prepare_source(audio.samples, audio.sample_rate, stretched)

    def unload(self) -> None:
        self.load(None)

    def play(self) -> None:
        """Start or resume. Raises AudioOutputError when the output cannot be opened."""
        if self._audio is None or self._body is None:
            return
        state = self.state
        if state is PlaybackState.PLAYING:
            return
        start = 0.0 if state is PlaybackState.FINISHED else self._position_s
        if start >= self.duration_s:
            start = 0.0
        output = self._ensure_output()
        self._switch_to(output, self._make_track(start, fade_in=start > 0))
        self._state = PlaybackState.PLAYING
        self._position_s = start
        output.ensure_running()

    def pause(self) -> None:
        if self.state is not PlaybackState.PLAYING:
            return
        self._position_s = self.position_s
        self._fade_out_current()
        self._state = PlaybackState.PAUSED

    def toggle(self) -> None:
        if self.state is PlaybackState.PLAYING:
            self.pause()
        else:
            self.play()

    def stop(self) -> None:
        self._fade_out_current()
        self._state = PlaybackState.STOPPED
        self._position_s = 0.0

    def seek(self, seconds: float) -> None:
        """Jump to ``seconds`` of the source; playing continues from there."""
        if self._audio is None:
            return
        target = float(min(max(seconds, 0.0), self.duration_s))
        state = self.state
        if state is PlaybackState.PLAYING and self._output is not None:
            self._switch_to(self._output, self._make_track(target, fade_in=True))
            self._position_s = target
            self._output.ensure_running()
            return
        self._position_s = target
        if state is PlaybackState.FINISHED:
            self._state = PlaybackState.PAUSED

    def set_speed(self, speed: float, *, stretched: np.ndarray | None = None) -> None:
        """0.5..2.0, pitch preserved. ``stretched``: precomputed ``time_stretch`` result."""
        speed = float(min(max(speed, MIN_SPEED), MAX_SPEED))
        if speed == self._speed and stretched is None:
            return
        position = self.position_s
        self._speed = speed
        if self._source is None:
            return
        self._body = stretched if stretched is not None else time_stretch(
            self._source, speed, self._rate)
        if self.state is PlaybackState.PLAYING and self._output is not None:
            self._switch_to(self._output, self._make_track(position, fade_in=True))
            self._output.ensure_running()

    def close(self) -> None:
        """Release the audio device (on quit)."""
        for output in [*self._retiring, self._output]:
            if output is not None:
                output.close()
        self._retiring.clear()
        self._output = None
        self._state = PlaybackState.STOPPED

    # -- internals --------------------------------------------------------------------------
    def _prepare_source(self, samples: np.ndarray, rate: int,
                        stretched: np.ndarray | None) -> None:
        if samples.shape[1] > 2:  # surround: a mono mix plays everywhere
            samples = mono_mix(samples)[:, None]
        self._source = np.ascontiguousarray(samples, dtype=np.float32)
        self._rate = rate
        if stretched is not None:
            self._body = stretched
        else:
            self._body = time_stretch(self._source, self._speed, rate)

    def _ensure_output(self) -> _Output:
        assert self._source is not None and self._audio is not None
        channels = int(self._source.shape[1])
        self._reap()
        output = self._output
        if output is not None and output.rate == self._rate and output.channels == channels:
            return output
        if output is not None:
            self._retire(output)
        try:
            output = _Output(self._factory, self._rate, channels)
        except AudioOutputError as refused:
            output = self._open_fallback(channels, refused)
        output.volume = self._volume
        self._output = output
        return output

    def _open_fallback(self, channels: int, refused: AudioOutputError) -> _Output:
        """The device refused the clip's rate: open at a common rate and resample once."""
        assert self._audio is not None
        for rate in FALLBACK_RATES:
            if rate == self._rate:
                continue
            try:
                output = _Output(self._factory, rate, channels)
            except AudioOutputError:
                continue
            log.info("output refused %d Hz; resampling to %d Hz", self._rate, rate)
            self._prepare_source(resample(self._audio.samples, self._audio.sample_rate, rate),
                                 rate, None)
            return output
        raise refused  # the first refusal says best what is wrong

    def _retire(self, output: _Output) -> None:
        """Let ``output`` finish its fade-out on its own; it is closed once it went quiet."""
        self._frames_retired += output.frames_played
        if output.audible:
            self._switch_to(output, _Track(None, None, 0, 0.0, 0.0))
            self._retiring.append(output)
        else:
            output.close()
        self._output = None

    def _reap(self) -> None:
        for output in list(self._retiring):
            if not output.audible:
                output.close()
                self._retiring.remove(output)

    def _fade_out_current(self) -> None:
        output = self._output
        if output is not None and output.audible:
            self._switch_to(output, _Track(None, None, 0, 0.0, 0.0))

    def _make_track(self, start_s: float, *, fade_in: bool) -> _Track:
        assert self._body is not None
        seconds_per_frame = self._speed / self._rate
        start = round(start_s / seconds_per_frame)
        start = min(max(start, 0), self._body.shape[0])
        head = None
        body_start = start
        if fade_in:
            ramp = _ramp(self._rate)
            head = self._body[start:start + ramp.shape[0]].copy()
            head *= ramp[:head.shape[0], None]
            body_start = start + head.shape[0]
        return _Track(head, self._body, body_start, start * seconds_per_frame, seconds_per_frame)

    def _switch_to(self, output: _Output, track: _Track) -> None:
        """Make ``track`` current on ``output``, fading out what was about to play."""
        old = output.track
        if old is not None and output.audible:
            ramp = _ramp(output.rate)
            snapshot = old.cursor
            tail = old.read_ahead(snapshot, ramp.shape[0], output.channels)
            tail *= ramp[::-1, None]
            track.head = tail if track.head is None else np.concatenate([tail, track.head])
            track.lead = tail.shape[0]
            track.predecessor = old
            track.predecessor_cursor = snapshot
            old.predecessor = None  # only the newest track needs its predecessor
        output.set_track(track)


@functools.lru_cache(maxsize=8)
def _ramp(rate: int) -> np.ndarray:
    """A raised-cosine fade-in of FADE_S at ``rate`` (reversed, it is the fade-out)."""
    frames = max(2, int(rate * FADE_S))
    ramp = 0.5 - 0.5 * np.cos(np.pi * (np.arange(frames) + 0.5) / frames)
    ramp = ramp.astype(np.float32)
    ramp.setflags(write=False)
    return ramp
