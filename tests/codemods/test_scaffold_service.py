"""`scaffold-service`: when the `service` module (`housekeeping/services.py`) has no
`set_room_occupancy_and_status`, it gets one: keyword-only `is_occupied` and `status`, the row
locked with `select_for_update()` in one transaction, status changes delegated to the
`status-setter` when it exists, the new values copied back onto the caller's instance, and the
locked instance returned.

With `--constraints` it also adds the two CheckConstraints of the write map to the model's
`Meta.constraints`.
"""

from __future__ import annotations

import textwrap

import pytest

from room_refactor.config import Config
from room_refactor.core.scaffold import constraints_refusal
from room_refactor.core.writer_templates import render_lock_helper, render_row_deleted, render_writer
from tests.tools import check_noop, check_transformed, codes, make_config, run_source

ONLY = ("scaffold-service",)
SERVICES = "housekeeping/services.py"
MODELS = "rooms/models.py"


# -- never touched -------------------------------------------------------------------------------


def test_existing_writer_and_lock_helper_are_kept_as_they_are() -> None:
    check_noop(
        """\
        from django.db import transaction


        def set_room_occupancy_and_status(room, *, is_occupied=None, status=None):
            with transaction.atomic():
                ...


        def lock_room_rows(*rooms):
            ...


        def _room_row_deleted(model, pk):
            ...
        """,
        path=SERVICES,
        codemods=ONLY,
    )


def test_other_modules_never_get_the_writer() -> None:
    check_noop(
        """\
        def notify(room):
            pass
        """,
        path="housekeeping/notifications.py",
        codemods=ONLY,
    )


def test_constraints_already_there_are_not_added_again() -> None:
    check_noop(
        """\
        from django.db import models


        class Room(models.Model):
            class Meta:
                constraints = [
                    models.CheckConstraint(
                        condition=~models.Q(room_status="OCCUPIED", is_occupied=False),
                        name="room_occupied_status_requires_occupancy",
                    ),
                    models.CheckConstraint(
                        condition=~models.Q(is_occupied=True, room_status="READY_FOR_GUEST"),
                        name="room_occupancy_excludes_ready_status",
                    ),
                ]
        """,
        path=MODELS,
        constraints_keyword="condition",
        codemods=ONLY,
    )


def test_constraints_need_the_option() -> None:
    check_noop(
        """\
        from django.db import models


        class Room(models.Model):
            room_status = models.CharField(max_length=40)
        """,
        path=MODELS,
        codemods=ONLY,
    )


# -- the writer ---------------------------------------------------------------------------------------
#
# The generated code is the templates of room_refactor/core/writer_templates.py, rendered from the
# configuration; tests/codemods/test_writer_on_database.py runs it against a real database.


def _writer(config: Config | None = None, **options: object) -> str:
    return render_writer(config or Config(), **options)  # type: ignore[arg-type]


def test_an_existing_writer_gets_the_lock_helper_only() -> None:
    source = """\
        from django.db import transaction


        def set_room_occupancy_and_status(room, *, is_occupied=None, status=None):
            with transaction.atomic():
                ...
        """
    result = run_source(source, path=SERVICES, codemods=ONLY)
    expected = textwrap.dedent(source).replace(
        "from django.db import transaction\n", "from django.db import transaction\nfrom django.http import Http404\n"
    )
    assert result.new_source == expected + "\n\n" + render_lock_helper(Config()) + "\n\n" + render_row_deleted(Config())
    assert [note.message for note in result.notes] == ["lock_room_rows() was missing and has been created here"]


def test_writer_delegates_to_the_status_setter_of_the_module() -> None:
    before = """\
        from django.db import transaction

        from rooms.models import Room


        def set_room_status(room, status, *, user=None):
            room.room_status = status
            room.save(update_fields=["room_status"])
        """
    result = check_transformed(
        before,
        textwrap.dedent(before).replace(
            "from django.db import transaction\n", "from django.db import transaction\nfrom django.http import Http404\n"
        )
        + "\n\n"
        + _writer(setter="set_room_status")
        + "\n\n"
        + render_lock_helper(Config())
        + "\n\n"
        + render_row_deleted(Config()),
        path=SERVICES,
        codemods=ONLY,
    )
    assert codes(result) == ["writer-created"]
    writer = _writer(setter="set_room_status")
    # The setter runs first, on the locked row, then occupancy in one UPDATE (defect 1).
    assert writer.index("set_room_status(locked, status, **kwargs)") < writer.index(
        'locked.save(update_fields=["is_occupied", *auto_fields])'
    )
    assert "room._state.adding" in writer and "pk is None" not in writer
    assert "type(room)" in writer and "Room.objects" not in writer


def test_a_setter_that_takes_the_occupancy_saves_the_pair_itself() -> None:
    before = """\
        def set_room_status(room, to_status, *, is_occupied=None, changed_by=None):
            ...
        """
    result = run_source(before, path=SERVICES, codemods=ONLY)
    expected = _writer(setter="set_room_status", setter_occupancy_keyword="is_occupied")
    assert result.new_source is not None and expected in result.new_source
    assert 'kwargs["is_occupied"] = is_occupied' in expected


def test_new_service_module_gets_the_whole_module() -> None:
    check_transformed(
        "",
        "from django.db import transaction\nfrom django.http import Http404\n\n\n"
        + _writer(setter=None)
        + "\n\n"
        + render_lock_helper(Config())
        + "\n\n"
        + render_row_deleted(Config()),
        path=SERVICES,
        new_file=True,
        codemods=ONLY,
    )


def test_module_without_imports_gets_transaction() -> None:
    result = run_source(
        """\
        def notify(room):
            pass
        """,
        path=SERVICES,
        codemods=ONLY,
    )
    assert result.new_source is not None
    assert result.new_source.startswith(
        "from django.db import transaction\n"
        "from django.http import Http404\n"
        "\n"
        "\n"
        "def notify(room):\n"
        "    pass\n"
        "\n"
        "\n"
        "def set_room_occupancy_and_status(\n"
        "    room, *, is_occupied=None, status=None, row_locked=False, full_save=False\n"
        "):\n"
    )


@pytest.mark.parametrize(
    "options",
    [
        pytest.param({}, id="module-without-the-setter"),
        pytest.param({"config": make_config(**{"status-setter": ""})}, id="no-setter-configured"),
        pytest.param(
            {"config": make_config(**{"status-setter": "rooms.status.set_room_status"}), "setter_available": False},
            id="setter-in-another-module-not-available",
        ),
    ],
)
def test_writer_without_a_status_setter_saves_the_status_itself(options: dict[str, object]) -> None:
    result = run_source(
        """\
        def notify(room):
            pass
        """,
        path=SERVICES,
        codemods=ONLY,
        **options,  # type: ignore[arg-type]
    )
    assert result.new_source is not None
    compile(result.new_source, SERVICES, "exec")
    assert _writer(setter=None) in result.new_source
    assert "set_room_status" not in result.new_source


def test_writer_imports_a_status_setter_from_another_module() -> None:
    result = run_source(
        """\
        def notify(room):
            pass
        """,
        path=SERVICES,
        config=make_config(**{"status-setter": "rooms.status.set_room_status"}),
        codemods=ONLY,
    )
    assert result.new_source is not None
    compile(result.new_source, SERVICES, "exec")
    assert "from rooms.status import set_room_status\n" in result.new_source
    assert _writer(setter="set_room_status") in result.new_source


def test_the_writer_is_rendered_from_the_configuration() -> None:
    config = make_config(
        model="inventory.models.GuestSuite",
        **{"occupancy-field": "occupied", "status-field": "state", "service": "inventory.services.set_suite_state"},
    )
    writer = _writer(config, setter="set_state")
    # The keywords are named after the fields (issue 17): occupied=, state=.
    assert writer.startswith("def set_suite_state(guest_suite, *, occupied=None, state=None, **kwargs):\n")
    assert "guest_suite.occupied = occupied" in writer
    assert 'for name in ["occupied", "state", *auto_fields]:' in writer
    code = writer.replace("room-refactor", "")
    for name in ("room", "Room", "is_occupied", "room_status"):
        assert name not in code, name
    assert render_lock_helper(config).startswith("def lock_guest_suite_rows(*guest_suites):\n")


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param({"setter": None}, id="without-setter"),
        pytest.param({"setter": "set_room_status"}, id="with-setter"),
        pytest.param({"setter": "set_room_status", "setter_occupancy_keyword": "is_occupied"}, id="setter-of-both"),
    ],
)
def test_the_generated_code_fits_in_79_columns(variant: dict[str, object]) -> None:
    for text in (_writer(**variant), render_lock_helper(Config()), render_row_deleted(Config())):
        compile(text, "<writer>", "exec")
        too_long = [line for line in text.splitlines() if len(line) > 79]
        assert too_long == []


def test_writer_follows_the_indentation_of_the_module() -> None:
    result = run_source(
        """\
        def notify(room):
          if room:
            pass
        """,
        path=SERVICES,
        codemods=ONLY,
    )
    assert result.new_source is not None
    compile(result.new_source, SERVICES, "exec")
    assert (
        "  with transaction.atomic(savepoint=False):\n    if row_locked:\n      locked = room\n    else:\n"
        "      rows = model._default_manager.select_for_update()\n"
    ) in result.new_source


# -- --constraints with a status setter ------------------------------------------------------------


def test_constraints_are_refused_with_a_setter_that_cannot_save_the_pair() -> None:
    message = constraints_refusal(Config(), ("room", "to_status", "changed_by"))
    assert message is not None
    assert message.startswith(
        "--constraints needs the status setter housekeeping.services.set_room_status to take `is_occupied=`"
    )
    assert "no order of two UPDATEs passes both for a check-in" in message


@pytest.mark.parametrize(
    "parameters",
    [
        pytest.param(("room", "to_status", "is_occupied"), id="setter-takes-the-occupancy"),
        pytest.param(None, id="no-setter-found"),
    ],
)
def test_constraints_are_accepted_when_the_pair_can_be_one_update(parameters: tuple[str, ...] | None) -> None:
    assert constraints_refusal(Config(), parameters) is None
    assert constraints_refusal(make_config(**{"status-setter": ""}), ("room", "to_status")) is None


# -- --constraints ------------------------------------------------------------------------------------


@pytest.mark.parametrize("keyword", ["condition", "check"])
def test_constraints_go_into_an_existing_meta(keyword: str) -> None:
    result = check_transformed(
        """\
        from django.db import models


        class Room(models.Model):
            is_occupied = models.BooleanField(default=False)
            room_status = models.CharField(max_length=40)

            class Meta:
                ordering = ["room_number"]
        """,
        f"""\
        from django.db import models


        class Room(models.Model):
            is_occupied = models.BooleanField(default=False)
            room_status = models.CharField(max_length=40)

            class Meta:
                ordering = ["room_number"]
                constraints = [
                    models.CheckConstraint(
                        {keyword}=~models.Q(room_status="OCCUPIED", is_occupied=False),
                        name="room_occupied_status_requires_occupancy",
                    ),
                    models.CheckConstraint(
                        {keyword}=~models.Q(is_occupied=True, room_status="READY_FOR_GUEST"),
                        name="room_occupancy_excludes_ready_status",
                    ),
                ]
        """,
        path=MODELS,
        constraints_keyword=keyword,
        codemods=ONLY,
    )
    assert codes(result) == ["constraints-added"]


def test_constraints_extend_an_existing_list() -> None:
    check_transformed(
        """\
        from django.db import models


        class Room(models.Model):
            class Meta:
                constraints = [
                    models.UniqueConstraint(fields=["hotel", "room_number"], name="unique_room"),  # per hotel
                ]
        """,
        """\
        from django.db import models


        class Room(models.Model):
            class Meta:
                constraints = [
                    models.UniqueConstraint(fields=["hotel", "room_number"], name="unique_room"),  # per hotel
                    models.CheckConstraint(
                        condition=~models.Q(room_status="OCCUPIED", is_occupied=False),
                        name="room_occupied_status_requires_occupancy",
                    ),
                    models.CheckConstraint(
                        condition=~models.Q(is_occupied=True, room_status="READY_FOR_GUEST"),
                        name="room_occupancy_excludes_ready_status",
                    ),
                ]
        """,
        path=MODELS,
        constraints_keyword="condition",
        codemods=ONLY,
    )


def test_constraints_explode_a_list_on_one_line() -> None:
    check_transformed(
        """\
        from django.db import models as m


        class Room(m.Model):
            class Meta:
                constraints = [m.UniqueConstraint(fields=["hotel", "room_number"], name="unique_room")]
        """,
        """\
        from django.db import models as m


        class Room(m.Model):
            class Meta:
                constraints = [
                    m.UniqueConstraint(fields=["hotel", "room_number"], name="unique_room"),
                    m.CheckConstraint(
                        check=~m.Q(room_status="OCCUPIED", is_occupied=False),
                        name="room_occupied_status_requires_occupancy",
                    ),
                    m.CheckConstraint(
                        check=~m.Q(is_occupied=True, room_status="READY_FOR_GUEST"),
                        name="room_occupancy_excludes_ready_status",
                    ),
                ]
        """,
        path=MODELS,
        constraints_keyword="check",
        codemods=ONLY,
    )


def test_constraints_create_meta_when_missing() -> None:
    check_transformed(
        """\
        from django.db import models


        class Room(models.Model):
            room_status = models.CharField(max_length=40)

            def __str__(self):
                return self.room_status
        """,
        """\
        from django.db import models


        class Room(models.Model):
            room_status = models.CharField(max_length=40)

            def __str__(self):
                return self.room_status

            class Meta:
                constraints = [
                    models.CheckConstraint(
                        condition=~models.Q(room_status="OCCUPIED", is_occupied=False),
                        name="room_occupied_status_requires_occupancy",
                    ),
                    models.CheckConstraint(
                        condition=~models.Q(is_occupied=True, room_status="READY_FOR_GUEST"),
                        name="room_occupancy_excludes_ready_status",
                    ),
                ]
        """,
        path=MODELS,
        constraints_keyword="condition",
        codemods=ONLY,
    )


def test_computed_constraints_are_left_to_the_reader() -> None:
    check_noop(
        """\
        from django.db import models


        class Room(models.Model):
            class Meta:
                constraints = BASE_CONSTRAINTS + [models.UniqueConstraint(fields=["number"], name="unique")]
        """,
        path=MODELS,
        constraints_keyword="condition",
        codemods=ONLY,
    )
