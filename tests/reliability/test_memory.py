"""A file's tree is freed when its result is made, by reference counting alone.

A libcst tree of a large module holds hundreds of thousands of nodes. Left in a reference cycle
(a visitor class made inside a function, whose closures hold nodes), every tree waits for the
cycle collector, which then walks all of it: time spent for nothing, and memory held meanwhile.
"""

from __future__ import annotations

import gc
import os
import shutil
from pathlib import Path

import libcst as cst

from room_refactor.cli.common import load
from room_refactor.project import prepare

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "hotel"


def test_a_migration_leaves_no_tree_to_the_cycle_collector(tmp_path: Path) -> None:
    tree = tmp_path / "hotel"
    shutil.copytree(EXAMPLE, tree)
    cwd = os.getcwd()
    os.chdir(tree)
    try:
        run = prepare(load([Path(".")]), [Path(".")], mode="migrate", diffs=True)
        gc.collect()
        enabled = gc.isenabled()
        gc.disable()
        try:
            results = list(run.results(jobs=1))
            gc.set_debug(gc.DEBUG_SAVEALL)
            gc.collect()
            left = [o for o in gc.garbage if isinstance(o, cst.CSTNode)]
        finally:
            gc.set_debug(0)
            gc.garbage.clear()
            if enabled:
                gc.enable()
    finally:
        os.chdir(cwd)
    assert sum(1 for r in results if r.new_source) >= 5  # the example's migration did run
    assert left == []
