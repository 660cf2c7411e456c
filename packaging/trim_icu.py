"""Rebuild PySide6's ``libicudata.so`` with only the ICU data the app's languages need (Linux).

Qt on Linux links ICU, and ICU's data library is the largest file of the bundle: 30.5 MiB of
locale data for ~800 locales, transliterators and CJK/Thai/Lao/Khmer/Burmese line-break
dictionaries. Qt itself uses ICU for collation (``QCollator``), legacy text codecs
(``QStringConverter``: CP866, Windows-1251…) and locale-aware case mapping; for a register
working in Russian, Kazakh and English, the locale-specific parts of the other languages are
never opened. This keeps:

- every locale-independent item (Unicode properties and names, normalisation, collation root
  ``ucadata.icu``, time zones, plural rules, *all* code-page converters, break rules);
- the locale items (``*.res`` named like a locale) of :data:`LANGUAGES` and ``root``;

and drops the other languages' locale items, ``translit/`` and the ``*.dict`` dictionaries:
~9.4 MiB remain. A locale that is gone falls back to ``root`` (ICU's normal behaviour).

How: the data is one ICU "common data" package exported as the symbol ``icudt<N>_dat``; we cut
it out of the ELF file (binutils' ``readelf``), remove items with ICU's ``icupkg`` (apt
``icu-devtools``) and link the result back into a library with the same SONAME and symbol
(``gcc``/``as`` ``.incbin``). Without those tools the spec keeps the original library.

    python packaging/trim_icu.py LIBICUDATA OUT_DIR   # prints the new library's path
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

LANGUAGES: frozenset[str] = frozenset({"ru", "kk", "en"})
# Items named like a locale that are not one, and locale-like items every locale falls back to.
ALWAYS_KEEP_STEMS: frozenset[str] = frozenset({"root", "res_index", "pool"})
_LOCALE = re.compile(r"^[a-z]{2,3}(?:_[A-Za-z0-9]+)*$")
TOOLS = ("readelf", "icupkg", "gcc")


def tools_available() -> bool:
    """True when ``readelf``, ``icupkg`` and ``gcc`` are on ``PATH``."""
    return all(shutil.which(tool) for tool in TOOLS)


def keep_item(name: str, languages: frozenset[str] = LANGUAGES) -> bool:
    """Whether the ICU data item *name* (as ``icupkg -l`` lists it, e.g. ``coll/ru.res``) stays."""
    if name.startswith("translit/") or name.endswith(".dict"):
        return False
    base = name.rsplit("/", 1)[-1]
    stem, _, ext = base.rpartition(".")
    if ext != "res" or stem in ALWAYS_KEEP_STEMS or not _LOCALE.match(stem):
        return True
    return stem.split("_", 1)[0] in languages


_MISSING = re.compile(r"Item (\S+) depends on missing item (\S+)")


def _language(item: str) -> str | None:
    """The language of a locale item (``coll/de_.res`` → ``de``); ``None`` for other items."""
    base = item.rsplit("/", 1)[-1]
    stem, _, ext = base.rpartition(".")
    if ext != "res" or stem in ALWAYS_KEEP_STEMS:
        return None
    match = re.match(r"^([a-z]{2,3})(?:_|$)", stem)
    return match.group(1) if match else None


def _symbol(lib: Path) -> tuple[str, int, int]:
    """``(name, file offset, size)`` of the ``icudt<N>_dat`` symbol in *lib*."""
    symbols = subprocess.run(
        ["readelf", "-Ws", "--dyn-syms", str(lib)], capture_output=True, text=True, check=True
    ).stdout
    found = None
    for line in symbols.splitlines():
        parts = line.split()
        if len(parts) >= 8 and re.fullmatch(r"icudt\d+_dat", parts[7]) and parts[6] != "UND":
            found = (parts[7], int(parts[1], 16), int(parts[2], 0))
            break
    if found is None:
        raise ValueError(f"{lib} does not export an icudt<N>_dat symbol")
    name, address, size = found
    sections = subprocess.run(
        ["readelf", "-SW", str(lib)], capture_output=True, text=True, check=True
    ).stdout
    for line in sections.splitlines():
        match = re.search(r"\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)", line)
        if match is None:
            continue
        start, offset, length = (int(match.group(i), 16) for i in (2, 3, 4))
        if start <= address < start + length:
            return name, address - start + offset, size
    raise ValueError(f"no section holds {name} in {lib}")


def _soname(lib: Path) -> str:
    dynamic = subprocess.run(
        ["readelf", "-dW", str(lib)], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"\(SONAME\).*\[(.+)\]", dynamic)
    return match.group(1) if match else lib.name


def trim(lib: Path, out_dir: Path, languages: frozenset[str] = LANGUAGES) -> Path:
    """Write a trimmed copy of *lib* into *out_dir* (same file name); returns its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    symbol, offset, size = _symbol(lib)
    package = symbol.removesuffix("_dat") + "l.dat"  # "l": little-endian, as icupkg names it
    with lib.open("rb") as fh:
        fh.seek(offset)
        data = fh.read(size)
    # icupkg wants the file named like the package inside it, so the original goes one level down.
    full = out_dir / "original" / package
    full.parent.mkdir(exist_ok=True)
    full.write_bytes(data)
    listing = subprocess.run(
        ["icupkg", "-l", str(full)], capture_output=True, text=True, check=True
    ).stdout.split()
    drop = {item for item in listing if not keep_item(item, languages)}
    drop_list = out_dir / "icu-removed.txt"
    trimmed = out_dir / package
    for _attempt in range(5):
        drop_list.write_text("\n".join(sorted(drop)) + "\n", encoding="utf-8")
        trimmed.unlink(missing_ok=True)
        result = subprocess.run(
            ["icupkg", "-r", str(drop_list), str(full), str(trimmed)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode == 0:
            break
        # icupkg refuses to orphan a reference ("Item A depends on missing item B"): drop A too
        # when it belongs to a dropped language (coll/de_.res → coll/de.res), else keep B
        # (the root break rules name the CJK/Thai dictionaries).
        pairs = _MISSING.findall(result.stdout + result.stderr)
        if not pairs:
            raise RuntimeError(f"icupkg failed: {result.stderr[-2000:]}")
        for item, needed in pairs:
            if _language(item) in languages or _language(item) is None:
                drop.discard(needed)
            else:
                drop.add(item)
    else:
        raise RuntimeError("icupkg: dependencies did not settle")
    full.unlink()
    full.parent.rmdir()
    # .incbin keeps the package byte for byte; ICU wants it 16-byte aligned (the original sits
    # at a page boundary: align to that too, it costs nothing).
    asm = out_dir / "icudata.S"
    asm.write_text(
        "\t.section .rodata\n"
        f"\t.globl {symbol}\n"
        f"\t.type {symbol}, @object\n"
        "\t.balign 4096\n"
        f"{symbol}:\n"
        f'\t.incbin "{trimmed.name}"\n'
        f"\t.size {symbol}, . - {symbol}\n"
        '\t.section .note.GNU-stack,"",@progbits\n',
        encoding="utf-8",
    )
    target = out_dir / lib.name
    subprocess.run(
        ["gcc", "-shared", "-nostdlib", "-Wl,-soname," + _soname(lib), "-Wl,--strip-all",
         "-o", str(target), asm.name],
        cwd=out_dir, check=True, capture_output=True,
    )  # fmt: skip
    return target


def main(argv: list[str] | None = None) -> int:
    """Command line: ``trim_icu.py LIB OUT_DIR``."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    target = trim(Path(args[0]), Path(args[1]))
    before, after = Path(args[0]).stat().st_size, target.stat().st_size
    print(f"{target} ({before / (1 << 20):.1f} MiB -> {after / (1 << 20):.1f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
