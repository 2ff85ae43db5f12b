"""Point 9 of issue 19: a second run finds nothing to change. A write on a row locked with
`select_for_update()` in a handler got `@transaction.atomic` only on the second run, once the
write had become a writer call; on the benchmark's dense tree 22 of 160 rewritten files changed
again."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from room_refactor.cli.app import app
from room_refactor.model import Status
from tests.tools import check_noop, check_transformed, run_source

LOCKED_HANDLER = """\
    from rest_framework.decorators import api_view
    from rooms.models import Room


    @api_view(["POST"])
    def close_room(request, pk):
        room = Room.objects.select_for_update().get(pk=pk)
        room.room_status = "OUT_OF_ORDER"
        room.save()
    """


def test_locked_write_in_a_handler_is_made_atomic_on_the_first_run() -> None:
    result = check_transformed(
        LOCKED_HANDLER,
        """\
        from django.db import transaction
        from housekeeping.services import set_room_occupancy_and_status
        from rest_framework.decorators import api_view
        from rooms.models import Room


        @api_view(["POST"])
        @transaction.atomic
        def close_room(request, pk):
            room = Room.objects.select_for_update().get(pk=pk)
            set_room_occupancy_and_status(room, status="OUT_OF_ORDER")
        """,
        path="rooms/views.py",
    )
    assert result.new_source is not None
    check_noop(result.new_source, path="rooms/views.py")


def test_locked_write_inside_an_atomic_block_is_not_decorated() -> None:
    check_noop(
        """\
        from django.db import transaction
        from rest_framework.decorators import api_view
        from housekeeping.services import set_room_occupancy_and_status
        from rooms.models import Room


        @api_view(["POST"])
        def close_room(request, pk):
            with transaction.atomic():
                room = Room.objects.select_for_update().get(pk=pk)
                set_room_occupancy_and_status(room, status="OUT_OF_ORDER")
        """,
        path="rooms/views.py",
    )


def test_locked_write_outside_a_handler_is_not_decorated() -> None:
    result = run_source(
        """\
        from rooms.models import Room


        def close_room(pk):
            room = Room.objects.select_for_update().get(pk=pk)
            room.room_status = "OUT_OF_ORDER"
            room.save()
        """,
        path="rooms/logic.py",
    )
    assert result.status is Status.CHANGED
    assert result.new_source is not None and "atomic" not in result.new_source


def test_second_run_on_a_generated_dense_tree_changes_nothing(tmp_path: Path) -> None:
    """The benchmark's generator, two apps of it (the dense tree has twenty)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    try:
        import corpus
    finally:
        sys.path.pop(0)
    project = tmp_path / "dense"
    corpus.generate_hotel(project, apps=3)
    (project / "pyproject.toml").write_text('[project]\nname = "dense"\n')
    corpus._write(project / "rooms" / "models.py", corpus.ROOM_MODELS)
    corpus._write(project / "housekeeping" / "services.py", corpus.SERVICES)
    runner = CliRunner()
    first = runner.invoke(app, ["migrate", "--write", "--allow-dirty", "--quiet", "--jobs", "1", str(project)])
    assert first.exit_code == 0, first.output
    assert " 0 failed" in first.stderr
    second = runner.invoke(app, ["migrate", "--check", "--quiet", "--jobs", "1", str(project)])
    assert second.stdout == ""
    assert second.stderr.startswith("0 files changed"), second.stderr
    assert second.exit_code == 0


@pytest.mark.parametrize(
    "handler",
    [
        pytest.param("class RoomViewSet(viewsets.ModelViewSet):\n    @action(detail=True, methods=['post'])\n"
                     "    def close(self, request, pk=None):", id="viewset-action"),
        pytest.param("class RoomView(APIView):\n    def post(self, request, pk=None):", id="class-view"),
        pytest.param("@api_view(['POST'])\ndef close(request, pk=None):", id="api-view"),
    ],
)
def test_every_locked_handler_shape_is_stable_after_one_run(handler: str) -> None:
    body = textwrap.indent(
        "room = Room.objects.select_for_update().get(pk=pk)\nroom.is_occupied = True\n"
        "room.room_status = 'OCCUPIED'\nroom.save()\n",
        "    " * (2 if handler.startswith("class") else 1),
    )
    source = (
        "from rest_framework import viewsets\nfrom rest_framework.decorators import action, api_view\n"
        "from rest_framework.views import APIView\nfrom rooms.models import Room\n\n\n" + handler + "\n" + body
    )
    first = run_source(source, path="rooms/views.py")
    assert first.status is Status.CHANGED and first.new_source is not None, first.error
    assert "@transaction.atomic" in first.new_source
    assert run_source(first.new_source, path="rooms/views.py").status is Status.UNCHANGED
