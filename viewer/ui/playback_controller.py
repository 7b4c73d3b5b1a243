"""The window's playback: the transport bar and the Playback menu drive the player, and the
player's state shows in the bar, the waveform and the status bar (no sound, and why).

Speed, volume and play-through are remembered in the settings.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from viewer.audio.playback import PlaybackState
from viewer.ui import settings
from viewer.ui.actions import Actions
from viewer.ui.controls import TransportBar
from viewer.ui.detail import DetailPane
from viewer.ui.i18n import tr
from viewer.ui.player import PlayerController
from viewer.ui.status_area import StatusArea

#: How far Shift+Left and Shift+Right jump.
SEEK_STEP_S = 2.0


class PlaybackController(QObject):
    #: The recording ended and play-through wants the next one.
    advance_requested = Signal()

    def __init__(self, player: PlayerController, transport: TransportBar, detail: DetailPane,
                 status: StatusArea, commands: Actions, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.player = player
        self._transport = transport
        self._detail = detail
        self._status = status
        #: Seconds into the current recording, and its length (0 while none is loaded).
        self.position = 0.0
        self.duration = 0.0
        commands.play_pause.triggered.connect(self.toggle)
        commands.seek_back.triggered.connect(
            lambda: player.seek(max(0.0, self.position - SEEK_STEP_S)))
        commands.seek_forward.triggered.connect(
            lambda: player.seek(self.position + SEEK_STEP_S))
        commands.slower.triggered.connect(lambda: self._set_speed(transport.step_speed(-1)))
        commands.faster.triggered.connect(lambda: self._set_speed(transport.step_speed(1)))
        commands.play_through.toggled.connect(self._set_play_through)
        player.attach_waveform(detail.waveform)
        transport.speed_chosen.connect(self._set_speed)
        transport.volume_chosen.connect(self._set_volume)
        player.state_changed.connect(lambda _: transport.set_playing(self.is_playing))
        player.position_changed.connect(self._on_position)
        player.advance_requested.connect(self.advance_requested)
        player.error.connect(transport.status.setText)
        player.availability_changed.connect(self.show_availability)
        player.duration_changed.connect(self._on_duration)
        self._restore(commands)
        self.show_availability()

    @property
    def is_playing(self) -> bool:
        return self.player.state == PlaybackState.PLAYING

    def toggle(self) -> None:
        if not self.player.available:
            self._transport.status.setText(self.player.unavailable_reason)
            return
        self.player.toggle()

    def _restore(self, commands: Actions) -> None:
        store = settings.store()
        speed = settings.PLAYBACK_SPEED.read(store)
        volume = settings.PLAYBACK_VOLUME.read(store)
        self._transport.set_speed(speed)
        self._transport.volume.setValue(round(volume * 100))
        self.player.set_speed(speed)
        self.player.set_volume(volume)
        commands.play_through.setChecked(settings.PLAY_THROUGH.read(store))

    def _on_duration(self, seconds: float) -> None:
        self.duration = seconds
        self._transport.set_position(0.0, seconds)

    def _on_position(self, seconds: float) -> None:
        self.position = seconds
        self._transport.set_position(seconds, self.duration)
        if self.duration > 0:
            self._detail.set_playback_fraction(seconds / self.duration)

    def _set_speed(self, speed: float) -> None:
        self.player.set_speed(speed)
        settings.PLAYBACK_SPEED.write(settings.store(), speed)

    def _set_volume(self, volume: float) -> None:
        self.player.set_volume(volume)
        settings.PLAYBACK_VOLUME.write(settings.store(), volume)

    def _set_play_through(self, on: bool) -> None:
        self.player.play_through = on
        settings.PLAY_THROUGH.write(settings.store(), on)

    def show_availability(self, *_: object) -> None:
        if self.player.available:
            self._status.show_sound()
            return
        message = tr("Playback is off: {reason}").format(
            reason=self.player.unavailable_reason)
        self._transport.status.setText(message)
        self._status.show_sound(message, self.player.unavailable_detail)
