"""PlaybackEngine: the exact frames its callback writes (fake stream), and real playback
through ALSA's null device (unpaced, so tests count frames, never seconds)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from viewer.audio import output
from viewer.audio.decode import DecodedAudio
from viewer.audio.playback import (
    FADE_S,
    AudioOutputError,
    NoSound,
    OutputCheck,
    PlaybackEngine,
    PlaybackState,
    output_available,
    time_stretch,
)

RATE = 8_000
FADE = int(RATE * FADE_S)


class FakeStream:
    """Calls the engine's callback only when the test pulls frames."""

    def __init__(self, rate: int, channels: int, callback: Callable[..., None]) -> None:
        self.rate, self.channels, self.callback = rate, channels, callback
        self.active = False
        self.starts = 0
        self.closed = False

    def start(self) -> None:
        self.active = True
        self.starts += 1

    def stop(self) -> None:
        self.active = False

    def close(self) -> None:
        self.closed = True

    def pull(self, frames: int) -> np.ndarray:
        assert self.active, "the engine did not start the stream"
        out = np.full((frames, self.channels), np.nan, dtype=np.float32)
        try:
            self.callback(out, frames, None, None)
        except Exception as stop:
            assert type(stop).__name__ == "CallbackStop"
            self.active = False
        return out


class FakeDevice:
    def __init__(self, refuse_rates: tuple[int, ...] = ()) -> None:
        self.streams: list[FakeStream] = []
        self.refuse_rates = refuse_rates

    def __call__(self, rate: int, channels: int, callback: Any) -> FakeStream:
        if rate in self.refuse_rates:
            raise AudioOutputError(NoSound.OUTPUT_FAILED, f"refused {rate}")
        self.streams.append(FakeStream(rate, channels, callback))
        return self.streams[-1]

    @property
    def stream(self) -> FakeStream:
        return self.streams[-1]


def ramp_audio(seconds: float = 1.0, rate: int = RATE) -> DecodedAudio:
    """Distinct, smooth values: every frame tells where it came from."""
    frames = int(seconds * rate)
    return DecodedAudio(np.linspace(-0.9, 0.9, frames, dtype=np.float32)[:, None], rate)


@pytest.fixture
def device() -> FakeDevice:
    return FakeDevice()


@pytest.fixture
def engine(device: FakeDevice) -> PlaybackEngine:
    engine = PlaybackEngine(stream_factory=device)
    engine.load(ramp_audio())
    return engine


def test_callback_copies_frames_exactly(engine: PlaybackEngine, device: FakeDevice) -> None:
    source = engine.audio.samples  # type: ignore[union-attr]
    engine.play()
    assert engine.state is PlaybackState.PLAYING
    np.testing.assert_array_equal(device.stream.pull(256), source[:256])
    np.testing.assert_array_equal(device.stream.pull(256), source[256:512])
    assert engine.frames_played == 512
    assert engine.position_s == pytest.approx(512 / RATE)


def test_volume_is_applied_and_zero_writes_zeros(engine: PlaybackEngine,
                                                 device: FakeDevice) -> None:
    source = engine.audio.samples  # type: ignore[union-attr]
    engine.volume = 0.5
    engine.play()
    np.testing.assert_allclose(device.stream.pull(100), source[:100] * 0.5)
    engine.volume = 0.0
    out = device.stream.pull(100)
    assert not np.isnan(out).any()
    assert np.all(out == 0)
    engine.volume = 7  # clamped
    assert engine.volume == 1.0


def test_end_zero_fills_stops_and_finishes(engine: PlaybackEngine, device: FakeDevice) -> None:
    engine.play()
    device.stream.pull(RATE - 100)
    out = device.stream.pull(300)
    assert np.all(out[100:] == 0) and not np.isnan(out).any()
    assert not device.stream.active  # CallbackStop
    assert engine.state is PlaybackState.FINISHED
    assert engine.frames_played == RATE
    assert engine.position_s == pytest.approx(1.0)
    engine.play()  # from the start again, on a restarted stream
    assert device.stream.active and device.stream.starts == 2
    np.testing.assert_array_equal(device.stream.pull(10), engine.audio.samples[:10])  # type: ignore[union-attr]


def test_seek_fades_out_then_continues_at_the_target(engine: PlaybackEngine,
                                                     device: FakeDevice) -> None:
    source = engine.audio.samples[:, 0]  # type: ignore[union-attr]
    engine.play()
    device.stream.pull(100)
    engine.seek(0.5)
    target = RATE // 2
    out = device.stream.pull(2 * FADE + 200)[:, 0]
    fade_out, fade_in, rest = out[:FADE], out[FADE:2 * FADE], out[2 * FADE:]
    # Continuity: the fade-out starts where the sound was and falls to nothing.
    assert fade_out[0] == pytest.approx(source[100], abs=0.01)
    assert abs(fade_out[-1]) < 0.01
    assert abs(fade_in[0]) < 0.01
    assert fade_in[-1] == pytest.approx(source[target + FADE - 1], abs=0.01)
    np.testing.assert_array_equal(rest, source[target + FADE:target + FADE + 200])
    assert engine.position_s == pytest.approx((target + FADE + 200) / RATE)


def test_seek_while_paused_moves_where_play_resumes(engine: PlaybackEngine,
                                                    device: FakeDevice) -> None:
    source = engine.audio.samples[:, 0]  # type: ignore[union-attr]
    engine.seek(0.25)
    assert engine.state is PlaybackState.STOPPED and engine.position_s == 0.25
    engine.play()
    out = device.stream.pull(FADE + 50)[:, 0]  # nothing to fade out: only a fade-in
    np.testing.assert_array_equal(out[FADE:], source[RATE // 4 + FADE:RATE // 4 + FADE + 50])


def test_pause_fades_out_and_keeps_the_position(engine: PlaybackEngine,
                                                device: FakeDevice) -> None:
    engine.play()
    device.stream.pull(400)
    engine.pause()
    assert engine.state is PlaybackState.PAUSED
    assert engine.position_s == pytest.approx(400 / RATE)
    out = device.stream.pull(FADE + 20)[:, 0]
    assert abs(out[FADE - 1]) < 0.01 and np.all(out[FADE:] == 0)
    assert not device.stream.active  # the stream rests while paused
    engine.toggle()
    assert engine.state is PlaybackState.PLAYING and device.stream.active
    assert engine.position_s == pytest.approx(400 / RATE)


def test_stop_returns_to_the_start(engine: PlaybackEngine, device: FakeDevice) -> None:
    engine.play()
    device.stream.pull(400)
    engine.stop()
    assert engine.state is PlaybackState.STOPPED and engine.position_s == 0


def test_audio_thread_moved_on_skips_the_played_part_of_the_fade(
        engine: PlaybackEngine, device: FakeDevice) -> None:
    engine.play()
    device.stream.pull(100)
    old = engine._output.track  # type: ignore[union-attr]
    engine.seek(0.5)
    old.cursor += 30  # the callback ran once more between our snapshot and the swap
    out = device.stream.pull(FADE)[:, 0]
    head = engine._output.track.head[:, 0]  # type: ignore[union-attr]
    np.testing.assert_array_equal(out[:FADE - 30], head[30:FADE])


def test_speed_two_plays_half_the_frames_at_the_same_pitch(device: FakeDevice) -> None:
    rate = 16_000
    tone = (0.3 * np.sin(2 * np.pi * 440 * np.arange(rate) / rate)).astype(np.float32)
    engine = PlaybackEngine(stream_factory=device)
    engine.load(DecodedAudio(tone[:, None], rate))
    engine.speed = 2.0
    engine.play()
    while device.stream.active:
        device.stream.pull(512)
    assert engine.frames_played == pytest.approx(rate / 2, abs=2)
    assert engine.state is PlaybackState.FINISHED
    stretched = time_stretch(tone[:, None], 1.5, rate)[:, 0]
    spectrum = np.abs(np.fft.rfft(stretched * np.hanning(stretched.size)))
    assert np.argmax(spectrum) * rate / stretched.size == pytest.approx(440, abs=5)


def test_position_maps_back_to_source_time_at_speed(device: FakeDevice) -> None:
    engine = PlaybackEngine(stream_factory=device)
    engine.load(ramp_audio(2.0))
    engine.speed = 0.5
    engine.play()
    device.stream.pull(RATE)  # one second of output at half speed
    assert engine.position_s == pytest.approx(0.5, abs=0.01)
    engine.set_speed(2.0)  # while playing: continues from the same source time
    device.stream.pull(2 * FADE)
    assert engine.position_s == pytest.approx(0.5 + FADE * 2.0 / RATE, abs=0.01)


def test_a_refused_rate_falls_back_to_48k_and_resamples() -> None:
    device = FakeDevice(refuse_rates=(RATE,))
    engine = PlaybackEngine(stream_factory=device)
    engine.load(ramp_audio(0.5))
    engine.play()
    assert device.stream.rate == 48_000
    while device.stream.active:
        device.stream.pull(1024)
    assert engine.frames_played == 24_000
    assert engine.duration_s == pytest.approx(0.5)


def test_the_fallback_rate_adds_no_images_to_the_sound() -> None:
    """A 6 kHz tone at 16 kHz played at 48 kHz: linear interpolation would add its image at
    10 kHz only ~11 dB down; the band-limited resampler keeps everything else below -60 dB."""
    rate = 16_000
    device = FakeDevice(refuse_rates=(rate,))
    engine = PlaybackEngine(stream_factory=device)
    frames = np.arange(rate)
    engine.load(DecodedAudio(np.sin(2 * np.pi * 6_000 * frames / rate).astype(
        np.float32)[:, None], rate))
    engine.play()
    assert device.stream.rate == 48_000
    played = np.concatenate([device.stream.pull(4_800)[:, 0] for _ in range(10)])
    middle = np.arange(2_000, 46_000)
    times = middle / 48_000
    basis = np.stack([np.sin(2 * np.pi * 6_000 * times), np.cos(2 * np.pi * 6_000 * times)],
                     axis=1)
    coefficients, *_ = np.linalg.lstsq(basis, played[middle], rcond=None)
    rest = played[middle] - basis @ coefficients
    assert float(np.hypot(*coefficients)) == pytest.approx(1.0, abs=0.01)
    assert 20 * np.log10(np.sqrt(np.mean(rest ** 2)) / np.sqrt(0.5)) < -60


def test_a_new_rate_opens_a_new_stream_and_retires_the_old(device: FakeDevice) -> None:
    engine = PlaybackEngine(stream_factory=device)
    engine.load(ramp_audio(0.5))
    engine.play()
    device.stream.pull(100)
    first = device.stream
    engine.load(ramp_audio(0.5, rate=16_000))
    assert engine.state is PlaybackState.STOPPED
    engine.play()
    assert device.stream is not first and device.stream.rate == 16_000
    first.pull(FADE + 10)  # the old stream fades out on its own, then rests
    engine.play()
    assert first.closed or not first.active
    engine.close()
    assert device.stream.closed


def test_output_errors_are_one_error_type() -> None:
    def broken(rate: int, channels: int, callback: Any) -> Any:
        raise AudioOutputError(NoSound.NO_DEVICE)

    engine = PlaybackEngine(stream_factory=broken)
    engine.load(ramp_audio(0.1))
    with pytest.raises(AudioOutputError):
        engine.play()
    assert engine.state is PlaybackState.STOPPED


def test_missing_portaudio_means_no_output(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_portaudio() -> Any:
        raise AudioOutputError(NoSound.NO_PORTAUDIO, "libportaudio.so.2: not found")

    monkeypatch.setattr(output, "_sounddevice", no_portaudio)
    check = output_available()
    # A code for the UI to put in words, the library's own words beside it.
    assert check == OutputCheck(NoSound.NO_PORTAUDIO, "libportaudio.so.2: not found")
    assert not check.available and "PortAudio" in str(check)
    with pytest.raises(AudioOutputError):
        output.sounddevice_stream(16_000, 1, lambda *args: None)


# -- the real thing: ALSA's null device plays unpaced ---------------------------------------

def _wait(predicate: Callable[[], bool], timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.002)


@pytest.fixture
def real_engine() -> Any:
    check = output_available()
    if not check.available:
        pytest.skip(str(check))
    engine = PlaybackEngine()
    yield engine
    engine.close()


def test_real_output_plays_every_frame_then_finishes(real_engine: PlaybackEngine) -> None:
    real_engine.load(ramp_audio(0.5, rate=16_000))
    real_engine.play()
    _wait(lambda: real_engine.state is PlaybackState.FINISHED)
    assert real_engine.frames_played == 8_000
    assert real_engine.position_s == pytest.approx(0.5)


def test_real_output_at_double_speed_plays_half(real_engine: PlaybackEngine) -> None:
    real_engine.load(ramp_audio(0.5, rate=16_000))
    real_engine.set_speed(2.0)
    real_engine.play()
    _wait(lambda: real_engine.state is PlaybackState.FINISHED)
    assert real_engine.frames_played == pytest.approx(4_000, abs=2)
    real_engine.play()  # and again, on the same (restarted) stream
    _wait(lambda: real_engine.state is PlaybackState.FINISHED)
    assert real_engine.frames_played == pytest.approx(8_000, abs=4)
