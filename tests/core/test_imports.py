"""The static import graph and the cycle check, with the modules a run creates planned in."""

from __future__ import annotations

import pytest

from room_refactor.core.imports import closes_cycle, reachable_modules, top_level_imports, with_planned

# The shape that made a real project unimportable: the model's module imports, at import time,
# a module that writes the fields; the writer's module (not on disk yet) imports the model.
DISK = {
    "shop": ("", True),
    "shop.models": ("from shop import hooks\n", False),
    "shop.hooks": ("def cancel(order):\n    order.status = 'cancelled'\n", False),
    "shop.views": ("from shop.models import Order\n", False),
}
WRITER = ("from django.db import transaction\nfrom shop.models import Order\n\n\ndef set_order_status(o, *, status=None): ...\n", False)


def lookup(module: str) -> tuple[str, bool] | None:
    return DISK.get(module)


@pytest.mark.parametrize(
    "importer, planned, closes",
    [
        pytest.param("shop.hooks", {}, False, id="writer-not-on-disk-no-cycle-seen"),
        pytest.param("shop.hooks", {"shop.state": WRITER}, True, id="planned-writer-imports-the-model"),
        pytest.param("shop.views", {"shop.state": WRITER}, False, id="not-imported-by-the-model"),
        pytest.param("shop.models", {"shop.state": WRITER}, True, id="the-model-itself"),
        pytest.param("shop.hooks", {"shop.state": ("def set_order_status(o): ...\n", False)}, False,
                     id="a-writer-that-imports-nothing"),
    ],
)
def test_closes_cycle_with_planned_modules(importer: str, planned: dict[str, tuple[str, bool]], closes: bool) -> None:
    assert closes_cycle(importer, "shop.state", with_planned(lookup, planned)) is closes


def test_planned_modules_replace_what_is_on_disk() -> None:
    """An existing writer module that the scaffold extends: its planned text is the one read."""
    disk = {**DISK, "shop.state": ("import json\n", False)}
    assert reachable_modules("shop.state", disk.get) == {"shop", "shop.state"}
    planned = with_planned(disk.get, {"shop.state": WRITER})
    assert reachable_modules("shop.state", planned) == {"shop", "shop.state", "shop.models", "shop.hooks"}


def test_no_planned_modules_is_the_disk_lookup_itself() -> None:
    assert with_planned(lookup, {}) is lookup


@pytest.mark.parametrize(
    "source, expected",
    [
        pytest.param("from . import hooks\n", {"shop", "shop.hooks"}, id="relative"),
        pytest.param("if TYPE_CHECKING:\n    from shop import hooks\n", set(), id="type-checking-only"),
        pytest.param("def f():\n    from shop import hooks\n", set(), id="inside-a-function"),
        pytest.param("try:\n    import shop.hooks\nexcept ImportError:\n    pass\n", {"shop.hooks"}, id="try"),
    ],
)
def test_top_level_imports(source: str, expected: set[str]) -> None:
    assert top_level_imports(source, module="shop.models", is_package=False) == expected
