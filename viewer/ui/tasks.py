"""Run long work off the GUI thread: one wrapper for every plain-Python generator job.

A job is a generator function that yields progress (anything with ``done``/``total``/
``message``, or None) and returns its result. The runner drives it on Qt's thread pool;
progress, the result and any error arrive as signals on the GUI thread. Cancelling closes
the generator at its next yield, which runs its ``finally`` blocks (files are released).

Tests swap the pool for ``run_synchronously`` so they need no waiting.

``SingleJob`` is the lifecycle of a kind of job the window runs one at a time (the
opening, the check, the report, a recording's decoding): a new start replaces the running
job, and whatever a replaced job still delivers is dropped.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
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


def _drop_frames(error: BaseException) -> None:
    """Keep where ``error`` happened as text and let go of its frames.

    A traceback holds the job's frames, and through them its locals and closure (an export
    and its contents): whoever keeps the error (a log record) would keep those alive.
    """
    seen: set[int] = set()
    link: BaseException | None = error
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        if link.__traceback__ is not None:
            where = "".join(traceback.format_tb(link.__traceback__)).rstrip()
            link.add_note(f"Where the job failed:\n{where}")
            link.__traceback__ = None
        link = link.__cause__ or link.__context__


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
            if signal is self.signals.failed:
                _drop_frames(values[0])
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
            if self._cancel.is_set():
                # Failing after the cancel is its consequence (the export it read was
                # closed under it), not news: a cancelled job ends cancelled.
                log.debug("cancelled task %s failed", self.name, exc_info=True)
                return self.signals.cancelled, ()
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


class SingleJob(QObject):
    """One job of a kind at a time (the opening, the check, a recording's decoding).

    ``start`` replaces the running job: the old one is cancelled, and what it still
    delivers afterwards (a late result, an error) is dropped, so only the latest job
    speaks. A result nobody takes any more goes to ``discard`` (the opening closes the
    export it opened). Everything arrives on the GUI thread.
    """

    progress = Signal(object)  # whatever the job yielded
    finished = Signal(object)  # the job's return value
    failed = Signal(object)  # the exception
    #: ``cancel()`` was asked and the job has stopped (a replaced job says nothing).
    cancelled = Signal()
    #: No job of this kind runs any more, replaced and cancelled ones included: each has
    #: let go of what it worked on.
    idle = Signal()

    def __init__(self, runner: TaskRunner, name: str, parent: QObject | None = None, *,
                 discard: Callable[[Any], None] | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.name = name
        self._discard = discard
        # Jobs are told apart by a number given before they start: a synchronous runner
        # delivers everything before ``runner.start`` has returned their Task.
        self._started = 0
        self._current: int | None = None  # the job whose signals are passed on
        self._task: Task | None = None  # its Task, to cancel it
        self._stopping: int | None = None  # cancelled, announced once it has stopped
        self._live: set[int] = set()  # started and not ended, current or not

    @property
    def running(self) -> bool:
        """A job runs that has been neither cancelled nor replaced."""
        return self._current is not None

    @property
    def busy(self) -> bool:
        """Some job of this kind still holds its work (a cancelled one until it stops)."""
        return bool(self._live)

    def start(self, job: Job, *, name: str = "") -> None:
        """Run ``job`` (``name`` for the log, else the kind's), replacing the running one."""
        self._forget_current()
        self._stopping = None  # replaced, not cancelled: its end is nobody's news
        self._started += 1
        number = self._started
        self._current = number
        self._live.add(number)
        task = self._runner.start(
            job, name=name or self.name,
            on_progress=lambda step: self._progress(number, step),
            on_finished=lambda result: self._ended(number, self.finished, result),
            on_failed=lambda error: self._ended(number, self.failed, error),
            on_cancelled=lambda: self._ended(number, self.cancelled))
        if self._current == number:  # not over already (a synchronous runner)
            self._task = task

    def cancel(self) -> None:
        """Stop the running job; ``cancelled`` follows once it has stopped."""
        if self._current is not None:
            self._stopping = self._current
        self._forget_current()

    def _forget_current(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self._task = None
        self._current = None

    def _progress(self, number: int, step: Any) -> None:
        if number == self._current:
            self.progress.emit(step)

    def _ended(self, number: int, signal: Any, *values: Any) -> None:
        self._live.discard(number)
        if number == self._current:
            self._current = self._task = None
            signal.emit(*values)
        else:
            if signal is self.finished and self._discard is not None:
                self._discard(values[0])  # done before it saw the cancel: nobody wants it
            elif signal is self.failed:
                log.debug("a replaced %s job failed", self.name, exc_info=values[0])
            if number == self._stopping:
                self._stopping = None
                self.cancelled.emit()
        if not self._live:
            self.idle.emit()
