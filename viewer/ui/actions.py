"""Every action of the window, with its shortcut, built in one place.

The help overlay lists these, so a shortcut that exists is a shortcut that is documented.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from viewer.ui.i18n import tr


@dataclass
class Actions:
    open_file: QAction
    open_folder: QAction
    open_demo: QAction
    close_export: QAction
    quit: QAction
    play_pause: QAction
    previous: QAction
    next: QAction
    seek_back: QAction
    seek_forward: QAction
    slower: QAction
    faster: QAction
    play_through: QAction
    find: QAction
    fit_timeline: QAction
    show_recordings: QAction
    show_files: QAction
    show_voices: QAction
    shortcuts: QAction
    about: QAction
    mark_not_mine: QAction
    mark_mine: QAction
    mark_unsure: QAction
    clear_mark: QAction
    undo: QAction
    redo: QAction
    colour_by_device: QAction
    colour_by_verdict: QAction
    colour_by_voice: QAction
    about_you: QAction
    guided_check: QAction
    forget_export: QAction
    forget_everything: QAction
    report: QAction
    cases: QAction

    def all(self) -> list[QAction]:
        return [getattr(self, spec.name) for spec in fields(self)]


def _action(parent: QObject, text: str, *shortcuts: QKeySequence | str,
            tip: str = "", checkable: bool = False) -> QAction:
    action = QAction(text, parent)
    action.setShortcuts([QKeySequence(shortcut) for shortcut in shortcuts])
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    action.setCheckable(checkable)
    return action


def build_actions(parent: QObject) -> Actions:
    standard = QKeySequence.StandardKey
    return Actions(
        open_file=_action(parent, tr("&Open Export…"), QKeySequence(standard.Open),
                          tip=tr("Open an export ZIP, or several split parts")),
        open_folder=_action(parent, tr("Open &Folder…"), "Ctrl+Shift+O",
                            tip=tr("Open an unpacked export folder")),
        open_demo=_action(parent, tr("Open the &Demo Export"),
                          tip=tr("Open the bundled example: an Amazon export with a "
                                 "stranger's recordings mixed in")),
        close_export=_action(parent, tr("&Close Export"), QKeySequence(standard.Close)),
        quit=_action(parent, tr("&Quit"), QKeySequence(standard.Quit)),
        play_pause=_action(parent, tr("&Play / Pause"), "Space",
                           tip=tr("Play or pause the selected recording")),
        previous=_action(parent, tr("P&revious Recording"), "K", "Left"),
        next=_action(parent, tr("&Next Recording"), "J", "Right"),
        seek_back=_action(parent, tr("Back 2 Seconds"), "Shift+Left"),
        seek_forward=_action(parent, tr("Forward 2 Seconds"), "Shift+Right"),
        slower=_action(parent, tr("S&lower"), "["),
        faster=_action(parent, tr("&Faster"), "]"),
        play_through=_action(parent, tr("Play &Through"), "P", checkable=True,
                             tip=tr("When a recording ends, play the next one")),
        find=_action(parent, tr("&Search Transcripts"), QKeySequence(standard.Find)),
        fit_timeline=_action(parent, tr("Show the &Whole Timeline"), "Home"),
        show_recordings=_action(parent, tr("&Recordings"), "Ctrl+1"),
        show_files=_action(parent, tr("&Files"), "Ctrl+2"),
        show_voices=_action(parent, tr("&Voices"), "Ctrl+3"),
        shortcuts=_action(parent, tr("&Keyboard Shortcuts"), "F1", "?"),
        about=_action(parent, tr("&About Export Viewer")),
        mark_not_mine=_action(parent, tr("Mark as &Not Mine"), "N",
                              tip=tr("Mark the selected recordings as not yours")),
        mark_mine=_action(parent, tr("Mark as &Mine"), "M",
                          tip=tr("Mark the selected recordings as yours")),
        mark_unsure=_action(parent, tr("Mark as &Unsure"), "U"),
        clear_mark=_action(parent, tr("&Clear Mark"), "Backspace"),
        undo=_action(parent, tr("&Undo"), QKeySequence(standard.Undo)),
        redo=_action(parent, tr("&Redo"), QKeySequence(standard.Redo), "Ctrl+Shift+Z"),
        colour_by_device=_action(parent, tr("Colour by &Device"), checkable=True),
        colour_by_verdict=_action(parent, tr("Colour by &Verdict"), checkable=True),
        colour_by_voice=_action(parent, tr("Colour by V&oice"), checkable=True,
                                tip=tr("One colour per voice the check heard, largest first")),
        about_you=_action(parent, tr("About &You…"), "Ctrl+,",
                          tip=tr("Your devices, people, languages and voice: what the check "
                                 "compares the export with")),
        guided_check=_action(parent, tr("&Guided Check…"), "Ctrl+G",
                             tip=tr("A few questions about this export that only you can "
                                    "answer: they settle the recordings the check left "
                                    "unsure")),
        forget_export=_action(parent, tr("&Forget This Export…"),
                              tip=tr("Delete what the app keeps about the open export: your "
                                     "marks, notes and voice answers, its voiceprints and "
                                     "analysis")),
        forget_everything=_action(parent, tr("Forget &Everything…"),
                                  tip=tr("Delete every review, your profile, every voiceprint "
                                         "and every voice sample the app recorded")),
        report=_action(parent, tr("&Report Discrepancy…"), "Ctrl+R",
                       tip=tr("Write the report to send to the company: the files that are "
                              "not yours, with checksums and evidence, and a letter")),
        cases=_action(parent, tr("&Cases…"),
                      tip=tr("Every report you wrote, followed until the company answers: "
                             "deadlines, reminders, complaints")),
    )
