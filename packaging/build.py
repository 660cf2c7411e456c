"""Build the standalone pos-app: PyInstaller, a smoke test, archives with SHA-256 sums.

One command on every OS (run it with the project's virtualenv Python, PyInstaller installed
through the ``package`` extra)::

    python packaging/build.py [--onefile | --onedir | --both] [--skip-smoke]

Results land in ``dist/``:

- ``dist/pos-app/`` (one-folder) and ``dist/pos-app-onefile[.exe]`` (one-file), as PyInstaller
  wrote them (on macOS also ``dist/pos-app.app``);
- ``dist/pos-app-<version>-<os>-<arch>.tar.gz`` (``.zip`` on Windows and macOS) for the folder
  and ``…-onefile.tar.gz`` for the single file, each with a ``.sha256`` next to it (the
  ``sha256sum`` format, checkable with ``sha256sum -c``) and all of them in ``SHA256SUMS``.

The smoke test runs what a user would first notice: ``--version`` prints the version and
``--self-test`` rings up a demo sale against the embedded sandbox (offscreen Qt).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "pos_app.spec"
APP = "pos-app"
ONEFILE_NAME = "pos-app-onefile"
SMOKE_TIMEOUT_SECONDS = 120


def app_version() -> str:
    """``pos_app.__version__``, read from the source (the build Python may not import the app)."""
    text = (ROOT / "pos_app" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if match is None:
        raise RuntimeError("no __version__ in pos_app/__init__.py")
    return match.group(1)


def platform_tag() -> str:
    """``linux-x86_64``, ``windows-amd64``, ``macos-arm64``…"""
    names = {"linux": "linux", "win32": "windows", "darwin": "macos"}
    system = names.get(sys.platform, sys.platform)
    return f"{system}-{platform.machine().lower()}"


def exe_suffix() -> str:
    """``.exe`` on Windows, nothing elsewhere."""
    return ".exe" if sys.platform == "win32" else ""


@dataclass(frozen=True)
class Built:
    """Where PyInstaller put the executables of one build."""

    dist: Path
    onedir: Path | None  # the folder
    onefile: Path | None  # the single file

    @property
    def onedir_exe(self) -> Path | None:
        """The executable inside the folder."""
        return None if self.onedir is None else self.onedir / (APP + exe_suffix())


def run_pyinstaller(mode: str, dist: Path, work: Path) -> Built:
    """Run PyInstaller on ``pos_app.spec`` in *mode* (``onedir``, ``onefile``, ``both``).

    Returns:
        The paths of what was built.
    """
    cmd = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(dist), "--workpath", str(work), str(SPEC), "--", "--mode", mode,
    ]  # fmt: skip
    print("$", " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=ROOT, check=True)
    onedir = dist / APP if mode in ("onedir", "both") else None
    onefile = dist / (ONEFILE_NAME + exe_suffix()) if mode in ("onefile", "both") else None
    return Built(dist=dist, onedir=onedir, onefile=onefile)


DESKTOP_ID = "kz.pos_app.PosApp"
LINUX_DIR = ROOT / "packaging" / "linux"
ICONS_DIR = ROOT / "packaging" / "icons"


def render_metainfo(version: str, date: str) -> str:
    """The AppStream metainfo with this release's version and date (``YYYY-MM-DD``) filled in."""
    text = (LINUX_DIR / f"{DESKTOP_ID}.metainfo.xml").read_text(encoding="utf-8")
    return text.replace("@VERSION@", version).replace("@DATE@", date)


def stage_linux_share(folder: Path, version: str, date: str | None = None) -> Path:
    """Put the freedesktop files under ``<folder>/share`` (the XDG layout, ready to copy).

    ``share/applications/<id>.desktop``, ``share/metainfo/<id>.metainfo.xml`` and
    ``share/icons/hicolor/<n>x<n>/apps/pos-app.png`` plus the scalable SVG.

    Returns:
        The ``share`` folder.
    """
    share = folder / "share"
    apps = share / "applications"
    apps.mkdir(parents=True, exist_ok=True)
    shutil.copy2(LINUX_DIR / f"{DESKTOP_ID}.desktop", apps)
    meta = share / "metainfo"
    meta.mkdir(parents=True, exist_ok=True)
    release_date = date or time.strftime("%Y-%m-%d")
    (meta / f"{DESKTOP_ID}.metainfo.xml").write_text(
        render_metainfo(version, release_date), encoding="utf-8"
    )
    icons = share / "icons" / "hicolor"
    shutil.copytree(ICONS_DIR / "hicolor", icons, dirs_exist_ok=True)
    scalable = icons / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ICONS_DIR / "pos-app.svg", scalable)
    return share


def smoke_env() -> dict[str, str]:
    """The environment for running the frozen app headless."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("POS_APP_API_KEY", None)  # a real key would take the app out of demo mode
    return env


def smoke_test(exe: Path) -> list[str]:
    """Run ``--version`` and ``--self-test`` (in a throw-away data folder).

    Returns:
        The lines the app printed.

    Raises:
        RuntimeError: if either fails.
    """
    version = app_version()
    out = subprocess.run(
        [str(exe), "--version"], capture_output=True, text=True,
        timeout=SMOKE_TIMEOUT_SECONDS, env=smoke_env(), check=False,
    )  # fmt: skip
    if out.returncode != 0 or out.stdout.strip() != f"{APP} {version}":
        raise RuntimeError(
            f"{exe.name} --version: rc={out.returncode} {out.stdout!r} {out.stderr[-2000:]!r}"
        )
    lines = [out.stdout.strip()]
    with tempfile.TemporaryDirectory(prefix="pos-app-smoke-") as data:
        test = subprocess.run(
            [str(exe), "--self-test", "--data-dir", data], capture_output=True, text=True,
            timeout=SMOKE_TIMEOUT_SECONDS, env=smoke_env(), check=False,
        )  # fmt: skip
    lines.append(test.stdout.strip())
    if test.returncode != 0:
        raise RuntimeError(
            f"{exe.name} --self-test: rc={test.returncode}\n{test.stdout}\n{test.stderr[-2000:]}"
        )
    return lines


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write_checksum(path: Path) -> Path:
    """Write ``<path>.sha256`` in the ``sha256sum`` format; returns its path."""
    target = path.with_name(path.name + ".sha256")
    target.write_text(f"{sha256_file(path)}  {path.name}\n", encoding="utf-8")
    return target


def _archive_suffix() -> str:
    # tar keeps the executable bit and symlinks Linux needs; Windows users expect a zip, and
    # macOS bundles are zipped with ditto so their framework symlinks survive.
    return ".tar.gz" if sys.platform.startswith("linux") else ".zip"


def make_archive(source: Path, target_stem: Path, arcname: str) -> Path:
    """Pack *source* (a file or folder) as ``<target_stem>.tar.gz`` or ``.zip``.

    Args:
        source: What to pack.
        target_stem: The archive path without its suffix.
        arcname: The top-level name inside the archive.

    Returns:
        The archive written.
    """
    target = target_stem.with_name(target_stem.name + _archive_suffix())
    target.unlink(missing_ok=True)
    if target.suffix == ".gz":
        with tarfile.open(target, "w:gz", compresslevel=6) as tar:
            tar.add(source, arcname=arcname)
    elif sys.platform == "darwin" and shutil.which("ditto"):
        subprocess.run(
            ["ditto", "-c", "-k", "--sequesterRsrc", "--keepParent", str(source), str(target)],
            check=True,
        )
    else:
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
            if source.is_file():
                zf.write(source, arcname)
            else:
                for path in sorted(source.rglob("*")):
                    zf.write(path, Path(arcname) / path.relative_to(source))
    return target


def package(built: Built) -> list[Path]:
    """Archive what was built and write the checksums; returns the archives."""
    stem = built.dist / f"{APP}-{app_version()}-{platform_tag()}"
    archives: list[Path] = []
    if built.onedir is not None:
        bundle = built.dist / f"{APP}.app"
        if sys.platform == "darwin" and bundle.exists():
            archives.append(make_archive(bundle, stem, bundle.name))
        else:
            archives.append(make_archive(built.onedir, stem, APP))
    if built.onefile is not None:
        archives.append(
            make_archive(built.onefile, stem.with_name(stem.name + "-onefile"), APP + exe_suffix())
        )
    for archive in archives:
        write_checksum(archive)
    sums = built.dist / "SHA256SUMS"
    sums.write_text("".join(f"{sha256_file(a)}  {a.name}\n" for a in archives), encoding="utf-8")
    return archives


def tree_size(path: Path) -> int:
    """Bytes in a file or under a folder (symlinks not followed)."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def mib(n: int) -> str:
    """``123.4 MiB``."""
    return f"{n / (1 << 20):.1f} MiB"


def main(argv: list[str] | None = None) -> int:
    """Command line: build, smoke-test, archive; prints a summary."""
    parser = argparse.ArgumentParser(description="Build the standalone pos-app.")
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--onefile", dest="mode", action="store_const", const="onefile")
    kind.add_argument("--onedir", dest="mode", action="store_const", const="onedir")
    kind.add_argument("--both", dest="mode", action="store_const", const="both")
    parser.add_argument("--skip-smoke", action="store_true", help="do not run the built app")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument(
        "--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller work folder"
    )
    args = parser.parse_args(argv)
    mode = args.mode or "both"

    started = time.perf_counter()
    built = run_pyinstaller(mode, args.dist, args.work)
    build_seconds = time.perf_counter() - started
    if built.onedir is not None and sys.platform.startswith("linux"):
        stage_linux_share(built.onedir, app_version())
    if not args.skip_smoke:
        for exe in (built.onedir_exe, built.onefile):
            if exe is not None:
                for line in smoke_test(exe):
                    print(f"smoke {exe.name}: {line}")
    archives = package(built)

    print(f"built {mode} in {build_seconds:.0f} s")
    if built.onedir is not None:
        print(f"one-folder {built.onedir}: {mib(tree_size(built.onedir))}")
    if built.onefile is not None:
        print(f"one-file   {built.onefile}: {mib(tree_size(built.onefile))}")
    for archive in archives:
        print(f"archive    {archive}: {mib(archive.stat().st_size)}  sha256 {sha256_file(archive)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
