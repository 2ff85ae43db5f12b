"""Points 1 and 11 of issue 19: a worker that crashes or hangs costs only the file it was on, and
workers never outlive the run."""

from __future__ import annotations

import faulthandler
import os
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

import room_refactor.core.analysis  # noqa: F401 - imported before the workers fork: they start at once
from room_refactor import pool, runner
from room_refactor.config import Config
from room_refactor.model import Status
from room_refactor.runner import Item, Task

WRITE = b"def f(room):\n    room.room_status = 'X'\n"
TASK = Task(config=Config(), mode="audit")


def items(names: list[str]) -> list[Item]:
    return [Item(rel=f"app/{name}.py", data=WRITE) for name in names]


@pytest.fixture
def misbehaving(monkeypatch: pytest.MonkeyPatch) -> None:
    """`crash.py` kills its process, `slow.py` sleeps, `stuck.py` sleeps where no alarm reaches
    it (like native code). The workers are forked, so they see the patch."""
    original = runner.process_source

    def process(data: bytes, rel: str, task: Task, **kwargs: object) -> object:
        if rel == "app/crash.py":
            faulthandler.disable()  # the crash is the test's: no report of it on stderr
            os.kill(os.getpid(), signal.SIGSEGV)
        if rel == "app/slow.py":
            time.sleep(60)
        if rel == "app/stuck.py":
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(60)
        return original(data, rel, task, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "process_source", process)
    monkeypatch.setattr(pool, "GRACE_SECONDS", 0.5)


def statuses(results: list[runner.FileResult]) -> list[tuple[str, str]]:
    return [(r.path, r.status.value) for r in results]


@pytest.mark.usefixtures("misbehaving")
def test_a_crashed_worker_costs_only_its_file() -> None:
    names = ["a", "b", "crash", "c", "d", "crash", "e"]
    results = list(runner.run(items(names), TASK, jobs=2, batch_bytes=1))
    assert [r.path for r in results] == [f"app/{n}.py" for n in names]  # input order
    failed = [r for r in results if r.status is Status.FAILED]
    assert [r.path for r in failed] == ["app/crash.py", "app/crash.py"]
    assert failed[0].error is not None
    assert failed[0].error.message == (
        "crashed the worker processing it (signal SIGSEGV); left untouched, every other file is processed"
    )
    assert all(r.analysis is not None and len(r.analysis.sites) == 1 for r in results if r not in failed)


@pytest.mark.usefixtures("misbehaving")
def test_a_crash_in_the_middle_of_a_batch_keeps_the_rest_of_the_batch() -> None:
    names = ["a", "crash", "b", "c"]
    results = list(runner.run(items(names), TASK, jobs=2, batch_bytes=10**9))  # one batch
    assert statuses(results) == [("app/a.py", "unchanged"), ("app/crash.py", "failed"),
                                 ("app/b.py", "unchanged"), ("app/c.py", "unchanged")]


@pytest.mark.usefixtures("misbehaving")
@pytest.mark.parametrize("name", ["slow", "stuck"])
def test_a_file_past_the_time_limit_is_failed_and_the_run_goes_on(name: str) -> None:
    task = replace(TASK, file_timeout=1.0)
    started = time.monotonic()
    results = list(runner.run(items(["a", name, "b"]), task, jobs=2, batch_bytes=1))
    assert time.monotonic() - started < 20
    assert statuses(results) == [("app/a.py", "unchanged"), (f"app/{name}.py", "failed"), ("app/b.py", "unchanged")]
    assert results[1].error is not None
    assert results[1].error.message == "took longer than 1 s (the per-file time limit); left untouched"


@pytest.mark.usefixtures("misbehaving")
def test_the_time_limit_holds_in_process_too() -> None:
    task = replace(TASK, file_timeout=1.0)
    results = list(runner.run(items(["a", "slow", "b"]), task, jobs=1))
    assert statuses(results) == [("app/a.py", "unchanged"), ("app/slow.py", "failed"), ("app/b.py", "unchanged")]
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL  # the alarm is put back


def test_an_alarm_after_its_file_is_done_interrupts_nothing() -> None:
    runner._on_alarm(signal.SIGALRM, None)  # no file is being timed: returns
    with runner._time_limit(60.0) as expired:
        with pytest.raises(runner._Expired):
            runner._on_alarm(signal.SIGALRM, None)
        assert expired()
    assert not runner._TIMING
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL


def test_the_time_limit_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROOM_REFACTOR_FILE_TIMEOUT", "7.5")
    assert Task(config=Config()).file_timeout == 7.5
    monkeypatch.setenv("ROOM_REFACTOR_FILE_TIMEOUT", "0")
    assert Task(config=Config()).file_timeout == 0.0
    monkeypatch.delenv("ROOM_REFACTOR_FILE_TIMEOUT")
    assert Task(config=Config()).file_timeout == 300.0


ORPHANS = textwrap.dedent(
    """
    import os, sys, time
    from room_refactor import runner
    from room_refactor.config import Config

    def process(data, rel, task, **kwargs):
        os.write(1, b"%d\\n" % os.getpid())
        time.sleep(120)

    runner.process_source = process
    items = [runner.Item(rel=f"app/{n}.py", data=b"x") for n in range(8)]
    for result in runner.run(items, runner.Task(config=Config()), jobs=2, batch_bytes=1):
        pass
    """
)


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[-1][0] not in "ZX"
    except FileNotFoundError:
        return False


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_their_parent(how: signal.Signals) -> None:
    parent = subprocess.Popen([sys.executable, "-c", ORPHANS], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    workers = [int(parent.stdout.readline()) for _ in range(2)]
    assert all(alive(pid) for pid in workers)
    parent.send_signal(how)
    parent.wait(timeout=10)
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in workers)


@pytest.mark.usefixtures("misbehaving")
def test_workers_started_before_the_task_give_the_same_results() -> None:
    names = ["a", "b", "crash", "c", "d", "e"]
    expected = statuses(list(runner.run(items(names), TASK, jobs=2, batch_bytes=1)))
    started = pool.prestart(2)
    assert len(started) == 2 and all(slot.waiting for slot in started)
    results = list(runner.run(items(names), TASK, jobs=2, batch_bytes=1, started=started))
    assert statuses(results) == expected
    assert ("app/crash.py", "failed") in expected and ("app/e.py", "unchanged") in expected
    assert all(not slot.process.is_alive() for slot in started)


def test_workers_started_for_nothing_are_ended_without_waiting() -> None:
    started = pool.prestart(2)
    begun = time.monotonic()
    settled = [runner.FileResult(path="app/x.py", status=Status.UNCHANGED)]
    assert [r.path for r in runner.run(settled, TASK, jobs=2, started=started)] == ["app/x.py"]
    assert time.monotonic() - begun < 2
    assert all(not slot.process.is_alive() for slot in started)
    assert all(slot.process.exitcode is not None for slot in started)


def test_the_last_files_go_to_every_free_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once every file is read, what waits is handed out file by file: all of it in one batch
    (as here) would keep the second worker idle, and at the end of a run one worker would
    finish a whole batch alone."""
    original = runner.process_source

    def process(data: bytes, rel: str, task: Task, **kwargs: object) -> object:
        return replace(original(data, rel, task, **kwargs), module=f"pid {os.getpid()}")  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "process_source", process)
    names = ["a", "b", "c", "d", "e", "f"]
    results = list(runner.run(items(names), TASK, jobs=2, batch_bytes=10**9))
    assert [r.path for r in results] == [f"app/{n}.py" for n in names]
    assert len({r.module for r in results}) == 2
    assert os.getpid() not in {int(r.module.split()[1]) for r in results}
