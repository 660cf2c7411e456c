"""Print, as JSON, what Qt computes with ICU data: Russian/Kazakh collation, case, codecs.

Run by ``test_trim_icu.py`` twice, with and without the trimmed ``libicudata`` preloaded.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QCollator, QLocale, QStringEncoder

WORDS = ["ёж", "Ель", "ель", "әке", "ана", "өрік", "ұл", "үй", "қала", "ғалым", "ңа", "һ", "і"]
WORDS += ["яблоко", "Zebra", "apple", "Ärger", "ıi", "a10", "a2"]


def main() -> None:
    """Print the results."""
    out: dict[str, object] = {}
    for name in ("ru_RU", "kk_KZ", "en_US", "de_DE", "C"):
        collator = QCollator(QLocale(name))
        out[f"sort {name}"] = sorted(WORDS, key=collator.sortKey)
        collator.setNumericMode(True)
        out[f"numeric {name}"] = sorted(WORDS, key=collator.sortKey)
    for name in ("kk_KZ", "ru_RU", "tr_TR", "en_US"):
        out[f"upper {name}"] = QLocale(name).toUpper("işte әке ғалым straße ёж")
    out["codecs"] = sorted(QStringEncoder.availableCodecs())
    print(json.dumps(out, ensure_ascii=False, sort_keys=True))


if __name__ == "__main__":
    main()
