"""Protection: is each write inside a transaction, or on a row locked by select_for_update()?

Decorators and context managers are matched by qualified name through the module's own imports,
never by spelling: an `atomic` that is not Django's protects nothing.
"""

from __future__ import annotations

import pytest

from tests.core.tools import analyze


def protections(source: str, **options: object) -> list[tuple[int, str]]:
    return [(s.line, s.protection.value) for s in analyze(source, **options).sites]


# -- @atomic ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """\
            from django.db import transaction

            @transaction.atomic
            def f(room):
                room.is_occupied = True
            """,
            id="transaction.atomic",
        ),
        pytest.param(
            """\
            from django.db.transaction import atomic

            @atomic
            def f(room):
                room.is_occupied = True
            """,
            id="atomic-imported-by-name",
        ),
        pytest.param(
            """\
            from django.db import transaction

            @transaction.atomic()
            def f(room):
                room.is_occupied = True
            """,
            id="called-without-arguments",
        ),
        pytest.param(
            """\
            from django.db import transaction

            @transaction.atomic(using="x")
            def f(room):
                room.is_occupied = True
            """,
            id="called-with-using",
        ),
        pytest.param(
            """\
            import django.db.transaction as t

            @t.atomic
            def f(room):
                room.is_occupied = True
            """,
            id="module-alias",
        ),
        pytest.param(
            """\
            from django.db import transaction as tx

            @tx.atomic
            def f(room):
                room.is_occupied = True
            """,
            id="from-import-alias",
        ),
        pytest.param(
            """\
            import django.db

            @django.db.transaction.atomic
            def f(room):
                room.is_occupied = True
            """,
            id="fully-dotted",
        ),
        pytest.param(
            """\
            from django.db.transaction import atomic as in_transaction

            @login_required
            @in_transaction
            def f(room):
                room.is_occupied = True
            """,
            id="renamed-among-other-decorators",
        ),
        pytest.param(
            """\
            from django.db import transaction

            class Service:
                @transaction.atomic
                def execute(self, room):
                    room.is_occupied = True
            """,
            id="method",
        ),
    ],
)
def test_atomic_decorator(source: str) -> None:
    assert [protection for _, protection in protections(source)] == ["atomic-decorator"]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """\
            from mylib import atomic

            @atomic
            def f(room):
                room.is_occupied = True
            """,
            id="an-atomic-that-is-not-djangos",
        ),
        pytest.param(
            """\
            from mylib import transaction

            @transaction.atomic
            def f(room):
                room.is_occupied = True
            """,
            id="a-transaction-module-that-is-not-djangos",
        ),
        pytest.param(
            """\
            @atomic
            def f(room):
                room.is_occupied = True
            """,
            id="an-atomic-never-imported",
        ),
        pytest.param(
            """\
            from django.db import transaction

            @transaction.non_atomic_requests
            def f(room):
                room.is_occupied = True
            """,
            id="another-django-decorator",
        ),
        pytest.param(
            """\
            from django.db import transaction

            def f(room):
                room.is_occupied = True
            """,
            id="imported-but-not-used",
        ),
    ],
)
def test_not_protected_by_a_decorator(source: str) -> None:
    assert [protection for _, protection in protections(source)] == ["none"]


def test_a_nested_function_is_not_protected_by_the_outer_decorator() -> None:
    # the inner function may run after the transaction has ended (on_commit, a thread, a callback)
    source = """\
        from django.db import transaction

        @transaction.atomic
        def outer(room):
            room.is_occupied = True

            def later():
                room.room_status = "DIRTY"

            return later
        """
    assert protections(source) == [(5, "atomic-decorator"), (8, "none")]


# -- with transaction.atomic() ----------------------------------------------------------------------


def test_atomic_block_protects_only_the_writes_inside_it() -> None:
    source = """\
        from django.db import transaction

        def f(room):
            room.is_occupied = True
            with transaction.atomic():
                room.is_occupied = False
                if room.pk:
                    room.room_status = "DIRTY"
            room.room_status = "AFTER"
        """
    assert protections(source) == [(4, "none"), (6, "atomic-block"), (8, "atomic-block"), (9, "none")]


@pytest.mark.parametrize(
    "header",
    [
        pytest.param("with transaction.atomic(using='replica'):", id="with-arguments"),
        pytest.param("with open('x'), transaction.atomic():", id="one-of-several-items"),
        pytest.param("with transaction.atomic() as tx:", id="bound-with-as"),
        pytest.param("with transaction.atomic(durable=True):", id="durable"),
    ],
)
def test_atomic_block_forms(header: str) -> None:
    source = f"from django.db import transaction\n\ndef f(room):\n    {header}\n        room.is_occupied = True\n"
    assert [protection for _, protection in protections(source)] == ["atomic-block"]


def test_a_block_that_is_not_djangos_atomic_does_not_protect() -> None:
    source = """\
        from mylib import transaction

        def f(room):
            with transaction.atomic():
                room.is_occupied = True
        """
    assert protections(source) == [(5, "none")]


def test_a_function_defined_inside_an_atomic_block_is_not_protected() -> None:
    source = """\
        from django.db import transaction

        def f(room):
            with transaction.atomic():
                def later():
                    room.is_occupied = True
                transaction.on_commit(later)
        """
    assert protections(source) == [(6, "none")]


# -- locked -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """\
            def f(pk):
                room = Room.objects.select_for_update().get(pk=pk)
                room.is_occupied = True
            """,
            [(3, "locked")],
            id="assigned-from-select_for_update",
        ),
        pytest.param(
            """\
            def f(qs):
                for room in qs.select_for_update():
                    room.is_occupied = True
            """,
            [(3, "locked")],
            id="loop-over-select_for_update",
        ),
        pytest.param(
            """\
            def f(pk):
                room = get_object_or_404(Room.objects.select_for_update(), pk=pk)
                room.is_occupied = True
            """,
            [(3, "locked")],
            id="queryset-passed-to-a-helper",
        ),
        pytest.param(
            """\
            def f(pk):
                room: Room = Room.objects.select_for_update().get(pk=pk)
                room.is_occupied = True
            """,
            [(3, "locked")],
            id="annotated-assignment",
        ),
        pytest.param(
            """\
            def f(pk):
                other = Room.objects.select_for_update().get(pk=pk)
                room = Room.objects.get(pk=pk)
                room.is_occupied = True
            """,
            [(4, "none")],
            id="not-another-name",
        ),
        pytest.param(
            """\
            def f(pk, room):
                room.is_occupied = True
                room = Room.objects.select_for_update().get(pk=pk)
                room.room_status = "DIRTY"
            """,
            [(2, "none"), (4, "locked")],
            id="not-before-the-lock",
        ),
        pytest.param(
            """\
            def f(pk, spare):
                room = Room.objects.select_for_update().get(pk=pk)
                room = spare
                room.is_occupied = True
            """,
            [(4, "none")],
            id="not-after-the-name-is-rebound",
        ),
        pytest.param(
            """\
            def f(pk):
                room = Room.objects.select_for_update().get(pk=pk)

                def later(room):
                    room.is_occupied = True
            """,
            [(5, "none")],
            id="not-in-another-function",
        ),
        pytest.param(
            """\
            def f(pk):
                booking = Booking.objects.select_for_update().select_related("assigned_room").get(pk=pk)
                booking.assigned_room.is_occupied = True
            """,
            [(3, "locked")],
            id="related-row-selected-with-the-lock",
        ),
        pytest.param(
            """\
            def f(pk):
                booking = Booking.objects.select_for_update().get(pk=pk)
                booking.assigned_room.is_occupied = True
            """,
            [(3, "none")],
            id="not-a-related-row-fetched-later",
        ),
        pytest.param(
            """\
            def f(pk):
                booking = Booking.objects.select_for_update(of=("self",)).select_related("assigned_room").get(pk=pk)
                booking.assigned_room.is_occupied = True
            """,
            [(3, "none")],
            id="not-a-related-row-left-out-of-of",
        ),
        pytest.param(
            """\
            def f(pk):
                booking = Booking.objects.select_for_update(of=("self", "assigned_room")).select_related(
                    "assigned_room"
                ).get(pk=pk)
                booking.assigned_room.is_occupied = True
            """,
            [(5, "locked")],
            id="related-row-named-in-of",
        ),
    ],
)
def test_locked(source: str, expected: list[tuple[int, str]]) -> None:
    assert protections(source) == expected


def test_a_lock_wins_over_the_transaction_around_it() -> None:
    source = """\
        from django.db import transaction

        @transaction.atomic
        def f(pk):
            room = Room.objects.select_for_update().get(pk=pk)
            room.is_occupied = True
            Room.objects.filter(pk=pk).select_for_update().update(room_status="x")
        """
    # a bulk write has no receiver row to lock: it keeps the transaction's protection
    assert protections(source) == [(6, "locked"), (7, "atomic-decorator")]


# -- class-level method_decorator -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("decorator", "expected"),
    [
        pytest.param('@method_decorator(transaction.atomic, name="dispatch")', "atomic-decorator", id="dispatch"),
        pytest.param('@method_decorator(transaction.atomic, name="post")', "atomic-decorator", id="the-method"),
        pytest.param(
            '@method_decorator([login_required, transaction.atomic], name="dispatch")',
            "atomic-decorator",
            id="in-a-list",
        ),
        pytest.param('@method_decorator(transaction.atomic, name="get")', "none", id="another-method"),
        pytest.param('@method_decorator(login_required, name="dispatch")', "none", id="another-decorator"),
    ],
)
def test_class_level_method_decorator(decorator: str, expected: str) -> None:
    source = f"""\
        from django.db import transaction
        from django.utils.decorators import method_decorator
        from rest_framework.views import APIView

        {decorator}
        class OutOfOrderView(APIView):
            def post(self, request, room):
                room.room_status = "OUT_OF_ORDER"
        """
    assert protections(source) == [(8, expected)]


def test_method_decorator_on_the_method_itself() -> None:
    source = """\
        from django.db import transaction
        from django.utils.decorators import method_decorator
        from django.views import View

        class CheckInView(View):
            @method_decorator(transaction.atomic)
            def post(self, request, room):
                room.is_occupied = True
        """
    assert protections(source) == [(8, "atomic-decorator")]
    assert [h.protected for h in analyze(source).handlers] == [True]


# -- atomic-requests --------------------------------------------------------------------------------


def test_atomic_requests_protects_the_writes_of_view_handlers_only() -> None:
    source = """\
        from rest_framework.decorators import api_view

        @api_view(["POST"])
        def start_cleaning(request, room):
            room.room_status = "CLEANING"

        def helper(room):
            room.room_status = "CLEANING"
        """
    assert protections(source, **{"atomic-requests": True}) == [(5, "atomic-requests"), (8, "none")]
    assert protections(source) == [(5, "none"), (8, "none")]


def test_atomic_requests_makes_every_handler_protected() -> None:
    source = """\
        from rest_framework.decorators import api_view

        @api_view(["POST"])
        def start_cleaning(request, room):
            room.room_status = "CLEANING"
        """
    assert [h.protected for h in analyze(source, **{"atomic-requests": True}).handlers] == [True]
    assert [h.protected for h in analyze(source).handlers] == [False]


def test_an_explicit_transaction_is_reported_before_atomic_requests() -> None:
    source = """\
        from django.db import transaction
        from rest_framework.decorators import api_view

        @api_view(["POST"])
        def start_cleaning(request, room):
            with transaction.atomic():
                room.room_status = "CLEANING"
            room.is_occupied = False
        """
    assert protections(source, **{"atomic-requests": True}) == [(7, "atomic-block"), (8, "atomic-requests")]


# -- realtime events ------------------------------------------------------------------------------


def events(source: str) -> list[tuple[int, bool, bool]]:
    return [(s.line, s.event.emitted, s.event.on_commit) for s in analyze(source).sites]


def test_event_emitted_directly() -> None:
    source = """\
        def f(room):
            room.is_occupied = True
            notification_manager.realtime_room_updated(room)
        """
    assert events(source) == [(2, True, False)]


@pytest.mark.parametrize(
    "call",
    [
        pytest.param("transaction.on_commit(lambda: notification_manager.realtime_room_updated(room))", id="lambda"),
        pytest.param("transaction.on_commit(notification_manager.realtime_room_updated)", id="function-reference"),
    ],
)
def test_event_emitted_on_commit(call: str) -> None:
    source = f"""\
        from django.db import transaction

        def f(room):
            room.is_occupied = True
            {call}
        """
    assert events(source) == [(4, True, True)]


def test_on_commit_that_is_not_djangos_is_a_direct_event() -> None:
    source = """\
        from mylib import transaction

        def f(room):
            room.is_occupied = True
            transaction.on_commit(lambda: notification_manager.realtime_room_updated(room))
        """
    assert events(source) == [(4, True, False)]


def test_event_both_directly_and_on_commit_counts_as_direct() -> None:
    source = """\
        from django.db import transaction

        def f(room):
            room.is_occupied = True
            notification_manager.realtime_room_updated(room)
            transaction.on_commit(lambda: notification_manager.realtime_room_updated(room))
        """
    assert events(source) == [(4, True, False)]


def test_no_event() -> None:
    source = """\
        def f(room):
            room.is_occupied = True
            notify_someone(room)
            room.save()

        def g(room):
            notification_manager.realtime_room_updated(room)
        """
    # the event of another function does not count
    assert events(source) == [(2, False, False)]


@pytest.mark.parametrize(
    "call",
    [
        pytest.param("emit_room_status_changed(room, 'a', 'b')", id="emit_"),
        pytest.param("pusher_client.trigger('hotel-1', 'room', {})", id="pusher-trigger"),
        pytest.param("broadcast_room(room)", id="broadcast_"),
        pytest.param("send_realtime_update(room)", id="send_realtime"),
    ],
)
def test_event_functions_default_patterns(call: str) -> None:
    source = f"def f(room):\n    room.is_occupied = True\n    {call}\n"
    assert events(source) == [(2, True, False)]


def test_event_functions_setting() -> None:
    source = "def f(room):\n    room.is_occupied = True\n    ws.notify(room)\n"
    assert [s.event.emitted for s in analyze(source, **{"event-functions": [r"ws\.notify"]}).sites] == [True]
    assert [s.event.emitted for s in analyze(source).sites] == [False]


@pytest.mark.parametrize(
    "patterns",
    [("notify_.*", r"ws\.send"), ("(?i)NOTIFY.*", "emit"), (r"(a)\1\.b", "x"), ("a|b", "c"), (),
     (r"(?:\w+\.)*notify_\w+", r"(?i:NOTIFY)x", "emit")],
    ids=["plain", "a-flag", "a-backreference", "an-alternation", "none", "non-capturing-and-scoped"],
)
@pytest.mark.parametrize("call", ["notify_all", "ws.send", "ws.sendall", "NOTIFYx", "notifyx", "aa.b", "b", "c", "emit", "ab"])
def test_event_functions_match_as_each_pattern_alone(patterns: tuple[str, ...], call: str) -> None:
    import re

    from room_refactor.config import Config

    config = Config(event_functions=patterns)
    assert config.is_event_call(call) == any(re.fullmatch(pattern, call) for pattern in patterns)


def test_the_default_event_functions_are_one_expression() -> None:
    from room_refactor.config import DEFAULT_EVENT_FUNCTIONS, _one_pattern

    assert _one_pattern(DEFAULT_EVENT_FUNCTIONS) is not None
    assert _one_pattern((r"(?:\w+\.)*notify_\w+", r"(?i:NOTIFY)x", "emit")) is not None  # scoped flag
    assert _one_pattern(("(?i)notify.*", "emit")) is None  # a global flag would apply to both
    assert _one_pattern((r"(a)\1", "b")) is None  # the backreference counts groups


# -- a lock lasts as long as its transaction ----------------------------------------------------


def test_a_lock_taken_in_an_atomic_block_ends_with_the_block() -> None:
    source = """\
        from django.db import transaction

        def check_out(pk):
            with transaction.atomic():
                room = Room.objects.select_for_update().get(pk=pk)
                room.is_occupied = False
                if room.pk:
                    room.room_status = "DIRTY"
            room.room_status = "CHECKOUT_DIRTY"
        """
    assert protections(source) == [(6, "locked"), (8, "locked"), (9, "none")]


def test_a_lock_taken_in_a_savepoint_lasts_until_the_outer_transaction_ends() -> None:
    source = """\
        from django.db import transaction

        def check_out(pk):
            with transaction.atomic():
                with transaction.atomic():
                    room = Room.objects.select_for_update().get(pk=pk)
                room.is_occupied = False
            room.room_status = "CHECKOUT_DIRTY"
        """
    assert protections(source) == [(7, "locked"), (8, "none")]


def test_a_lock_taken_in_an_atomic_block_of_an_atomic_function_lasts_to_the_end() -> None:
    source = """\
        from django.db import transaction

        @transaction.atomic
        def check_out(pk):
            with transaction.atomic():
                room = Room.objects.select_for_update().get(pk=pk)
            room.room_status = "CHECKOUT_DIRTY"
        """
    assert protections(source) == [(7, "locked")]


def test_a_lock_taken_outside_any_block_lasts_to_the_end_of_the_function() -> None:
    # select_for_update() needs a transaction: here it is the caller's, open for the whole call
    source = """\
        def sync(pk):
            room = Room.objects.select_for_update().get(pk=pk)
            for guest in room.guests.all():
                room.is_occupied = True
        """
    assert protections(source) == [(4, "locked")]


def test_a_handler_writing_after_its_locking_block_is_unprotected() -> None:
    source = """\
        from django.db import transaction
        from rest_framework.decorators import api_view

        @api_view(["POST"])
        def check_out(request, pk):
            with transaction.atomic():
                room = Room.objects.select_for_update().get(pk=pk)
                room.is_occupied = False
            room.room_status = "CHECKOUT_DIRTY"
        """
    assert [(h.name, h.protected) for h in analyze(source).handlers] == [("check_out", False)]
