"""The second prefilter: libcst only for files that can hold a site or a call of the writer."""

from __future__ import annotations

import textwrap
from pathlib import Path

import libcst
import pytest

from room_refactor.config import Config
from room_refactor.core.analysis import analyze_module
from room_refactor.core.prefilter import may_have_sites
from room_refactor.files import module_name, module_role

CONFIG = Config()
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "hotel"


def keeps(source: str, config: Config = CONFIG, tables: tuple[str, ...] = ("rooms_room",)) -> bool:
    return may_have_sites(
        textwrap.dedent(source),
        fields=config.fields,
        writer=config.service_name,
        model=config.model_name,
        tables=tables,
    )


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("room.room_status = 'X'\n", id="attribute"),
        pytest.param("self.room.is_occupied = True\n", id="dotted-receiver"),
        pytest.param("room.is_occupied += 1\n", id="augmented"),
        pytest.param("room.room_status: str = 'X'\n", id="annotated"),
        pytest.param("a, room.room_status = 1, 'X'\n", id="tuple-target"),
        pytest.param("(room\n  ).room_status = 'X'\n", id="receiver-on-two-lines"),
        pytest.param("del room.room_status\n", id="delete"),
        pytest.param("setattr(room, 'room_status', 'X')\n", id="setattr"),
        pytest.param("setattr(room, name, value)\n", id="dynamic-setattr"),
        pytest.param("Room.objects.filter(pk=1).update(room_status='X')\n", id="queryset-update"),
        pytest.param("Room.objects.update(**{'is_occupied': False})\n", id="update-dict"),
        pytest.param("Room.objects.get_or_create(pk=1, defaults={'room_status': 'X'})\n", id="create-defaults"),
        pytest.param("Room.objects.bulk_update(rooms, ['room_status'])\n", id="bulk-update"),
        pytest.param("set_room_occupancy_and_status(room, status='X')\n", id="writer-call"),
        pytest.param("services.set_room_occupancy_and_status(room)\n", id="writer-attribute"),
        pytest.param(
            "from housekeeping.services import set_room_occupancy_and_status as write\n",
            id="writer-import",
        ),
        pytest.param("def f(:\n    room.room_status\n", id="syntax-error-goes-to-libcst"),
        # any receiver: its type is for the analysis to find (`r = Room.objects.get(...)`)
        pytest.param("booking.room_status = 'X'\n", id="any-receiver"),
        pytest.param("setattr(booking, 'room_status', 'X')\n", id="setattr-on-any-receiver"),
        pytest.param("(a or b).room_status = 'X'\n", id="parenthesised-receiver"),
        # implicit write paths
        pytest.param("Room(**data)\n", id="model-constructor"),
        pytest.param("models.Room(number=1)\n", id="dotted-model-constructor"),
        pytest.param("qs.bulk_create(rows)\n", id="bulk-create"),
        pytest.param("qs.update(**changes)\n", id="update-kwargs"),
        pytest.param("qs.update_or_create(pk=1, defaults=changes)\n", id="dynamic-defaults"),
        pytest.param("serializer.save(room_status='X')\n", id="serializer-save"),
        pytest.param("cursor.execute('UPDATE rooms_room SET room_status = %s', [s])\n", id="raw-sql"),
    ],
)
def test_kept(source: str) -> None:
    assert keeps(source)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("# keep room.room_status in step\n", id="comment"),
        pytest.param('"""Sets room.room_status."""\n', id="docstring"),
        pytest.param("print(room.room_status)\n", id="read"),
        pytest.param("room.room_status_label = 'X'\n", id="longer-name"),
        pytest.param("Hotel(**data)\n", id="another-class-constructor"),
        pytest.param("qs.update(label='x')\n", id="update-of-another-field"),
        pytest.param("cursor.execute('UPDATE other_table SET room_status = 1')\n", id="sql-on-another-table"),
        pytest.param("cursor.execute('SELECT name FROM rooms_room')\n", id="sql-naming-no-field"),
        pytest.param("setattr(room, 'label', 'X')\n", id="setattr-other-field"),
        pytest.param("Field(room_status=1)\n", id="keyword-of-another-call"),
        pytest.param("fields = ['room_status']\n", id="string-outside-a-write"),
    ],
)
def test_dropped(source: str) -> None:
    assert not keeps(source)


SELF_WRITES = """\
    class Options:
        def __init__(self, meta):
            self.room_status = meta.status


    class Room(models.Model):
        def close(self):
            self.room_status = "CLOSED"
    """


def test_self_of_another_class_is_dropped_once_the_index_knows_the_model() -> None:
    other_only = SELF_WRITES.split("\n\n\n")[0] + "\n"
    assert keeps(other_only)  # without the index, any `self` may be the model
    assert not may_have_sites(textwrap.dedent(other_only), fields=CONFIG.fields, writer=CONFIG.service_name,
                              self_classes=frozenset({"Room"}))
    assert may_have_sites(textwrap.dedent(SELF_WRITES), fields=CONFIG.fields, writer=CONFIG.service_name,
                          self_classes=frozenset({"Room"}))


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("self = Room.objects.get(pk=1)\n        self.room_status = 'X'", id="self-rebound"),
        pytest.param("other.room_status = 'X'", id="another-receiver"),
        pytest.param("def inner(self):\n            self.room_status = 'X'", id="nested-function-with-its-own-self"),
    ],
)
def test_writes_in_another_class_that_may_still_be_the_model(body: str) -> None:
    source = f"class Options:\n    def f(self, other):\n        {body}\n"
    assert may_have_sites(source, fields=CONFIG.fields, writer=CONFIG.service_name, self_classes=frozenset({"Room"}))


@pytest.mark.parametrize(
    "path", sorted(p.relative_to(EXAMPLE).as_posix() for p in EXAMPLE.rglob("*.py")), ids=str
)
def test_every_dropped_file_of_the_example_has_nothing_to_report(path: str) -> None:
    """Differential: when the prefilter drops a file, the full analysis finds nothing in it."""
    source = (EXAMPLE / path).read_text(encoding="utf-8")
    if keeps(source):
        return
    analysis = analyze_module(
        libcst.parse_module(source), CONFIG, path=path, module_name=module_name(path), role=module_role(path)
    ).public
    assert (analysis.sites, analysis.handlers, analysis.writer_calls) == ((), (), 0)
