"""The shipped demo export, imported end to end and checked against its ground truth.

The demo mixes a German owner's recordings (transcripts in ``Intent-1-1.csv``) with a US
stranger's (transcripts only in ``Transcripts.pdf``), the 2018 case in miniature. Every one of
its 100 recordings must pair with its own utterance and carry its own device's facts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from viewer.archive import open_export
from viewer.formats.pipeline import import_export
from viewer.model import ExportContents, LinkMethod

DEMO = Path(__file__).resolve().parents[3] / "viewer" / "resources" / "demo"
INTENT = "Additional Data/Alexa/Alexa/NLU/Intent-1-1.csv"
PDF = "Additional Data/Alexa/Alexa/Transcripts.pdf"
OWNER_DEVICES = {"G090LF1187654321", "G0911W0612345678"}
STRANGER_DEVICE = "G2A0US9876543210"


@pytest.fixture(scope="module")
def truth() -> list[dict[str, Any]]:
    return json.loads((DEMO / "demo-truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def contents() -> ExportContents:
    with open_export(DEMO / "amazon-demo-export.zip") as export:
        return import_export(export)


def test_every_recording_is_in_the_truth(contents: ExportContents,
                                         truth: list[dict[str, Any]]) -> None:
    assert {r.path for r in contents.recordings} == {item["path"] for item in truth}
    assert len(truth) == 100
    assert all(r.format == "amazon-alexa" for r in contents.recordings)
    assert all(r.sample_rate == 16_000 and r.audio_problem is None for r in contents.recordings)


def test_every_recording_links_to_its_utterance(contents: ExportContents,
                                                truth: list[dict[str, Any]]) -> None:
    wrong = []
    for item in truth:
        link = contents.link_for(item["path"])
        entry = contents.transcript_for(item["path"])
        expected_source = INTENT if item["owner"] else PDF
        if (link is None or link.method is not LinkMethod.TIME or entry is None
                or entry.text != item["utterance"] or entry.source.path != expected_source):
            wrong.append((item["path"], item["utterance"], entry.text if entry else None))
    assert wrong == []


def test_every_recording_has_its_devices_facts(contents: ExportContents,
                                               truth: list[dict[str, Any]]) -> None:
    wrong = []
    for item in truth:
        recording = contents.recording(item["path"])
        assert recording is not None
        expected = ("de-DE", "amazon.de") if item["owner"] else ("en-US", "amazon.com")
        found = (recording.fact("device_locale"), recording.fact("marketplace"))
        if recording.device != item["device_serial"] or found != expected:
            wrong.append((item["path"], recording.device, found))
    assert wrong == []


def test_devices_registered_and_not(contents: ExportContents) -> None:
    for serial in OWNER_DEVICES:
        device = contents.device(serial)
        assert device is not None and device.registered_in_export, serial
        assert (device.locale, device.marketplace, device.account) == (
            "de-DE", "amazon.de", "Max Mustermann")
    stranger = contents.device(STRANGER_DEVICE)
    assert stranger is not None
    assert not stranger.registered_in_export
    assert (stranger.locale, stranger.marketplace, stranger.device_type) == (
        "en-US", "amazon.com", "Echo (4th Gen)")
    assert {d.key for d in contents.devices} == {*OWNER_DEVICES, STRANGER_DEVICE}
    assert [(a.key, a.kind) for a in contents.accounts] == [("Max Mustermann",
                                                             "amazon-account")]


def test_orders_stay_not_understood_and_nothing_failed(contents: ExportContents) -> None:
    assert [u.path for u in contents.not_understood] == ["Your Orders/Retail.OrderHistory.1.csv"]
    assert contents.problems == ()
    assert contents.formats == ("amazon-alexa", "transcript-pdf")
    assert len(contents.transcripts) == 100
    assert contents.transcripts_without_audio() == ()
