"""PlayerController: background decoding, the position timer, play-through, no-device mode."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.archives import write_zip
from tests.helpers.audio import wav_bytes
from tests.unit.audio.test_playback import FakeDevice
from viewer.archive import Export, open_export
from viewer.audio import playback
from viewer.audio.playback import (
    AudioOutputError,
    NoSound,
    OutputCheck,
    PlaybackEngine,
    PlaybackState,
)
from viewer.ui.player import PlayerController
from viewer.ui.tasks import TaskRunner
from viewer.ui.waveform import WaveformWidget

RATE = 16_000


@pytest.fixture
def export(tmp_path: Path) -> Iterator[Export]:
    source = write_zip(tmp_path / "e.zip", {
        "audio/short.wav": wav_bytes(0.5, RATE),
        "audio/long.wav": wav_bytes(2.0, RATE, frequency=220),
        "audio/broken.wav": b"RIFF\x00\x00\x00\x00WAVEjunk" + bytes(64),
    })
    with open_export(source) as opened:
        yield opened


@pytest.fixture
def device() -> FakeDevice:
    return FakeDevice()


MakePlayer = Callable[..., PlayerController]


@pytest.fixture
def make_player() -> Iterator[MakePlayer]:
    made: list[tuple[PlayerController, TaskRunner]] = []

    def make(engine_factory: Callable[[], PlaybackEngine], *,
             synchronous: bool = True) -> PlayerController:
        runner = TaskRunner(synchronous=synchronous)
        player = PlayerController(runner, engine_factory=engine_factory)
        made.append((player, runner))
        return player

    yield make
    for player, runner in made:
        runner.wait_all()
        player.close()


@pytest.fixture
def player(make_player: MakePlayer, device: FakeDevice) -> PlayerController:
    return make_player(lambda: PlaybackEngine(stream_factory=device))


def test_load_decodes_and_autoplays(qtbot: QtBot, player: PlayerController,
                                    export: Export, device: FakeDevice) -> None:
    states: list[str] = []
    player.state_changed.connect(states.append)
    with qtbot.waitSignal(player.recording_changed), \
            qtbot.waitSignal(player.loaded) as blocker:
        player.load(export, "audio/long.wav")
    assert player.current_path == "audio/long.wav"
    assert player.duration_s == pytest.approx(2.0)
    path, peaks = blocker.args
    assert path == "audio/long.wav" and peaks.shape[1] == 2 and peaks.max() > 0.2
    assert states == ["playing"] and device.stream.active


def test_position_advances_while_playing(qtbot: QtBot, player: PlayerController,
                                         export: Export, device: FakeDevice) -> None:
    positions: list[float] = []
    player.position_changed.connect(positions.append)
    player.load(export, "audio/long.wav")
    device.stream.pull(RATE // 4)
    qtbot.waitUntil(lambda: bool(positions) and positions[-1] == pytest.approx(0.25),
                    timeout=2_000)
    device.stream.pull(RATE // 4)
    qtbot.waitUntil(lambda: positions[-1] == pytest.approx(0.5), timeout=2_000)


def test_play_through_asks_for_the_next_recording(qtbot: QtBot, player: PlayerController,
                                                  export: Export, device: FakeDevice) -> None:
    player.play_through = True
    player.load(export, "audio/short.wav")
    with qtbot.waitSignals([player.finished, player.advance_requested], timeout=2_000):
        while device.stream.active:
            device.stream.pull(1_024)
    assert player.state is PlaybackState.FINISHED
    assert player.position_s == pytest.approx(0.5)


def test_no_play_through_means_no_advance(qtbot: QtBot, player: PlayerController,
                                          export: Export, device: FakeDevice) -> None:
    player.load(export, "audio/short.wav")
    with qtbot.assertNotEmitted(player.advance_requested, wait=100), \
            qtbot.waitSignal(player.finished, timeout=2_000):
        while device.stream.active:
            device.stream.pull(1_024)


def test_controls_emit_states_and_positions(qtbot: QtBot, player: PlayerController,
                                            export: Export, device: FakeDevice) -> None:
    player.load(export, "audio/long.wav", autoplay=False)
    assert player.state is PlaybackState.STOPPED
    with qtbot.waitSignal(player.state_changed) as blocker:
        player.toggle()
    assert blocker.args == ["playing"]
    with qtbot.waitSignal(player.position_changed) as moved:
        player.seek(1.5)
    assert moved.args == [pytest.approx(1.5)]
    with qtbot.waitSignal(player.state_changed) as blocker:
        player.toggle()
    assert blocker.args == ["paused"] and player.position_s == pytest.approx(1.5)
    player.nudge(-1.0)
    assert player.position_s == pytest.approx(0.5)
    player.set_volume(0.25)
    player.set_speed(1.5)
    assert player.volume == 0.25 and player.speed == 1.5
    with qtbot.waitSignal(player.state_changed) as blocker:
        player.stop()
    assert blocker.args == ["stopped"] and player.position_s == 0


def test_decode_failure_is_reported_and_play_through_skips(
        qtbot: QtBot, player: PlayerController, export: Export) -> None:
    player.play_through = True
    errors: list[str] = []
    player.error.connect(errors.append)
    with qtbot.waitSignal(player.advance_requested), \
            qtbot.waitSignal(player.load_failed) as blocker:
        player.load(export, "audio/broken.wav")
    path, message = blocker.args
    assert path == "audio/broken.wav" and "cannot decode" in message
    assert errors and "broken.wav" in errors[0]
    player.play()  # nothing loaded: nothing happens, nothing raises
    assert player.state is PlaybackState.STOPPED


def test_no_device_everything_but_sound_works(qtbot: QtBot, make_player: MakePlayer, export: Export,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(playback, "output_available",
                        lambda: OutputCheck(NoSound.NO_DEVICE, "Error querying device -1"))
    player = make_player(PlaybackEngine)
    assert not player.available
    assert player.unavailable_reason == "no audio output device was found."
    assert player.unavailable_detail == "Error querying device -1"
    errors: list[str] = []
    player.error.connect(errors.append)
    with qtbot.waitSignal(player.loaded):  # loading and the waveform still work
        player.load(export, "audio/short.wav")
    player.play()
    assert player.state is PlaybackState.STOPPED
    assert errors and "no audio output device" in errors[-1]
    player.seek(0.25)
    assert player.position_s == pytest.approx(0.25)


def test_stream_that_cannot_open_makes_the_player_unavailable(
        make_player: MakePlayer, export: Export) -> None:
    def refuse(rate: int, channels: int, callback: Any) -> Any:
        raise AudioOutputError(NoSound.OUTPUT_FAILED, "device busy")

    player = make_player(lambda: PlaybackEngine(stream_factory=refuse))
    assert player.available
    errors: list[str] = []
    changes: list[bool] = []
    player.error.connect(errors.append)
    player.availability_changed.connect(changes.append)
    player.load(export, "audio/short.wav")  # autoplay tries, and reports
    assert not player.available and player.unavailable_detail == "device busy"
    assert errors == ["No sound: the audio output could not be opened."]
    assert changes == [False]
    player.play()
    assert player.state is PlaybackState.STOPPED


def test_latest_load_wins_in_the_background(qtbot: QtBot, make_player: MakePlayer,
                                            export: Export, device: FakeDevice) -> None:
    player = make_player(lambda: PlaybackEngine(stream_factory=device),
                         synchronous=False)
    loaded: list[str] = []
    player.loaded.connect(lambda path, peaks: loaded.append(path))
    player.load(export, "audio/long.wav", autoplay=False)
    player.load(export, "audio/short.wav", autoplay=False)
    player.toggle()  # pressed while decoding: plays when ready
    qtbot.waitUntil(lambda: player.state is PlaybackState.PLAYING, timeout=5_000)
    assert loaded == ["audio/short.wav"]
    assert player.duration_s == pytest.approx(0.5)


def test_attach_waveform_follows_and_seeks(qtbot: QtBot, player: PlayerController,
                                           export: Export) -> None:
    waveform = WaveformWidget()
    qtbot.addWidget(waveform)
    waveform.resize(400, 90)
    player.attach_waveform(waveform)
    player.load(export, "audio/broken.wav")
    assert waveform.message.startswith("Cannot decode")
    player.load(export, "audio/long.wav", autoplay=False)
    assert waveform.message == "" and waveform.duration_s == pytest.approx(2.0)
    waveform.seek_requested.emit(1.25)
    assert player.position_s == pytest.approx(1.25)
    assert waveform.position_s == pytest.approx(1.25)


def test_real_null_device_plays_through(qtbot: QtBot, make_player: MakePlayer,
                                        export: Export) -> None:
    check = playback.output_available()
    if not check.available:
        pytest.skip(str(check))
    player = make_player(PlaybackEngine)
    player.play_through = True
    with qtbot.waitSignals([player.finished, player.advance_requested], timeout=5_000):
        player.load(export, "audio/short.wav")
    assert player.engine.frames_played == RATE // 2
    assert np.isclose(player.position_s, 0.5)


def test_going_back_reuses_the_decoded_clip(qtbot: QtBot, tmp_path: Path) -> None:
    from viewer.archive import open_export
    from viewer.ui.player import PlayerController
    from viewer.ui.tasks import TaskRunner

    source = write_zip(tmp_path / "e.zip", {"a.wav": wav_bytes(0.4), "b.wav": wav_bytes(0.3)})
    runner = TaskRunner(synchronous=True)
    player = PlayerController(runner)
    decoded: list[str] = []
    original = player._runner.start

    def counting_start(job, **options):  # type: ignore[no-untyped-def]
        decoded.append(options.get("name", ""))
        return original(job, **options)

    player._runner.start = counting_start  # type: ignore[method-assign]
    with open_export(source) as export:
        for path in ("a.wav", "b.wav", "a.wav"):
            with qtbot.waitSignal(player.loaded, timeout=5_000):
                player.load(export, path, autoplay=False)
        assert player.duration_s == pytest.approx(0.4, abs=0.01)
    assert decoded == ["decode a.wav", "decode b.wav"]  # the second a.wav came from the cache
    player.close()
