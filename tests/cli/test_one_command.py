"""`migrate --write .` in one command on a project nobody here wrote: the writer is created in
the same run that places imports of it, and the project still imports afterwards."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from room_refactor.cli.app import app

runner = CliRunner()

CONFIG = """\
[tool.room-refactor]
model = "shop.models.Order"
fields = ["status"]
service = "shop.state.set_order_status"
status-setter = "shop.workflow.set_status"
receivers = ["order"]
"""

# The model's module imports, at import time, a module that writes the field, and the writer's
# module will import the status setter's, which imports the model: the shape that made a whole
# project unimportable.
FILES = {
    "shop/__init__.py": "",
    "shop/models.py": """\
from shop import hooks


class Order:
    objects = None

    def __init__(self, pk, status):
        self.pk = pk
        self.status = status
""",
    "shop/workflow.py": """\
from shop.models import Order


def set_status(order, status, **kwargs):
    assert isinstance(order, Order)
    order.status = status  # room-refactor: ignore
""",
    "shop/hooks.py": """\
def cancel(order):
    order.status = "cancelled"
    order.save()
""",
    "shop/views.py": """\
def ship(order):
    order.status = "shipped"
    order.save()
""",
}


def make(tmp_path: Path, config: str = CONFIG) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
    for rel, text in FILES.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def imports_cleanly(root: Path, module: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", f"import {module}"], cwd=root, capture_output=True, text=True)


def test_the_writer_scaffolded_in_the_same_run_counts_in_the_cycle_check(tmp_path: Path) -> None:
    root = make(tmp_path)
    result = runner.invoke(app, ["migrate", "--jobs", "1", "--write", str(root)])
    assert result.exit_code == 0, result.output
    assert "\nfrom shop.workflow import set_status\n" in (root / "shop/state.py").read_text()
    hooks = (root / "shop/hooks.py").read_text()
    # shop.models imports shop.hooks, and the new writer imports shop.workflow, which imports
    # shop.models: a top-level import of the writer in hooks.py would close the cycle, so it is
    # placed inside the function.
    assert hooks == (
        "def cancel(order):\n"
        "    from shop.state import set_order_status\n"
        "\n"
        '    set_order_status(order, status="cancelled")\n'
    )
    # views.py is not imported by the model's module: a top-level import is safe there.
    assert (root / "shop/views.py").read_text().startswith("from shop.state import set_order_status\n")
    # The project still imports (no Django needed to see the cycle: shop.models imports shop.hooks).
    (root / "django").mkdir()
    (root / "django/__init__.py").write_text("")
    (root / "django/db.py").write_text("transaction = None\n")
    (root / "django/http.py").write_text("class Http404(Exception):\n    pass\n")
    for module in ("shop.models", "shop.hooks", "shop.views", "shop.state"):
        completed = imports_cleanly(root, module)
        assert completed.returncode == 0, completed.stderr


def test_the_writer_created_first_gives_the_same_imports(tmp_path: Path) -> None:
    """The two-step rollout (scaffold, then migrate) and the one command agree."""
    one = make(tmp_path / "one")
    two = make(tmp_path / "two")
    assert runner.invoke(app, ["migrate", "--jobs", "1", "--write", str(one)]).exit_code == 0
    first = runner.invoke(app, ["migrate", "--jobs", "1", "--write", "--only", "scaffold-service",
                                str(two / "shop/state.py")])
    assert first.exit_code == 0, first.output
    assert (two / "shop/state.py").is_file()
    second = runner.invoke(app, ["migrate", "--jobs", "1", "--write", str(two)])
    assert second.exit_code == 0, second.output
    for rel in ("shop/hooks.py", "shop/views.py", "shop/state.py"):
        assert (one / rel).read_text() == (two / rel).read_text(), rel


def test_without_a_scaffold_the_graph_is_the_disk_s(tmp_path: Path) -> None:
    """An existing writer that does not import the model closes no cycle: top-level imports."""
    root = make(tmp_path)
    (root / "shop/state.py").write_text("def set_order_status(order, *, status=None):\n    order.status = status\n")
    result = runner.invoke(app, ["migrate", "--jobs", "1", "--write", str(root)])
    assert result.exit_code == 0, result.output
    assert (root / "shop/hooks.py").read_text().startswith("from shop.state import set_order_status\n")


def test_a_missing_path_other_than_the_writer_s_module_is_still_an_error(tmp_path: Path) -> None:
    root = make(tmp_path)
    result = runner.invoke(app, ["migrate", "--jobs", "1", "--write", "--only", "scaffold-service",
                                 str(root / "shop/other.py")])
    assert result.exit_code == 2
    assert "shop/other.py: no such file or directory (only the writer's module, shop/state.py, may be named" in result.output
    assert not (root / "shop/other.py").exists() and not (root / "shop/state.py").exists()
    skipped = runner.invoke(app, ["migrate", "--jobs", "1", "--write", "--skip", "scaffold-service",
                                  str(root / "shop/state.py")])
    assert skipped.exit_code == 2 and "shop/state.py: no such file or directory" in skipped.output


def test_the_writer_s_module_is_created_in_a_package_that_does_not_exist_yet(tmp_path: Path) -> None:
    root = make(tmp_path, CONFIG.replace("shop.state.set_order_status", "shop.domain.state.set_order_status"))
    result = runner.invoke(app, ["migrate", "--jobs", "1", "--write", "--only", "scaffold-service",
                                 str(root / "shop/domain/state.py")])
    assert result.exit_code == 0, result.output
    assert "def set_order_status(" in (root / "shop/domain/state.py").read_text()
