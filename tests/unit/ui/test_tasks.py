"""One job of a kind at a time: start, progress, cancel, replace, result or error."""

from __future__ import annotations

import threading
import traceback
import weakref
from collections.abc import Callable, Generator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from viewer.ui.tasks import SingleJob, TaskRunner

GATE_TIMEOUT_S = 10


class Work:
    """Stands for what a job works on (an export): the job must let go of it."""


class Heard:
    """Everything a SingleJob said, in order."""

    def __init__(self, single: SingleJob) -> None:
        self.events: list[tuple[str, Any]] = []
        single.progress.connect(lambda step: self.events.append(("progress", step)))
        single.finished.connect(lambda result: self.events.append(("finished", result)))
        single.failed.connect(lambda error: self.events.append(("failed", error)))
        single.cancelled.connect(lambda: self.events.append(("cancelled", None)))
        single.idle.connect(lambda: self.events.append(("idle", None)))

    def names(self) -> list[str]:
        return [name for name, _ in self.events]


def returning(value: Any, *steps: Any) -> Callable[[], Generator[Any, None, Any]]:
    def job() -> Generator[Any, None, Any]:
        yield from steps
        return value
    return job


class Gate:
    """Holds a job inside its work until opened. A job sees a cancel only between steps:
    one that has ``reached`` the gate has passed that check and runs on to its next step."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self._open = threading.Event()

    def wait(self) -> None:
        self.reached.set()
        self._open.wait(GATE_TIMEOUT_S)

    def set(self) -> None:
        self._open.set()


def waiting_for(gate: Gate, value: Any = None) -> Callable[[], Generator[Any, None, Any]]:
    def job() -> Generator[Any, None, Any]:
        yield "waiting"
        gate.wait()
        yield None
        return value
    return job


def enter(qtbot: QtBot, single: SingleJob, job: Callable[[], Generator[Any, None, Any]],
          gate: Gate) -> None:
    """Start ``job``, hear its first step, and wait until it waits at ``gate``."""
    with qtbot.waitSignal(single.progress, timeout=5_000):
        single.start(job)
    qtbot.waitUntil(gate.reached.is_set, timeout=5_000)


@pytest.fixture
def runner(qtbot: QtBot) -> Generator[TaskRunner, None, None]:
    tasks = TaskRunner()
    yield tasks
    tasks.cancel_all()
    tasks.wait_all()


def test_a_job_reports_progress_then_its_result(qtbot: QtBot) -> None:
    single = SingleJob(TaskRunner(synchronous=True), "count")
    heard = Heard(single)
    single.start(returning(42, "one", None, "two"))
    assert heard.events == [("progress", "one"), ("progress", "two"), ("finished", 42),
                            ("idle", None)]
    assert not single.running and not single.busy


def test_progress_and_the_result_arrive_on_the_gui_thread(qtbot: QtBot,
                                                          runner: TaskRunner) -> None:
    single = SingleJob(runner, "count")
    threads: list[threading.Thread] = []
    single.progress.connect(lambda _: threads.append(threading.current_thread()))
    single.finished.connect(lambda _: threads.append(threading.current_thread()))
    with qtbot.waitSignal(single.finished, timeout=5_000) as blocker:
        single.start(returning("done", "step"))
        assert single.running
    assert blocker.args == ["done"]
    assert threads == [threading.main_thread()] * 2


def test_cancel_stops_the_job_and_says_so_once_it_has_stopped(qtbot: QtBot,
                                                              runner: TaskRunner) -> None:
    single = SingleJob(runner, "wait")
    heard = Heard(single)
    gate = Gate()
    enter(qtbot, single, waiting_for(gate, "too late"), gate)
    single.cancel()
    assert not single.running  # at once: nothing it says now is taken
    assert single.busy  # but it still holds its work until its next step
    assert "cancelled" not in heard.names()
    with qtbot.waitSignal(single.idle, timeout=5_000):
        gate.set()
    assert heard.names() == ["progress", "cancelled", "idle"]


def test_a_replaced_jobs_late_result_is_dropped(qtbot: QtBot, runner: TaskRunner) -> None:
    discarded: list[Any] = []
    single = SingleJob(runner, "open", discard=discarded.append)
    heard = Heard(single)
    single.start(returning("first"))
    # The first job has returned in its worker; its result waits in the event queue, to
    # arrive after the second job has replaced it.
    runner.wait_all()
    with qtbot.waitSignal(single.idle, timeout=5_000):
        single.start(returning("second"))
    assert heard.events == [("finished", "second"), ("idle", None)]
    assert discarded == ["first"]  # e.g. an export opened for nothing: closed


def test_a_replaced_job_neither_fails_nor_cancels_aloud(qtbot: QtBot,
                                                        runner: TaskRunner) -> None:
    single = SingleJob(runner, "check")
    heard = Heard(single)
    gate = Gate()

    def failing() -> Generator[Any, None, Any]:
        yield "inside"
        gate.wait()
        raise OSError("the export was closed under the job")

    enter(qtbot, single, failing, gate)
    single.cancel()
    single.start(waiting_for(gate, "second"))  # replaces the cancelled one, too
    with qtbot.waitSignal(single.idle, timeout=5_000):
        gate.set()
    assert heard.events == [("progress", "inside"), ("progress", "waiting"),
                            ("finished", "second"), ("idle", None)]


def test_an_error_is_delivered_as_a_value(qtbot: QtBot) -> None:
    single = SingleJob(TaskRunner(synchronous=True), "fail")
    heard = Heard(single)

    def broken() -> Generator[Any, None, Any]:
        yield None
        raise ValueError("bad data")

    single.start(broken)
    assert heard.names() == ["failed", "idle"]
    error = heard.events[0][1]
    assert isinstance(error, ValueError) and str(error) == "bad data"
    # Where it failed is still there for the log.
    assert "broken" in "".join(traceback.format_exception(error))


def test_idle_comes_once_the_worker_has_let_go_of_the_work(qtbot: QtBot,
                                                           runner: TaskRunner) -> None:
    """Even a failed job's error, kept by whoever heard it, holds nothing of the work."""
    single = SingleJob(runner, "hold")
    gate = Gate()
    alive_at_idle: list[bool] = []
    errors: list[BaseException] = []
    single.failed.connect(errors.append)

    def holding(work: Work) -> Callable[[], Generator[Any, None, Any]]:
        def job() -> Generator[Any, None, Any]:
            held = work
            yield None
            gate.wait()
            raise RuntimeError(f"failed with {type(held).__name__}")
        return job

    work = Work()
    released = weakref.ref(work)
    single.start(holding(work))
    del work
    single.idle.connect(lambda: alive_at_idle.append(released() is not None))
    with qtbot.waitSignal(single.idle, timeout=5_000):
        gate.set()
    assert alive_at_idle == [False]
    assert [str(error) for error in errors] == ["failed with Work"]


def test_idle_waits_for_a_replaced_job_to_end(qtbot: QtBot, runner: TaskRunner) -> None:
    single = SingleJob(runner, "wait")
    heard = Heard(single)
    gate = Gate()
    enter(qtbot, single, waiting_for(gate, "first"), gate)
    with qtbot.waitSignal(single.finished, timeout=5_000):
        single.start(returning("second"))
    assert single.busy and "idle" not in heard.names()  # the first still holds its work
    with qtbot.waitSignal(single.idle, timeout=5_000):
        gate.set()
    assert heard.events[1:] == [("finished", "second"), ("idle", None)]


def test_a_job_failing_after_its_cancel_ends_cancelled(qtbot: QtBot,
                                                       runner: TaskRunner) -> None:
    """Its error is the cancel's consequence (the export closed under it), not news."""
    gate = Gate()
    ends: list[str] = []

    def failing() -> Generator[Any, None, Any]:
        yield "inside"
        gate.wait()
        raise OSError("read from a closed file")

    task = runner.start(failing, on_failed=lambda error: ends.append(f"failed: {error}"),
                        on_cancelled=lambda: ends.append("cancelled"))
    qtbot.waitUntil(gate.reached.is_set, timeout=5_000)
    task.cancel()
    with qtbot.waitSignal(task.signals.cancelled, timeout=5_000):
        gate.set()
    assert ends == ["cancelled"]
