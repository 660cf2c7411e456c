"""The settings dialog: built from the registry, saves through QSettings, no secret in any file;
screenshots of the wizard and the settings in Russian and Kazakh."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit, QSpinBox

from pos_app.config import SETTINGS, Config
from pos_app.i18n import Translations
from pos_app.paths import DataPaths
from pos_app.secrets import SecretStore
from pos_app.ui.settings_dialog import SettingsDialog
from pos_app.ui.theme import ThemeManager
from tests.fixtures.qt import MemoryKeyring
from tests.onboarding.conftest import GOOD_IIN

KEY = "settings-key-Vb93kP0"


def _dialog(tmp_path: Path, keyring: MemoryKeyring, qtbot: Any) -> SettingsDialog:
    paths = DataPaths(tmp_path / "data").ensure()
    store = SecretStore(keyring)
    store.set_api_key("apipay", "default", KEY)
    dialog = SettingsDialog(Config(paths.settings_file), store, paths, open_wizard=lambda: None)
    qtbot.addWidget(dialog)
    return dialog


def test_one_editor_per_declared_setting(
    tmp_path: Path, memory_keyring: MemoryKeyring, qtbot: Any
) -> None:
    dialog = _dialog(tmp_path, memory_keyring, qtbot)
    shown = [s for s in SETTINGS if not s.hidden]
    assert set(dialog.editors) == {s.name for s in shown}
    for setting in shown:
        editor = dialog.editors[setting.name]
        assert editor.objectName() == f"setting_{setting.name}"
        if setting.choices is not None:
            assert isinstance(editor, QComboBox)
        elif setting.type is bool:
            assert isinstance(editor, QCheckBox)
        elif setting.type is int:
            assert isinstance(editor, QSpinBox | QComboBox)  # a screen list is a choice too
        else:
            assert isinstance(editor, QLineEdit | QComboBox)
        assert editor.toolTip()  # the declared help
    language = dialog.editors["language"]
    assert isinstance(language, QComboBox)
    assert [language.itemText(i) for i in range(3)] == ["Русский", "Қазақша", "English"]
    folder = dialog.findChild(QLineEdit, "dataFolderPath")
    assert isinstance(folder, QLineEdit) and folder.text() == str(tmp_path / "data")
    assert folder.isReadOnly()


def test_saving_writes_the_settings_file_and_never_the_key(
    tmp_path: Path, memory_keyring: MemoryKeyring, qtbot: Any
) -> None:
    dialog = _dialog(tmp_path, memory_keyring, qtbot)
    dialog.open()
    editors = dialog.editors
    editors["shop_name"].setText("Дүкен «Алма»")  # type: ignore[attr-defined]
    editors["poll_interval_seconds"].setValue(5)  # type: ignore[attr-defined]
    editors["sound"].setChecked(False)  # type: ignore[attr-defined]
    paper = editors["receipt_paper"]
    assert isinstance(paper, QComboBox)
    paper.setCurrentIndex(paper.findData("58"))
    theme = editors["theme"]
    assert isinstance(theme, QComboBox)
    theme.setCurrentIndex(theme.findData("dark"))
    dialog.save_button.click()
    assert not dialog.isVisible()
    again = Config(tmp_path / "data" / "settings.ini")
    assert again.shop_name == "Дүкен «Алма»"
    assert again.poll_interval_seconds == 5
    assert again.sound is False
    assert again.receipt_paper == "58"
    assert again.theme == "dark"
    # Every file the app wrote: the key is in none of them.
    files = [p for p in (tmp_path / "data").rglob("*") if p.is_file()]
    assert files
    for path in files:
        assert KEY.encode() not in path.read_bytes(), path


def test_screenshots_in_russian_and_kazakh(
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    make_wizard: Any,
    sandbox: Any,
    artifacts_dir: Path,
    qtbot: Any,
) -> None:
    translations = Translations(QCoreApplication.instance())  # type: ignore[arg-type]
    theme = ThemeManager(QApplication.instance())  # type: ignore[arg-type]
    theme.apply("light")
    try:
        for language in ("ru", "kk"):
            translations.switch(language)
            dialog = _dialog(tmp_path / language, memory_keyring, qtbot)
            dialog.resize(760, 900)
            dialog.show()
            qtbot.waitExposed(dialog)
            assert dialog.save_button.text() != "Save"
            assert dialog.grab().save(str(artifacts_dir / f"settings_{language}.png"))
            dialog.close()

            wizard = make_wizard()
            wizard.resize(680, 560)
            assert wizard.grab().save(str(artifacts_dir / f"onboarding_choice_{language}.png"))
            wizard.apipay_choice_button.click()
            assert wizard.grab().save(str(artifacts_dir / f"onboarding_steps_{language}.png"))
            wizard.steps_next_button.click()
            wizard.base_url_input.setText(sandbox.base_url)
            wizard.api_key_input.setText("wrong-key-000")
            task = wizard.test_key()
            qtbot.waitUntil(lambda t=task: t.done(), timeout=30_000)
            assert wizard.grab().save(str(artifacts_dir / f"onboarding_key_{language}.png"))
            wizard.api_key_input.setText(sandbox.api_key)
            task = wizard.test_key()
            qtbot.waitUntil(lambda t=task: t.done(), timeout=30_000)
            wizard.key_next_button.click()
            wizard.iin_input.setText(GOOD_IIN)
            wizard.start_verification()
            qtbot.waitUntil(wizard.countdown_bar.isVisible, timeout=30_000)
            assert wizard.grab().save(str(artifacts_dir / f"onboarding_verify_{language}.png"))
            wizard.close()
    finally:
        translations.switch("en")
        translations.remove()
        theme.close()
