"""The user's own word on an export: marks (with undo and redo), the profile (About You and
the guided check's answers), and forgetting what the app keeps.

Everything lands in the ``ReviewStore``; the window only shows it (``marks_changed``) and
runs the check again when the profile changed (``profile_changed``).
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from viewer.analysis.findings import Verdict
from viewer.analysis.questions import answer_voice
from viewer.archive import Export
from viewer.review import ReviewStore, ReviewStoreError
from viewer.ui.analysis_controller import AnalysisController
from viewer.ui.guided_panel import ProfileChange
from viewer.ui.i18n import tr
from viewer.ui.profile_dialog import ProfileDialog
from viewer.ui.recordings_model import verdict_label
from viewer.ui.session import ExportSession
from viewer.userdirs import user_data_dir

log = logging.getLogger("viewer.ui.review")


def open_review_store() -> tuple[ReviewStore | None, str]:
    """The user's review database, or None and the reason it cannot be opened."""
    try:
        return ReviewStore.open_default(), ""
    except (ReviewStoreError, OSError) as error:
        log.warning("review store unavailable: %s", error)
        return None, str(error)


class ReviewController(QObject):
    #: The open export's marks changed (made, undone, redone, loaded or forgotten).
    marks_changed = Signal()
    #: What the check compares with changed (profile, answers, a recording called "mine").
    profile_changed = Signal()
    #: A passing message (text, milliseconds) and a message for the banner.
    message = Signal(str, int)
    error = Signal(str)
    #: Exports taken off Open Recent: their paths, or None for all of them.
    forgotten = Signal(object)

    def __init__(self, session: ExportSession, analysis: AnalysisController,
                 undo: QAction, redo: QAction, dialog_parent: QWidget, *,
                 close_export: Callable[[], None]) -> None:
        super().__init__(dialog_parent)
        self.store, self.unavailable_reason = open_review_store()
        #: The open export's SHA-256, which its review is filed under; None when none is.
        self.export_sha: str | None = None
        self._session = session
        self._analysis = analysis
        self._undo, self._redo = undo, redo
        self._dialog_parent = dialog_parent
        self._close_export = close_export

    # -- the open export's marks --------------------------------------------------------------
    def load(self, export: Export) -> None:
        """File what follows under ``export`` (the window shows its ``marks()``)."""
        self.export_sha = export.sha256
        if self.store is not None:
            self.store.remember_export(self.export_sha, export.display_name)
            self.update_undo_actions()

    def unload(self) -> None:
        self.export_sha = None

    def marks(self) -> dict[str, str]:
        """The open export's marks by member path ("mine", "not-mine", "unsure")."""
        if self.store is None or self.export_sha is None:
            return {}
        return {path: str(mark) for path, mark in self.store.marks(self.export_sha).items()}

    def mark_paths(self, paths: list[str], mark: str | None) -> None:
        if not paths or self.export_sha is None:
            return
        if self.store is None:
            self.message.emit(tr("Marks cannot be saved: {reason}").format(
                reason=self.unavailable_reason), 8000)
            return
        self.store.set_marks(self.export_sha, paths, mark)
        self._marks_changed()
        label = verdict_label(mark) if mark else tr("unmarked")
        self.message.emit(tr("%n recording(s) marked: {mark}. Ctrl+Z undoes it.", "",
                             len(paths)).format(mark=label), 6000)
        if mark == "mine" and self._analysis.use_voice:
            self.profile_changed.emit()  # the new "mine" recordings enrol the user's voice

    def undo_redo(self, *, redo: bool) -> None:
        if self.store is None or self.export_sha is None:
            return
        step = (self.store.redo if redo else self.store.undo)(self.export_sha)
        if step is None:
            return
        self._marks_changed()
        message = tr("Redone: {what}") if redo else tr("Undone: {what}")
        self.message.emit(message.format(what=step.description), 6000)

    def _marks_changed(self) -> None:
        self.update_undo_actions()
        self.marks_changed.emit()

    def update_undo_actions(self) -> None:
        store, sha = self.store, self.export_sha
        self._undo.setEnabled(store is not None and sha is not None
                              and store.peek_undo(sha) is not None)
        self._redo.setEnabled(store is not None and sha is not None
                              and store.peek_redo(sha) is not None)

    # -- the profile ----------------------------------------------------------------------------
    def profile_document(self) -> dict[str, Any] | None:
        """What the check compares the open export with: the saved profile, with the user's
        marks as their latest word on the recordings they marked."""
        if self.store is None or self.export_sha is None:
            return None
        document = dict(self.store.load_profile(self.export_sha) or {})
        # The user's own marks are the best enrolment there is: what they called theirs
        # teaches the voice model what they sound like.
        # A mark is the user's latest word on a recording: it replaces whatever the saved
        # profile says of it (else one path could be in both lists, which the profile
        # refuses, and the check would run without the profile at all).
        marks = self.store.marks(self.export_sha)
        for key, verdict in (("confirmed_mine", Verdict.MINE),
                             ("confirmed_not_mine", Verdict.NOT_MINE)):
            marked = {path for path, mark in marks.items() if mark == verdict}
            if marked or key in document:
                kept = {path for path in document.get(key, []) if path not in marks}
                document[key] = sorted(kept | marked)
        return document or None

    def edit_profile(self) -> None:
        if self.store is None:
            self.error.emit(tr("Your profile cannot be saved: {reason}").format(
                reason=self.unavailable_reason))
            return
        dialog = ProfileDialog(self.store.load_profile(), self._session.contents,
                               self._dialog_parent)
        if dialog.exec() != ProfileDialog.DialogCode.Accepted:
            return
        self.store.save_profile(dialog.document())
        self.profile_changed.emit()

    def save_answer(self, change: ProfileChange) -> None:
        """An answer to a guided question: into the user's profile, then check again."""
        if self.store is None:
            self.error.emit(tr("Your answer cannot be saved: {reason}").format(
                reason=self.unavailable_reason))
            return
        self.store.save_profile(change(self.store.load_profile() or {}))
        self.profile_changed.emit()

    # -- forgetting ------------------------------------------------------------------------------
    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self._dialog_parent, title, text,
                                      QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def forget_this_export(self) -> None:
        """Delete the open export's review and voice data (voiceprints are biometric data);
        the export file itself is never touched."""
        export = self._session.export
        if self.store is None or export is None or self.export_sha is None:
            return
        if not self._confirm(tr("Forget This Export"), tr(
                "Forget everything Export Viewer keeps about “{name}”: your marks, notes and "
                "answers about its voices, and the voiceprints and analysis computed from it? "
                "The export file itself is not changed.").format(name=export.display_name)):
            return
        sha, paths, name = self.export_sha, list(self._session.paths), export.display_name
        result = self._analysis.result
        digests = list(result.member_sha256.values()) if result is not None else []
        self._close_export()  # first, so that no check re-creates what is deleted
        document = self.store.load_profile()
        if document and digests:
            self.store.save_profile(answer_voice(document, digests, None))
        self.store.forget_export(sha)
        self.forgotten.emit(paths)
        self.message.emit(tr("Forgotten: {name}").format(name=name), 10_000)

    def forget_everything(self) -> None:
        """Delete every review, the profile, every voiceprint and the recorded voice samples."""
        if self.store is None:
            return
        if not self._confirm(tr("Forget Everything"), tr(
                "Delete every review, your profile (About You and your answers), every "
                "voiceprint and every voice sample the app recorded? Exports and files of "
                "your own are not changed. This cannot be undone.")):
            return
        self._close_export()
        self.store.forget_everything()
        shutil.rmtree(user_data_dir() / "voice", ignore_errors=True)
        self.forgotten.emit(None)
        self.message.emit(tr("Everything the app kept has been deleted."), 10_000)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
