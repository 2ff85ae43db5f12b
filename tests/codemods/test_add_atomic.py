"""`add-atomic`: an unprotected mutating view handler that writes room state gets
`@transaction.atomic` as its innermost decorator, directly above `def`.

Most examples run `add-atomic` alone, so the writes themselves stay as they are; the last
section runs it together with `rewrite-writes`, as `room-refactor migrate` does.
"""

from __future__ import annotations

import pytest

from tests.tools import check_noop, check_transformed, codes, make_config, run_source

ONLY = ("add-atomic",)


# -- never touched -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "decorator",
    [
        pytest.param("@transaction.atomic", id="bare"),
        pytest.param("@transaction.atomic()", id="called"),
        pytest.param('@transaction.atomic(using="replica")', id="using"),
    ],
)
def test_handler_already_atomic_is_untouched(decorator: str) -> None:
    check_noop(
        f"""\
        from django.db import transaction
        from rest_framework.decorators import api_view


        @api_view(["POST"])
        {decorator}
        def check_out(request, pk):
            room = Room.objects.get(pk=pk)
            room.is_occupied = False
            room.save()
        """,
        codemods=ONLY,
    )


def test_handler_with_imported_atomic_is_untouched() -> None:
    check_noop(
        """\
        from django.db.transaction import atomic
        from rest_framework.decorators import api_view


        @api_view(["POST"])
        @atomic
        def check_out(request, pk):
            room = Room.objects.get(pk=pk)
            room.is_occupied = False
            room.save()
        """,
        codemods=ONLY,
    )


def test_handler_whose_every_write_is_in_an_atomic_block_is_untouched() -> None:
    check_noop(
        """\
        from django.db import transaction
        from rest_framework.decorators import api_view


        @api_view(["POST"])
        def check_out(request, pk):
            with transaction.atomic():
                room = Room.objects.select_for_update().get(pk=pk)
                room.is_occupied = False
                room.save()
        """,
        codemods=ONLY,
    )


def test_class_with_atomic_dispatch_is_untouched() -> None:
    check_noop(
        """\
        from django.db import transaction
        from django.utils.decorators import method_decorator
        from django.views import View


        @method_decorator(transaction.atomic, name="dispatch")
        class CheckoutView(View):
            def post(self, request, pk):
                room = Room.objects.get(pk=pk)
                room.is_occupied = False
                room.save()
        """,
        codemods=ONLY,
    )


def test_atomic_requests_setting_protects_every_handler() -> None:
    check_noop(
        """\
        from rest_framework.decorators import api_view


        @api_view(["POST"])
        def check_out(request, pk):
            room = Room.objects.get(pk=pk)
            room.is_occupied = False
            room.save()
        """,
        config=make_config(**{"atomic-requests": True}),
        codemods=ONLY,
    )


def test_get_handler_is_untouched() -> None:
    check_noop(
        """\
        from rest_framework.decorators import api_view
        from rest_framework.views import APIView


        class RoomView(APIView):
            def get(self, request, pk):
                room = Room.objects.get(pk=pk)
                room.is_occupied = room.bookings.exists()
                return Response({"occupied": room.is_occupied})


        @api_view(["GET"])
        def peek(request, pk):
            room = Room.objects.get(pk=pk)
            room.is_occupied = room.bookings.exists()
            return Response({"occupied": room.is_occupied})
        """,
        codemods=ONLY,
    )


def test_get_action_is_untouched() -> None:
    check_noop(
        """\
        from rest_framework import viewsets
        from rest_framework.decorators import action


        class RoomViewSet(viewsets.ViewSet):
            @action(detail=True, methods=["get"])
            def refresh(self, request, pk=None):
                room = self.get_object()
                room.is_occupied = room.bookings.exists()
                return Response({"occupied": room.is_occupied})
        """,
        codemods=ONLY,
    )


def test_delete_of_a_model_is_not_a_view_handler() -> None:
    check_noop(
        """\
        from django.db import models


        class Guest(models.Model):
            def delete(self, *args, **kwargs):
                room = self.room
                room.is_occupied = False
                room.save()
                super().delete(*args, **kwargs)
        """,
        path="guests/models.py",
        codemods=ONLY,
    )


def test_handler_that_writes_no_room_state_is_untouched() -> None:
    check_noop(
        """\
        from rest_framework.decorators import api_view


        @api_view(["POST"])
        def rename(request, pk):
            room = Room.objects.get(pk=pk)
            room.name = request.data["name"]
            room.save()
        """,
        codemods=ONLY,
    )


def test_async_handler_is_left_with_a_warning() -> None:
    result = check_noop(
        """\
        from rest_framework.decorators import api_view


        @api_view(["POST"])
        async def check_out(request, pk):
            room = await Room.objects.aget(pk=pk)
            room.is_occupied = False
            await room.asave()
        """,
        codemods=ONLY,
    )
    assert codes(result) == ["async-handler"]


# -- handlers that get @transaction.atomic -----------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "method"),
    [
        pytest.param("APIView", "post", id="APIView.post"),
        pytest.param("APIView", "put", id="APIView.put"),
        pytest.param("APIView", "patch", id="APIView.patch"),
        pytest.param("APIView", "delete", id="APIView.delete"),
        pytest.param("View", "post", id="View.post"),
        pytest.param("viewsets.ModelViewSet", "create", id="viewset.create"),
        pytest.param("viewsets.ModelViewSet", "update", id="viewset.update"),
        pytest.param("viewsets.ModelViewSet", "partial_update", id="viewset.partial_update"),
        pytest.param("viewsets.ModelViewSet", "destroy", id="viewset.destroy"),
    ],
)
def test_class_based_handler(base: str, method: str) -> None:
    check_transformed(
        f"""\
        from django.db import transaction


        class RoomEndpoint({base}):
            def {method}(self, request, pk=None):
                room = Room.objects.get(pk=pk)
                room.is_occupied = False
                room.save()
        """,
        f"""\
        from django.db import transaction


        class RoomEndpoint({base}):
            @transaction.atomic
            def {method}(self, request, pk=None):
                room = Room.objects.get(pk=pk)
                room.is_occupied = False
                room.save()
        """,
        codemods=ONLY,
    )


@pytest.mark.parametrize(
    ("imports", "decorator"),
    [
        pytest.param("from rest_framework.decorators import api_view", '@api_view(["POST"])', id="api_view"),
        pytest.param("from django.views.decorators.http import require_POST", "@require_POST", id="require_POST"),
        pytest.param(
            "from django.views.decorators.http import require_http_methods",
            '@require_http_methods(["POST"])',
            id="require_http_methods",
        ),
    ],
)
def test_function_handler(imports: str, decorator: str) -> None:
    check_transformed(
        f"""\
        from django.db import transaction
        {imports}


        {decorator}
        def check_out(request, pk):
            room = Room.objects.get(pk=pk)
            room.is_occupied = False
            room.save()
        """,
        f"""\
        from django.db import transaction
        {imports}


        {decorator}
        @transaction.atomic
        def check_out(request, pk):
            room = Room.objects.get(pk=pk)
            room.is_occupied = False
            room.save()
        """,
        codemods=ONLY,
    )


def test_post_action() -> None:
    check_transformed(
        """\
        from django.db import transaction
        from rest_framework import viewsets
        from rest_framework.decorators import action


        class RoomViewSet(viewsets.ViewSet):
            @action(detail=False, methods=["post"])
            def release_all(self, request):
                for room in Room.objects.all():
                    room.is_occupied = False
                    room.save()
        """,
        """\
        from django.db import transaction
        from rest_framework import viewsets
        from rest_framework.decorators import action


        class RoomViewSet(viewsets.ViewSet):
            @action(detail=False, methods=["post"])
            @transaction.atomic
            def release_all(self, request):
                for room in Room.objects.all():
                    room.is_occupied = False
                    room.save()
        """,
        codemods=ONLY,
    )


def test_decorator_goes_innermost_below_the_others() -> None:
    check_transformed(
        """\
        from django.db import transaction
        from rest_framework.decorators import api_view, permission_classes


        @api_view(["POST"])
        @permission_classes([IsAuthenticated])
        def start_cleaning(request, hotel_slug, room_number):
            room = Room.objects.get(hotel__slug=hotel_slug, room_number=room_number)
            room.room_status = "CLEANING_IN_PROGRESS"
            room.save()
        """,
        """\
        from django.db import transaction
        from rest_framework.decorators import api_view, permission_classes


        @api_view(["POST"])
        @permission_classes([IsAuthenticated])
        @transaction.atomic
        def start_cleaning(request, hotel_slug, room_number):
            room = Room.objects.get(hotel__slug=hotel_slug, room_number=room_number)
            room.room_status = "CLEANING_IN_PROGRESS"
            room.save()
        """,
        codemods=ONLY,
    )


def test_handler_with_a_write_outside_its_atomic_block_is_decorated() -> None:
    check_transformed(
        """\
        from django.db import transaction
        from rest_framework.decorators import api_view


        @api_view(["POST"])
        def check_out(request, pk):
            room = Room.objects.get(pk=pk)
            with transaction.atomic():
                room.is_occupied = False
                room.save()
            room.room_status = "CHECKOUT_DIRTY"
            room.save()
        """,
        """\
        from django.db import transaction
        from rest_framework.decorators import api_view


        @api_view(["POST"])
        @transaction.atomic
        def check_out(request, pk):
            room = Room.objects.get(pk=pk)
            with transaction.atomic():
                room.is_occupied = False
                room.save()
            room.room_status = "CHECKOUT_DIRTY"
            room.save()
        """,
        codemods=ONLY,
    )


def test_write_after_the_locking_block_is_not_protected_by_the_lock() -> None:
    check_transformed(
        """\
        from django.db import transaction
        from rest_framework.decorators import api_view


        @api_view(["POST"])
        def check_out(request, pk):
            with transaction.atomic():
                room = Room.objects.select_for_update().get(pk=pk)
                room.is_occupied = False
                room.save()
            room.room_status = "CHECKOUT_DIRTY"
            room.save()
        """,
        """\
        from django.db import transaction
        from rest_framework.decorators import api_view


        @api_view(["POST"])
        @transaction.atomic
        def check_out(request, pk):
            with transaction.atomic():
                room = Room.objects.select_for_update().get(pk=pk)
                room.is_occupied = False
                room.save()
            room.room_status = "CHECKOUT_DIRTY"
            room.save()
        """,
        codemods=ONLY,
    )


# -- the name of atomic -------------------------------------------------------------------------------


def test_transaction_import_is_added_when_missing() -> None:
    check_transformed(
        """\
        from rest_framework.decorators import api_view


        @api_view(["POST"])
        def check_out(request, pk):
            room = Room.objects.get(pk=pk)
            room.is_occupied = False
            room.save()
        """,
        """\
        from django.db import transaction
        from rest_framework.decorators import api_view


        @api_view(["POST"])
        @transaction.atomic
        def check_out(request, pk):
            room = Room.objects.get(pk=pk)
            room.is_occupied = False
            room.save()
        """,
        codemods=ONLY,
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param("from django.db import models", "from django.db import models, transaction", id="sorted"),
        pytest.param(
            "from django.db import IntegrityError, models",
            "from django.db import IntegrityError, models, transaction",
            id="isort-order-by-type",
        ),
        # Names that were not in isort's order keep the order AddImportsVisitor gives them.
        pytest.param(
            "from django.db import models, connection",
            "from django.db import transaction, models, connection",
            id="unsorted-left-alone",
        ),
    ],
)
def test_transaction_merged_into_an_existing_import_goes_where_isort_puts_it(before: str, after: str) -> None:
    body = "\nfrom rest_framework.decorators import api_view\n\n\n@api_view([\"POST\"])\ndef check_out(request, pk):\n    room = Room.objects.get(pk=pk)\n    room.is_occupied = False\n"
    result = run_source(f"{before}{body}", codemods=ONLY)
    assert result.new_source is not None
    assert result.new_source.splitlines()[0] == after


def test_imported_atomic_is_reused() -> None:
    check_transformed(
        """\
        from django.db.transaction import atomic
        from rest_framework.decorators import api_view


        @api_view(["POST"])
        def check_out(request, pk):
            room = Room.objects.get(pk=pk)
            room.is_occupied = False
            room.save()
        """,
        """\
        from django.db.transaction import atomic
        from rest_framework.decorators import api_view


        @api_view(["POST"])
        @atomic
        def check_out(request, pk):
            room = Room.objects.get(pk=pk)
            room.is_occupied = False
            room.save()
        """,
        codemods=ONLY,
    )


def test_aliased_transaction_is_reused() -> None:
    check_transformed(
        """\
        from django.db import transaction as tx
        from rest_framework.decorators import api_view


        @api_view(["POST"])
        def check_out(request, pk):
            room = Room.objects.get(pk=pk)
            room.is_occupied = False
            room.save()
        """,
        """\
        from django.db import transaction as tx
        from rest_framework.decorators import api_view


        @api_view(["POST"])
        @tx.atomic
        def check_out(request, pk):
            room = Room.objects.get(pk=pk)
            room.is_occupied = False
            room.save()
        """,
        codemods=ONLY,
    )


def test_transaction_name_taken_by_another_import_gives_db_transaction() -> None:
    check_transformed(
        """\
        from rest_framework.decorators import api_view

        from payments import transaction


        @api_view(["POST"])
        def check_out(request, pk):
            room = Room.objects.get(pk=pk)
            room.is_occupied = False
            room.save()
            transaction.refund(pk)
        """,
        """\
        from django.db import transaction as db_transaction
        from rest_framework.decorators import api_view

        from payments import transaction


        @api_view(["POST"])
        @db_transaction.atomic
        def check_out(request, pk):
            room = Room.objects.get(pk=pk)
            room.is_occupied = False
            room.save()
            transaction.refund(pk)
        """,
        codemods=ONLY,
    )


# -- review notes ----------------------------------------------------------------------------------


def test_event_and_external_calls_move_into_on_commit() -> None:
    # Atomic now: a push or an HTTP call inline would go out before the commit, hold the row
    # lock during a network call, and be sent for work that rolls back. Each runs once the
    # transaction commits, with copies of the values it was given (a later delete() of the
    # instance does not reach the payload).
    result = check_transformed(
        """\
        import requests
        from django.db import transaction
        from rest_framework.decorators import api_view


        @api_view(["POST"])
        def check_out(request, pk):
            room = Room.objects.get(pk=pk)
            room.is_occupied = False
            room.save()
            notification_manager.room_updated(room)
            requests.post("https://hooks.example.com/checkout", json={"room": pk})
            sent = requests.post("https://hooks.example.com/audit")
        """,
        """\
        from copy import copy
        from functools import partial

        import requests
        from django.db import transaction
        from rest_framework.decorators import api_view


        @api_view(["POST"])
        @transaction.atomic
        def check_out(request, pk):
            room = Room.objects.get(pk=pk)
            room.is_occupied = False
            room.save()
            transaction.on_commit(partial(notification_manager.room_updated, copy(room)))
            transaction.on_commit(
                partial(requests.post, "https://hooks.example.com/checkout", json={"room": pk})
            )
            sent = requests.post("https://hooks.example.com/audit")
        """,
        codemods=ONLY,
    )
    assert codes(result) == ["atomic-external-call", "moved-to-on-commit"]
    assert "notification_manager.room_updated, requests.post now runs in transaction.on_commit()" in (
        result.notes[1].message
    )
    # The call whose result is used cannot wait for the commit: it stays, with the note.
    assert "calls requests.post outside" in result.notes[0].message


def test_a_handler_that_is_already_atomic_keeps_its_calls_where_they_are() -> None:
    check_noop(
        """\
        from django.db import transaction
        from rest_framework.decorators import api_view


        @api_view(["POST"])
        @transaction.atomic
        def check_out(request, pk):
            room = Room.objects.get(pk=pk)
            room.is_occupied = False
            room.save()
            notification_manager.room_updated(room)
        """,
        codemods=ONLY,
    )


def test_external_calls_inside_on_commit_get_no_note() -> None:
    result = check_transformed(
        """\
        from django.db import transaction
        from rest_framework.decorators import api_view


        @api_view(["POST"])
        def check_out(request, pk):
            room = Room.objects.get(pk=pk)
            room.is_occupied = False
            room.save()
            transaction.on_commit(lambda: notification_manager.room_updated(room))
        """,
        """\
        from django.db import transaction
        from rest_framework.decorators import api_view


        @api_view(["POST"])
        @transaction.atomic
        def check_out(request, pk):
            room = Room.objects.get(pk=pk)
            room.is_occupied = False
            room.save()
            transaction.on_commit(lambda: notification_manager.room_updated(room))
        """,
        codemods=ONLY,
    )
    assert codes(result) == []


# -- together with rewrite-writes ----------------------------------------------------------------------


def test_handler_is_decorated_and_its_writes_rewritten() -> None:
    check_transformed(
        """\
        from django.db import transaction
        from rest_framework.decorators import api_view, permission_classes

        from housekeeping.services import set_room_occupancy_and_status


        @api_view(["POST"])
        @permission_classes([IsAuthenticated])
        def check_out(request, pk):
            room = Room.objects.get(pk=pk)
            room.is_occupied = False
            room.room_status = "CHECKOUT_DIRTY"
            room.save(update_fields=["is_occupied", "room_status"])
            return Response(status=204)
        """,
        """\
        from django.db import transaction
        from rest_framework.decorators import api_view, permission_classes

        from housekeeping.services import set_room_occupancy_and_status


        @api_view(["POST"])
        @permission_classes([IsAuthenticated])
        @transaction.atomic
        def check_out(request, pk):
            room = Room.objects.get(pk=pk)
            set_room_occupancy_and_status(room, is_occupied=False, status="CHECKOUT_DIRTY")
            return Response(status=204)
        """,
    )


def test_handler_that_already_calls_the_writer_is_decorated() -> None:
    check_transformed(
        """\
        from django.db import transaction
        from rest_framework.decorators import api_view

        from housekeeping.services import set_room_occupancy_and_status


        @api_view(["POST"])
        def check_out(request, pk):
            room = Room.objects.get(pk=pk)
            set_room_occupancy_and_status(room, is_occupied=False)
        """,
        """\
        from django.db import transaction
        from rest_framework.decorators import api_view

        from housekeeping.services import set_room_occupancy_and_status


        @api_view(["POST"])
        @transaction.atomic
        def check_out(request, pk):
            room = Room.objects.get(pk=pk)
            set_room_occupancy_and_status(room, is_occupied=False)
        """,
    )


def test_async_handler_keeps_its_writes_and_gets_both_warnings() -> None:
    result = check_noop(
        """\
        from rest_framework.decorators import api_view


        @api_view(["POST"])
        async def check_out(request, pk):
            room = await Room.objects.aget(pk=pk)
            room.is_occupied = False
            await room.asave()
        """,
    )
    assert codes(result) == ["async-function", "async-handler"]


# -- writes in helper methods of the handler's own class -------------------------------------------


def test_handler_whose_write_sits_in_a_helper_method_it_calls_is_decorated() -> None:
    check_transformed(
        """\
        from rest_framework.views import APIView


        class CheckOutView(APIView):
            def post(self, request, pk):
                room = Room.objects.get(pk=pk)
                self._apply(room)
                return Response(status=204)

            def _apply(self, room):
                room.is_occupied = False
                room.save()
        """,
        """\
        from django.db import transaction
        from rest_framework.views import APIView


        class CheckOutView(APIView):
            @transaction.atomic
            def post(self, request, pk):
                room = Room.objects.get(pk=pk)
                self._apply(room)
                return Response(status=204)

            def _apply(self, room):
                room.is_occupied = False
                room.save()
        """,
        codemods=ONLY,
    )


def test_helper_methods_are_followed_through_each_other() -> None:
    check_transformed(
        """\
        from rest_framework.views import APIView


        class CheckOutView(APIView):
            def delete(self, request, pk):
                self._prepare(pk)

            def _prepare(self, pk):
                self._release(Room.objects.get(pk=pk))

            def _release(self, room):
                room.room_status = "CHECKOUT_DIRTY"
                room.save()
        """,
        """\
        from django.db import transaction
        from rest_framework.views import APIView


        class CheckOutView(APIView):
            @transaction.atomic
            def delete(self, request, pk):
                self._prepare(pk)

            def _prepare(self, pk):
                self._release(Room.objects.get(pk=pk))

            def _release(self, room):
                room.room_status = "CHECKOUT_DIRTY"
                room.save()
        """,
        codemods=ONLY,
    )


@pytest.mark.parametrize(
    "helper",
    [
        pytest.param(
            """\
            @transaction.atomic
            def _apply(self, room):
                room.is_occupied = False
                room.save()
            """,
            id="atomic-helper",
        ),
        pytest.param(
            """\
            def _apply(self, room):
                with transaction.atomic():
                    room.is_occupied = False
                    room.save()
            """,
            id="helper-writes-in-an-atomic-block",
        ),
        pytest.param(
            """\
            def _apply(self, room):
                return room.is_occupied
            """,
            id="helper-only-reads",
        ),
    ],
)
def test_handler_whose_helper_protects_or_does_not_write_is_untouched(helper: str) -> None:
    body = "\n".join("    " + line if line else line for line in __import__("textwrap").dedent(helper).splitlines())
    check_noop(
        "from django.db import transaction\n"
        "from rest_framework.views import APIView\n\n\n"
        "class CheckOutView(APIView):\n"
        "    def post(self, request, pk):\n"
        "        self._apply(Room.objects.get(pk=pk))\n\n"
        f"{body}\n",
        codemods=ONLY,
    )


def test_a_method_of_another_object_is_not_a_helper() -> None:
    check_noop(
        """\
        from rest_framework.views import APIView


        class CheckOutView(APIView):
            def post(self, request, pk):
                self.service._apply(pk)
                other._apply(pk)

            def _apply(self, room):
                room.is_occupied = False
                room.save()
        """,
        codemods=ONLY,
    )
