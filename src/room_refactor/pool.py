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


def _worker(connection: Connection, task: Task, parent: int) -> None:  # pragma: no cover - runs in a child
    _die_with_parent(parent)
    # Ctrl-C reaches the whole process group: the parent decides, and ends its workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from room_refactor.runner import _time_limit, _timed_out, process_source

    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            os._exit(0)
        if message is None:
            os._exit(0)
        for seq, item in message:
            result: FileResult | None = None
            with _time_limit(task.file_timeout) as expired:
                result = process_source(item.data, item.rel, task, new_file=item.new_file)
            if expired() or result is None:
                result = _timed_out(item.rel, task.file_timeout)
            try:
                connection.send((seq, result))
            except (BrokenPipeError, OSError):
                os._exit(0)


@dataclass
class _Slot:
    process: BaseProcess
    connection: Connection
    batch: deque[tuple[int, Item]] = field(default_factory=deque)
    since: float = 0.0  # when the file at the head of `batch` started


def _describe_death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"signal {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"signal {-exitcode}"
    return f"exit code {exitcode}"


def _lost(rel: str, message: str) -> FileResult:
    return FileResult(path=rel, status=Status.FAILED, error=FileError(rel, message, None))


def run_pool(items: Iterable[Item | FileResult], task: Task, *, jobs: int, batch_bytes: int) -> Iterator[FileResult]:
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    parent = os.getpid()
    slots: list[_Slot] = []

    def start() -> _Slot:
        here, there = context.Pipe(duplex=True)
        process: BaseProcess = context.Process(target=_worker, args=(there, task, parent), daemon=True)  # type: ignore[attr-defined]
        process.start()
        there.close()
        return _Slot(process, here)

    def stop(slot: _Slot, *, kill: bool) -> None:
        if kill and slot.process.is_alive():
            slot.process.kill()
        slot.process.join(timeout=None if kill else 5)
        if slot.process.is_alive():
            slot.process.kill()
            slot.process.join()
        slot.connection.close()

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
                    stop(idle, kill=True)
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
                stop(slot, kill=True)
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
        for slot in slots:
            try:
                slot.connection.send(None)
            except (BrokenPipeError, OSError):
                pass
        for slot in slots:
            stop(slot, kill=bool(slot.batch))
