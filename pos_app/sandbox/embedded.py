"""Run the sandbox inside another process: uvicorn on its own thread and event loop.

The app's demo mode and the tests use this; the server listens on ``127.0.0.1`` on a free port
(or the one asked for) and is ready when :meth:`EmbeddedSandbox.start` returns.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from types import TracebackType

import uvicorn

from pos_app.sandbox.config import SandboxConfig
from pos_app.sandbox.engine import SandboxEngine
from pos_app.sandbox.server import API_PREFIX, create_app

log = logging.getLogger(__name__)

START_TIMEOUT_SECONDS = 10.0


class EmbeddedSandbox:
    """A sandbox server on a background thread.

    Example:
        with EmbeddedSandbox(SandboxConfig(data_dir=tmp)) as sb:
            httpx.get(sb.base_url + "/status")
    """

    def __init__(self, config: SandboxConfig, host: str = "127.0.0.1", port: int = 0) -> None:
        self.config = config
        self.host = host
        self.port = port
        self.app, self.engine = create_app(config)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None

    @property
    def api_key(self) -> str:
        """The key clients must send in ``X-API-Key``."""
        return self.config.api_key

    @property
    def root_url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """The API base, ``http://127.0.0.1:PORT/api/v1``."""
        return self.root_url + API_PREFIX

    def start(self) -> None:
        """Bind, start serving and wait until the server accepts requests."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        self.port = sock.getsockname()[1]
        self._socket = sock
        self.engine.root_url = self.root_url
        config = uvicorn.Config(
            self.app,
            log_level="warning",
            access_log=False,
            lifespan="on",
            timeout_graceful_shutdown=2,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [sock]},
            name=f"sandbox-{self.port}",
            daemon=True,
        )
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the sandbox server did not start")
            time.sleep(0.005)
        log.info("sandbox listening on %s", self.root_url)

    def stop(self) -> None:
        """Stop serving and close the state file."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._socket is not None:
            self._socket.close()
        self.engine.store.close()
        self._server = self._thread = self._socket = None

    def __enter__(self) -> EmbeddedSandbox:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


__all__ = ["EmbeddedSandbox", "SandboxConfig", "SandboxEngine"]
