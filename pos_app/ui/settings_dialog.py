"""The settings dialog, built from the declared settings (``pos_app.config.SETTINGS``).

One editor per setting, chosen by its declaration: a choice becomes a combo box, a ``bool`` a
check box, an ``int`` a spin box, a ``str`` a line edit; its label and help text are the
declaration's (translated through the ``Settings`` context). Only a few settings get a richer
editor of the same kind: the language (each language in its own words), the customer display
(the connected screens) and the receipt printer (the installed printers).

Besides the settings: the API key (where it is stored, replace, remove — the key itself goes to
the OS keyring through :class:`~pos_app.secrets.SecretStore`, never into the INI file) and the
data and log folders (shown, opened with ``QDesktopServices``).

*Save* writes the changed values (``Config.set`` validates each); the app reacts to
``Config.sig_changed`` (the language and the theme switch at once).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QRegularExpression, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pos_app.config import SETTINGS, Config, Setting
from pos_app.domain.errors import QT_TRANSLATE_NOOP
from pos_app.i18n import LANGUAGE_NAMES
from pos_app.paths import DataPaths
from pos_app.secrets import SecretStore
from pos_app.services.refunds import check_pin, hash_pin

__all__ = ["SECTIONS", "SettingsDialog"]

log = logging.getLogger(__name__)

CONTEXT = "Settings"

#: Length of the manager PIN, in digits.
PIN_MIN, PIN_MAX = 4, 8

#: The dialog's groups, in order, with their titles (translation sources).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("connection", QT_TRANSLATE_NOOP("Settings", "Payment service")),
    ("appearance", QT_TRANSLATE_NOOP("Settings", "Language and look")),
    ("hardware", QT_TRANSLATE_NOOP("Settings", "Customer display and printer")),
    ("receipts", QT_TRANSLATE_NOOP("Settings", "Receipts")),
)

#: How choice values are shown (translation sources; languages use their own names).
_CHOICE_LABELS: dict[str, dict[Any, str]] = {
    "provider": {"apipay": "ApiPay.kz", "xpayment": "xPayment"},
    "theme": {
        "light": QT_TRANSLATE_NOOP("Settings", "Light"),
        "dark": QT_TRANSLATE_NOOP("Settings", "Dark"),
        "system": QT_TRANSLATE_NOOP("Settings", "As the system"),
    },
    "receipt_paper": {
        "58": QT_TRANSLATE_NOOP("Settings", "58 mm"),
        "80": QT_TRANSLATE_NOOP("Settings", "80 mm"),
        "A4": QT_TRANSLATE_NOOP("Settings", "A4 sheet"),
    },
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _printer_names() -> list[str]:
    """Installed printers (none when Qt's print support is missing from the build)."""
    try:
        from PySide6.QtPrintSupport import QPrinterInfo
    except ImportError:
        return []
    return [str(name) for name in QPrinterInfo.availablePrinterNames()]


class SettingsDialog(QDialog):
    """Edit the settings, manage the API key, find the data folders.

    Args:
        config: The settings.
        secrets: The key store (for the key section).
        paths: The data folder's layout (shown, openable).
        open_wizard: Called by *Replace key…* (the app opens the onboarding wizard); when
            ``None`` the button is hidden.
        parent: Qt parent.

    Signals:
        sig_key_removed: The API key was removed.
    """

    sig_key_removed = Signal()

    def __init__(
        self,
        config: Config,
        secrets: SecretStore,
        paths: DataPaths,
        open_wizard: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.config = config
        self.secrets = secrets
        self.paths = paths
        self._open_wizard = open_wizard
        self.editors: dict[str, QWidget] = {}
        self._labels: dict[str, QLabel] = {}
        self._groups: dict[str, QGroupBox] = {}
        self.setObjectName("settingsDialog")
        self.setProperty("i18n_skip", True)  # retranslates itself
        self.setMinimumSize(720, 640)

        body = QWidget(self)
        body.setObjectName("settingsBody")
        column = QVBoxLayout(body)
        column.setSpacing(12)
        forms: dict[str, QFormLayout] = {}
        for section, _title in SECTIONS:
            group = QGroupBox(body)
            group.setObjectName(f"section_{section}")
            form = QFormLayout(group)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            self._groups[section] = group
            forms[section] = form
            column.addWidget(group)
        for setting in SETTINGS:
            if setting.hidden or setting.section not in forms:
                continue
            editor = self._make_editor(setting)
            editor.setObjectName(f"setting_{setting.name}")
            label = QLabel(body)
            label.setBuddy(editor)
            label.setWordWrap(True)
            self._labels[setting.name] = label
            self.editors[setting.name] = editor
            forms[setting.section].addRow(label, editor)
            if setting.name == "base_url":
                forms[setting.section].addRow(self._build_key_row(body))
        column.addWidget(self._build_pin_group(body))
        column.addWidget(self._build_folders(body))
        column.addStretch(1)

        scroll = QScrollArea(self)
        scroll.setObjectName("settingsScroll")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("settingsButtons")
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("settingsSaveButton")
        self.save_button.setProperty("primary", True)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("settingsCancelButton")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.load()
        self.retranslate()

    # -- editors ----------------------------------------------------------------------------

    def _make_editor(self, setting: Setting) -> QWidget:
        if setting.name == "language":
            combo = QComboBox(self)
            for code, name in LANGUAGE_NAMES.items():
                combo.addItem(name, code)
            return combo
        if setting.name == "customer_display_screen":
            combo = QComboBox(self)
            combo.addItem("", -1)
            for index, screen in enumerate(QGuiApplication.screens()):
                size = screen.size()
                text = f"{index + 1}: {screen.name()} ({size.width()}×{size.height()})"
                combo.addItem(text, index)
            return combo
        if setting.name == "receipt_printer":
            combo = QComboBox(self)
            combo.setEditable(True)  # a printer that is off right now can still be named
            combo.addItem("", "")
            for name in _printer_names():
                combo.addItem(name, name)
            return combo
        if setting.choices is not None:
            combo = QComboBox(self)
            for value in setting.choices:
                combo.addItem(str(value), value)
            return combo
        if setting.type is bool:
            return QCheckBox(self)
        if setting.type is int:
            spin = QSpinBox(self)
            spin.setRange(
                int(setting.minimum if setting.minimum is not None else -(2**31)),
                int(setting.maximum if setting.maximum is not None else 2**31 - 1),
            )
            return spin
        return QLineEdit(self)

    def _build_key_row(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        box.setObjectName("apiKeyRow")
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.key_storage_label = QLabel(box)
        self.key_storage_label.setObjectName("keyStorageLabel")
        self.key_storage_label.setWordWrap(True)
        column.addWidget(self.key_storage_label)
        row = QHBoxLayout()
        self.replace_key_button = QPushButton(box)
        self.replace_key_button.setObjectName("replaceKeyButton")
        self.replace_key_button.clicked.connect(self._replace_key)
        self.replace_key_button.setVisible(self._open_wizard is not None)
        row.addWidget(self.replace_key_button)
        self.remove_key_button = QPushButton(box)
        self.remove_key_button.setObjectName("removeKeyButton")
        self.remove_key_button.clicked.connect(self.remove_key)
        row.addWidget(self.remove_key_button)
        row.addStretch(1)
        column.addLayout(row)
        return box

    def _build_pin_group(self, parent: QWidget) -> QGroupBox:
        """The manager PIN refunds ask for: set, change (with the current one) or remove."""
        group = QGroupBox(parent)
        group.setObjectName("section_pin")
        self._groups["pin"] = group
        form = QFormLayout(group)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.pin_state_label = QLabel(group)
        self.pin_state_label.setObjectName("pinStateLabel")
        self.pin_state_label.setWordWrap(True)
        form.addRow(self.pin_state_label)
        digits = QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{PIN_MAX}}}"), group)

        def pin_field(name: str) -> QLineEdit:
            field = QLineEdit(group)
            field.setObjectName(name)
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMaxLength(PIN_MAX)
            field.setValidator(digits)
            field.setInputMethodHints(
                Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
            )
            field.textEdited.connect(lambda _text: self._show_pin_message("", ""))
            return field

        self.current_pin_input = pin_field("currentPinInput")
        self.new_pin_input = pin_field("newPinInput")
        self.repeat_pin_input = pin_field("repeatPinInput")
        self.current_pin_label = QLabel(group)
        self.new_pin_label = QLabel(group)
        self.repeat_pin_label = QLabel(group)
        form.addRow(self.current_pin_label, self.current_pin_input)
        form.addRow(self.new_pin_label, self.new_pin_input)
        form.addRow(self.repeat_pin_label, self.repeat_pin_input)
        self.pin_message = QLabel(group)
        self.pin_message.setObjectName("pinMessageLabel")
        self.pin_message.setWordWrap(True)
        self.pin_message.setVisible(False)
        form.addRow(self.pin_message)
        row = QHBoxLayout()
        self.set_pin_button = QPushButton(group)
        self.set_pin_button.setObjectName("setPinButton")
        self.set_pin_button.setAutoDefault(False)
        self.set_pin_button.clicked.connect(self.set_pin)
        row.addWidget(self.set_pin_button)
        self.remove_pin_button = QPushButton(group)
        self.remove_pin_button.setObjectName("removePinButton")
        self.remove_pin_button.setAutoDefault(False)
        self.remove_pin_button.clicked.connect(self.remove_pin)
        row.addWidget(self.remove_pin_button)
        row.addStretch(1)
        form.addRow(row)
        return group

    def _build_folders(self, parent: QWidget) -> QGroupBox:
        group = QGroupBox(parent)
        group.setObjectName("section_folders")
        self._groups["folders"] = group
        form = QFormLayout(group)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.folder_labels: dict[str, QLabel] = {}
        self.folder_buttons: dict[str, QPushButton] = {}
        for name, path in (("data", self.paths.root), ("logs", self.paths.logs_dir)):
            row = QHBoxLayout()
            # Read-only field: a long path scrolls instead of being clipped, and can be copied.
            shown = QLineEdit(str(path), group)
            shown.setObjectName(f"{name}FolderPath")
            shown.setReadOnly(True)
            shown.setCursorPosition(0)
            shown.setToolTip(str(path))
            shown.setProperty("i18n_skip", True)
            row.addWidget(shown, 1)
            button = QPushButton(group)
            button.setObjectName(f"open{name.capitalize()}FolderButton")
            button.clicked.connect(lambda _=False, p=path: self.open_folder(p))
            row.addWidget(button)
            label = QLabel(group)
            self.folder_labels[name] = label
            self.folder_buttons[name] = button
            form.addRow(label, row)
        return group

    # -- values -----------------------------------------------------------------------------

    def load(self) -> None:
        """Show the current values."""
        for name, editor in self.editors.items():
            self._put(editor, self.config.get(name))
        self._show_key_state()

    @staticmethod
    def _put(editor: QWidget, value: Any) -> None:
        if isinstance(editor, QComboBox):
            index = editor.findData(value)
            if index < 0 and editor.isEditable():
                editor.setEditText(str(value))
            else:
                editor.setCurrentIndex(max(0, index))
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value))

    @staticmethod
    def _take(editor: QWidget) -> Any:
        if isinstance(editor, QComboBox):
            if editor.isEditable() and editor.currentText() != editor.itemText(
                editor.currentIndex()
            ):
                return editor.currentText().strip()
            return editor.currentData()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QSpinBox):
            return editor.value()
        if isinstance(editor, QLineEdit):
            return editor.text().strip()
        raise TypeError(type(editor).__name__)

    def values(self) -> dict[str, Any]:
        """What the editors hold now, by setting name."""
        return {name: self._take(editor) for name, editor in self.editors.items()}

    def save(self) -> None:
        """Write the changed values and close; a refused value keeps the dialog open."""
        changed = {
            name: value for name, value in self.values().items() if value != self.config.get(name)
        }
        # The language last: switching it retranslates this dialog, which must not be mid-save.
        order = sorted(changed, key=lambda n: n == "language")
        for name in order:
            try:
                self.config.set(name, changed[name])
            except ValueError:
                log.warning("settings: value of %s refused", name)
                self.editors[name].setFocus(Qt.FocusReason.OtherFocusReason)
                return
        log.info("settings saved: %s", ", ".join(order) or "nothing changed")
        self.accept()

    # -- the key ----------------------------------------------------------------------------

    def _show_key_state(self) -> None:
        stored = self.secrets.get_api_key(self.config.provider, self.config.api_account)
        if self.secrets.session_only:
            trouble = self.secrets.trouble
            if trouble == "locked":
                why = self.tr("The system's key storage is locked.")
            elif trouble == "denied":
                why = self.tr("The system's key storage refused to keep the key.")
            else:
                why = self.tr("No secure key storage was found on this computer.")
            text = why + " " + self.tr(
                "The API key is kept for this session only and is never written to a file."
            )
        elif stored is None:
            text = self.tr("No API key is saved: the register runs in demo mode.")
        else:
            text = self.tr("The API key is saved in: {storage}.").format(
                storage=self.secrets.backend_description
            )
        self.key_storage_label.setText(text)
        self.remove_key_button.setEnabled(stored is not None)
        self.replace_key_button.setText(
            self.tr("Replace the key…") if stored is not None else self.tr("Enter a key…")
        )

    def _replace_key(self) -> None:
        if self._open_wizard is not None:
            self._open_wizard()

    def remove_key(self) -> None:
        """Forget the API key of the current provider account."""
        self.secrets.delete_api_key(self.config.provider, self.config.api_account)
        log.info("settings: API key removed")
        self._show_key_state()
        self.key_storage_label.setText(
            self.tr("The API key was removed. The register runs in demo mode after a restart.")
        )
        self.sig_key_removed.emit()

    # -- the manager PIN --------------------------------------------------------------------

    @property
    def has_pin(self) -> bool:
        """Whether refunds ask for a manager PIN now."""
        return bool(self.config.get("refund_pin_hash"))

    def _show_pin_state(self) -> None:
        has_pin = self.has_pin
        self.pin_state_label.setText(
            self.tr("Refunds ask for the manager PIN.")
            if has_pin
            else self.tr("No manager PIN: every cashier can make refunds.")
        )
        # Changing or removing a PIN needs the current one: a cashier cannot drop it.
        self.current_pin_label.setVisible(has_pin)
        self.current_pin_input.setVisible(has_pin)
        self.remove_pin_button.setVisible(has_pin)
        self.set_pin_button.setText(self.tr("Change PIN") if has_pin else self.tr("Set PIN"))

    def _show_pin_message(self, text: str, state: str) -> None:
        self.pin_message.setText(text)
        self.pin_message.setProperty("state", state)
        self.pin_message.style().unpolish(self.pin_message)
        self.pin_message.style().polish(self.pin_message)
        self.pin_message.setVisible(bool(text))

    def _current_pin_ok(self) -> bool:
        if not self.has_pin:
            return True
        if check_pin(self.current_pin_input.text(), str(self.config.get("refund_pin_hash"))):
            return True
        self._show_pin_message(self.tr("The current PIN is wrong."), "error")
        self.current_pin_input.selectAll()
        self.current_pin_input.setFocus(Qt.FocusReason.OtherFocusReason)
        return False

    def _clear_pin_fields(self) -> None:
        for field in (self.current_pin_input, self.new_pin_input, self.repeat_pin_input):
            field.clear()

    def set_pin(self) -> bool:
        """Store the salted hash of the new PIN (never the PIN); ``False`` with a message if not."""
        pin = self.new_pin_input.text()
        if not (PIN_MIN <= len(pin) <= PIN_MAX and pin.isdigit()):
            self._show_pin_message(
                self.tr("The PIN must be {low} to {high} digits.").format(
                    low=PIN_MIN, high=PIN_MAX
                ),
                "error",
            )
            self.new_pin_input.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        if pin != self.repeat_pin_input.text():
            self._show_pin_message(
                self.tr("The two PINs differ: type the same PIN twice."), "error"
            )
            self.repeat_pin_input.selectAll()
            self.repeat_pin_input.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        if not self._current_pin_ok():
            return False
        self.config.set("refund_pin_hash", hash_pin(pin))
        log.info("settings: manager PIN set")
        self._clear_pin_fields()
        self._show_pin_state()
        self._show_pin_message(self.tr("Manager PIN saved: refunds now ask for it."), "ok")
        return True

    def remove_pin(self) -> bool:
        """Remove the manager PIN (the current one must be typed); ``False`` if refused."""
        if not self.has_pin or not self._current_pin_ok():
            return False
        self.config.set("refund_pin_hash", "")
        log.info("settings: manager PIN removed")
        self._clear_pin_fields()
        self._show_pin_state()
        self._show_pin_message(self.tr("Manager PIN removed: refunds need no PIN."), "ok")
        return True

    # -- folders ----------------------------------------------------------------------------

    @staticmethod
    def open_folder(path: Any) -> bool:
        """Open ``path`` in the file manager (created first, so there is something to open)."""
        path.mkdir(parents=True, exist_ok=True)
        return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))

    # -- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text in the current language (also on a language change)."""
        self.setWindowTitle(self.tr("Settings"))
        for section, title in SECTIONS:
            self._groups[section].setTitle(_tr(title))
        self._groups["folders"].setTitle(self.tr("Folders"))
        by_name = {s.name: s for s in SETTINGS}
        for name, label in self._labels.items():
            setting = by_name[name]
            label.setText(_tr(setting.label or name))
            editor = self.editors[name]
            editor.setToolTip(_tr(setting.help))
            if isinstance(editor, QComboBox):
                labels = _CHOICE_LABELS.get(name, {})
                for index in range(editor.count()):
                    value = editor.itemData(index)
                    if name == "customer_display_screen" and value == -1:
                        editor.setItemText(index, self.tr("Off"))
                    elif name == "receipt_printer" and value == "":
                        editor.setItemText(index, self.tr("System default printer"))
                    elif value in labels:
                        editor.setItemText(index, _tr(labels[value]))
            if isinstance(editor, QLineEdit) and name == "base_url":
                editor.setPlaceholderText(self.tr("Standard address of the provider"))
            if isinstance(editor, QSpinBox):
                if name == "poll_interval_seconds":
                    editor.setSuffix(" " + self.tr("s"))
                elif name == "requests_per_minute":
                    editor.setSuffix(" " + self.tr("per minute"))
            if isinstance(editor, QCheckBox):
                editor.setText(self.tr("On"))
        self._groups["pin"].setTitle(self.tr("Manager PIN for refunds"))
        self.current_pin_label.setText(self.tr("Current PIN"))
        self.new_pin_label.setText(self.tr("New PIN"))
        self.repeat_pin_label.setText(self.tr("New PIN again"))
        hint = self.tr("{low} to {high} digits").format(low=PIN_MIN, high=PIN_MAX)
        self.new_pin_input.setPlaceholderText(hint)
        self.remove_pin_button.setText(self.tr("Remove PIN"))
        self._show_pin_state()
        self.folder_labels["data"].setText(self.tr("Data folder"))
        self.folder_labels["logs"].setText(self.tr("Log folder"))
        for button in self.folder_buttons.values():
            button.setText(self.tr("Open"))
        self.remove_key_button.setText(self.tr("Remove the key"))
        self.save_button.setText(self.tr("Save"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._show_key_state()

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language is switched."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
