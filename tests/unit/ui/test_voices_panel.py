"""The Voices tab as a picture: a card per voice with its count, dates, devices, likeness to
the user's voice, a transcript and a strip of when it spoke."""

from __future__ import annotations

import dataclasses

from pytestqt.qtbot import QtBot

from viewer.resources import DEMO_EXPORT
from viewer.ui.main_window import MainWindow
from viewer.ui.voice_card import local_date


def test_voices_show_count_dates_devices_likeness_and_when_they_spoke(
        qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.analysis.finished, timeout=30_000):
        window.open_paths([DEMO_EXPORT])
    result = window.analysis.result
    assert result is not None
    rows = sorted(window.model.rows(), key=lambda row: row.recording.start)
    first, second = [row.recording.path for row in rows[:10]], [
        row.recording.path for row in rows[60:65]]
    voices = ({"id": 3, "recordings": 10, "representative": first[3], "members": first,
               "similarity_to_you": 0.934, "sounds_like_you": "yes"},
              {"id": 1, "recordings": 5, "representative": second[0], "members": second})
    window.analysis.result = dataclasses.replace(result, voices=voices)
    window._refresh_voices()
    panel = window.voices_panel
    assert panel.listing.count() == 2 and len(panel.cards) == 2
    card = panel.cards[0]
    assert card.title.text() == "<b>Voice 1</b> · 10 recordings"
    span = f"{local_date(rows[0].recording.start)} to {local_date(rows[9].recording.start)}"
    assert card.details.text().startswith(span)
    assert card.details.text().split(" · ", 1)[1] == ", ".join(card.voice.devices)
    assert card.voice.devices and all("Echo" in device for device in card.voice.devices)
    assert card.similarity.text() == "Sounds like you (likeness 0.93 of 1)"
    assert card.transcript.text().startswith("“") and len(card.transcript.text()) <= 62
    # The strip: ten ticks, drawn on the export's whole span (the voice's first is its start).
    assert len(card.strip._times) == 10
    assert card.strip.fraction(rows[0].recording.start.timestamp()) == 0.0
    assert 0.0 < card.strip.fraction(rows[9].recording.start.timestamp()) < 0.5
    # Unknown likeness says so, and the tab says how to teach the check the user's voice.
    unknown = panel.cards[1]
    assert "not known yet" in unknown.similarity.text()
    assert unknown.title.text() == "<b>Voice 2</b> · 5 recordings"
    assert "This Is Me" not in panel.explanation.text()  # one voice's likeness is known
    window.analysis.result = dataclasses.replace(result, voices=voices[1:])
    window._refresh_voices()
    assert "your voice is not known yet" in panel.explanation.text().lower()
    assert "About You" in panel.explanation.text()


def test_the_buttons_answer_for_the_selected_voice(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.analysis.finished, timeout=30_000):
        window.open_paths([DEMO_EXPORT])
    result = window.analysis.result
    assert result is not None
    paths = [row.recording.path for row in window.model.rows()]
    voices = ({"id": 0, "recordings": 3, "representative": paths[0], "members": paths[:3]},
              {"id": 1, "recordings": 2, "representative": paths[3], "members": paths[3:5]})
    window.analysis.result = dataclasses.replace(result, voices=voices)
    window._refresh_voices()
    panel = window.voices_panel
    changes: list[object] = []
    panel.answer_given.disconnect()
    panel.answer_given.connect(changes.append)
    panel.listing.setCurrentRow(1)
    assert panel.cards[1].property("selected") and not panel.cards[0].property("selected")
    for button in (panel.household, panel.dont_know):
        button.click()
    household, forget = changes
    digests = sorted(result.member_sha256[path] for path in paths[3:5])
    document = household({"people": ["Erika"]})  # type: ignore[operator]
    assert document == {"people": ["Erika"],
                        "voices": [{"answer": "household", "sha256": digests}]}
    assert forget(document)["voices"] == []  # type: ignore[operator]
    # While the check runs again the cards stay, greyed and unanswerable; the selected voice
    # is still selected when the new result comes.
    panel.show_waiting(listening=True)
    assert len(panel.cards) == 2 and not panel.listing.isEnabled()
    assert not panel.me.isEnabled()
    panel.show_result(window.analysis.result, verdicts={})
    assert panel.listing.isEnabled() and panel.me.isEnabled()
    assert panel.listing.currentRow() == 1
