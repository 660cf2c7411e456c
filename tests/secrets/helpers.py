"""Keyring backends that fail the way real machines do."""

from __future__ import annotations

import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import fail


def no_keyring() -> KeyringBackend:
    """keyring's own ``fail.Keyring``: what a Linux box without a Secret Service gets."""
    return fail.Keyring()  # type: ignore[no-untyped-call]


class LockedKeyring(KeyringBackend):
    """A keyring whose collection stays locked (the unlock prompt was dismissed)."""

    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")


class DenyingKeyring(KeyringBackend):
    """A keyring that reads but refuses to store (an access policy said no)."""

    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("access denied")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.PasswordDeleteError("access denied")
