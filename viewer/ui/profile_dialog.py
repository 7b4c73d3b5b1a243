""""About you": the facts that tell the user's recordings from a stranger's.

Every field is optional; an empty one means "unknown" and the checks that need it stay
silent. The export's own devices can be taken over with one click, and each is shown with
what the export says about it, so the user recognises their own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import available_timezones

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from viewer.analysis.profile import ProfileError, profile_from_dict
from viewer.model import ExportContents
from viewer.ui.i18n import tr


def _lines(edit: QPlainTextEdit) -> list[str]:
    return [line.strip() for line in edit.toPlainText().splitlines() if line.strip()]


class ProfileDialog(QDialog):
    def __init__(self, document: dict[str, Any] | None, contents: ExportContents | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("About You"))
        self.setMinimumWidth(620)
        self._contents = contents
        document = document or {}

        intro = QLabel(tr("What you tell here stays on this computer. It lets the check tell "
                          "your recordings from a stranger's; leave out what you do not know."))
        intro.setWordWrap(True)

        self.people = QPlainTextEdit("\n".join(document.get("people", [])))
        self.people.setPlaceholderText(tr("One name per line: you and your household"))
        self.people.setAccessibleName(tr("People"))
        self.people.setFixedHeight(64)

        self.devices = QTableWidget(0, 3)
        self.devices.setHorizontalHeaderLabels([tr("Serial number"), tr("Name"), tr("Model")])
        self.devices.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.devices.verticalHeader().hide()
        self.devices.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.devices.setAccessibleName(tr("Your devices"))
        self.devices.setFixedHeight(130)
        for device in document.get("devices", []):
            self._add_device(device.get("serial", ""), device.get("name", ""),
                             device.get("model", ""))
        add_device = QPushButton(tr("Add"))
        add_device.clicked.connect(lambda: self._add_device("", "", ""))
        remove_device = QPushButton(tr("Remove"))
        remove_device.clicked.connect(self._remove_device)
        from_export = QPushButton(tr("Choose from this export…"))
        from_export.setEnabled(bool(contents and contents.devices))
        from_export.clicked.connect(self._choose_from_export)
        device_buttons = QHBoxLayout()
        for button in (add_device, remove_device, from_export):
            device_buttons.addWidget(button)
        device_buttons.addStretch(1)

        self.owns_voice = QComboBox()
        self.owns_voice.setAccessibleName(tr("Owns a voice assistant"))
        for label, value in ((tr("Not said"), None), (tr("Yes"), True),
                             (tr("No, never had one"), False)):
            self.owns_voice.addItem(label, value)
        self.owns_voice.setCurrentIndex(self.owns_voice.findData(
            document.get("owns_voice_devices")))

        self.accounts = QPlainTextEdit("\n".join(document.get("accounts", [])))
        self.accounts.setPlaceholderText(tr("Account names or e-mail addresses, one per line"))
        self.accounts.setFixedHeight(52)
        self.locales = QPlainTextEdit("\n".join(document.get("locales", [])))
        self.locales.setPlaceholderText(tr("Languages as locales, e.g. de-DE, one per line"))
        self.locales.setFixedHeight(52)

        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItem("")
        self.timezone.addItems(sorted(available_timezones()))
        self.timezone.setCurrentText(document.get("timezone") or "")
        self.timezone.setAccessibleName(tr("Time zone"))

        self.samples = QListWidget()
        self.samples.addItems(document.get("voice_samples", []))
        self.samples.setFixedHeight(64)
        self.samples.setAccessibleName(tr("Recordings of your voice"))
        add_sample = QPushButton(tr("Add recordings of your voice…"))
        add_sample.clicked.connect(self._add_samples)
        record_sample = QPushButton(tr("Record your voice…"))
        record_sample.clicked.connect(self._record_sample)

        self.user_name = QLineEdit(document.get("name", ""))
        self.user_name.setPlaceholderText(tr("Signs the discrepancy report; not used by the "
                                             "check"))
        self.user_name.setAccessibleName(tr("Your name"))
        self.contact = QLineEdit(document.get("contact", ""))
        self.contact.setPlaceholderText(tr("E-mail or postal address for the company's "
                                           "answer"))
        self.contact.setAccessibleName(tr("Contact"))

        self._keep = {key: document.get(key, []) for key in ("confirmed_mine",
                                                             "confirmed_not_mine")}
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow(tr("People"), self.people)
        devices_box = QVBoxLayout()
        devices_box.addWidget(self.devices)
        devices_box.addLayout(device_buttons)
        form.addRow(tr("Your devices"), devices_box)
        form.addRow(tr("Voice assistant"), self.owns_voice)
        form.addRow(tr("Accounts"), self.accounts)
        form.addRow(tr("Languages"), self.locales)
        form.addRow(tr("Time zone"), self.timezone)
        samples_box = QVBoxLayout()
        samples_box.addWidget(self.samples)
        sample_buttons = QHBoxLayout()
        sample_buttons.addWidget(add_sample)
        sample_buttons.addWidget(record_sample)
        sample_buttons.addStretch(1)
        samples_box.addLayout(sample_buttons)
        form.addRow(tr("Your voice"), samples_box)
        form.addRow(tr("Your name"), self.user_name)
        form.addRow(tr("Contact"), self.contact)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _add_device(self, serial: str, name: str, model: str) -> None:
        row = self.devices.rowCount()
        self.devices.insertRow(row)
        for column, value in enumerate((serial, name, model)):
            self.devices.setItem(row, column, QTableWidgetItem(value))

    def _remove_device(self) -> None:
        for index in sorted({item.row() for item in self.devices.selectedItems()}, reverse=True):
            self.devices.removeRow(index)

    def _choose_from_export(self) -> None:
        """Offer the export's devices with what it says about them; add the ticked ones."""
        if not self._contents:
            return
        chooser = QDialog(self)
        chooser.setWindowTitle(tr("Devices in this export"))
        listing = QListWidget()
        for device in self._contents.devices:
            where = tr("registered") if device.registered_in_export else tr(
                "NOT in the export's registration")
            text = " · ".join(part for part in (
                device.key, device.model or device.device_type or "", device.locale or "",
                device.marketplace or "", where) if part)
            listing.addItem(text)
            entry = listing.item(listing.count() - 1)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            entry.setData(Qt.ItemDataRole.UserRole, device.key)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(chooser.accept)
        buttons.rejected.connect(chooser.reject)
        layout = QVBoxLayout(chooser)
        layout.addWidget(QLabel(tr("Tick the devices that are yours:")))
        layout.addWidget(listing)
        layout.addWidget(buttons)
        if chooser.exec() != QDialog.DialogCode.Accepted:
            return
        for index in range(listing.count()):
            entry = listing.item(index)
            if entry.checkState() == Qt.CheckState.Checked:
                chosen = self._contents.device(entry.data(Qt.ItemDataRole.UserRole))
                if chosen is not None:
                    self._add_device(chosen.serial or "", chosen.name or "",
                                     chosen.model or chosen.device_type or "")

    def _add_samples(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, tr("Recordings of your voice"), str(Path.home()),
            tr("Audio (*.wav *.flac *.ogg *.opus *.mp3);;All files (*)"))
        self.samples.addItems(paths)

    def _record_sample(self) -> None:
        from viewer.ui.voice_recorder import VoiceRecorderDialog

        dialog = VoiceRecorderDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved_path is not None:
            self.samples.addItem(str(dialog.saved_path))

    def document(self) -> dict[str, Any]:
        """The profile as JSON, the shape ``export-viewer check --profile`` reads."""
        devices = []
        for row in range(self.devices.rowCount()):
            values = [(item.text().strip() if (item := self.devices.item(row, column)) else "")
                      for column in range(3)]
            if any(values):
                devices.append({key: value for key, value in
                                zip(("serial", "name", "model"), values, strict=True) if value})
        document: dict[str, Any] = {
            "people": _lines(self.people), "devices": devices,
            "owns_voice_devices": self.owns_voice.currentData(),
            "accounts": _lines(self.accounts), "locales": _lines(self.locales),
            "timezone": self.timezone.currentText().strip() or None,
            "voice_samples": [self.samples.item(i).text() for i in range(self.samples.count())],
            "name": self.user_name.text().strip() or None,
            "contact": self.contact.text().strip() or None,
            **self._keep,
        }
        return {key: value for key, value in document.items() if value not in (None, [], "")}

    def _accept(self) -> None:
        try:
            profile_from_dict(self.document(), Path.home())
        except ProfileError as error:
            self.error.setText(str(error))
            return
        self.accept()
