"""Whether a write persists in its function (core/persistence.py): the audit's `in_memory`.

Each row is an inline function with one write of `room.is_occupied` and the reason the audit
gives it: `None` (the function saves it, or hands it to code that may) or the in-memory case.
"""

from __future__ import annotations

import pytest

from tests.core.tools import analyze


def in_memory(source: str) -> str | None:
    path = "rooms/models.py" if "class Room(models.Model)" in source else "rooms/views.py"
    sites = [site for site in analyze(source, path=path).sites if site.kind.value in ("attribute", "setattr")]
    assert len(sites) == 1, sites
    return sites[0].in_memory


# -- real writes: the function persists them (or may) -----------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """\
            def release(room):
                room.is_occupied = False
                room.save()
            """,
            id="the-caller-s-instance-saved",
        ),
        pytest.param(
            """\
            def release(room):
                room.is_occupied = False
                room.save(update_fields=["is_occupied"])
                return room
            """,
            id="saved-then-returned",
        ),
        pytest.param(
            """\
            def release(room):
                room.is_occupied = False
                _persist(room)
                return room
            """,
            id="saved-through-a-helper",
        ),
        pytest.param(
            """\
            from django.db import models


            class Room(models.Model):
                is_occupied = models.BooleanField(default=False)

                def release(self):
                    self.is_occupied = False
                    self.save_and_notify()
                    return self
            """,
            id="a-method-of-the-instance-may-save",
        ),
        pytest.param(
            """\
            def release(room):
                room.is_occupied = False
                transaction.on_commit(room.save)
                return room
            """,
            id="save-passed-as-a-callback",
        ),
        pytest.param(
            """\
            def release(room, commit=True):
                room.is_occupied = False
                room.save()
                return room
            """,
            id="a-commit-flag-that-does-not-guard-the-save",
        ),
        pytest.param(
            """\
            def release(room, commit=True):
                if commit:
                    room.is_occupied = False
                    room.save()
                return room
            """,
            id="the-write-itself-under-the-flag",
        ),
        pytest.param(
            """\
            def release(room, commit=True):
                if not commit:
                    return room
                room.is_occupied = False
                room.save()
            """,
            id="the-flag-checked-before-the-write",
        ),
        pytest.param(
            """\
            def release_all(rooms):
                room = rooms[0]
                while room is not None:
                    room.save()
                    room.is_occupied = False
                    room = room.next_room
            """,
            id="a-save-earlier-in-the-same-loop-runs-after-it",
        ),
        pytest.param(
            """\
            def release(room):
                room.is_occupied = False
                save_all([room])
            """,
            id="handed-on-in-a-list-it-builds",
        ),
        pytest.param(
            """\
            def release(room):
                room.is_occupied = False
                save_all(**{"room": room})
            """,
            id="handed-on-in-a-dict-it-builds",
        ),
        pytest.param(
            """\
            def release(booking):
                room = booking.room
                booking.room.is_occupied = False
                room.save()
            """,
            id="saved-under-another-name",
        ),
        pytest.param(
            """\
            def release_all(rooms):
                for room in rooms:
                    room.is_occupied = False
                Room.objects.bulk_update(rooms, ["is_occupied"])
            """,
            id="the-loop-s-list-handed-to-a-bulk-update",
        ),
        pytest.param(
            """\
            def release_all(rooms):
                changed = []
                for room in rooms:
                    room.is_occupied = False
                    changed.append(room)
                save_all(changed)
            """,
            id="collected-then-handed-on",
        ),
        pytest.param(
            """\
            def release_all(rooms):
                for room in rooms:
                    room.is_occupied = False
                    for other in room.neighbours:
                        log.info("next to %s", other)
                    room.save()
            """,
            id="saved-after-an-inner-loop",
        ),
    ],
)
def test_a_write_the_function_persists_is_not_in_memory(source: str) -> None:
    assert in_memory(source) is None


# -- in memory: the function does not persist them ----------------------------------------------


@pytest.mark.parametrize(
    "source, reason",
    [
        pytest.param(
            """\
            def as_free(room):
                room.is_occupied = False
                return room
            """,
            "returned-copy",
            id="returned",
        ),
        pytest.param(
            """\
            def as_free(room):
                room.is_occupied = False
                log.info("freed %s", room)
                rooms.append(room)
                return room, str(room)
            """,
            "returned-copy",
            id="returned-after-harmless-calls",
        ),
        pytest.param(
            """\
            def release(room):
                room.is_occupied = False
            """,
            "no-save",
            id="no-save-nothing-returned",
        ),
        pytest.param(
            """\
            def release(room):
                room.is_occupied = False
                return room.pk
            """,
            "no-save",
            id="an-attribute-of-it-returned-not-the-instance",
        ),
        pytest.param(
            """\
            def release(room):
                room.save()
                room.is_occupied = False
                log.info("freed %s", room)
            """,
            "no-save",
            id="saved-only-before-the-write",
        ),
        pytest.param(
            """\
            def release_all(rooms):
                for room in rooms:
                    room.save()
                for room in rooms:
                    room.is_occupied = False
            """,
            "no-save",
            id="saved-in-another-loop-before-it",
        ),
        pytest.param(
            """\
            def free_rooms(rooms):
                by_number = {}
                for room in rooms:
                    room.is_occupied = False
                    by_number[room.room_number] = room
                return list(by_number.values())
            """,
            "returned-copy",
            id="returned-in-a-collection-it-was-put-in",
        ),
        pytest.param(
            """\
            def release_all(rooms):
                for room in rooms:
                    room.is_occupied = False
                log.info("released %s", rooms)
                print(len(rooms))
            """,
            "no-save",
            id="the-loop-s-list-only-logged",
        ),
        pytest.param(
            """\
            def release(room, commit=True):
                room.is_occupied = False
                if commit:
                    room.save()
                return room
            """,
            "commit-flag",
            id="save-under-if-commit",
        ),
        pytest.param(
            """\
            def release(room, *, commit=False):
                room.is_occupied = False
                if not commit:
                    return room
                room.save()
            """,
            "commit-flag",
            id="if-not-commit-return",
        ),
        pytest.param(
            """\
            def release(room, commit=True):
                room.is_occupied = False
                room.save() if commit else None
            """,
            "commit-flag",
            id="conditional-expression",
        ),
        pytest.param(
            """\
            from django.db import models


            class Room(models.Model):
                is_occupied = models.BooleanField(default=False)

                def release(self, commit=True):
                    self.is_occupied = False
                    self._finish(commit=commit)
            """,
            "commit-flag",
            id="the-flag-passed-on",
        ),
    ],
)
def test_a_write_the_function_does_not_persist_is_in_memory(source: str, reason: str) -> None:
    assert in_memory(source) == reason


def test_a_call_in_the_write_s_own_value_runs_before_it() -> None:
    """`room.is_occupied = room.compute()`: the call is not something that follows the write."""
    source = """\
        def as_free(room):
            room.is_occupied = room.recompute()
            return room
        """
    assert in_memory(source) == "returned-copy"


def test_an_unsaved_instance_is_unsaved_not_in_memory() -> None:
    source = """\
        from rooms.models import Room


        def draft():
            room = Room(number=1)
            room.is_occupied = False
            return room
        """
    site = analyze(source).sites[-1]
    assert (site.unsaved, site.in_memory) == ("constructor", None)


def test_an_in_memory_write_is_still_a_bypass_and_in_the_json() -> None:
    """Whoever saves the instance later writes the field around the writer."""
    from room_refactor.reports.audit import site_dict

    site = analyze("""\
        def as_free(room):
            room.is_occupied = False
            return room
        """).sites[0]
    assert site.bypass
    assert site_dict(site)["in_memory"] == "returned-copy"


# -- the walk skipped when a later save already answers (persistence.saved_in_a_later_statement)


_MODEL = "from django.db import models\n\n\nclass Room(models.Model):\n    is_occupied = models.BooleanField(default=False)\n\n\n"

LATER_SAVE_CASES = {
    "saved-next": "def f(room):\n    room.is_occupied = False\n    room.save()\n",
    "saved-on-the-same-line": "def f(room):\n    room.is_occupied = False; room.save()\n",
    "saved-in-the-write-s-own-statement": "def f(room):\n    room.is_occupied, _ = False, room.save()\n",
    "saved-before-only": "def f(room):\n    room.save()\n    room.is_occupied = False\n",
    "saved-before-in-a-loop": "def f(rooms):\n    for room in rooms:\n        room.save()\n        room.is_occupied = False\n",
    "saved-in-a-nested-function": (
        "def f(room):\n    room.is_occupied = False\n\n    def later():\n        room.save()\n\n    return later\n"
    ),
    "saved-under-a-commit-flag": (
        "def f(room, commit=True):\n    room.is_occupied = False\n    if commit:\n        room.save()\n"
    ),
    "saved-with-a-commit-flag-anyway": "def f(room, commit=True):\n    room.is_occupied = False\n    room.save()\n",
    "saved-through-a-call": _MODEL + "def f():\n    Room.objects.get(pk=1).is_occupied = False\n    Room.objects.get(pk=1).save()\n",
    "saved-through-an-alias": "def f(room):\n    other = room\n    room.is_occupied = False\n    other.save()\n",
    "saved-in-the-other-branch": (
        "def f(room, a):\n    if a:\n        room.is_occupied = False\n    else:\n        room.save()\n"
    ),
    "one-of-two-saved": (
        "def f(room, other):\n    room.is_occupied = False\n    other.is_occupied = True\n    room.save()\n"
        "    return other\n"
    ),
    "a-subscript-saved": _MODEL + "def f(rooms: list[Room]):\n    rooms[0].is_occupied = False\n    rooms[0].save()\n",
    "another-instance-saved": "def f(room, other):\n    room.is_occupied = False\n    other.save()\n",
    "a-model-s-own-save": (
        "from django.db import models\n\n\nclass Room(models.Model):\n"
        "    is_occupied = models.BooleanField(default=False)\n\n"
        "    def vacate(self):\n        self.is_occupied = False\n        super().save()\n"
    ),
}


def _in_memory_of_every_write(source: str, path: str = "rooms/views.py") -> list[tuple[str, int, str | None]]:
    return [(site.receiver, site.line, site.in_memory) for site in analyze(source, path=path).sites]


@pytest.mark.parametrize("name", sorted(LATER_SAVE_CASES))
def test_skipping_the_walk_for_a_later_save_gives_the_walk_s_answer(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from room_refactor.core import analysis

    source = LATER_SAVE_CASES[name]
    path = "rooms/models.py" if "class Room(" in source else "rooms/views.py"
    skipped = _in_memory_of_every_write(source, path)
    assert skipped, "no write found"
    monkeypatch.setattr(analysis, "saved_in_a_later_statement", lambda *args: False)
    assert _in_memory_of_every_write(source, path) == skipped


def test_the_walk_is_skipped_only_where_a_later_save_answers() -> None:
    import libcst as cst

    from room_refactor.core.persistence import saved_in_a_later_statement

    func = cst.ensure_type(cst.parse_statement("def f(room):\n    pass\n"), cst.FunctionDef)
    flagged = cst.ensure_type(cst.parse_statement("def f(room, commit=True):\n    pass\n"), cst.FunctionDef)
    write, save = cst.Expr(cst.Name("w")), cst.Expr(cst.Name("s"))
    assert saved_in_a_later_statement(func, [(1, write, "room")], [(2, save, "room")])
    assert not saved_in_a_later_statement(flagged, [(1, write, "room")], [(2, save, "room")])
    assert not saved_in_a_later_statement(func, [(2, write, "room")], [(1, save, "room")])  # before
    assert not saved_in_a_later_statement(func, [(1, write, "room")], [(2, write, "room")])  # its own statement
    assert not saved_in_a_later_statement(func, [(1, write, "room")], [(2, save, "other")])
    assert not saved_in_a_later_statement(func, [(1, write, "room"), (3, write, "other")], [(2, save, "room")])
