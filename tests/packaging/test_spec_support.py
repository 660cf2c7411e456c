"""The pieces of the build that need no PyInstaller run: Qt filter, version file, archives, icons.

These are fast; they carry the ``packaging`` marker so ``-m packaging`` runs the whole topic.
"""

from __future__ import annotations

import configparser
import hashlib
import importlib.util
import shutil
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from pos_app import __version__

pytestmark = pytest.mark.packaging

REPO = Path(__file__).resolve().parents[2]
QT = "PySide6/Qt"


def _dests(toc: list[tuple[str, str, str]]) -> set[str]:
    return {dest for dest, _src, _kind in toc}


def test_unused_qt_plugins_and_translations_are_dropped(spec_support: ModuleType) -> None:
    toc = [
        (f"{QT}/plugins/platforms/libqxcb.so", "/s/libqxcb.so", "BINARY"),
        (f"{QT}/plugins/platforms/libqoffscreen.so", "/s/o.so", "BINARY"),
        (f"{QT}/plugins/platforms/libqeglfs.so", "/s/e.so", "BINARY"),
        (f"{QT}/plugins/imageformats/libqpdf.so", "/s/pdf.so", "BINARY"),
        (f"{QT}/plugins/imageformats/libqsvg.so", "/s/svg.so", "BINARY"),
        (f"{QT}/plugins/platformthemes/libqgtk3.so", "/s/gtk.so", "BINARY"),
        (f"{QT}/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", "/s/v", "BINARY"),
        (f"{QT}/plugins/printsupport/libcupsprintersupport.so", "/s/cups.so", "BINARY"),
        ("PySide6\\plugins\\platforms\\qwindows.dll", "C:\\s\\qwindows.dll", "BINARY"),
        ("PySide6\\plugins\\sqldrivers\\qsqlite.dll", "C:\\s\\qsqlite.dll", "BINARY"),
        (f"{QT}/translations/qtbase_ru.qm", "/s/a", "DATA"),
        (f"{QT}/translations/qt_kk.qm", "/s/b", "DATA"),
        (f"{QT}/translations/qtbase_de.qm", "/s/c", "DATA"),
        (f"{QT}/translations/qt_help_ru.qm", "/s/d", "DATA"),
        (f"{QT}/translations/designer_ru.qm", "/s/e", "DATA"),
        ("resources/styles/light.qss", "/s/light.qss", "DATA"),
    ]
    report = spec_support.FilterReport()
    kept = _dests(spec_support.filter_plugins_and_translations(toc, report))
    assert kept == {
        f"{QT}/plugins/platforms/libqxcb.so",
        f"{QT}/plugins/platforms/libqoffscreen.so",
        f"{QT}/plugins/imageformats/libqsvg.so",
        f"{QT}/plugins/printsupport/libcupsprintersupport.so",
        "PySide6\\plugins\\platforms\\qwindows.dll",
        f"{QT}/translations/qtbase_ru.qm",
        f"{QT}/translations/qt_kk.qm",
        "resources/styles/light.qss",
    }
    assert len(report.lines()) == len(toc) - len(kept)


def test_libraries_only_dropped_plugins_needed_are_pruned(spec_support: ModuleType) -> None:
    links = {
        "/s/QtWidgets.abi3.so": ["libQt6Widgets.so.6", "libpyside6.abi3.so.6"],
        "/s/libQt6Widgets.so.6": ["libQt6Gui.so.6"],
        "/s/libQt6Gui.so.6": ["libQt6Core.so.6"],
        "/s/libqxcb.so": ["libQt6XcbQpa.so.6", "libgnutls.so.30"],
        "/s/libcups-plugin.so": ["libcups.so.2"],
        "/s/libcups.so.2": ["libgnutls.so.30", "libavahi-client.so.3"],
    }
    toc = [
        ("PySide6/QtWidgets.abi3.so", "/s/QtWidgets.abi3.so", "EXTENSION"),
        ("PySide6/libpyside6.abi3.so.6", "/s/libpyside6.abi3.so.6", "BINARY"),
        (f"{QT}/lib/libQt6Widgets.so.6", "/s/libQt6Widgets.so.6", "BINARY"),
        (f"{QT}/lib/libQt6Gui.so.6", "/s/libQt6Gui.so.6", "BINARY"),
        (f"{QT}/lib/libQt6Core.so.6", "/s/libQt6Core.so.6", "BINARY"),
        (f"{QT}/lib/libQt6XcbQpa.so.6", "/s/libQt6XcbQpa.so.6", "BINARY"),
        (f"{QT}/lib/libQt6Quick.so.6", "/s/libQt6Quick.so.6", "BINARY"),  # its plugin is gone
        (f"{QT}/plugins/platforms/libqxcb.so", "/s/libqxcb.so", "BINARY"),
        (f"{QT}/plugins/printsupport/libcups-plugin.so", "/s/libcups-plugin.so", "BINARY"),
        ("libcups.so.2", "/s/libcups.so.2", "BINARY"),
        ("libgnutls.so.30", "/s/libgnutls.so.30", "BINARY"),  # also needed by xcb: stays
        ("libavahi-client.so.3", "/s/libavahi-client.so.3", "BINARY"),  # only via libcups
        ("libpython3.11.so.1.0", "/s/libpython3.11.so.1.0", "BINARY"),  # loaded by name
        ("libQt6Quick.so.6", f"{QT}/lib/libQt6Quick.so.6", "SYMLINK"),
        ("libQt6Core.so.6", f"{QT}/lib/libQt6Core.so.6", "SYMLINK"),
    ]
    report = spec_support.FilterReport()
    kept = spec_support.prune_unreferenced_libraries(
        toc, lambda src: links.get(src, []), report, system_libraries=("libcups.so",)
    )
    assert _dests(kept) == _dests(toc) - {
        f"{QT}/lib/libQt6Quick.so.6",
        "libQt6Quick.so.6",
        "libcups.so.2",
        "libavahi-client.so.3",
    }


def test_symlinks_into_the_other_toc_survive_only_with_their_target(
    spec_support: ModuleType,
) -> None:
    binaries = [(f"{QT}/lib/libQt6Core.so.6", "/s/core", "BINARY")]
    datas = [
        ("libQt6Core.so.6", f"{QT}/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Network.so.6", f"{QT}/lib/libQt6Network.so.6", "SYMLINK"),
        ("resources/app.qss", "/s/app.qss", "DATA"),
    ]
    kept = spec_support.drop_dangling_symlinks(datas, others=binaries)
    assert _dests(kept) == {"libQt6Core.so.6", "resources/app.qss"}


@pytest.mark.skipif(shutil.which("objdump") is None, reason="needs binutils (objdump)")
def test_elf_needed_lists_direct_links_only(spec_support: ModuleType) -> None:
    import PySide6

    gui = Path(PySide6.__file__).parent / "Qt" / "lib" / "libQt6Gui.so.6"
    if not gui.exists():
        pytest.skip("not a Linux PySide6 wheel")
    needed = spec_support.elf_needed(str(gui))
    assert "libQt6Core.so.6" in needed
    # ICU comes through QtCore; ldd would list it here, the direct list does not.
    assert not any(name.startswith("libicudata") for name in needed)


@pytest.mark.parametrize(
    ("platform", "backend"),
    [
        ("linux", "keyring.backends.SecretService"),
        ("win32", "keyring.backends.Windows"),
        ("darwin", "keyring.backends.macOS"),
    ],
)
def test_each_os_gets_its_keyring_backend_and_the_sandbox_modules(
    spec_support: ModuleType, platform: str, backend: str
) -> None:
    hidden = spec_support.hidden_imports(platform)
    assert backend in hidden
    for needed in ("uvicorn.lifespan.on", "uvicorn.protocols.http.auto", "uvicorn.loops.auto"):
        assert needed in hidden


def test_hidden_imports_for_this_os_exist(spec_support: ModuleType) -> None:
    # PyInstaller only warns about a misspelt hidden import; the frozen app would then miss it.
    missing = [
        name
        for name in spec_support.hidden_imports(sys.platform)
        if importlib.util.find_spec(name) is None
    ]
    assert missing == []


class _Recorder:
    """Stands in for PyInstaller's versioninfo classes: keeps the arguments it was given."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return {"type": self.name, "args": args, **kwargs}


def _strings(node: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    if isinstance(node, dict):
        if node.get("type") == "StringStruct":
            key, value = node["args"]
            found[key] = value
        for value in node.values():
            found.update(_strings(value))
    elif isinstance(node, list | tuple):
        for item in node:
            found.update(_strings(item))
    return found


def test_windows_version_file_carries_the_app_version(spec_support: ModuleType) -> None:
    text = spec_support.windows_version_info("1.2.3")
    # PyInstaller reads the file by eval()-ing it with these names bound.
    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable"]
    names += ["StringStruct", "VarFileInfo", "VarStruct"]
    info = eval(text, {name: _Recorder(name) for name in names})
    assert info["ffi"]["filevers"] == (1, 2, 3, 0)
    assert info["ffi"]["prodvers"] == (1, 2, 3, 0)
    strings = _strings(info)
    assert strings["ProductVersion"] == "1.2.3"
    assert strings["OriginalFilename"] == "pos-app.exe"


def test_windows_version_refuses_numbers_windows_cannot_hold(spec_support: ModuleType) -> None:
    with pytest.raises(ValueError, match="too large"):
        spec_support.windows_version_info("2026.70000.1")


def test_archive_keeps_the_executable_bit_and_checksum_verifies(
    build_script: ModuleType, tmp_path: Path
) -> None:
    folder = tmp_path / "pos-app"
    folder.mkdir()
    exe = folder / "pos-app"
    exe.write_bytes(b"#!/bin/sh\necho hi\n")
    exe.chmod(0o755)
    archive = build_script.make_archive(folder, tmp_path / "pos-app-1.0-test", "pos-app")
    checksum = build_script.write_checksum(archive)
    digest, name = checksum.read_text(encoding="utf-8").split()
    assert name == archive.name
    assert digest == hashlib.sha256(archive.read_bytes()).hexdigest()
    if archive.name.endswith(".tar.gz"):
        with tarfile.open(archive) as tar:
            member = tar.getmember("pos-app/pos-app")
        assert member.mode & 0o111


def test_linux_share_folder_follows_the_xdg_layout(
    build_script: ModuleType, tmp_path: Path
) -> None:
    share = build_script.stage_linux_share(tmp_path, __version__, "2026-01-31")
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    desktop.read(share / "applications" / "kz.pos_app.PosApp.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Exec"] == "pos-app"
    assert entry["Icon"] == "pos-app"
    assert entry["Type"] == "Application"
    for size in (16, 32, 48, 128, 256, 512):
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "pos-app.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "pos-app.svg").is_file()
    meta = ET.parse(share / "metainfo" / "kz.pos_app.PosApp.metainfo.xml").getroot()
    assert meta.findtext("id") == "kz.pos_app.PosApp"
    assert meta.findtext("launchable") == "kz.pos_app.PosApp.desktop"
    release = meta.find("releases/release")
    assert release is not None
    assert release.attrib == {"version": __version__, "date": "2026-01-31"}


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_file_validates(build_script: ModuleType, tmp_path: Path) -> None:
    share = build_script.stage_linux_share(tmp_path, __version__)
    out = subprocess.run(
        ["desktop-file-validate", str(share / "applications" / "kz.pos_app.PosApp.desktop")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_icons_render_at_every_size_with_the_mark_in_the_middle(qapp: Any, tmp_path: Path) -> None:
    from PIL import Image

    from tests.packaging.conftest import load_packaging_module

    render_icons = load_packaging_module("render_icons")
    written = render_icons.render_all(render_icons.SVG, tmp_path)
    for size in render_icons.PNG_SIZES:
        png = tmp_path / "hicolor" / f"{size}x{size}" / "apps" / "pos-app.png"
        assert png in written
        with Image.open(png) as img:
            assert img.size == (size, size)
            alpha = img.convert("RGBA").getchannel("A").tobytes()
            # Transparent corner (rounded square), opaque centre (the receipt and the ₸).
            assert alpha[0] == 0
            assert alpha[(size // 2) * size + size // 2] == 255
    with Image.open(tmp_path / "pos-app.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    assert (tmp_path / "pos-app.icns").stat().st_size > 0
    # The committed icons are what the SVG renders to (someone edited one without the other?).
    committed = REPO / "packaging" / "icons" / "hicolor" / "48x48" / "apps" / "pos-app.png"
    with Image.open(committed) as a, Image.open(tmp_path / "hicolor/48x48/apps/pos-app.png") as b:
        assert a.convert("RGBA").tobytes() == b.convert("RGBA").tobytes()
