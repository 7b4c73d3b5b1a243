"""Play decoded audio through sounddevice, with seeking, speed and volume (Qt-free).

The engine: every method runs on the caller's (GUI) thread. It prepares what the audio
callback reads (``viewer.audio.output``: the stream, the callback, ``Track``) and swaps it in
as one reference. The GUI learns the position by polling ``position_s`` and the end by
polling ``state``.

No clicks: whenever audible sound is replaced (seek, pause, stop, another recording), the
new track starts with a precomputed 10 ms fade-out of what was about to be played, followed
by a 10 ms fade-in of the new audio. If the audio thread moved on between our snapshot and
the swap, it skips the part of the fade-out it has already played.

Sample rate: the output stream is opened at the clip's own rate and reopened when the rate
changes. Exports are almost always one rate throughout (Alexa: 16 kHz), so reopening is
rare, and ALSA's ``default``/PipeWire/PulseAudio resample in the mixer. Only if the device
refuses the clip's rate do we open it at 48 or 44.1 kHz and resample the clip once, with
the app's band-limited resampler (``viewer.audio.resample``): linear interpolation would
leave images of the speech above the clip's Nyquist frequency (a 6 kHz tone at 16 kHz would
gain a second tone at 10 kHz, only ~11 dB down).

Speed: 0.5x to 2x, pitch preserved by WSOLA (``viewer.audio.stretch``) computed once per
clip and speed, outside the callback; ``time_stretch`` is public so a caller can run it in
the background for long clips and hand the result to ``load``/``set_speed``.
"""

from __future__ import annotations

import functools
import logging
from enum import StrEnum

import numpy as np

from viewer.audio.decode import DecodedAudio
from viewer.audio.output import (
    AudioOutputError,
    NoSound,
    Output,
    OutputCheck,
    StreamFactory,
    Track,
    describe_no_sound,
    output_available,
    sounddevice_stream,
)
from viewer.audio.peaks import mono_mix
from viewer.audio.resample import resample_frames
from viewer.audio.stretch import MAX_SPEED, MIN_SPEED, time_stretch

#: What callers of playback use, wherever it is defined.
__all__ = [
    "FADE_S",
    "FALLBACK_RATES",
    "MAX_SPEED",
    "MIN_SPEED",
    "AudioOutputError",
    "NoSound",
    "OutputCheck",
    "PlaybackEngine",
    "PlaybackState",
    "describe_no_sound",
    "output_available",
    "sounddevice_stream",
    "time_stretch",
]

log = logging.getLogger("viewer.audio")

#: Length of the fade-out/fade-in that hides a jump in the sound.
FADE_S = 0.010
#: Rates tried when the device refuses a clip's own rate.
FALLBACK_RATES = (48_000, 44_100)


class PlaybackState(StrEnum):
    STOPPED = "stopped"
    PLAYING = "playing"
    PAUSED = "paused"
    FINISHED = "finished"


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
        self._output: Output | None = None
        self._retiring: list[Output] = []
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

    def _ensure_output(self) -> Output:
        assert self._source is not None and self._audio is not None
        channels = int(self._source.shape[1])
        self._reap()
        output = self._output
        if output is not None and output.rate == self._rate and output.channels == channels:
            return output
        if output is not None:
            self._retire(output)
        try:
            output = Output(self._factory, self._rate, channels)
        except AudioOutputError as refused:
            output = self._open_fallback(channels, refused)
        output.volume = self._volume
        self._output = output
        return output

    def _open_fallback(self, channels: int, refused: AudioOutputError) -> Output:
        """The device refused the clip's rate: open at a common rate and resample once."""
        assert self._audio is not None
        for rate in FALLBACK_RATES:
            if rate == self._rate:
                continue
            try:
                output = Output(self._factory, rate, channels)
            except AudioOutputError:
                continue
            log.info("output refused %d Hz; resampling to %d Hz", self._rate, rate)
            self._prepare_source(resample_frames(self._audio.samples, self._audio.sample_rate,
                                                 rate),
                                 rate, None)
            return output
        raise refused  # the first refusal says best what is wrong

    def _retire(self, output: Output) -> None:
        """Let ``output`` finish its fade-out on its own; it is closed once it went quiet."""
        self._frames_retired += output.frames_played
        if output.audible:
            self._switch_to(output, Track(None, None, 0, 0.0, 0.0))
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
            self._switch_to(output, Track(None, None, 0, 0.0, 0.0))

    def _make_track(self, start_s: float, *, fade_in: bool) -> Track:
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
        return Track(head, self._body, body_start, start * seconds_per_frame, seconds_per_frame)

    def _switch_to(self, output: Output, track: Track) -> None:
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
