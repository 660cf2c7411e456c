"""Refresh the translation sources and build the compiled translations.

Usage (from the repository root)::

    .venv/bin/python packaging/update_translations.py                 # lupdate + lrelease
    .venv/bin/python packaging/update_translations.py --export-missing todo.json
    .venv/bin/python packaging/update_translations.py --import done.json
    .venv/bin/python packaging/update_translations.py --check          # exit 1 if any is missing

Steps:

1. ``pyside6-lupdate`` reads every ``.py`` file under ``pos_app/`` (``self.tr``,
   ``QCoreApplication.translate`` and the ``QT_TRANSLATE_NOOP`` markers of ``domain`` and
   ``payments``) and updates ``resources/i18n/pos_app_{ru,kk}.ts``: new strings are added as
   *unfinished*, strings gone from the code are dropped (``-no-obsolete``), translations kept;
2. ``--import FILE`` fills translations from JSON ``{"ru": {context: {source: text}}, "kk": …}``
   (what a translator or Qt Linguist produced); ``--export-missing FILE`` writes the unfinished
   ones in the same shape, with empty texts, to hand to a translator;
3. ``pyside6-lrelease`` compiles each ``.ts`` into the ``.qm`` the app loads.

The tools come from the virtualenv next to the Python running this script (``.venv/bin``), or
from ``PATH``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "pos_app"
TS_DIR = ROOT / "resources" / "i18n"
LANGUAGES = ("ru", "kk")
#: English is the source language; its file carries only the plural forms ("%n item(s)" →
#: "1 item" / "2 items"), which an untranslated source cannot choose.
PLURAL_ONLY = ("en",)
ALL_LANGUAGES = LANGUAGES + PLURAL_ONLY
BASENAME = "pos_app"

Catalogue = dict[str, dict[str, dict[str, str]]]  # language → context → source → translation


def tool(name: str) -> str:
    """The path of a Qt tool (``pyside6-lupdate`` …)."""
    local = Path(sys.executable).parent / name
    if local.exists():
        return str(local)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 in the virtualenv")
    return found


def ts_path(language: str, ts_dir: Path = TS_DIR) -> Path:
    """``<ts_dir>/pos_app_<language>.ts``."""
    return ts_dir / f"{BASENAME}_{language}.ts"


def source_files(sources: Path = SOURCES) -> list[Path]:
    """Every Python file lupdate reads, in a stable order."""
    return sorted(p for p in sources.rglob("*.py") if "__pycache__" not in p.parts)


def run_lupdate(ts_dir: Path = TS_DIR, sources: Path = SOURCES) -> None:
    """Update the ``.ts`` files of every language from the code."""
    ts_dir.mkdir(parents=True, exist_ok=True)
    files = [str(p) for p in source_files(sources)]
    for language in ALL_LANGUAGES:
        target = ts_path(language, ts_dir)
        command = [
            tool("pyside6-lupdate"),
            *files,
            *(["-pluralonly"] if language in PLURAL_ONLY else []),
            "-no-obsolete",
            "-locations",
            "none",
            "-target-language",
            language,
            "-ts",
            str(target),
        ]
        subprocess.run(command, check=True, capture_output=True, text=True)


def run_lrelease(ts_dir: Path = TS_DIR) -> list[Path]:
    """Compile every ``.ts`` file into its ``.qm``; returns the ``.qm`` paths."""
    built = []
    for language in ALL_LANGUAGES:
        source = ts_path(language, ts_dir)
        target = source.with_suffix(".qm")
        subprocess.run(
            [tool("pyside6-lrelease"), str(source), "-qm", str(target)],
            check=True,
            capture_output=True,
            text=True,
        )
        built.append(target)
    return built


def _messages(root: ET.Element) -> list[tuple[str, ET.Element]]:
    found = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found.append((name, message))
    return found


def _texts(message: ET.Element) -> list[str]:
    """The translated text(s) of a message: one, or one per plural form."""
    translation = message.find("translation")
    if translation is None:
        return []
    forms = translation.findall("numerusform")
    if forms:
        return [form.text or "" for form in forms]
    return [translation.text or ""]


def _is_missing(message: ET.Element) -> bool:
    translation = message.find("translation")
    texts = _texts(message)
    return (
        translation is None
        or translation.get("type") in ("unfinished", "vanished", "obsolete")
        or not texts
        or not all(text.strip() for text in texts)
    )


def missing(ts_dir: Path = TS_DIR) -> Catalogue:
    """The messages without a finished translation, per language and context."""
    result: Catalogue = {}
    for language in ALL_LANGUAGES:
        path = ts_path(language, ts_dir)
        if not path.exists():
            continue
        for context, message in _messages(ET.parse(path).getroot()):
            if _is_missing(message):
                source = message.findtext("source") or ""
                result.setdefault(language, {}).setdefault(context, {})[source] = ""
    return result


def _write_ts(tree: ET.ElementTree[ET.Element], path: Path) -> None:
    ET.indent(tree, space="    ")
    root = tree.getroot()
    assert root is not None
    body = ET.tostring(root, encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def import_translations(catalogue: Catalogue, ts_dir: Path = TS_DIR) -> int:
    """Put the given translations into the ``.ts`` files; returns how many were set."""
    count = 0
    for language, contexts in catalogue.items():
        path = ts_path(language, ts_dir)
        tree = ET.parse(path)
        for context, message in _messages(tree.getroot()):
            source = message.findtext("source") or ""
            text = contexts.get(context, {}).get(source)
            if not text:
                continue
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            translation.text = text
            translation.attrib.pop("type", None)
            count += 1
        _write_ts(tree, path)
    return count


def main(argv: list[str] | None = None) -> int:
    """Run the steps the command line asks for; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ts-dir", type=Path, default=TS_DIR, help="where the .ts files are")
    parser.add_argument("--sources", type=Path, default=SOURCES, help="the code to scan")
    parser.add_argument("--import", dest="import_file", type=Path, help="JSON translations")
    parser.add_argument("--export-missing", type=Path, help="write the unfinished ones here")
    parser.add_argument("--check", action="store_true", help="exit 1 when any is unfinished")
    parser.add_argument("--no-lupdate", action="store_true", help="skip scanning the code")
    args = parser.parse_args(argv)

    if not args.no_lupdate:
        run_lupdate(args.ts_dir, args.sources)
    if args.import_file is not None:
        data = json.loads(args.import_file.read_text(encoding="utf-8"))
        print(f"imported {import_translations(data, args.ts_dir)} translation(s)")
        if not args.no_lupdate:
            # lupdate writes the files in its own layout; our XML writer does not, so a second
            # pass keeps the diff to the translations themselves.
            run_lupdate(args.ts_dir, args.sources)
    todo = missing(args.ts_dir)
    if args.export_missing is not None:
        args.export_missing.write_text(
            json.dumps(todo, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    for path in run_lrelease(args.ts_dir):
        print(f"built {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    total = {
        language: len(_messages(ET.parse(ts_path(language, args.ts_dir)).getroot()))
        for language in ALL_LANGUAGES
    }
    for language in ALL_LANGUAGES:
        left = sum(len(v) for v in todo.get(language, {}).values())
        print(f"{language}: {total[language]} strings, {left} without translation")
    if args.check and any(todo.values()):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
