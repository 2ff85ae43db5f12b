"""Time room-refactor against grep, ripgrep, ast-grep, libcst's own runner and Bowler, on the same
trees in the same run, and check the performance targets.

    python bench/run.py [--quick] [--repeat N] [--json OUT] [--cache DIR] [--groups G,...]

Prints a table of minimum and median wall times, peak memory and ratios against the matching
room-refactor run, then the targets with pass/fail, and writes the same as JSON (default
``bench/results/latest.json``). ``--quick`` uses small corpora and one repeat: a smoke test that
finishes in well under a minute; its verdicts are not meaningful.

Wall time is ``time.perf_counter`` around each child process (start-up included). Peak memory is
the largest sum of RSS over the child's whole process tree, sampled from /proc every 10 ms
(0 for runs too short to sample; fork-shared pages count once per process, as RSS does).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

PY = sys.executable
BIN = Path(PY).parent
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
DEFAULT_FIELDS = ("is_occupied", "room_status")


# -- running one command ------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{tid}/children") as handle:
                    out.extend(int(c) for c in handle.read().split())
            except OSError:
                pass
    except OSError:
        pass
    return out


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _cmdline(pid: int) -> bytes | None:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read()
    except OSError:
        return None


class TreeSampler(threading.Thread):
    """Peak of the summed RSS of a process and all its descendants.

    Until the child has called exec it is a copy of this (large) Python process, so a process
    whose command line is still ours is not counted."""

    OURS = _cmdline(os.getpid())

    def __init__(self, pid: int, interval: float = 0.01) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            pids, todo = [], [self.pid]
            while todo:
                pid = todo.pop()
                pids.append(pid)
                todo.extend(_children(pid))
            total = sum(_rss(pid) for pid in pids if _cmdline(pid) != self.OURS)
            self.peak = max(self.peak, total)
            self.stop.wait(self.interval)


TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def busy_seconds() -> float:
    """CPU time spent by the whole machine so far (all cores), from /proc/stat."""
    try:
        with open("/proc/stat") as handle:
            parts = handle.readline().split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in parts[:8])
    return (user + nice + system + irq + softirq + steal) / TICK


def wait_quiet(limit: float = 20.0, threshold: float = 0.25) -> float:
    """Wait until other processes use less than `threshold` of a core; returns seconds waited."""
    waited = 0.0
    while waited < limit:
        before = busy_seconds()
        time.sleep(0.5)
        if (busy_seconds() - before) / 0.5 < threshold:
            return waited
        waited += 0.5
    return waited


@dataclass
class Sample:
    seconds: float
    rss: int  # bytes
    rc: int
    cpu: float = 0.0  # CPU seconds of the child's process tree
    other_cpu: float = 0.0  # CPU seconds used by everything else on the machine meanwhile


def run_once(argv: list[str], cwd: Path, out: Path, err: Path, env: dict[str, str]) -> Sample:
    with out.open("wb") as stdout, err.open("wb") as stderr:
        busy = busy_seconds()
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL, env=env)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        busy = busy_seconds() - busy
        sampler.stop.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is no use here: it keeps the high-water mark of the pre-exec copy of this process.
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(seconds, sampler.peak, proc.returncode, cpu, max(0.0, busy - cpu))


# -- what is timed ------------------------------------------------------------------------------


@dataclass
class Bench:
    key: str
    tool: str
    corpus: str
    argv: list[str]
    ref: str | None = None  # key of the room-refactor run this one is compared with
    weight: str = "normal"  # "light" (more repeats), "normal", "heavy" (at most 2 repeats)
    summarize: Callable[[str, str, int], str] = lambda out, err, rc: ""
    samples: list[Sample] = field(default_factory=list)
    summary: str = ""
    note: str = ""

    @property
    def times(self) -> list[float]:
        return [s.seconds for s in self.samples]

    @property
    def min(self) -> float:
        return min(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def rss(self) -> int:
        return max(s.rss for s in self.samples)

    @property
    def cpu(self) -> float:
        return min(s.cpu for s in self.samples)

    @property
    def noisy(self) -> int:
        """Samples during which other processes used more than 15% of a core on average."""
        return sum(1 for s in self.samples if s.other_cpu > 0.15 * s.seconds + 0.02)


def _lines(out: str, err: str, rc: int) -> str:
    return f"{len(out.splitlines())} files"


def _json_lines(out: str, err: str, rc: int) -> str:
    return f"{len(out.splitlines())} matches"


def _last_line(out: str, err: str, rc: int) -> str:
    lines = [line for line in (out.strip().splitlines() or [""])]
    return lines[-1][:60]


def _audit(out: str, err: str, rc: int) -> str:
    try:
        summary = json.loads(out)["summary"]
    except (ValueError, KeyError):
        return f"rc={rc} unreadable output: {err.strip()[-80:]}"
    return f"{summary['files_scanned']} files, {summary['sites']} sites, {summary['errors']} errors"


def _migrate(out: str, err: str, rc: int) -> str:
    files = out.count("\n+++ ") + out.startswith("+++ ")
    tail = err.strip().splitlines()[-1] if err.strip() else ""
    failed = re.search(r"(\d+) failed", tail)
    return f"{files} files diffed, {failed.group(1) if failed else '?'} failed"


def _codemod(out: str, err: str, rc: int) -> str:
    done = re.search(r"Transformed (\d+) files", err)
    failed = re.search(r"Failed to codemod (\d+) files", err)
    files = out.count("\n+++ ") + out.startswith("+++ ")
    return f"{done.group(1) if done else '?'} files ok, {failed.group(1) if failed else '?'} failed, {files} diffed"


def _ast_grep_rule(fields: tuple[str, str]) -> str:
    patterns = []
    for name in fields:
        patterns.append(f"$A.{name} = $B")
        patterns.append(f'setattr($A, "{name}", $B)')
        patterns.append(f"setattr($A, '{name}', $B)")
    body = "\n".join(f"    - pattern: {json.dumps(p)}" for p in patterns)
    return f"id: state-write\nlanguage: python\nseverity: info\nrule:\n  any:\n{body}\n"


def tools() -> dict[str, list[str] | None]:
    def which(name: str) -> str | None:
        found = shutil.which(name, path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
        return found

    rr = which("room-refactor")
    try:
        import bowler  # noqa: F401

        has_bowler = True
    except ImportError:
        has_bowler = False
    return {
        "grep": [which("grep")] if which("grep") else None,
        "rg": [which("rg")] if which("rg") else None,
        "ast-grep": [which("ast-grep")] if which("ast-grep") else None,
        "room-refactor": [rr] if rr else [PY, "-m", "room_refactor"],
        "bowler": [PY, str(HERE / "_bowler_query.py")] if has_bowler else None,
    }


def search_benches(group: str, corpus_name: str, fields: tuple[str, str], ref: str, t: dict) -> list[Bench]:
    out = []
    if t["grep"]:
        argv = t["grep"] + ["-rl", "--include=*.py"] + [a for f in fields for a in ("-e", f)] + ["."]
        out.append(Bench(f"{group}:grep", "grep -rl", corpus_name, argv, ref, "light", _lines))
    if t["rg"]:
        argv = t["rg"] + ["-l", "--no-ignore", "--hidden", "-t", "py"] + [a for f in fields for a in ("-e", f)] + ["."]
        out.append(Bench(f"{group}:rg", "rg -l", corpus_name, argv, ref, "light", _lines))
    if t["ast-grep"]:
        argv = t["ast-grep"] + ["scan", "--no-ignore", "vcs", "--no-ignore", "hidden", "--json=stream", "--inline-rules", _ast_grep_rule(fields), "."]
        out.append(Bench(f"{group}:ast-grep", "ast-grep scan (write patterns)", corpus_name, argv, ref, "normal", _json_lines))
    return out


def codemod_argv(command: str) -> list[str]:
    # FACTS.md: -x for a dotted path, --no-format (no black), -u 1 prints a diff (-u 0 writes!),
    # options after the command name.
    return [PY, "-m", "libcst.tool", "codemod", "-x", command, "--no-format", "-u", "1", "-j", "2", "."]


def plan(corpora: dict, t: dict, *, quick: bool) -> list[tuple[str, Path, list[Bench]]]:
    """Groups of benchmarks: (group name, cwd, benches). Each group runs on one tree."""
    rr = t["room-refactor"]
    groups = []
    configured = tuple(corpora["django-configured"]["fields"][k] for k in ("occupancy-field", "status-field"))

    # (1) Django, default field names: no file matches.
    benches = search_benches("A", "django", DEFAULT_FIELDS, "A:rr-audit", t)
    benches.append(Bench("A:import", 'python -c "import room_refactor"', "-", [PY, "-c", "import room_refactor"], None, "light"))
    if t["bowler"]:
        benches.append(Bench("A:bowler", "bowler query", "django", t["bowler"] + ["."], "A:rr-audit", "heavy", _last_line))
    benches.append(Bench("A:rr-audit", "room-refactor audit", "django", rr + ["audit", "--format", "json", "-j", "2", "."], None, "normal", _audit))
    groups.append(("A", Path(corpora["django"]["path"]), benches))

    # (2) Django, two field names that occur in 1-5% of its files.
    benches = search_benches("B", "django-configured", configured, "B:rr-audit", t)
    benches.append(Bench("B:noop", "libcst.tool codemod noop -j2", "django-configured", codemod_argv("libcst.codemod.commands.noop.NOOPCommand"), "B:rr-audit", "heavy", _codemod))
    benches.append(Bench("B:rr-audit", "room-refactor audit", "django-configured", rr + ["audit", "--format", "json", "-j", "2", "."], None, "normal", _audit))
    groups.append(("B", Path(corpora["django-configured"]["path"]), benches))

    # (3) the dense tree at 1x: every tool.
    scales = sorted(int(k.rsplit("x", 1)[1]) for k in corpora if k.startswith("dense-x"))
    d1 = f"dense-x{scales[0]}"
    benches = search_benches("D1", d1, DEFAULT_FIELDS, "D1:rr-audit", t)
    if t["bowler"]:
        benches.append(Bench("D1:bowler", "bowler query", d1, t["bowler"] + ["."], "D1:rr-audit", "normal", _last_line))
    benches += [
        Bench("D1:noop", "libcst.tool codemod noop -j2", d1, codemod_argv("libcst.codemod.commands.noop.NOOPCommand"), "D1:rr-migrate-rw", "normal", _codemod),
        Bench("D1:codemod", "libcst.tool codemod RewriteStateWrites -j2", d1, codemod_argv("room_refactor.codemods.rewrite_writes.RewriteStateWritesCommand"), "D1:rr-migrate-rw", "normal", _codemod),
        Bench("D1:floor", "floor: libcst.parse_module, 2 procs", d1, [PY, str(HERE / "_parse_floor.py"), ".", "-j", "2"], "D1:rr-migrate-rw", "normal", _last_line),
        Bench("D1:rr-audit", "room-refactor audit", d1, rr + ["audit", "--format", "json", "-j", "2", "."], None, "normal", _audit),
        Bench("D1:rr-migrate-rw", "room-refactor migrate --only rewrite-writes", d1, rr + ["migrate", "--only", "rewrite-writes", "-j", "2", "."], None, "normal", _migrate),
        Bench(f"S{scales[0]}:rr-migrate", "room-refactor migrate", d1, rr + ["migrate", "-j", "2", "."], "D1:rr-migrate-rw", "normal", _migrate),
    ]
    groups.append(("D1", Path(corpora[d1]["path"]), benches))

    # (4) scaling: the same at 4x and 16x.
    for scale in scales[1:]:
        name = f"dense-x{scale}"
        weight = "heavy" if scale >= 16 and not quick else "normal"
        benches = [
            Bench(f"S{scale}:floor", "floor: libcst.parse_module, 2 procs", name, [PY, str(HERE / "_parse_floor.py"), ".", "-j", "2"], f"S{scale}:rr-migrate", weight, _last_line),
            Bench(f"S{scale}:rr-migrate", "room-refactor migrate", name, rr + ["migrate", "-j", "2", "."], None, weight, _migrate),
        ]
        groups.append((f"S{scale}", Path(corpora[name]["path"]), benches))

    # (5) start-up.
    benches = [
        Bench("H:typer", "one-command typer app --help", "-", [PY, str(HERE / "_typer_app.py"), "--help"], "H:rr-help", "light"),
        Bench("H:python", "python -c pass", "-", [PY, "-c", "pass"], "H:rr-help", "light"),
        Bench("H:rr-help", "room-refactor --help", "-", rr + ["--help"], None, "light"),
    ]
    groups.append(("H", HERE, benches))
    return groups


def repeats_for(bench: Bench, repeat: int, quick: bool) -> int:
    if quick:
        return 1
    if bench.weight == "light":
        return max(5, repeat * 3)
    if bench.weight == "heavy":
        return max(1, min(repeat, 2))
    return repeat


def warm(path: Path) -> None:
    """Read every file once so that no tool pays for a cold page cache."""
    for file in path.rglob("*"):
        if file.is_file():
            file.read_bytes()


def imports_libcst(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[bool, list[str]]:
    """Run with ``-X importtime``: does any process of the run import libcst?"""
    proc = subprocess.run([PY, "-X", "importtime", *argv], cwd=cwd, env=env, capture_output=True, text=True)
    hits = sorted({line.split("|")[-1].strip() for line in proc.stderr.splitlines() if re.search(r"\|\s*libcst\b", line)})
    return bool(hits), hits[:5]


# -- targets ------------------------------------------------------------------------------------


def evaluate(by_key: dict[str, Bench], imports: dict, scales: list[int], quick: bool) -> tuple[list[dict], dict]:
    targets = []

    def get(key: str) -> Bench | None:
        bench = by_key.get(key)
        return bench if bench is not None and bench.samples else None

    rr, grep, imp = get("A:rr-audit"), get("A:grep"), get("A:import")
    if rr and grep and imp:
        floor = grep.min + imp.min
        ratio = rr.min / floor
        ratio_med = rr.median / (grep.median + imp.median)
        ok = ratio <= 3 and not imports["audit"][0]
        targets.append({
            "id": 1, "name": "audit Django, default fields <= 3x (grep -rl + import room_refactor); no libcst",
            "measured": f"{rr.min:.3f}s vs floor {floor:.3f}s = {ratio:.2f}x (median {ratio_med:.2f}x; CPU time {rr.cpu / (grep.cpu + imp.cpu):.2f}x); libcst imported: {imports['audit'][0]}",
            "ratio": round(ratio, 3), "required": "<= 3x", "pass": ok,
        })
    rr, noop = get("B:rr-audit"), get("B:noop")
    if rr and noop:
        speedup = noop.min / rr.min
        targets.append({
            "id": 2, "name": "audit Django, fields in 1-5% of files >= 10x faster than no-op codemod -j2",
            "measured": f"{rr.min:.3f}s vs {noop.min:.3f}s = {speedup:.1f}x faster (median {noop.median / rr.median:.1f}x; CPU time {noop.cpu / rr.cpu:.1f}x)",
            "ratio": round(speedup, 3), "required": ">= 10x", "pass": speedup >= 10,
        })
    rr, codemod, floor, rr_all = get("D1:rr-migrate-rw"), get("D1:codemod"), get("D1:floor"), get(f"S{scales[0]}:rr-migrate")
    if rr and codemod and floor:
        speedup = codemod.min / rr.min
        over_floor = rr.min / floor.min
        extra = ""
        if rr_all:
            extra = f"; default migrate (all codemods) {rr_all.min:.2f}s = {codemod.min / rr_all.min:.2f}x faster, {rr_all.min / floor.min:.2f}x floor"
        targets.append({
            "id": "3a", "name": "migrate dense 1x >= 1.5x faster than libcst.tool codemod RewriteStateWritesCommand -j2",
            "measured": f"{rr.min:.2f}s vs {codemod.min:.2f}s = {speedup:.2f}x faster (median {codemod.median / rr.median:.2f}x; CPU time {codemod.cpu / rr.cpu:.2f}x){extra}",
            "ratio": round(speedup, 3), "required": ">= 1.5x", "pass": speedup >= 1.5,
        })
        targets.append({
            "id": "3b", "name": "migrate dense 1x <= 2x the floor (parse_module of every file, 2 processes)",
            "measured": f"{rr.min:.2f}s vs floor {floor.min:.2f}s = {over_floor:.2f}x (median {rr.median / floor.median:.2f}x; CPU time {rr.cpu / floor.cpu:.2f}x)",
            "ratio": round(over_floor, 3), "required": "<= 2x", "pass": over_floor <= 2,
        })
    scaling: dict = {}
    runs = [(s, get(f"S{s}:rr-migrate")) for s in scales]
    if all(b is not None for _, b in runs) and len(runs) >= 3:
        xs = [float(s) for s, _ in runs]
        ys = [b.min for _, b in runs]  # type: ignore[union-attr]
        mx, my = statistics.fmean(xs), statistics.fmean(ys)
        sxx = sum((x - mx) ** 2 for x in xs)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
        intercept = my - slope * mx
        ss_tot = sum((y - my) ** 2 for y in ys)
        ss_res = sum((y - (intercept + slope * x)) ** 2 for x, y in zip(xs, ys))
        r2 = 1 - ss_res / ss_tot if ss_tot else 1.0
        marginal = [(ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i]) for i in range(len(xs) - 1)]
        superlinear = marginal[-1] / marginal[0] if marginal[0] > 0 else float("inf")
        rss = [b.rss for _, b in runs]  # type: ignore[union-attr]
        rss_growth = rss[-1] / rss[0]
        per_unit = (ys[-1] / xs[-1]) / (ys[0] / xs[0])  # cost of one 1x unit at the largest scale vs at 1x
        cpus = [b.cpu for _, b in runs]  # type: ignore[union-attr]
        cpu_per_unit = (cpus[-1] / xs[-1]) / (cpus[0] / xs[0])
        noisy = [b.noisy for _, b in runs]  # type: ignore[union-attr]
        floors = [get(f"S{s}:floor") if s != scales[0] else get("D1:floor") for s in scales]
        scaling = {
            "scales": scales, "min_seconds": [round(y, 3) for y in ys],
            "slope_seconds_per_1x": round(slope, 3), "intercept_seconds": round(intercept, 3), "r2": round(r2, 5),
            "marginal_seconds_per_1x": [round(m, 3) for m in marginal], "marginal_ratio_last_first": round(superlinear, 3),
            "peak_rss_mb": [round(r / 2**20, 1) for r in rss], "rss_growth": round(rss_growth, 3),
            "per_unit_ratio": round(per_unit, 3), "cpu_seconds": [round(c, 2) for c in cpus],
            "cpu_per_unit_ratio": round(cpu_per_unit, 3), "noisy_samples": noisy,
            "floor_seconds": [round(f.min, 3) if f else None for f in floors],
            "over_floor": [round(y / f.min, 2) if f else None for y, f in zip(ys, floors)],
        }
        linear = r2 >= 0.98 and per_unit <= 1.25
        targets.append({
            "id": "4a", "name": f"migrate dense {'/'.join(f'{s}x' for s in scales)}: time grows linearly",
            "measured": f"{' / '.join(f'{y:.1f}s' for y in ys)}; slope {slope:.2f}s per 1x, intercept {intercept:.2f}s, R^2 {r2:.4f}; "
                        f"time per 1x at {scales[-1]}x / at {scales[0]}x = {per_unit:.2f} (CPU time: {cpu_per_unit:.2f}); marginal slopes "
                        f"{', '.join(f'{m:.2f}' for m in marginal)} s/1x; noisy samples {noisy}",
            "ratio": round(per_unit, 3), "required": f"R^2 >= 0.98 and time per 1x at {scales[-1]}x <= 1.25x that at {scales[0]}x", "pass": linear,
        })
        targets.append({
            "id": "4b", "name": f"peak RSS of the room-refactor process tree, {scales[0]}x -> {scales[-1]}x, grows < 1.5x",
            "measured": f"{' -> '.join(f'{r / 2**20:.0f} MB' for r in rss)} = {rss_growth:.2f}x",
            "ratio": round(rss_growth, 3), "required": "< 1.5x", "pass": rss_growth < 1.5,
        })
    rr, typer_app = get("H:rr-help"), get("H:typer")
    if rr and typer_app:
        ratio = rr.min / typer_app.min
        targets.append({
            "id": 5, "name": "room-refactor --help <= 1.5x a one-command typer app's --help; no libcst",
            "measured": f"{rr.min:.3f}s vs {typer_app.min:.3f}s = {ratio:.2f}x (median {rr.median / typer_app.median:.2f}x; CPU time {rr.cpu / typer_app.cpu:.2f}x); libcst imported: {imports['help'][0]}",
            "ratio": round(ratio, 3), "required": "<= 1.5x", "pass": ratio <= 1.5 and not imports["help"][0],
        })
    return targets, scaling


# -- output -------------------------------------------------------------------------------------


TARGET_OF = {
    "A:rr-audit": "T1", "A:grep": "T1", "A:import": "T1",
    "B:rr-audit": "T2", "B:noop": "T2",
    "D1:rr-migrate-rw": "T3", "D1:codemod": "T3", "D1:floor": "T3",
    "H:rr-help": "T5", "H:typer": "T5",
}


def row(bench: Bench, by_key: dict[str, Bench], verdicts: dict[str, bool]) -> dict:
    ref = by_key.get(bench.ref) if bench.ref else None
    target = TARGET_OF.get(bench.key) or ("T4" if bench.key.endswith(":rr-migrate") and bench.key.startswith("S") else "")
    status = ""
    if target:
        relevant = [v for k, v in verdicts.items() if k.startswith(target[1:])]
        status = "pass" if relevant and all(relevant) else ("FAIL" if relevant else "")
    return {
        "key": bench.key,
        "tool": bench.tool,
        "corpus": bench.corpus,
        "argv": bench.argv,
        "repeats": len(bench.samples),
        "times": [round(t, 4) for t in bench.times],
        "min": round(bench.min, 4),
        "median": round(bench.median, 4),
        "peak_rss_mb": round(bench.rss / 2**20, 1),
        "rc": sorted({s.rc for s in bench.samples}),
        "cpu_seconds_min": round(min(s.cpu for s in bench.samples), 3),
        "noisy_samples": bench.noisy,
        "other_cpu_seconds": [round(s.other_cpu, 3) for s in bench.samples],
        "result": bench.summary,
        "vs": ref.tool if ref else None,
        "ratio_min": round(bench.min / ref.min, 3) if ref and ref.samples else None,
        "ratio_median": round(bench.median / ref.median, 3) if ref and ref.samples else None,
        "target": target,
        "status": status,
    }


def print_table(rows: list[dict], targets: list[dict], scaling: dict, meta: dict) -> None:
    headers = ("tool", "corpus", "min s", "median s", "CPU s", "RSS MB", "x rr (min/med)", "target", "result")
    lines = []
    for r in rows:
        ratio = f"{r['ratio_min']:.2f}/{r['ratio_median']:.2f}" if r["ratio_min"] is not None else "(rr)" if r["tool"].startswith("room-refactor") else "-"
        noisy = f" ({r['noisy_samples']}/{r['repeats']} noisy)" if r["noisy_samples"] else ""
        lines.append((r["tool"], r["corpus"], f"{r['min']:.3f}", f"{r['median']:.3f}", f"{r['cpu_seconds_min']:.2f}",
                      f"{r['peak_rss_mb']:.0f}", ratio, f"{r['target']} {r['status']}".strip(), r["result"] + noisy))
    widths = [max(len(str(x[i])) for x in [headers, *lines]) for i in range(len(headers))]
    print()
    print(f"room-refactor benchmark ({'quick' if meta['quick'] else 'full'}), {meta['cpus']} CPUs, Python {meta['python']}, "
          f"libcst {meta['versions'].get('libcst')}, Django corpus {meta['django']}")
    print("x rr = this tool's time / the matching room-refactor run's time (above 1: room-refactor is faster); "
          "CPU s = CPU time of the process tree (min); noisy = other processes used >15% of a core meanwhile")
    print(" | ".join(h.ljust(w) for h, w in zip(headers, widths)))
    print("-+-".join("-" * w for w in widths))
    for line in lines:
        print(" | ".join(str(c).ljust(w) for c, w in zip(line, widths)))
    print()
    if scaling:
        print(f"scaling (room-refactor migrate): {json.dumps(scaling)}")
        print()
    noisy = sum(r["noisy_samples"] for r in rows)
    total = sum(r["repeats"] for r in rows)
    print(f"{noisy} of {total} runs were noisy (other processes busy); waited {meta.get('waited_for_quiet_seconds', 0)}s for quiet")
    print("targets (verdicts on wall-time minima):")
    for t in targets:
        print(f"  T{t['id']}: {'PASS' if t['pass'] else 'FAIL'}  {t['name']}\n        {t['measured']}  (required {t['required']})")
    if meta["quick"]:
        print("  (quick mode: small corpora, one repeat; the verdicts are not meaningful)")


def versions() -> dict:
    out = {}
    for name in ("libcst", "typer", "bowler", "ast-grep-cli", "ripgrep", "room-refactor", "django"):
        try:
            from importlib.metadata import version

            out[name] = version(name)
        except Exception:  # noqa: BLE001
            out[name] = None
    return out


def byte_compile_room_refactor() -> None:
    """Byte-compile room-refactor's own modules, as a regular (not editable) install does.

    An editable install leaves that to the first import, which never happens where
    PYTHONDONTWRITEBYTECODE is set (as on the machine these figures come from): every start would
    then compile the package's source again. The other tools were installed from wheels and are
    byte-compiled already.
    """
    import room_refactor

    package = Path(room_refactor.__file__).resolve().parent
    codemods = package.parents[1] / "codemods"
    for directory in (package, codemods):
        if directory.is_dir():
            subprocess.run([PY, "-m", "compileall", "-q", str(directory)], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="room-refactor benchmark")
    parser.add_argument("--quick", action="store_true", help="small corpora, one repeat (a smoke test)")
    parser.add_argument("--repeat", type=int, default=3, help="repeats of each normal run (light: 3x, heavy: at most 2)")
    parser.add_argument("--json", type=Path, default=HERE / "results" / "latest.json", help="where to write the results")
    parser.add_argument("--cache", type=Path, default=corpus.DEFAULT_CACHE, help="corpus cache directory")
    parser.add_argument("--no-wait", action="store_true", help="do not wait for a quiet machine before each run")
    parser.add_argument("--wait", type=float, default=None, help="wait at most this long for a quiet machine before each run (default 20 s; 0 with --quick)")
    parser.add_argument("--groups", default="", help="comma-separated subset of A,B,D1,S4,S16,H (default: all)")
    args = parser.parse_args(argv)

    if args.wait is None:
        args.wait = 0.0 if args.quick else 20.0
    started = time.time()
    corpora = corpus.prepare_all(args.cache, quick=args.quick)
    byte_compile_room_refactor()
    t = tools()
    for name in ("rg", "ast-grep", "bowler"):
        if t[name] is None:
            print(f"note: {name} not found, skipped (pip install -e '.[bench]'; ripgrep: pip install --only-binary ripgrep ripgrep)", file=sys.stderr)
    env = dict(os.environ, NO_COLOR="1", TERM="dumb", COLUMNS="100", PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("PYTHONPATH", None)
    outdir = args.cache / "out"
    outdir.mkdir(parents=True, exist_ok=True)
    groups = plan(corpora, t, quick=args.quick)
    wanted = {g for g in args.groups.split(",") if g}
    scales = sorted(int(k.rsplit("x", 1)[1]) for k in corpora if k.startswith("dense-x"))

    by_key: dict[str, Bench] = {}
    waited = 0.0
    for name, cwd, benches in groups:
        if wanted and name not in wanted and not (name.startswith("S") and "S" in wanted):
            continue
        warm(cwd)
        rounds = max(repeats_for(b, args.repeat, args.quick) for b in benches)
        print(f"[{time.time() - started:6.1f}s] group {name} in {cwd} ({len(benches)} commands, up to {rounds} rounds)", file=sys.stderr)
        # Round-robin: every tool's n-th run happens in the same round, so drift hits all alike.
        for round_ in range(rounds):
            for bench in benches:
                if round_ >= repeats_for(bench, args.repeat, args.quick):
                    continue
                out, err = outdir / f"{bench.key.replace(':', '_')}.out", outdir / f"{bench.key.replace(':', '_')}.err"
                if not args.no_wait and args.wait > 0:
                    waited += wait_quiet(args.wait)
                sample = run_once(bench.argv, cwd, out, err, env)
                bench.samples.append(sample)
                if round_ == 0:
                    bench.summary = bench.summarize(out.read_text(errors="replace"), err.read_text(errors="replace"), sample.rc)
                    print(f"    {bench.key:<20} {sample.seconds:8.3f}s  {bench.summary}", file=sys.stderr)
        for bench in benches:
            by_key[bench.key] = bench

    imports = {"audit": (False, []), "help": (False, [])}
    rr = t["room-refactor"]
    if not wanted or "A" in wanted:
        imports["audit"] = imports_libcst(["-m", "room_refactor", "audit", "--format", "json", "-j", "2", "."], Path(corpora["django"]["path"]), env)
    if not wanted or "H" in wanted:
        imports["help"] = imports_libcst(["-m", "room_refactor", "--help"], HERE, env)

    targets, scaling = evaluate(by_key, imports, scales, args.quick)
    verdicts = {str(tg["id"]): tg["pass"] for tg in targets}
    ordered = [b for _, _, benches in groups for b in benches if b.samples]
    rows = [row(b, by_key, verdicts) for b in ordered]
    meta = {
        "quick": args.quick,
        "repeat": args.repeat,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions(),
        "django": corpora["django"].get("django"),
        "corpora": {k: {kk: vv for kk, vv in v.items() if kk not in ("key",)} for k, v in corpora.items()},
        "libcst_imports": {k: {"imported": v[0], "modules": v[1]} for k, v in imports.items()},
        "seconds": round(time.time() - started, 1),
        "waited_for_quiet_seconds": round(waited, 1),
    }
    print_table(rows, targets, scaling, meta)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"meta": meta, "rows": rows, "targets": targets, "scaling": scaling}, indent=2) + "\n")
    print(f"\nwrote {args.json} ({meta['seconds']}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
