"""Fixtures shared by the window's tests."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from viewer.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    # Voice analysis is tested on its own (tests/unit/voice, and test_main_window's voice
    # tests); here it would only keep the cores busy embedding the demo for every test.
    main = MainWindow(use_voice=False)
    qtbot.addWidget(main)
    main.show()
    return main
