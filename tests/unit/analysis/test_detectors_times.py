from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from tests.unit.analysis.builders import NO_CONTEXT, T0, contents, recording, registered
from viewer.analysis.detectors import registration_times
from viewer.analysis.profile import OwnershipProfile
from viewer.model import Account, Fact, SourceRef

SERIAL = "G090LF1187654321"
EMPTY = OwnershipProfile()


def test_before_the_first_registration() -> None:
    device = registered(SERIAL, first=T0 + timedelta(days=3))
    later = recording(2, device=SERIAL, start=T0 + timedelta(days=4))
    export = contents([recording(1, device=SERIAL, start=T0), later], (device,))
    (finding,) = registration_times(EMPTY, export, NO_CONTEXT)
    assert finding.code == "before-registration" and finding.weight == 0.9
    assert finding.recording == "Audio/utterance_0001.wav"
    assert "3 days before device G090LF1187654321 was first registered" in finding.detail
    assert any(e.locator == "row 2" for e in finding.evidence)


def test_after_deregistration_unless_registered_again() -> None:
    gone = T0 + timedelta(days=1)
    export = contents([recording(1, device=SERIAL, start=T0 + timedelta(days=2))],
                      (registered(SERIAL, gone=gone),))
    (finding,) = registration_times(EMPTY, export, NO_CONTEXT)
    assert finding.code == "after-deregistration"
    back = registered(SERIAL, gone=gone, last=gone + timedelta(hours=5))
    export = contents([recording(1, device=SERIAL, start=T0 + timedelta(days=2))], (back,))
    assert registration_times(EMPTY, export, NO_CONTEXT) == []


def test_slack_for_rounding_and_assumed_zones() -> None:
    device = registered(SERIAL, first=T0 + timedelta(seconds=30))
    export = contents([recording(1, device=SERIAL, start=T0)], (device,))
    assert registration_times(EMPTY, export, NO_CONTEXT) == []
    from dataclasses import replace

    vague = replace(recording(1, device=SERIAL, start=T0), time_zone_assumed=True)
    device = registered(SERIAL, first=T0 + timedelta(hours=10))
    assert registration_times(EMPTY, contents([vague], (device,)), NO_CONTEXT) == []


def test_before_the_account_existed() -> None:
    account = Account("Max", "amazon-account", facts=(
        Fact("account_created", (T0 + timedelta(days=10)).isoformat(), SourceRef("acct.csv",
                                                                                 "row 2")),))
    export = contents([recording(1, start=T0)])
    from dataclasses import replace

    export = replace(export, accounts=(account,))
    (finding,) = registration_times(EMPTY, export, NO_CONTEXT)
    assert finding.code == "before-registration" and "account was created" in finding.detail


def test_a_registration_time_whose_zone_was_assumed_gets_the_same_slack() -> None:
    device = registered("G0", first=T0)
    early = recording(0, device="G0", start=T0 - timedelta(hours=5))
    assert [f.code for f in registration_times(OwnershipProfile(), contents([early], (device,)),
                                               NO_CONTEXT)] == ["before-registration"]
    assumed = replace(device, registration_zone_assumed=True)
    assert registration_times(OwnershipProfile(), contents([early], (assumed,)), NO_CONTEXT) == []
