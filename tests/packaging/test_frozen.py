"""The frozen executable behaves like the app: builds once, then runs what a user would notice.

One PyInstaller run per module (one-folder and one-file from one Analysis, ~1 min on 2 cores)
into a temporary folder; ``POS_APP_FROZEN_DIST=<dist>`` reuses an existing ``build.py`` output
instead (quick local iterations). Needs PyInstaller (the ``package`` extra) and, on Linux,
binutils (``objdump``/``strip``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from pos_app import __version__

pytestmark = [pytest.mark.packaging, pytest.mark.slow, pytest.mark.timeout(900)]

LINUX = sys.platform.startswith("linux")
RUN_TIMEOUT = 120


@pytest.fixture(scope="module")
def frozen(
    build_script: ModuleType, tmp_path_factory: pytest.TempPathFactory, artifacts_dir: Path
) -> Iterator[object]:
    """The one-folder and one-file builds (``build.Built``)."""
    reuse = os.environ.get("POS_APP_FROZEN_DIST")
    if reuse:
        dist = Path(reuse)
        built = build_script.Built(
            dist=dist,
            onedir=dist / "pos-app",
            onefile=dist / ("pos-app-onefile" + build_script.exe_suffix()),
        )
        yield built
        return
    pytest.importorskip("PyInstaller", reason="install the 'package' extra")
    if LINUX and shutil.which("objdump") is None:
        pytest.fail("binutils (objdump, strip) is needed to build on Linux")
    root = tmp_path_factory.mktemp("frozen")
    started = time.perf_counter()
    built = build_script.run_pyinstaller("both", root / "dist", root / "work")
    seconds = time.perf_counter() - started
    sizes = {
        "build_seconds": round(seconds, 1),
        "onedir_mib": round(build_script.tree_size(built.onedir) / (1 << 20), 1),
        "onefile_mib": round(build_script.tree_size(built.onefile) / (1 << 20), 1),
    }
    (artifacts_dir / "packaging-build.json").write_text(json.dumps(sizes, indent=2) + "\n")
    print(f"\nfrozen build: {sizes}")
    yield built


def _exes(built: object) -> dict[str, Path]:
    return {"onedir": built.onedir_exe, "onefile": built.onefile}  # type: ignore[attr-defined]


@pytest.fixture(params=["onedir", "onefile"])
def exe(request: pytest.FixtureRequest, frozen: object) -> Path:
    """Each of the two executables in turn."""
    path = _exes(frozen)[request.param]
    assert path.is_file(), f"{request.param} executable missing: {path}"
    return path


def _env(**changes: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("POS_APP_API_KEY", None)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, capture_output=True, text=True, env=env, timeout=RUN_TIMEOUT, check=False
    )


def test_version_prints_the_app_version(exe: Path) -> None:
    out = _run([str(exe), "--version"], _env(QT_QPA_PLATFORM="offscreen"))
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == f"pos-app {__version__}"


def test_self_test_pays_a_demo_sale_on_the_bundled_sandbox(exe: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = _env(QT_QPA_PLATFORM="offscreen")
    out = _run([str(exe), "--self-test", "--data-dir", str(data)], env)
    assert out.returncode == 0, out.stdout + out.stderr[-3000:]
    assert out.stdout.startswith("self-test ok"), out.stdout
    assert "paid" in out.stdout
    # The app reports which keyring backend it found (in its log, for now).
    logs = "\n".join(p.read_text(encoding="utf-8") for p in (data / "logs").glob("*.log*"))
    assert re.search(r"keyring backend keyring\.backends\.\w+", logs), logs[-2000:]


def test_keyring_info_names_the_backend_the_frozen_app_found(exe: Path) -> None:
    """``--keyring-info``: one line naming the backend; exit 0 when it works, 1 when the key
    would be kept for the session only (no Secret Service here without a D-Bus session)."""
    out = _run([str(exe), "--keyring-info"], _env(QT_QPA_PLATFORM="offscreen"))
    assert out.returncode in (0, 1), out.stderr[-2000:]
    assert re.match(r"keyring: keyring\.backends\.\w+", out.stdout), out.stdout


@pytest.mark.skipif(not LINUX, reason="the no-display abort is what Qt does on X11/Wayland")
def test_without_a_display_qt_lists_the_bundled_platform_plugins(
    frozen: object, tmp_path: Path
) -> None:
    exe = frozen.onedir_exe  # type: ignore[attr-defined]
    env = _env(QT_QPA_PLATFORM=None, DISPLAY=None, WAYLAND_DISPLAY=None)
    out = _run([str(exe), "--demo", "--data-dir", str(tmp_path / "data")], env)
    assert out.returncode != 0
    match = re.search(r"Available platform plugins are: (.*)\.", out.stderr)
    assert match, out.stderr[-2000:]
    plugins = {p.strip() for p in match.group(1).split(",")}
    assert {"offscreen", "minimal", "xcb", "wayland"} <= plugins


def test_keyring_backends_and_sandbox_server_are_frozen_in(frozen: object) -> None:
    from PyInstaller.archive.readers import CArchiveReader

    for exe in _exes(frozen).values():
        pyz = CArchiveReader(str(exe)).open_embedded_archive("PYZ.pyz")
        modules = set(pyz.toc)
        wanted = {
            "keyring.backends.SecretService",
            "keyring.backends.Windows",
            "keyring.backends.macOS",
            "keyring.backends.fail",
            "uvicorn.lifespan.on",
            "uvicorn.protocols.http.h11_impl",
            "uvicorn.loops.asyncio",
            "pos_app.sandbox.server",
        }
        if LINUX:
            wanted |= {"secretstorage", "jeepney.io.blocking"}
        assert wanted <= modules, sorted(wanted - modules)


def _bundle_files(frozen: object) -> list[str]:
    root = frozen.onedir  # type: ignore[attr-defined]
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))


def test_the_bundle_carries_only_the_qt_the_app_uses(frozen: object) -> None:
    files = _bundle_files(frozen)
    names = "\n".join(files)
    for unwanted in ("Qt6Quick", "Qt6Qml", "Qt6Pdf", "Qt6Network", "qgtk3", "virtualkeyboard",
                     "Qt6Designer", "sqldrivers", "qmltooling", "libgtk"):  # fmt: skip
        assert unwanted not in names, unwanted
    if LINUX:
        for wanted in (
            "platforms/libqxcb.so",
            "platforms/libqoffscreen.so",
            "platforms/libqminimal.so",
            "platforms/libqwayland.so",
            "imageformats/libqsvg.so",
            "imageformats/libqjpeg.so",
            "iconengines/libqsvgicon.so",
            "printsupport/libcupsprintersupport.so",
            "lib/libQt6PrintSupport.so.6",
            "lib/libQt6Svg.so.6",
        ):
            assert any(f.endswith(wanted) for f in files), wanted
    root = frozen.onedir  # type: ignore[attr-defined]
    dangling = [p for p in root.rglob("*") if p.is_symlink() and not p.exists()]
    assert dangling == []


def test_every_resource_the_app_loads_is_bundled(frozen: object) -> None:
    source = Path(__file__).resolve().parents[2] / "resources"
    bundled = frozen.onedir / "_internal" / "resources"  # type: ignore[attr-defined]
    expected = {
        p.relative_to(source).as_posix()
        for p in source.rglob("*")
        if p.is_file() and p.suffix not in {".ts", ".md", ".pro", ".py"}
    }
    have = {p.relative_to(bundled).as_posix() for p in bundled.rglob("*") if p.is_file()}
    assert expected <= have, sorted(expected - have)
    assert "icons/pos-app.svg" in have  # the app icon, for the window


@pytest.mark.skipif(not LINUX, reason="only Linux bundles ICU")
def test_icu_data_is_trimmed_when_the_tools_are_there(frozen: object) -> None:
    from tests.packaging.conftest import load_packaging_module

    if not load_packaging_module("trim_icu").tools_available():
        pytest.skip("readelf/icupkg/gcc missing: the build kept the full ICU data")
    icudata = list(frozen.onedir.rglob("libicudata.so.*"))  # type: ignore[attr-defined]
    real = [p for p in icudata if not p.is_symlink()]
    assert len(real) == 1
    assert real[0].stat().st_size < 16 << 20  # the full data is 30.6 MiB


@pytest.mark.skipif(not LINUX, reason="ldd")
def test_no_bundled_library_misses_a_qt_or_python_library(frozen: object) -> None:
    """What the filter dropped must not be needed by what it kept."""
    internal = frozen.onedir / "_internal"  # type: ignore[attr-defined]
    env = _env(LD_LIBRARY_PATH=f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}")
    missing: dict[str, set[str]] = {}
    for path in internal.rglob("*.so*"):
        if path.is_symlink() or not path.is_file():
            continue
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env)
        for line in out.stdout.splitlines():
            if "not found" in line:
                missing.setdefault(line.split()[0], set()).add(path.name)
    # Libraries the target desktop provides (and this build machine may lack) are fine;
    # anything Qt, ICU, PySide or Python must be in the bundle.
    ours = {
        name: users
        for name, users in missing.items()
        if re.match(r"lib(Qt6|icu|pyside|shiboken|python)", name)
    }
    assert ours == {}
