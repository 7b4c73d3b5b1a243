"""The voices heard in the export, one row per cluster: play a typical sample, say whose.

"This is me" and "My household" mark every recording of the voice as the user's (which also
teaches the voice model what they sound like); "Not us" marks them as not the user's. Each
is one step to undo.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from viewer.ui.i18n import tr


class VoicesPanel(QWidget):
    #: (representative recording path): play this voice's typical sample.
    play_requested = Signal(str)
    #: (member paths, mark): "mine" or "not-mine" for a whole voice.
    mark_requested = Signal(list, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clusters: list[dict[str, Any]] = []
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.listing = QListWidget()
        self.listing.setAccessibleName(tr("Voices in this export"))
        self.listing.currentRowChanged.connect(self._update_buttons)
        self.listing.itemActivated.connect(lambda _item: self._play())
        self.play = QPushButton(tr("Play a Sample"))
        self.play.clicked.connect(self._play)
        self.me = QPushButton(tr("This Is Me"))
        self.household = QPushButton(tr("My Household"))
        self.stranger = QPushButton(tr("Not Us"))
        self.me.clicked.connect(lambda: self._mark("mine"))
        self.household.clicked.connect(lambda: self._mark("mine"))
        self.stranger.clicked.connect(lambda: self._mark("not-mine"))
        buttons = QHBoxLayout()
        for button in (self.play, self.me, self.household, self.stranger):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.listing, 1)
        layout.addLayout(buttons)
        self.set_clusters([], running=False)

    def set_clusters(self, clusters: list[dict[str, Any]], *, running: bool,
                     verdicts: dict[str, str] | None = None) -> None:
        """Clusters as the check gives them: id, recordings, representative, members."""
        self._clusters = list(clusters)
        verdicts = verdicts or {}
        self.listing.clear()
        if running:
            self.explanation.setText(tr("Listening to every recording… the voices appear "
                                        "here when that is done."))
        elif not clusters:
            self.explanation.setText(tr("No voices yet: open an export with recordings."))
        else:
            self.explanation.setText(tr(
                "Recordings that sound alike are grouped into voices. Play a sample of each "
                "and say whose it is: your answer marks all its recordings and teaches the "
                "check what you sound like."))
        for number, cluster in enumerate(self._clusters, start=1):
            members = cluster.get("members", [])
            tally = {verdict: sum(1 for path in members if verdicts.get(path) == verdict)
                     for verdict in ("not-mine", "mine")}
            text = tr("Voice {number}: %n recording(s)", "", int(cluster["recordings"])).format(
                number=number)
            if tally["not-mine"] or tally["mine"]:
                text += " — " + tr("{not_mine} not mine, {mine} mine").format(
                    not_mine=tally["not-mine"], mine=tally["mine"])
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, number - 1)
            self.listing.addItem(item)
        if self._clusters:
            self.listing.setCurrentRow(0)
        self._update_buttons()

    def current_cluster(self) -> dict[str, Any] | None:
        row = self.listing.currentRow()
        return self._clusters[row] if 0 <= row < len(self._clusters) else None

    def _update_buttons(self, *_: object) -> None:
        enabled = self.current_cluster() is not None
        for button in (self.play, self.me, self.household, self.stranger):
            button.setEnabled(enabled)

    def _play(self) -> None:
        cluster = self.current_cluster()
        if cluster is not None:
            self.play_requested.emit(cluster["representative"])

    def _mark(self, mark: str) -> None:
        cluster = self.current_cluster()
        if cluster is not None:
            self.mark_requested.emit(list(cluster.get("members", [])), mark)
