"""Times in file names, in the patterns real exports use."""

from datetime import UTC, datetime

import pytest

from viewer.formats.timenames import time_from_name


@pytest.mark.parametrize(("name", "expected", "precision", "zone_given"), [
    ("Takeout/x/2018-04-16_11_42_55_659_UTC.mp3",
     datetime(2018, 4, 16, 11, 42, 55, 659_000, tzinfo=UTC), 0.001, True),
    ("utterance_20240821T135337Z.wav", datetime(2024, 8, 21, 13, 53, 37, tzinfo=UTC), 1.0, True),
    ("2024-08-21T13-53-36.929Z.wav",
     datetime(2024, 8, 21, 13, 53, 36, 929_000, tzinfo=UTC), 0.001, True),
    ("00000038-AUDIO-2022-03-27-21-44-47.opus",
     datetime(2022, 3, 27, 21, 44, 47, tzinfo=UTC), 1.0, False),
    ("voice_messages/audio_1@14-11-2023_22-13-20.ogg",
     datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC), 1.0, False),
    ("rec-1692625936929.wav", datetime(2023, 8, 21, 13, 52, 16, 929_000, tzinfo=UTC), 0.001, True),
    ("PTT-20220323-WA0000.opus", datetime(2022, 3, 23, tzinfo=UTC), 86_400.0, False),
])
def test_patterns(name: str, expected: datetime, precision: float, zone_given: bool) -> None:
    found = time_from_name(name)
    assert found is not None
    assert (found.time, found.precision_s, found.zone_given) == (expected, precision, zone_given)


@pytest.mark.parametrize("name", ["0001.wav", "notes.txt", "2024-13-45_99_99_99.wav"])
def test_names_without_a_valid_time(name: str) -> None:
    assert time_from_name(name) is None
