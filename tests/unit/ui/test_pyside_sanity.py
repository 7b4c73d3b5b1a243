"""Guards against a PySide6 build that corrupts the interpreter.

PySide6 6.12.0's abi3 wheel installs on Python 3.11 but drops a reference to None on every
void method call (it assumes 3.12's immortal None); the app then aborts with "deallocating
None" after a few thousand paints. pyproject pins below 6.12; this test fails if a broken
build comes back.
"""

import sys

from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


def test_void_qt_calls_keep_none_alive(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    painter.save()
    painter.restore()
    widget.update()
    before = sys.getrefcount(None)
    for _ in range(500):
        widget.update()
        painter.save()
        painter.restore()
    after = sys.getrefcount(None)
    painter.end()
    assert after >= before - 50, f"None lost {before - after} references in 1,500 void calls"
