"""The worker processes: files in, results out in input order, and one file never stops the rest.

A worker reports each file's result as soon as it has it, so the parent always knows which file
a worker is on and since when. When a worker dies (a crash in libcst's native parser, the
out-of-memory killer) or spends longer than the per-file time limit on one file (native code
that no signal interrupts), that one file is reported as failed, the worker is replaced, and the
rest of its batch goes to the next free worker. Workers die with the parent (Linux's
`PR_SET_PDEATHSIG`, and a check of the parent's id): a killed run leaves no process behind.
"""

from __future__ import annotations

import os
import signal
import time
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from room_refactor.model import FileError, FileResult, Status

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from room_refactor.runner import Item, Task

#: A worker that has not answered this long after the file's time limit is killed.
GRACE_SECONDS = 5.0


def _die_with_parent(parent: int) -> None:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
    if os.getppid() != parent:  # the parent died before the call above
        os._exit(1)


def _worker(connection: Connection, task: Task | None, parent: int) -> None:  # pragma: no cover - runs in a child
    _die_with_parent(parent)
    # Ctrl-C reaches the whole process group: the parent decides, and ends its workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from room_refactor.runner import _time_limit, _timed_out, install_alarm, process_source

    install_alarm()

    if task is None:
        # Started early (`prestart`): the imports every file needs while the parent builds the
        # model index, then the task.
        _warm_up()
        task = _receive(connection)

    while True:
        for seq, item in _receive(connection):
            result: FileResult | None = None
            with _time_limit(task.file_timeout) as expired:
                result = process_source(item.data, item.rel, task, new_file=item.new_file)
            if expired() or result is None:
                result = _timed_out(item.rel, task.file_timeout)
            try:
                connection.send((seq, result))
            except (BrokenPipeError, OSError):
                os._exit(0)


def _receive(connection: Connection) -> Any:  # pragma: no cover - runs in a child
    """The parent's next message; the worker ends at None or when the parent is gone."""
    try:
        message = connection.recv()
    except (EOFError, OSError):
        os._exit(0)
    if message is None:
        os._exit(0)
    return message


def _warm_up() -> None:  # pragma: no cover - runs in a child
    import libcst  # noqa: F401

    import room_refactor.core.analysis  # noqa: F401
    import room_refactor.core.rewrite  # noqa: F401
    import room_refactor.core.splice  # noqa: F401
    import room_refactor.reports.diff  # noqa: F401
    from room_refactor.core.parse import prepare

    prepare()  # the plain __init__s of the parse


@dataclass
class Slot:
    process: BaseProcess
    connection: Connection
    batch: deque[tuple[int, Item]] = field(default_factory=deque)
    since: float = 0.0  # when the file at the head of `batch` started
    waiting: bool = False  # started by `prestart`: the task is still to be sent


def _context() -> Any:
    import multiprocessing

    return multiprocessing.get_context("fork" if os.name == "posix" else "spawn")


def _start(task: Task | None) -> Slot:
    here, there = _context().Pipe(duplex=True)
    process: BaseProcess = _context().Process(target=_worker, args=(there, task, os.getpid()), daemon=True)
    process.start()
    there.close()
    return Slot(process, here, waiting=task is None)


def prestart(jobs: int) -> list[Slot]:
    """`jobs` workers started now, before the task is known: each imports what every file needs
    (libcst, about a quarter of a second) while the parent goes on; `run_pool` sends them the
    task. Only with the fork start method, where a worker starts at once."""
    if os.name != "posix" or jobs <= 1:
        return []
    return [_start(None) for _ in range(jobs)]


def _stop(slot: Slot, *, kill: bool) -> None:
    if kill and slot.process.is_alive():
        slot.process.kill()
    slot.process.join(timeout=None if kill else 5)
    if slot.process.is_alive():
        slot.process.kill()
        slot.process.join()
    slot.connection.close()


def close_unused(slots: list[Slot]) -> None:
    """Workers from `prestart` that the run did not need: they hold nothing, so they are killed
    rather than waited for (one may still be importing)."""
    for slot in slots:
        _stop(slot, kill=True)


def _describe_death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"signal {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"signal {-exitcode}"
    return f"exit code {exitcode}"


def _lost(rel: str, message: str) -> FileResult:
    return FileResult(path=rel, status=Status.FAILED, error=FileError(rel, message, None))


def run_pool(
    items: Iterable[Item | FileResult], task: Task, *, jobs: int, batch_bytes: int, started: list[Slot] | None = None
) -> Iterator[FileResult]:
    """Results in input order; `started`, workers from `prestart`, are used before any new one."""
    from multiprocessing.connection import wait

    slots: list[Slot] = []
    spare: list[Slot] = list(started or ())

    def start() -> Slot:
        while spare:
            slot = spare.pop(0)
            try:
                slot.connection.send(task)
                slot.waiting = False
                return slot
            except (BrokenPipeError, OSError):
                _stop(slot, kill=True)
        return _start(task)

    done: dict[int, FileResult] = {}
    queued: deque[list[tuple[int, Item]]] = deque()
    source = iter(items)
    exhausted = False
    next_seq = 0  # the next input's number
    head = 0  # the next result to give out
    batch: list[tuple[int, Item]] = []
    size = 0
    limit = task.file_timeout

    def busy() -> int:
        return sum(1 for slot in slots if slot.batch)

    try:
        while True:
            # Read ahead a few batches per worker, no more: memory stays flat.
            while not exhausted and len(queued) + busy() < jobs * 3:
                try:
                    item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                if isinstance(item, FileResult):
                    done[next_seq] = item
                else:
                    batch.append((next_seq, item))
                    size += len(item.data) + 2048
                    if size >= batch_bytes:
                        queued.append(batch)
                        batch, size = [], 0
                next_seq += 1
            if batch and (exhausted or len(queued) < jobs):
                queued.append(batch)
                batch, size = [], 0
            if exhausted and any(len(waiting) > 1 for waiting in queued):
                # The last files go out one by one, to whichever worker is free first: a whole
                # batch handed to one worker at the end would keep the others idle meanwhile.
                queued = deque([entry] for waiting in queued for entry in waiting)
            while head in done:
                yield done.pop(head)
                head += 1
            # Hand out work.
            while queued and (any(not slot.batch for slot in slots) or len(slots) < jobs):
                idle = next((slot for slot in slots if not slot.batch), None)
                if idle is None:
                    idle = start()
                    slots.append(idle)
                work = queued.popleft()
                try:
                    idle.connection.send(work)
                except (BrokenPipeError, OSError):
                    queued.appendleft(work)
                    slots.remove(idle)
                    _stop(idle, kill=True)
                    continue
                idle.batch.extend(work)
                idle.since = time.monotonic()
            if exhausted and not queued and not batch and not any(slot.batch for slot in slots):
                while head in done:
                    yield done.pop(head)
                    head += 1
                return
            working = [slot for slot in slots if slot.batch]
            timeout = None
            if limit > 0 and working:
                now = time.monotonic()
                timeout = max(0.0, min(slot.since + limit + GRACE_SECONDS - now for slot in working))
            waitables: list[Any] = [slot.connection for slot in working] + [slot.process.sentinel for slot in working]
            ready = set(wait(waitables, timeout=timeout))
            for slot in working:
                dead = False
                if slot.connection in ready:
                    try:
                        while slot.connection.poll():
                            seq, result = slot.connection.recv()
                            done[seq] = result
                            if slot.batch and slot.batch[0][0] == seq:
                                slot.batch.popleft()
                            slot.since = time.monotonic()
                    except (EOFError, OSError):
                        dead = True
                if not dead and slot.process.sentinel in ready and slot.batch:
                    # The process ended; results it sent before dying were read above.
                    dead = not slot.connection.poll()
                stuck = limit > 0 and bool(slot.batch) and time.monotonic() - slot.since > limit + GRACE_SECONDS
                if not (dead or stuck) or not slot.batch:
                    continue
                seq, item = slot.batch.popleft()
                rest = list(slot.batch)
                slot.batch.clear()
                _stop(slot, kill=True)
                slots.remove(slot)
                if stuck and not dead:
                    from room_refactor.runner import _timed_out

                    done[seq] = _timed_out(item.rel, limit)
                else:
                    done[seq] = _lost(item.rel, f"crashed the worker processing it ({_describe_death(slot.process.exitcode)}); "
                                                "left untouched, every other file is processed")
                if rest:
                    queued.appendleft(rest)
    finally:
        close_unused(spare)
        for slot in slots:
            try:
                slot.connection.send(None)
            except (BrokenPipeError, OSError):
                pass
        for slot in slots:
            _stop(slot, kill=bool(slot.batch))
