"""Running background coroutines: kept referenced, logged when they fail, cancelled on exit.

asyncio keeps only a weak reference to a task, and qasync 0.28's ``@asyncSlot`` does not keep
one either, so a fire-and-forget task can be garbage-collected mid-flight. Every coroutine the
UI starts goes through :meth:`TaskRegistry.spawn` instead, which holds the task until it ends,
logs an exception nobody awaited, and lets shutdown cancel and await whatever still runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine
from typing import Any, TypeVar

__all__ = ["TaskRegistry"]

log = logging.getLogger(__name__)

T = TypeVar("T")


class TaskRegistry:
    """The set of tasks the app started and has not seen finish."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._closed = False

    def spawn(self, coro: Coroutine[Any, Any, T], *, name: str | None = None) -> asyncio.Task[T]:
        """Start ``coro`` on the running loop and keep it referenced until it ends.

        Raises:
            RuntimeError: After :meth:`cancel_all` began (shutdown): nothing new may start.
        """
        if self._closed:
            coro.close()  # avoid "coroutine was never awaited"
            raise RuntimeError("the app is shutting down; no new tasks")
        task = asyncio.get_event_loop().create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            log.error("task %s failed", task.get_name(), exc_info=exc)

    @property
    def running(self) -> list[asyncio.Task[Any]]:
        """Tasks that have not finished yet."""
        return [t for t in self._tasks if not t.done()]

    async def cancel_all(self) -> None:
        """Refuse new tasks, cancel the running ones and wait until each has ended."""
        self._closed = True
        pending = self.running
        for task in pending:
            task.cancel()
        if pending:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.gather(*pending, return_exceptions=True)
        log.info("cancelled %d running task(s)", len(pending))
