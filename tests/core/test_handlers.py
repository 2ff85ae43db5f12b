"""View handlers: which functions are mutating view handlers, their HTTP methods and kind, and
whether each one that writes room state does so inside a transaction.

A handler is reported (in `Analysis.handlers`) only when it mutates and writes; every write
site inside a handler carries a reference to it, mutating or not.
"""

from __future__ import annotations

import pytest

from tests.core.tools import analyze


def handlers(source: str, **options: object) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(h.name, h.kind.value, h.methods) for h in analyze(source, **options).handlers]


def site_handlers(source: str, **options: object) -> list[tuple[str, str, tuple[str, ...]] | None]:
    return [
        (s.handler.name, s.handler.kind.value, s.handler.methods) if s.handler is not None else None
        for s in analyze(source, **options).sites
    ]


CLASS_VIEWS = """\
    from django.views import View
    from django.views.generic import UpdateView
    from rest_framework.views import APIView

    class RoomView(APIView):
        def post(self, request, room):
            room.is_occupied = True

        def put(self, request, room):
            room.is_occupied = True

        def patch(self, request, room):
            room.is_occupied = True

        def delete(self, request, room):
            room.is_occupied = True

    class PlainView(View):
        def post(self, request, room):
            room.is_occupied = True

    class EditView(UpdateView):
        def post(self, request, room):
            room.is_occupied = True
    """

VIEWSET = """\
    from rest_framework import viewsets

    class RoomViewSet(viewsets.ModelViewSet):
        def create(self, request):
            self.room.is_occupied = True

        def update(self, request, pk=None):
            self.room.is_occupied = True

        def partial_update(self, request, pk=None):
            self.room.is_occupied = True

        def destroy(self, request, pk=None):
            self.room.is_occupied = True
    """

DECORATED = """\
    from django.views.decorators.http import require_http_methods, require_POST
    from rest_framework import viewsets
    from rest_framework.decorators import action, api_view

    @api_view(["POST"])
    def start_cleaning(request, room):
        room.room_status = "CLEANING"

    @api_view(http_method_names=["put", "patch"])
    def override(request, room):
        room.room_status = "OUT_OF_ORDER"

    @require_POST
    def approve(request, room):
        room.room_status = "READY"

    @require_http_methods(["POST", "PUT"])
    def report(request, room):
        room.room_status = "OUT_OF_ORDER"

    class RoomViewSet(viewsets.GenericViewSet):
        @action(detail=False, methods=["post"], url_path="bulk-destroy")
        def bulk_destroy(self, request, room):
            room.is_occupied = False

        @action(detail=True, methods=["delete"])
        def evict(self, request, room, pk=None):
            room.is_occupied = False
    """


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            CLASS_VIEWS,
            [
                ("RoomView.post", "class-view", ("POST",)),
                ("RoomView.put", "class-view", ("PUT",)),
                ("RoomView.patch", "class-view", ("PATCH",)),
                ("RoomView.delete", "class-view", ("DELETE",)),
                ("PlainView.post", "class-view", ("POST",)),
                ("EditView.post", "class-view", ("POST",)),
            ],
            id="class-based-views",
        ),
        pytest.param(
            VIEWSET,
            [
                ("RoomViewSet.create", "viewset-action", ("POST",)),
                ("RoomViewSet.update", "viewset-action", ("PUT",)),
                ("RoomViewSet.partial_update", "viewset-action", ("PATCH",)),
                ("RoomViewSet.destroy", "viewset-action", ("DELETE",)),
            ],
            id="viewset-actions",
        ),
        pytest.param(
            DECORATED,
            [
                ("start_cleaning", "api_view", ("POST",)),
                ("override", "api_view", ("PUT", "PATCH")),
                ("approve", "require_http_methods", ("POST",)),
                ("report", "require_http_methods", ("POST", "PUT")),
                ("RoomViewSet.bulk_destroy", "action", ("POST",)),
                ("RoomViewSet.evict", "action", ("DELETE",)),
            ],
            id="decorated-functions-and-actions",
        ),
    ],
)
def test_mutating_handlers(source: str, expected: list[tuple[str, str, tuple[str, ...]]]) -> None:
    assert handlers(source) == expected


def test_a_subclass_of_a_local_view_is_a_view() -> None:
    source = """\
        from rest_framework.views import APIView

        class BaseRoomView(APIView):
            pass

        class CheckInView(BaseRoomView):
            def post(self, request, room):
                room.is_occupied = True
        """
    assert handlers(source) == [("CheckInView.post", "class-view", ("POST",))]


def test_decorated_through_aliases_and_modules() -> None:
    source = """\
        from django.views.decorators import http
        from rest_framework import decorators as drf

        @drf.api_view(["POST"])
        def a(request, room):
            room.is_occupied = True

        @http.require_POST
        def b(request, room):
            room.is_occupied = True
        """
    assert handlers(source) == [("a", "api_view", ("POST",)), ("b", "require_http_methods", ("POST",))]


# -- what is not a mutating handler ------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """\
            from rest_framework.views import APIView

            class BoardView(APIView):
                def get(self, request, room):
                    room.is_occupied = True

                def _helper(self, room):
                    room.is_occupied = True
            """,
            id="get-and-helper-methods",
        ),
        pytest.param(
            """\
            from rest_framework import viewsets

            class RoomViewSet(viewsets.ModelViewSet):
                def list(self, request):
                    self.room.is_occupied = True

                def retrieve(self, request, pk=None):
                    self.room.is_occupied = True

                def perform_create(self, serializer):
                    self.room.is_occupied = True
            """,
            id="read-only-viewset-actions-and-hooks",
        ),
        pytest.param(
            """\
            from rest_framework import viewsets
            from rest_framework.decorators import action

            class RoomViewSet(viewsets.ViewSet):
                @action(detail=True)
                def history(self, request, room, pk=None):
                    room.is_occupied = True

                @action(detail=True, methods=["get", "head"])
                def status(self, request, room, pk=None):
                    room.is_occupied = True
            """,
            id="action-default-get-and-explicit-get",
        ),
        pytest.param(
            """\
            from django.views.decorators.http import require_GET, require_http_methods, require_safe
            from rest_framework.decorators import api_view

            @api_view()
            def a(request, room):
                room.is_occupied = True

            @api_view
            def b(request, room):
                room.is_occupied = True

            @api_view(["GET"])
            def c(request, room):
                room.is_occupied = True

            @require_GET
            def d(request, room):
                room.is_occupied = True

            @require_safe
            def e(request, room):
                room.is_occupied = True

            @require_http_methods(["GET", "HEAD"])
            def f(request, room):
                room.is_occupied = True
            """,
            id="get-only-decorated-functions",
        ),
        pytest.param(
            """\
            from django.db import models

            class Guest(models.Model):
                def delete(self, *args, **kwargs):
                    self.room.is_occupied = False
                    return super().delete(*args, **kwargs)

                def save(self, *args, **kwargs):
                    self.room.is_occupied = True
            """,
            id="delete-and-save-on-a-model",
        ),
        pytest.param(
            """\
            class CheckoutService:
                def post(self, room):
                    room.is_occupied = False

            def post(request, room):
                room.is_occupied = False

            def create(request, room):
                room.is_occupied = False
            """,
            id="plain-functions-and-classes-named-like-handlers",
        ),
        pytest.param(
            """\
            from mylib import api_view, require_POST

            @api_view(["POST"])
            def a(request, room):
                room.is_occupied = True

            @require_POST
            def b(request, room):
                room.is_occupied = True
            """,
            id="decorators-that-are-not-drf-or-django",
        ),
        pytest.param(
            """\
            from rest_framework.views import APIView

            class CheckInView(APIView):
                def post(self, request, room):
                    room.is_occupied = True  # room-refactor: ignore
                    return room.room_status
            """,
            id="a-handler-whose-only-write-is-ignored",
        ),
        pytest.param(
            """\
            from rest_framework.views import APIView

            class CheckInView(APIView):
                def post(self, request, room):
                    return room.is_occupied
            """,
            id="a-handler-that-only-reads",
        ),
    ],
)
def test_not_a_reported_handler(source: str) -> None:
    assert handlers(source) == []


def test_sites_in_non_mutating_handlers_still_name_them() -> None:
    source = """\
        from rest_framework.views import APIView

        class BoardView(APIView):
            def get(self, request, room):
                room.is_occupied = True
        """
    assert site_handlers(source) == [("get", "class-view", ("GET",))]


def test_site_handler_is_the_nearest_enclosing_handler() -> None:
    source = """\
        from rest_framework.decorators import api_view

        @api_view(["POST"])
        def start_cleaning(request, room):
            def mark():
                room.room_status = "CLEANING"
            mark()

        def helper(room):
            room.room_status = "CLEANING"
        """
    assert site_handlers(source) == [("start_cleaning", "api_view", ("POST",)), None]
    assert [(h.name, h.writes) for h in analyze(source).handlers] == [("start_cleaning", 1)]


# -- view-methods -----------------------------------------------------------------------------------


def test_view_methods_setting_shrinks_the_set() -> None:
    table = {"view-methods": ["post"]}
    assert handlers(CLASS_VIEWS, **table) == [
        ("RoomView.post", "class-view", ("POST",)),
        ("PlainView.post", "class-view", ("POST",)),
        ("EditView.post", "class-view", ("POST",)),
    ]
    assert handlers(VIEWSET, **table) == []
    assert handlers(DECORATED, **table) == [
        ("start_cleaning", "api_view", ("POST",)),
        ("approve", "require_http_methods", ("POST",)),
        ("report", "require_http_methods", ("POST", "PUT")),
        ("RoomViewSet.bulk_destroy", "action", ("POST",)),
    ]


def test_view_methods_setting_can_name_a_custom_method() -> None:
    source = """\
        from rest_framework.views import APIView

        class RoomView(APIView):
            def archive(self, request, room):
                room.is_occupied = False
        """
    assert handlers(source) == []
    assert handlers(source, **{"view-methods": ["post", "archive"]}) == [("RoomView.archive", "class-view", ("ARCHIVE",))]


# -- protected and writes ---------------------------------------------------------------------------


def protected_writes(source: str, **options: object) -> list[tuple[str, bool, int]]:
    return [(h.name, h.protected, h.writes) for h in analyze(source, **options).handlers]


def test_protected_and_writes() -> None:
    source = """\
        from django.db import transaction
        from django.utils.decorators import method_decorator
        from rest_framework.decorators import api_view
        from rest_framework.views import APIView

        @api_view(["POST"])
        def bare(request, room):
            room.is_occupied = True
            room.room_status = "OCCUPIED"
            Room.objects.filter(pk=1).update(room_status="x")

        @api_view(["POST"])
        @transaction.atomic
        def decorated(request, room):
            room.is_occupied = True

        @api_view(["POST"])
        def all_in_a_block(request, room):
            with transaction.atomic():
                room.is_occupied = True
                room.room_status = "OCCUPIED"

        @api_view(["POST"])
        def half_in_a_block(request, room):
            with transaction.atomic():
                room.is_occupied = True
            room.room_status = "OCCUPIED"

        @api_view(["POST"])
        def locked(request, pk):
            room = Room.objects.select_for_update().get(pk=pk)
            room.is_occupied = True

        @api_view(["POST"])
        def ignored_write_is_not_counted(request, room):
            room.is_occupied = True
            room.room_status = "x"  # room-refactor: ignore

        @method_decorator(transaction.atomic, name="dispatch")
        class OutOfOrderView(APIView):
            def post(self, request, room):
                room.room_status = "OUT_OF_ORDER"
        """
    assert protected_writes(source) == [
        ("bare", False, 3),
        ("decorated", True, 1),
        ("all_in_a_block", True, 2),
        ("half_in_a_block", False, 2),
        ("locked", False, 1),  # a row lock is no transaction: Django refuses it outside one
        ("ignored_write_is_not_counted", False, 1),
        ("OutOfOrderView.post", True, 1),
    ]


def test_writer_calls_count_as_writes() -> None:
    source = """\
        from django.db import transaction
        from housekeeping.services import set_room_occupancy_and_status
        from rest_framework.decorators import api_view

        @api_view(["POST"])
        def check_in(request, room):
            set_room_occupancy_and_status(room, is_occupied=True, status="OCCUPIED")

        @api_view(["POST"])
        @transaction.atomic
        def check_in_atomic(request, room):
            set_room_occupancy_and_status(room, is_occupied=True, status="OCCUPIED")
            room.is_occupied = True

        @api_view(["POST"])
        def check_in_block(request, room):
            with transaction.atomic():
                set_room_occupancy_and_status(room, is_occupied=True, status="OCCUPIED")

        @api_view(["POST"])
        def status_only(request, room):
            set_room_status(room, "OCCUPIED")
        """
    assert protected_writes(source) == [
        ("check_in", False, 1),
        ("check_in_atomic", True, 2),
        ("check_in_block", True, 1),
    ]


def test_writer_calls_resolve_by_qualified_name() -> None:
    source = """\
        import housekeeping.services as hs
        from rest_framework.decorators import api_view
        from elsewhere import set_room_occupancy_and_status

        @api_view(["POST"])
        def a(request, room):
            hs.set_room_occupancy_and_status(room, is_occupied=True, status="OCCUPIED")

        @api_view(["POST"])
        def b(request, room):
            set_room_occupancy_and_status(room, is_occupied=True, status="OCCUPIED")
        """
    assert protected_writes(source) == [("a", False, 1)]


def test_handler_line_is_the_def_line_after_decorators() -> None:
    source = """\
        from rest_framework.decorators import api_view, permission_classes

        @api_view(["POST"])
        @permission_classes([])
        def start_cleaning(request, room):
            room.room_status = "CLEANING"
        """
    assert [(h.path, h.line) for h in analyze(source, path="rooms/views.py").handlers] == [("rooms/views.py", 5)]


def test_async_handlers_are_marked() -> None:
    source = """\
        from django.views import View

        class CheckInView(View):
            async def post(self, request, room):
                room.is_occupied = True
        """
    assert [(h.name, h.is_async) for h in analyze(source).handlers] == [("CheckInView.post", True)]
