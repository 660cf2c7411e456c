"""The trimmed ICU data changes nothing a Russian, Kazakh or English register would notice."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.packaging.conftest import load_packaging_module

pytestmark = pytest.mark.packaging

PROBE = Path(__file__).with_name("icu_probe.py")


@pytest.fixture(scope="module")
def trim_icu() -> ModuleType:
    """``packaging/trim_icu.py``."""
    return load_packaging_module("trim_icu")


@pytest.mark.parametrize(
    ("item", "kept"),
    [
        ("coll/ru.res", True),
        ("coll/kk.res", True),
        ("kk_KZ.res", True),
        ("en_US_POSIX.res", True),
        ("curr/en_001.res", True),
        ("root.res", True),
        ("res_index.res", True),  # looks like a locale ("res"), is the index of them
        ("pool.res", True),
        ("coll/ucadata.icu", True),
        ("ibm-866_P100-1995.cnv", True),  # CP866: Cyrillic ESC/POS printers
        ("zoneinfo64.res", True),
        ("brkitr/line.brk", True),
        ("coll/de.res", False),
        ("zh_Hant_TW.res", False),
        ("lang/yue.res", False),
        ("translit/root.res", False),
        ("brkitr/thaidict.dict", False),
    ],
)
def test_which_icu_items_stay(trim_icu: ModuleType, item: str, kept: bool) -> None:
    assert trim_icu.keep_item(item) is kept


def _icudata() -> Path:
    import PySide6

    lib_dir = Path(PySide6.__file__).parent / "Qt" / "lib"
    found = sorted(lib_dir.glob("libicudata.so.*"))
    if not found:
        pytest.skip("this PySide6 has no bundled ICU (not Linux)")
    return found[0]


def _probe(preload: Path | None) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if preload is not None:
        env["LD_PRELOAD"] = str(preload)  # same SONAME: it replaces PySide6's own copy
    out = subprocess.run(
        [sys.executable, str(PROBE)], capture_output=True, text=True, env=env, check=True
    )
    result: dict[str, object] = json.loads(out.stdout)
    return result


def test_trimmed_icu_sorts_and_converts_like_the_full_one(
    trim_icu: ModuleType, tmp_path: Path
) -> None:
    if not trim_icu.tools_available():
        pytest.skip("needs readelf, icupkg and gcc (apt: binutils icu-devtools gcc)")
    original = _icudata()
    trimmed = trim_icu.trim(original, tmp_path)
    assert trimmed.stat().st_size < original.stat().st_size / 2
    full = _probe(None)
    assert full["sort ru_RU"] != full["sort C"]  # the probe does exercise locale data
    assert "IBM866" in full["codecs"]  # type: ignore[operator]
    assert _probe(trimmed) == full


def test_dropping_a_language_does_change_its_sorting(trim_icu: ModuleType, tmp_path: Path) -> None:
    """The comparison above would notice lost data: without ru/kk, Cyrillic sorts differently."""
    if not trim_icu.tools_available():
        pytest.skip("needs readelf, icupkg and gcc (apt: binutils icu-devtools gcc)")
    english_only = trim_icu.trim(_icudata(), tmp_path, frozenset({"en"}))
    full, trimmed = _probe(None), _probe(english_only)
    assert trimmed["sort kk_KZ"] != full["sort kk_KZ"]
