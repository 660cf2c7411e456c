"""Helpers for ``pos_app.spec``: which Qt files the frozen app keeps, and the Windows version file.

PyInstaller's PySide6 hooks collect every Qt plugin and, through them, Qt libraries the app never
loads (QtQuick through the virtual-keyboard plugin, QtPdf through ``imageformats/qpdf``, GTK through
``platformthemes/qgtk3``…). ``excludes=`` cannot stop that because these are binaries, not Python
modules, so the spec filters ``a.binaries`` and ``a.datas`` after ``Analysis`` with the functions
here. They are plain functions over PyInstaller's TOC tuples ``(dest_name, src_path, typecode)`` so
the tests can check them without building anything.

The module lives in ``packaging/`` (not a package: the name would shadow PyPI's ``packaging``);
the spec and the tests put that folder on ``sys.path``.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

TocEntry = tuple[str, str, str]

# Qt plugins the app uses, by plugin folder. Names are the plugin's base name without the
# ``lib`` prefix and the extension, so one table covers .so, .dll and .dylib.
QT_PLUGINS_KEEP: dict[str, frozenset[str]] = {
    # offscreen: tests and --self-test; minimal: the fallback Qt lists in its error message;
    # xcb (X11) and wayland on Linux; windows on Windows; cocoa on macOS.
    "platforms": frozenset(
        {"qoffscreen", "qminimal", "qxcb", "qwayland", "qwindows", "qdirect2d", "qcocoa"}
    ),
    # Wayland needs its shell integration (xdg-shell), window decorations and the EGL/shm
    # buffer integration; together ~1.7 MB, so the native Wayland session is worth keeping.
    "wayland-shell-integration": frozenset({"xdg-shell"}),
    "wayland-decoration-client": frozenset({"adwaita", "bradient"}),
    "wayland-graphics-integration-client": frozenset(
        {"qt-plugin-wayland-egl", "shm-emulation-server"}
    ),
    # PNG is built into QtGui; SVG for icons, JPEG for catalog photos, ICO for the Windows icon.
    "imageformats": frozenset({"qsvg", "qjpeg", "qico"}),
    "iconengines": frozenset({"qsvgicon"}),
    # Receipts print through QPrinter: CUPS on Linux/macOS, the spooler on Windows.
    "printsupport": frozenset({"cupsprintersupport", "windowsprintersupport"}),
    # Native look: the Windows 11 / Vista styles and the macOS style.
    "styles": frozenset({"qmodernwindowsstyle", "qwindowsvistastyle", "qmacstyle"}),
    # Compose/dead keys and IBus input methods; not the virtual keyboard (it pulls QtQuick).
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
    # Native file dialogs through the desktop portal (D-Bus only); not qgtk3 (pulls GTK 3).
    "platformthemes": frozenset({"qxdgdesktopportal"}),
}

# Libraries the target system provides and the bundle must not carry, by name prefix. libcups:
# printing on Linux needs a CUPS installation, which brings its own libcups that matches the
# running cupsd; bundling ours would only add ~11 MB (GnuTLS, Kerberos, p11-kit, Avahi…) and a
# version skew. Without CUPS, Qt's cups plugin does not load and QPrinter offers PDF only.
SYSTEM_LIBRARIES: dict[str, tuple[str, ...]] = {
    "linux": ("libcups.so",),
}

# Qt translation catalogues for the languages the app ships (Russian, Kazakh, English).
QT_TRANSLATION_LANGUAGES: frozenset[str] = frozenset({"ru", "kk", "en"})
QT_TRANSLATION_CATALOGUES: frozenset[str] = frozenset({"qt", "qtbase"})

# Python modules never wanted in the frozen app: Qt modules the app does not use (their hooks
# would pull QML/Quick/WebEngine), development tools, and GUI toolkits of other worlds.
EXCLUDED_MODULES: tuple[str, ...] = (
    "tkinter",
    # CJK legacy codecs: receipts and the API are UTF-8 (and CP866 for ESC/POS printers).
    "_codecs_jp",
    "_codecs_kr",
    "_codecs_cn",
    "_codecs_hk",
    "_codecs_tw",
    "_codecs_iso2022",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickTest",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQmlFeatures",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtTest",
    "PySide6.QtSql",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtLabsStyleKit",
    "PySide6.QtConcurrent",
    "PySide6.QtXml",
    "PySide6.QtNetwork",  # the app talks HTTP through httpx
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "IPython",
    "numpy",
    "yaml",
    "jsonschema",
    "openapi_schema_validator",
    # Pillow: the app reads and writes PNG/JPEG only (catalog photos, QR codes); AVIF, WebP,
    # colour management, FreeType text and Tk bring ~8 MB of libraries nobody calls.
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._webp",
    "PIL.WebPImagePlugin",
    "PIL._imagingcms",
    "PIL.ImageCms",
    "PIL._imagingft",
    "PIL._imagingtk",
    "PIL.ImageTk",
    # keyring's KWallet and libsecret backends need dbus-python / PyGObject; the Secret Service
    # backend (jeepney) covers GNOME and KDE (KWallet ≥ 5.97 speaks Secret Service).
    "gi",
    "dbus",
)

# Hidden imports: what PyInstaller cannot see because it is imported by name at run time.
COMMON_HIDDEN_IMPORTS: tuple[str, ...] = (
    # uvicorn picks loop/protocol/lifespan implementations by string ("auto", "on");
    # the contrib hook collects uvicorn's submodules, these lines make the intent explicit.
    "uvicorn.logging",
    "uvicorn.loops.auto",
    "uvicorn.loops.asyncio",
    "uvicorn.protocols.http.auto",
    "uvicorn.protocols.http.h11_impl",
    "uvicorn.protocols.websockets.auto",
    "uvicorn.lifespan.on",
    "uvicorn.lifespan.off",
    # anyio loads its asyncio backend by name.
    "anyio._backends._asyncio",
    # keyring finds backends through entry points; the fallbacks are always importable.
    "keyring.backends.fail",
    "keyring.backends.null",
    "keyring.backends.chainer",
    # The app's Qt modules (qasync imports its binding by name; receipts need print + SVG).
    "PySide6.QtCore",
    "PySide6.QtGui",
    "PySide6.QtWidgets",
    "PySide6.QtSvg",
    "PySide6.QtSvgWidgets",
    "PySide6.QtPrintSupport",
)

PLATFORM_HIDDEN_IMPORTS: dict[str, tuple[str, ...]] = {
    "linux": (
        "keyring.backends.SecretService",
        "secretstorage",
        "jeepney",
        "jeepney.io.blocking",
    ),
    "win32": (
        "keyring.backends.Windows",
        "win32ctypes.pywin32",
        "win32ctypes.pywin32.win32cred",
        "win32ctypes.core",
    ),
    "darwin": (
        "keyring.backends.macOS",
        "keyring.backends.macOS.api",
    ),
}


def hidden_imports(platform: str) -> list[str]:
    """The hidden imports for *platform* as ``sys.platform`` says (``linux``, ``win32``…)."""
    key = "linux" if platform.startswith("linux") else platform
    return [*COMMON_HIDDEN_IMPORTS, *PLATFORM_HIDDEN_IMPORTS.get(key, ())]


def system_libraries(platform: str) -> tuple[str, ...]:
    """Prefixes of libraries left to the target system on *platform* (``sys.platform``)."""
    return SYSTEM_LIBRARIES.get("linux" if platform.startswith("linux") else platform, ())


def _parts(dest: str) -> tuple[str, ...]:
    """Destination path split into parts, whatever the separator the platform used."""
    return PurePosixPath(dest.replace("\\", "/")).parts


_PLUGIN_NAME = re.compile(r"^(?:lib)?(?P<name>.+?)(?:\.so|\.dll|\.dylib)$", re.IGNORECASE)


def qt_plugin(dest: str) -> tuple[str, str] | None:
    """``(folder, name)`` when *dest* is a Qt plugin (``…/plugins/<folder>/<lib><name>.<ext>``)."""
    parts = _parts(dest)
    if "PySide6" not in parts or len(parts) < 3 or parts[-3] != "plugins":
        return None
    match = _PLUGIN_NAME.match(parts[-1])
    if match is None:
        return None
    return parts[-2], match.group("name")


_QT_LIB = re.compile(r"^(?:lib)?Qt6[A-Za-z0-9]+(?:\.so(?:\.\d+)*|\.dll|\.dylib)$")
_QT_FRAMEWORK = re.compile(r"^Qt[A-Za-z0-9]+\.framework$")


def is_qt_library(dest: str) -> bool:
    """True for a Qt shared library bundled by the PySide6 hooks (not a plugin, not a binding)."""
    parts = _parts(dest)
    if "PySide6" not in parts or "plugins" in parts:
        return False
    return bool(_QT_LIB.match(parts[-1])) or any(_QT_FRAMEWORK.match(p) for p in parts)


_QM = re.compile(r"^(?P<catalogue>[a-z_]+?)_(?P<lang>[a-z]{2})(?:_[A-Z]{2})?\.qm$")


def keep_qt_translation(dest: str) -> bool | None:
    """For a Qt translation file: keep it? ``None`` when *dest* is not one."""
    parts = _parts(dest)
    if "PySide6" not in parts or "translations" not in parts:
        return None
    match = _QM.match(parts[-1])
    if match is None:
        return False
    return (
        match.group("catalogue") in QT_TRANSLATION_CATALOGUES
        and match.group("lang") in QT_TRANSLATION_LANGUAGES
    )


@dataclass
class FilterReport:
    """What the filter removed, for the build log and the README's size table."""

    dropped: list[TocEntry] = field(default_factory=list)

    def lines(self) -> list[str]:
        """One line per dropped destination, sorted."""
        return sorted(dest for dest, _src, _kind in self.dropped)


def filter_plugins_and_translations(
    toc: Iterable[TocEntry], report: FilterReport | None = None
) -> list[TocEntry]:
    """Drop the Qt plugins and Qt translations the app does not use; keep everything else."""
    kept: list[TocEntry] = []
    for entry in toc:
        dest = entry[0]
        plugin = qt_plugin(dest)
        keep = True
        if plugin is not None:
            folder, name = plugin
            keep = name in QT_PLUGINS_KEEP.get(folder, frozenset())
        else:
            translation = keep_qt_translation(dest)
            if translation is not None:
                keep = translation
        if keep:
            kept.append(entry)
        elif report is not None:
            report.dropped.append(entry)
    return kept


_PYTHON_LIB = re.compile(r"^(?:lib)?python\d", re.IGNORECASE)


def is_prunable(entry: TocEntry) -> bool:
    """True for a shared library that is only there because something links to it.

    That is every Qt library and every other ``BINARY`` except Qt plugins and the Python
    library (which the bootloader loads by name). Python extension modules (``EXTENSION``) are
    what the app imports, so they are never prunable.
    """
    dest, _src, typecode = entry
    if is_qt_library(dest):
        return True
    if typecode != "BINARY" or qt_plugin(dest) is not None:
        return False
    return not _PYTHON_LIB.match(PurePosixPath(dest.replace("\\", "/")).name)


def _base(dest: str) -> str:
    return PurePosixPath(dest.replace("\\", "/")).name


def prune_unreferenced_libraries(
    toc: Sequence[TocEntry],
    get_imports: Callable[[str], Iterable[str]],
    report: FilterReport | None = None,
    system_libraries: Iterable[str] = (),
) -> list[TocEntry]:
    """Drop shared libraries nothing kept links to.

    PyInstaller collected the link-time dependencies of every Qt plugin, also of those
    :func:`filter_plugins_and_translations` has since removed (QtQuick via the virtual keyboard,
    cairo/GLib via the GTK theme, the evdev libraries…). The roots are everything not
    :func:`is_prunable` (Python extensions incl. the PySide6 bindings, kept plugins, the Python
    library); a prunable library stays only when reachable from a root through link-time imports.

    Args:
        toc: ``a.binaries`` after :func:`filter_plugins_and_translations`.
        get_imports: source path → base names of the libraries it links to.
        report: collects what was dropped.
        system_libraries: name prefixes of libraries taken from the target system instead
            (see :data:`SYSTEM_LIBRARIES`); they and what only they link to are dropped.

    Returns:
        The kept entries, in their original order.
    """
    from_system = tuple(system_libraries)
    by_name = {
        _base(e[0]): e
        for e in toc
        if is_prunable(e) and not _base(e[0]).startswith(from_system or ("\0",))
    }
    wanted: set[str] = set()
    # SYMLINK entries (PyInstaller links top-level names to libraries in package folders) point
    # at another entry's destination, not at a file to analyse; they are settled at the end.
    pending = [e[1] for e in toc if not is_prunable(e) and e[2] != "SYMLINK"]
    seen: set[str] = set()
    while pending:
        src = pending.pop()
        if src in seen:
            continue
        seen.add(src)
        for name in get_imports(src):
            if name in by_name and name not in wanted:
                wanted.add(name)
                pending.append(by_name[name][1])
    kept: list[TocEntry] = []
    for entry in toc:
        if is_prunable(entry) and _base(entry[0]) not in wanted:
            # Also drops every system library: never in by_name, so never wanted.
            if report is not None:
                report.dropped.append(entry)
            continue
        kept.append(entry)
    return drop_dangling_symlinks(kept, report)


def drop_dangling_symlinks(
    toc: Sequence[TocEntry],
    report: FilterReport | None = None,
    others: Sequence[TocEntry] = (),
) -> list[TocEntry]:
    """Drop ``SYMLINK`` entries whose target is no longer collected.

    Args:
        toc: the entries to clean (``a.binaries`` or ``a.datas``).
        report: collects what was dropped.
        others: entries collected through the other TOC (PyInstaller files the top-level links
            to Qt libraries under ``a.datas`` while the libraries are in ``a.binaries``).
    """
    dests = {e[0].replace("\\", "/") for e in (*toc, *others) if e[2] != "SYMLINK"}
    kept: list[TocEntry] = []
    for entry in toc:
        dest, target, typecode = entry
        if typecode == "SYMLINK":
            resolved = PurePosixPath(dest.replace("\\", "/")).parent / target.replace("\\", "/")
            if _normalise(resolved) not in dests:
                if report is not None:
                    report.dropped.append(entry)
                continue
        kept.append(entry)
    return kept


def _normalise(path: PurePosixPath) -> str:
    """Collapse ``..`` in a relative posix path (no file system access)."""
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def elf_needed(path: str) -> list[str]:
    """The libraries an ELF file links to directly (its ``DT_NEEDED`` entries).

    PyInstaller's own ``get_imports`` runs ``ldd`` on Linux, which lists the *transitive*
    closure: a kept plugin would then keep every library its dropped dependencies need.
    ``objdump`` ships with binutils, which ``strip`` needs anyway.
    """
    out = subprocess.run(
        ["objdump", "-p", path], capture_output=True, text=True, check=False
    ).stdout
    return [line.split()[1] for line in out.splitlines() if line.strip().startswith("NEEDED")]


def windows_version_info(
    version: str,
    *,
    product: str = "pos-app",
    description: str = "Kaspi Pay point of sale",
    company: str = "pos-app",
    exe_name: str = "pos-app.exe",
) -> str:
    """The text of a PyInstaller ``--version-file`` for *version* (``"1.2.3"``).

    Windows wants four 16-bit numbers; ``0.1.0`` becomes ``(0, 1, 0, 0)``.
    """
    numbers = [int(n) for n in re.findall(r"\d+", version)[:4]]
    numbers += [0] * (4 - len(numbers))
    if any(n > 0xFFFF for n in numbers):
        raise ValueError(f"version part too large for Windows: {version!r}")
    four = tuple(numbers)
    text = ".".join(str(n) for n in four)
    strings = {
        "CompanyName": company,
        "FileDescription": description,
        "FileVersion": version,
        "InternalName": product,
        "LegalCopyright": f"© {company}",
        "OriginalFilename": exe_name,
        "ProductName": product,
        "ProductVersion": version,
    }
    string_structs = ",\n".join(
        f"          StringStruct({key!r}, {value!r})" for key, value in strings.items()
    )
    return f"""# UTF-8
# Generated from pos_app.__version__ by packaging/spec_support.py; do not edit.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={four},
    prodvers={four},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '040904B0',
        [
{string_structs}
        ])
    ]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
# version {text}
"""


def main(argv: list[str] | None = None) -> int:
    """``python packaging/spec_support.py VERSION_FILE``: write the Windows version file.

    The spec does this by itself on Windows; the command is for looking at the result.
    """
    import sys
    from pathlib import Path

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: spec_support.py VERSION_FILE", file=sys.stderr)
        return 2
    init = Path(__file__).resolve().parent.parent / "pos_app" / "__init__.py"
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', init.read_text(encoding="utf-8"), re.M)
    if match is None:
        raise RuntimeError("no __version__ in pos_app/__init__.py")
    Path(args[0]).write_text(windows_version_info(match.group(1)), encoding="utf-8")
    print(args[0])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
