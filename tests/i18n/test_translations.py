"""Every user-visible string has a Russian and a Kazakh translation, and the .qm files are current.

The .ts files are parsed directly; a second test re-runs ``pyside6-lupdate`` over the code into
a temporary copy, so a string added to the code but never translated fails here too.
"""

from __future__ import annotations

import re
import shutil
import string
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.i18n.tools import load

ut = load()

LANGUAGES = ut.ALL_LANGUAGES  # ru, kk and the plural forms of English
KAZAKH_LETTERS = set("әғқңөұүһі")


def _messages(path: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [
        (context.findtext("name") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def _fields(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"<broken>"}


def _untranslated(ts_dir: Path, language: str) -> list[str]:
    problems = []
    for context, message in _messages(ut.ts_path(language, ts_dir)):
        if ut._is_missing(message):
            problems.append(f"{language} {context}: {message.findtext('source')!r}")
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language: str) -> None:
    problems = _untranslated(ut.TS_DIR, language)
    assert not problems, (
        f"{len(problems)} string(s) without a translation — run "
        "packaging/update_translations.py and translate them:\n" + "\n".join(problems[:40])
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_placeholders_and_markup(language: str) -> None:
    for context, message in _messages(ut.ts_path(language)):
        source = message.findtext("source") or ""
        for text in ut._texts(message):
            if not text:
                continue
            assert _fields(text) == _fields(source), (context, source, text)
            assert ("%n" in text) == ("%n" in source), (context, source, text)
            assert re.findall(r"</?\w+", text) == re.findall(r"</?\w+", source), (source, text)


def test_kazakh_is_written_in_kazakh() -> None:
    texts = [t for _, m in _messages(ut.ts_path("kk")) for t in ut._texts(m)]
    with_letters = [t for t in texts if KAZAKH_LETTERS & set(t.lower())]
    # Not every short label has one of ә ғ қ ң ө ұ ү һ і, but most sentences do.
    assert len(with_letters) > len(texts) // 2
    words = " ".join(texts)
    for word in ("Төлеу", "Себет", "Жеңілдік", "Қайтару", "Чек"):
        assert word.lower() in words.lower(), word


def test_domain_and_payment_errors_are_extracted() -> None:
    contexts = {c for c, _ in _messages(ut.ts_path("ru"))}
    assert {"Domain", "PaymentError", "Settings", "OnboardingWizard"} <= contexts
    sources = {m.findtext("source") for c, m in _messages(ut.ts_path("ru")) if c == "PaymentError"}
    assert "The API key was not accepted. Check it in the settings." in sources


def test_code_has_no_string_missing_from_the_ts_files(tmp_path: Path) -> None:
    ts_dir = tmp_path / "i18n"
    shutil.copytree(ut.TS_DIR, ts_dir)
    ut.run_lupdate(ts_dir)
    problems = [p for lang in LANGUAGES for p in _untranslated(ts_dir, lang)]
    assert not problems, (
        f"{len(problems)} string(s) in the code are not translated — run "
        "packaging/update_translations.py and translate them:\n" + "\n".join(problems[:40])
    )


def test_compiled_translations_match_the_sources(tmp_path: Path) -> None:
    ts_dir = tmp_path / "i18n"
    ts_dir.mkdir()
    for language in LANGUAGES:
        shutil.copy(ut.ts_path(language), ts_dir)
    for built in ut.run_lrelease(ts_dir):
        committed = ut.TS_DIR / built.name
        assert committed.exists(), f"{built.name} missing: run update_translations.py"
        assert committed.read_bytes() == built.read_bytes(), (
            f"{built.name} is older than its .ts: run packaging/update_translations.py"
        )


def test_english_plurals_read_naturally(qapp: object) -> None:
    """The source "%n item(s)" shows as "1 item" / "42 items" in English."""
    from PySide6.QtCore import QCoreApplication, QTranslator

    translator = QTranslator()
    assert translator.load("pos_app_en", str(ut.TS_DIR))
    QCoreApplication.installTranslator(translator)
    try:
        shown = [
            QCoreApplication.translate("CounterScreen", "%n item(s)", None, n) for n in (1, 42)
        ]
    finally:
        QCoreApplication.removeTranslator(translator)
    assert shown == ["1 item", "42 items"]
