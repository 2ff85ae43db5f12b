"""core/layout.py: black's layout of the statements the rewrite builds, one rule at a time, each
shown where it changes the code (79 columns) and where it leaves it on one line (120); then the
same statements compared with black itself, at 79, 88 and 120 columns and three depths."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from room_refactor.core.layout import Place, flatten, has_magic_comma, layout_statement


class _LayOut(cst.CSTTransformer):
    """Lays out every statement directly in the function's body (4 columns in)."""

    def __init__(self, length: int) -> None:
        super().__init__()
        self.length = length
        self.depth = 0

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self.depth += 1

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock) -> cst.IndentedBlock:
        self.depth -= 1
        return updated_node

    def _lay_out(self, node: cst.CSTNode) -> cst.CSTNode:
        if self.depth != 1:
            return node
        return layout_statement(node, Place(block=4, line_length=self.length))

    def leave_SimpleStatementLine(self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine) -> cst.CSTNode:
        return self._lay_out(updated_node)

    def leave_For(self, original_node: cst.For, updated_node: cst.For) -> cst.CSTNode:
        return self._lay_out(updated_node)


def lay_out(source: str, length: int) -> str:
    return cst.parse_module(textwrap.dedent(source)).visit(_LayOut(length)).code


def check(before: str, after: str, *, length: int) -> None:
    expected = textwrap.dedent(after)
    compile(expected, "<after>", "exec")
    assert lay_out(before, length) == expected


def check_same(source: str, *, length: int) -> None:
    assert lay_out(source, length) == textwrap.dedent(source)


# -- a call that does not fit --------------------------------------------------------------------

ON_COMMIT = """\
def f(room):
    transaction.on_commit(partial(notification_manager.realtime_room_updated, copy(room)))
"""


def test_a_call_that_fits_stays_on_one_line() -> None:
    check_same(ON_COMMIT, length=120)


def test_a_call_that_fits_exactly_stays_on_one_line() -> None:
    width = max(len(line) for line in ON_COMMIT.splitlines())
    check_same(ON_COMMIT, length=width)
    assert lay_out(ON_COMMIT, width - 1) != ON_COMMIT


def test_the_arguments_are_hugged_on_one_indented_line() -> None:
    check(
        ON_COMMIT,
        """\
        def f(room):
            transaction.on_commit(
                partial(notification_manager.realtime_room_updated, copy(room))
            )
        """,
        length=79,
    )


def test_a_lone_argument_that_does_not_fit_is_split_again() -> None:
    check(
        """\
        def f(booking):
            transaction.on_commit(partial(notification_manager.realtime_booking_checked_in, copy(booking)))
        """,
        """\
        def f(booking):
            transaction.on_commit(
                partial(
                    notification_manager.realtime_booking_checked_in, copy(booking)
                )
            )
        """,
        length=79,
    )


def test_arguments_that_do_not_fit_go_one_per_line_with_a_trailing_comma() -> None:
    source = """\
        def f(room, request):
            transaction.on_commit(partial(notification_manager.realtime_room_updated, copy(room), actor=copy(request.user)))
        """
    check(
        source,
        """\
        def f(room, request):
            transaction.on_commit(
                partial(
                    notification_manager.realtime_room_updated,
                    copy(room),
                    actor=copy(request.user),
                )
            )
        """,
        length=79,
    )
    check_same(source, length=120)


def test_a_line_that_was_wrapped_is_joined_before_it_is_laid_out() -> None:
    check(
        """\
        def f(room):
            transaction.on_commit(partial(notification_manager.realtime_room_updated,
                                          copy(room)))
        """,
        """\
        def f(room):
            transaction.on_commit(partial(notification_manager.realtime_room_updated, copy(room)))
        """,
        length=120,
    )


def test_a_magic_trailing_comma_keeps_its_call_exploded() -> None:
    check(
        """\
        def f(room):
            transaction.on_commit(partial(notify, copy(room),))
        """,
        """\
        def f(room):
            transaction.on_commit(
                partial(
                    notify,
                    copy(room),
                )
            )
        """,
        length=120,
    )


def test_a_one_tuple_comma_is_not_a_magic_trailing_comma() -> None:
    assert not has_magic_comma(cst.parse_expression('qs.select_for_update(of=("self",))'))
    assert has_magic_comma(cst.parse_expression('qs.select_for_update(of=("self", "hotel",))'))


def test_a_list_that_must_be_split_goes_one_element_per_line() -> None:
    source = """\
        def f(room):
            transaction.on_commit(partial(notify, copy(room), fields=["is_occupied", "room_status", "updated_at"]))
        """
    check(
        source,
        """\
        def f(room):
            transaction.on_commit(
                partial(
                    notify,
                    copy(room),
                    fields=["is_occupied", "room_status", "updated_at"],
                )
            )
        """,
        length=79,
    )
    check(
        source,
        """\
        def f(room):
            transaction.on_commit(
                partial(
                    notify,
                    copy(room),
                    fields=[
                        "is_occupied",
                        "room_status",
                        "updated_at",
                    ],
                )
            )
        """,
        length=40,
    )


# -- a method chain ------------------------------------------------------------------------------

LOOP = """\
def f(hotel, floor):
    for room in Room.objects.filter(hotel=hotel, room_number__startswith=floor).select_for_update(of=("self",)).order_by("pk"):
        pass
"""


def test_a_loop_over_a_chain_that_fits_stays_on_one_line() -> None:
    check_same(LOOP, length=140)


def test_a_chain_in_a_loop_is_parenthesised_and_split_before_each_call() -> None:
    # black's invisible parentheses around the iterable become real; the chain is split only
    # when it does not fit in them, and `Room.objects.filter` stays together (a dot after a
    # name is no delimiter)
    expected = """\
        def f(hotel, floor):
            for room in (
                Room.objects.filter(hotel=hotel, room_number__startswith=floor)
                .select_for_update(of=("self",))
                .order_by("pk")
            ):
                pass
        """
    check(LOOP, expected, length=79)
    check(
        LOOP,
        """\
        def f(hotel, floor):
            for room in (
                Room.objects.filter(hotel=hotel, room_number__startswith=floor).select_for_update(of=("self",)).order_by("pk")
            ):
                pass
        """,
        length=120,
    )


def test_a_segment_that_does_not_fit_is_split_at_its_own_call() -> None:
    check(
        """\
        def f(hotel, floor):
            for room in Room.objects.filter(hotel=hotel, room_number__startswith=floor, is_occupied=False).select_for_update(of=("self",)).order_by("pk"):
                pass
        """,
        """\
        def f(hotel, floor):
            for room in (
                Room.objects.filter(
                    hotel=hotel, room_number__startswith=floor, is_occupied=False
                )
                .select_for_update(of=("self",))
                .order_by("pk")
            ):
                pass
        """,
        length=79,
    )


def test_a_chain_inside_a_call_keeps_the_calls_brackets() -> None:
    source = """\
        def f(self, ids):
            rooms = list(self.get_queryset().filter(pk__in=ids).select_for_update(of=("self",)).order_by("pk"))
        """
    check(
        source,
        """\
        def f(self, ids):
            rooms = list(
                self.get_queryset()
                .filter(pk__in=ids)
                .select_for_update(of=("self",))
                .order_by("pk")
            )
        """,
        length=79,
    )
    check(
        source,
        """\
        def f(self, ids):
            rooms = list(
                self.get_queryset().filter(pk__in=ids).select_for_update(of=("self",)).order_by("pk")
            )
        """,
        length=100,
    )
    check_same(source, length=120)


def test_an_assigned_chain_is_parenthesised() -> None:
    check(
        """\
        def f(hotel):
            rooms = Room.objects.filter(hotel=hotel).select_for_update(of=("self",)).order_by("pk")
        """,
        """\
        def f(hotel):
            rooms = (
                Room.objects.filter(hotel=hotel)
                .select_for_update(of=("self",))
                .order_by("pk")
            )
        """,
        length=79,
    )


def test_a_chain_exploded_before_gets_its_new_calls_on_lines_of_their_own() -> None:
    check(
        """\
        def f(self, ids):
            rooms = list(
                self.get_queryset()
                .filter(pk__in=ids)
                .exclude(guests_in_room__isnull=False).select_for_update(of=("self",)).order_by("pk")
            )
        """,
        """\
        def f(self, ids):
            rooms = list(
                self.get_queryset()
                .filter(pk__in=ids)
                .exclude(guests_in_room__isnull=False)
                .select_for_update(of=("self",))
                .order_by("pk")
            )
        """,
        length=79,
    )


def test_the_loops_trailing_comment_counts() -> None:
    source = """\
        def f(hotel):
            for room in Room.objects.filter(hotel=hotel).select_for_update(of=("self",)).order_by("pk"):  # the hotel's
                pass
        """
    check_same(source, length=120)
    check(
        source,
        """\
        def f(hotel):
            for room in (
                Room.objects.filter(hotel=hotel).select_for_update(of=("self",)).order_by("pk")
            ):  # the hotel's
                pass
        """,
        length=110,
    )


# -- what is left alone --------------------------------------------------------------------------


def test_a_comment_inside_the_brackets_leaves_the_statement_as_it_is() -> None:
    check_same(
        """\
        def f(room):
            transaction.on_commit(partial(notification_manager.realtime_room_updated,  # the tablets
                                          copy(room)))
        """,
        length=79,
    )
    assert flatten(cst.parse_expression("f(\n    a,  # why\n)")) is None


def test_an_expression_with_operators_is_left_as_it_is() -> None:
    check_same(
        """\
        def f(room):
            total = room.hotel.rooms.filter(is_occupied=True).count() + room.hotel.rooms.filter(is_occupied=False).count()
        """,
        length=79,
    )


def test_a_line_of_several_statements_is_left_as_it_is() -> None:
    check_same(
        """\
        def f(room):
            transaction.on_commit(partial(notification_manager.realtime_room_updated, copy(room))); x = 1
        """,
        length=79,
    )


# -- black itself ---------------------------------------------------------------------------------

SHAPES = [
    "transaction.on_commit(partial(notification_manager.realtime_booking_checked_in, copy(booking)))",
    "transaction.on_commit(partial(notification_manager.realtime_room_updated, copy(room)))",
    'transaction.on_commit(partial(notify_room, copy(room), reason=copy(request.data.get("reason")), actor=copy(request.user)))',
    "transaction.on_commit(partial(emit_room_status_changed_for_the_whole_hotel_and_every_floor, copy(room)))",
    'transaction.on_commit(partial(notify, copy(room.hotel.rooms.filter(floor=room.floor).exclude(pk=room.pk).order_by("n"))))',
    'transaction.on_commit(partial(notify, copy(room), fields=["is_occupied", "room_status", "updated_at", "hotel", "floor"]))',
    "transaction.on_commit(partial(notification_manager.realtime_room_updated, copy(room),))",
    'transaction.on_commit(partial(notify, copy(Room.objects.filter(pk=room.pk).select_related("hotel").first())))',
    "transaction.on_commit(partial(notification_manager.realtime_room_updated, copy(room)))  # tell the tablets",
    "on_commit(partial(notify, copy(room)))",
    'for room in Room.objects.filter(hotel=hotel, room_number__startswith=floor, is_occupied=False).select_for_update(of=("self",)).order_by("pk"):\n    pass',
    'for room in Room.objects.filter(\n    hotel=hotel, room_number__startswith=floor, is_occupied=False\n).select_for_update(of=("self",)).order_by("pk"):\n    pass',
    'for room in Room.objects.filter(is_occupied=False).select_for_update(of=("self",)).order_by("pk"):\n    pass',
    'for room in list(Room.objects.filter(hotel=hotel, room_number__startswith=floor).select_for_update(of=("self",)).order_by("pk")):\n    pass',
    'for number, room in Room.objects.filter(hotel=hotel, room_number__startswith=floor).select_for_update(of=("self",)).order_by("pk"):\n    pass',
    'for room in Room.objects.filter(hotel=hotel).exclude(guests__isnull=False).select_for_update(of=("self",)).order_by("pk"):  # the floor\n    pass',
    'rooms = list(self.get_queryset().filter(pk__in=ids).exclude(guests_in_room__isnull=False).select_for_update(of=("self",)).order_by("pk"))',
    'rooms = list(\n    self.get_queryset()\n    .filter(pk__in=ids)\n    .exclude(guests_in_room__isnull=False).select_for_update(of=("self",)).order_by("pk")\n)',
    'rooms = self.get_queryset().filter(pk__in=ids).exclude(guests_in_room__isnull=False).select_for_update(of=("self",)).order_by("pk")',
    'rooms = Room.objects.filter(hotel__slug=slug, room_status__in=["CLEANED_UNINSPECTED", "CLEANING_IN_PROGRESS"]).select_for_update(of=("self",)).order_by("pk")',
    'self.rooms = list(Room.objects.filter(hotel=hotel).select_for_update(of=("self",)).order_by("pk"))',
    'rooms = Room.objects.filter(hotel__slug=slug).select_for_update(of=("self",)).order_by("pk")  # every room, locked',
    'return list(Room.objects.filter(hotel__slug=slug, is_occupied=False, room_status="READY").select_for_update(of=("self",)).order_by("pk"))',
]


@pytest.mark.parametrize("depth", [1, 2, 3])
@pytest.mark.parametrize("length", [79, 88, 120])
@pytest.mark.parametrize("shape", SHAPES)
def test_the_layout_is_blacks(shape: str, length: int, depth: int) -> None:
    black = pytest.importorskip("black")
    source = shape
    for _ in range(depth):
        source = "def f():\n" + textwrap.indent(source, "    ")
    source += "\n"

    class Inner(_LayOut):
        def _lay_out(self, node: cst.CSTNode) -> cst.CSTNode:
            if self.depth != depth:
                return node
            return layout_statement(node, Place(block=4 * depth, line_length=self.length))

    ours = cst.parse_module(source).visit(Inner(length)).code
    assert ours == black.format_str(source, mode=black.Mode(line_length=length))


@pytest.mark.parametrize(
    "expression",
    [
        "set_room_occupancy_and_status(room, is_occupied=True, room_status=Room.Status.CLEANING, changed_by=request.user)",
        "f(a,)",
        "f(a, )",
        "f(a, b=[1, 2, ],)",
        "f(', )', x)",
        "Room.objects.filter(hotel=hotel, number__startswith=floor).select_for_update(of=('self',)).order_by('pk')",
    ],
)
@pytest.mark.parametrize("length", [40, 79])
def test_a_value_on_one_line_is_laid_out_as_its_flattened_tree_is(expression: str, length: int) -> None:
    """layout_value takes a value with no line break and no space after a trailing comma as it
    is, without flattening its tree: the same layout as from the flattened tree."""
    from room_refactor.core.layout import _Layout, layout_value

    node = cst.parse_expression(expression)
    place = Place(block=4, line_length=length)
    flat = flatten(node)
    assert flat is not None
    expected = _Layout(place).line(flat, "", 0, 0, inside=False, optional_parens=False)
    module = cst.Module(body=[])
    assert module.code_for_node(layout_value(node, place, before=0, optional_parens=False)) == module.code_for_node(expected)
