"""Where the app reads and writes files.

Everything the app *writes* lives under one data folder (settings, journal, cache, logs, the demo
sandbox's state), so two registers on one machine, or two tests, never collide: give each its
own ``--data-dir``. Without one the folder comes from platformdirs (``~/.local/share/pos-app``
on Linux, ``%LOCALAPPDATA%\\pos-app\\pos-app`` on Windows).

What the app only *reads* (style sheets, icons, translations) is found through
:func:`resource_path`, which works the same from a checkout and from a PyInstaller bundle.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from pos_app import APP_NAME, ORG_NAME

__all__ = ["DataPaths", "default_data_dir", "resource_path", "resources_root"]


def default_data_dir() -> Path:
    """The per-user data folder when ``--data-dir`` is not given."""
    return Path(user_data_dir(APP_NAME, ORG_NAME))


@dataclass(frozen=True)
class DataPaths:
    """The files and folders inside one data folder.

    Attributes:
        root: The data folder itself.
    """

    root: Path

    @property
    def settings_file(self) -> Path:
        """The INI file QSettings writes (no secret ever goes there)."""
        return self.root / "settings.ini"

    @property
    def logs_dir(self) -> Path:
        """Rotating log files."""
        return self.root / "logs"

    @property
    def cache_dir(self) -> Path:
        """Throw-away files (catalog images, QR images)."""
        return self.root / "cache"

    @property
    def journal_dir(self) -> Path:
        """The sales journal (SQLite) and its backups."""
        return self.root / "journal"

    @property
    def sandbox_dir(self) -> Path:
        """State of the embedded demo sandbox."""
        return self.root / "sandbox"

    def ensure(self) -> DataPaths:
        """Create the folders (idempotent) and return ``self``."""
        for folder in (self.root, self.logs_dir, self.cache_dir, self.journal_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def resources_root() -> Path:
    """The ``resources/`` folder: next to the package in a checkout, in ``_MEIPASS`` when frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        # PyInstaller unpacks (onefile) or places (onedir) the data files under _MEIPASS; the
        # spec file copies ``resources/`` there under the same name.
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``, e.g. ``resource_path("icons", "cart.svg")``.

    Args:
        parts: Path components below ``resources/``.

    Returns:
        The path (it is not checked for existence: translations, for one, are optional).
    """
    return resources_root().joinpath(*parts)
