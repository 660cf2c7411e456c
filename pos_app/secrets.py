"""The API key: kept in the OS keyring, never in a file. The only module that imports keyring.

Keys are stored per provider account: service ``pos-app``, user name ``<provider>:<account>``.
When no keyring is usable (a Linux box without a Secret Service answers every call with
``NoKeyringError``; all of keyring's own errors subclass ``KeyringError``) the key is kept in
memory for this session only and :attr:`SecretStore.session_only` turns true, so the window can
say so (``keyringBanner``). The key is never written in plain text anywhere as a fallback.

``POS_APP_API_KEY`` in the environment overrides the stored key (:func:`resolve_api_key`) and
is never stored: it is meant for kiosks provisioned from outside and for scripts.

Every key that passes through here is registered with :mod:`pos_app.logging_setup` so that no
log line can contain it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import keyring
import keyring.backend
import keyring.errors

from pos_app import logging_setup

__all__ = [
    "ENV_API_KEY",
    "SERVICE",
    "ApiKey",
    "KeyringBackend",
    "KeyringTrouble",
    "SecretStore",
    "resolve_api_key",
]

log = logging.getLogger(__name__)

SERVICE = "pos-app"
ENV_API_KEY = "POS_APP_API_KEY"

#: Re-exported so tests can subclass it without importing keyring themselves.
KeyringBackend = keyring.backend.KeyringBackend

# Errors a broken keyring can raise: keyring's own, plus what D-Bus / OS layers let through
# on some backends (a locked collection, a vanished daemon).
_KEYRING_FAILURES: tuple[type[BaseException], ...] = (
    keyring.errors.KeyringError,
    RuntimeError,
    OSError,
)

KeySource = Literal["environment", "keyring", "session"]
#: Why the keyring is not used: none works on this computer, it stays locked, or it refused.
KeyringTrouble = Literal["unavailable", "locked", "denied"]

# Human names of the backends keyring ships, for the settings dialog ("where is my key?").
_BACKEND_NAMES: dict[str, str] = {
    "keyring.backends.SecretService.Keyring": "Secret Service (GNOME Keyring / KWallet)",
    "keyring.backends.libsecret.Keyring": "Secret Service (libsecret)",
    "keyring.backends.kwallet.DBusKeyring": "KWallet",
    "keyring.backends.Windows.WinVaultKeyring": "Windows Credential Manager",
    "keyring.backends.macOS.Keyring": "macOS Keychain",
    "keyring.backends.chainer.ChainerBackend": "System keyring",
    "keyring.backends.fail.Keyring": "none",
}


def _trouble_of(exc: BaseException) -> KeyringTrouble:
    """Sort a keyring failure into what the cashier can be told."""
    if isinstance(exc, keyring.errors.NoKeyringError):
        return "unavailable"
    if isinstance(exc, keyring.errors.KeyringLocked):
        return "locked"
    if isinstance(exc, keyring.errors.InitError | RuntimeError | OSError):
        # A backend that cannot even start (no D-Bus, daemon gone) is as good as none.
        return "unavailable"
    # PasswordSetError and the like: the keyring is there but said no (a dismissed prompt,
    # an access policy).
    return "denied"


@dataclass(frozen=True)
class ApiKey:
    """An API key and where it came from. Its repr never shows the key.

    Attributes:
        value: The key itself (send it, never log it).
        source: ``environment`` (``POS_APP_API_KEY``), ``keyring`` or ``session`` (memory only).
    """

    value: str
    source: KeySource

    def __repr__(self) -> str:
        return f"ApiKey(source={self.source!r}, value=<redacted>)"

    __str__ = __repr__


class SecretStore:
    """Get, set and delete the API key of a provider account.

    Args:
        backend: The keyring backend to use; ``None`` takes keyring's choice for this machine
            (tests pass an in-memory one).
    """

    def __init__(self, backend: keyring.backend.KeyringBackend | None = None) -> None:
        self._backend = backend if backend is not None else keyring.get_keyring()
        self._session: dict[str, str] = {}
        self._session_only = False
        self._trouble: KeyringTrouble | None = None

    @property
    def backend_name(self) -> str:
        """The keyring backend in use, e.g. ``keyring.backends.SecretService.Keyring``.

        The packaging check reads this to prove the frozen app found a real keyring.
        """
        cls = type(self._backend)
        return f"{cls.__module__}.{cls.__qualname__}"

    @property
    def backend_description(self) -> str:
        """A name a person recognises (``Windows Credential Manager``, ``none`` …)."""
        return _BACKEND_NAMES.get(self.backend_name, type(self._backend).__name__)

    @property
    def trouble(self) -> KeyringTrouble | None:
        """Why keys are session-only (``unavailable``, ``locked``, ``denied``), else ``None``."""
        return self._trouble

    @property
    def session_only(self) -> bool:
        """True when the keyring failed and keys live in memory until the app quits."""
        return self._session_only

    @staticmethod
    def _user(provider: str, account: str) -> str:
        return f"{provider}:{account}"

    def _fail(self, action: str, exc: BaseException) -> None:
        if not self._session_only:
            # The exception text of some backends can echo arguments: log its type only.
            log.warning(
                "keyring unusable (%s during %s, backend %s): keys kept for this session only",
                type(exc).__name__,
                action,
                self.backend_name,
            )
            self._trouble = _trouble_of(exc)
        self._session_only = True

    def probe(self) -> bool:
        """Try the keyring once; returns True when it works (else switches to session-only)."""
        try:
            self._backend.get_password(SERVICE, "__probe__")
        except _KEYRING_FAILURES as exc:
            self._fail("probe", exc)
            return False
        return not self._session_only

    def get_api_key(self, provider: str, account: str) -> ApiKey | None:
        """The stored key of ``provider``/``account``, or ``None``."""
        user = self._user(provider, account)
        if user in self._session:
            return ApiKey(self._session[user], "session")
        if self._session_only:
            return None
        try:
            value = self._backend.get_password(SERVICE, user)
        except _KEYRING_FAILURES as exc:
            self._fail("get", exc)
            return None
        if not value:
            return None
        logging_setup.register_secret(value)
        return ApiKey(value, "keyring")

    def set_api_key(self, provider: str, account: str, value: str) -> ApiKey:
        """Store a key; falls back to memory (``session_only``) when the keyring fails.

        Returns:
            The stored key, with ``source`` telling where it went.

        Raises:
            ValueError: The key is empty.
        """
        value = value.strip()
        if not value:
            raise ValueError("empty API key")
        logging_setup.register_secret(value)
        user = self._user(provider, account)
        if not self._session_only:
            try:
                self._backend.set_password(SERVICE, user, value)
            except _KEYRING_FAILURES as exc:
                self._fail("set", exc)
            else:
                self._session.pop(user, None)
                log.info("API key for %s stored in %s", user, self.backend_name)
                return ApiKey(value, "keyring")
        self._session[user] = value
        return ApiKey(value, "session")

    def delete_api_key(self, provider: str, account: str) -> None:
        """Forget the key (from memory and from the keyring); no error when there is none."""
        user = self._user(provider, account)
        self._session.pop(user, None)
        if self._session_only:
            return
        try:
            self._backend.delete_password(SERVICE, user)
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored: already the wanted outcome
        except _KEYRING_FAILURES as exc:
            self._fail("delete", exc)


def resolve_api_key(
    store: SecretStore,
    provider: str,
    account: str,
    environ: Mapping[str, str] | None = None,
) -> ApiKey | None:
    """The key the app should use: ``POS_APP_API_KEY`` first, else the stored one.

    The environment key is registered for redaction and never written anywhere.
    """
    env = os.environ if environ is None else environ
    from_env = env.get(ENV_API_KEY, "").strip()
    if from_env:
        logging_setup.register_secret(from_env)
        return ApiKey(from_env, "environment")
    return store.get_api_key(provider, account)
