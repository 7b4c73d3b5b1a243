"""Run long work off the GUI thread: one wrapper for every plain-Python generator job.

A job is a generator function that yields progress (anything with ``done``/``total``/
``message``, or None) and returns its result. The runner drives it on Qt's thread pool;
progress, the result and any error arrive as signals on the GUI thread. Cancelling closes
the generator at its next yield, which runs its ``finally`` blocks (files are released).

Tests swap the pool for ``run_synchronously`` so they need no waiting.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger("viewer.ui.tasks")

Job = Callable[[], Generator[Any, None, Any]]


class TaskSignals(QObject):
    progress = Signal(object)  # whatever the job yielded
    finished = Signal(object)  # the job's return value
    failed = Signal(object)  # the exception
    cancelled = Signal()


def _emit(signal: Any, *values: Any) -> None:
    """Emit unless the receiver side is gone (the window closed while the job ran)."""
    try:
        signal.emit(*values)
    except RuntimeError:  # "Signal source has been deleted"
        log.debug("dropped a task signal after shutdown")


def _finished_job() -> Generator[Any, None, Any]:
    raise RuntimeError("this task has already run")
    yield  # a generator function, like every job


class Task(QRunnable):
    """One job; keep the object to cancel it. Signals are queued to the GUI thread."""

    def __init__(self, job: Job, name: str = "") -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.name = name
        self.signals = TaskSignals()
        self._job = job
        self._cancel = threading.Event()
        self.done = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            signal, values = self._drive()
        finally:
            # The job's closure holds what it worked on (a whole export and its contents):
            # let go of it before the end is announced, so that whoever hears it finds the
            # work released. The task object itself lives on: PySide's thread pool keeps a
            # reference to every runnable it started.
            self._job = _finished_job
            self.done.set()
        _emit(signal, *values)

    def _drive(self) -> tuple[Any, tuple[Any, ...]]:
        """Run the job to its end; the signal that announces it, and its values."""
        try:
            steps = self._job()
            while True:
                if self._cancel.is_set():
                    steps.close()
                    return self.signals.cancelled, ()
                step = next(steps)
                # Give the GIL away between steps: pure-Python jobs (importers, the check)
                # otherwise hold it for whole switch intervals while the GUI thread waits
                # to paint.
                time.sleep(0)
                if step is not None:
                    _emit(self.signals.progress, step)
        except StopIteration as finished:
            if self._cancel.is_set():
                return self.signals.cancelled, ()
            return self.signals.finished, (finished.value,)
        except Exception as error:  # delivered as a value; the GUI decides what to show
            log.debug("task %s failed", self.name, exc_info=True)
            return self.signals.failed, (error,)


class TaskRunner(QObject):
    """Starts tasks on a pool (or synchronously, for tests) and keeps them alive."""

    #: The last running task has ended (its job, and what it held, are let go).
    idle = Signal()

    def __init__(self, parent: QObject | None = None, *, synchronous: bool = False,
                 pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._pool = pool or QThreadPool.globalInstance()
        self._running: set[Task] = set()

    def start(self, job: Job, *, name: str = "",
              on_progress: Callable[[Any], None] | None = None,
              on_finished: Callable[[Any], None] | None = None,
              on_failed: Callable[[BaseException], None] | None = None,
              on_cancelled: Callable[[], None] | None = None) -> Task:
        task = Task(job, name)
        if on_progress:
            task.signals.progress.connect(on_progress)
        if on_finished:
            task.signals.finished.connect(on_finished)
        if on_failed:
            task.signals.failed.connect(on_failed)
        if on_cancelled:
            task.signals.cancelled.connect(on_cancelled)
        for signal in (task.signals.finished, task.signals.failed, task.signals.cancelled):
            signal.connect(lambda *_: self._ended(task))
        self._running.add(task)
        if self.synchronous:
            task.run()
        else:
            self._pool.start(task)
        return task

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def _ended(self, task: Task) -> None:
        if task in self._running:
            self._running.discard(task)
            if not self._running:
                self.idle.emit()

    def cancel_all(self) -> None:
        for task in list(self._running):
            task.cancel()

    def wait_all(self, timeout_s: float = 5.0) -> None:
        """Block until running tasks end (on quit: their files must close before ours)."""
        for task in list(self._running):
            task.done.wait(timeout_s)
