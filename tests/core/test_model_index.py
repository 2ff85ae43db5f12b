"""The model index: what a Django engineer knows about the project's models before reading a
write. Each test is a small project of inline modules (`tests/core/project.py`)."""

from __future__ import annotations

import textwrap

import pytest

from room_refactor.config import Config
from room_refactor.core.model_index import Relation, Selection, learnt_names

from tests.core.project import MODELS, project_index

ROOM = "rooms.models.Room"


def test_targets_relations_managers_and_table() -> None:
    index = project_index({"rooms/models.py": MODELS})
    assert index.targets == {ROOM}
    assert index.relation(ROOM, "building") == Relation("rooms.models.Building", many=False)
    assert index.relation("rooms.models.Building", "rooms") == Relation(ROOM, many=True, reverse=True)
    assert index.relation(ROOM, "booking_set") == Relation("rooms.models.Booking", many=True, reverse=True)
    assert index.relation("rooms.models.Booking", "key") == Relation("rooms.models.Key", many=False, reverse=True)
    assert index.managers == {"rooms.models.RoomQuerySet": ROOM}
    assert index.db_tables == {ROOM: "hotel_rooms"}
    assert index.other_owners == {"is_occupied": ("rooms.models.MeetingRoom",)}


def test_default_table_and_string_relations_across_apps() -> None:
    index = project_index(
        {
            "rooms/models.py": """\
                from django.db import models


                class Room(models.Model):
                    is_occupied = models.BooleanField()
                    room_status = models.CharField(max_length=20)
                """,
            "bookings/models.py": """\
                from django.db import models


                class Stay(models.Model):
                    suite = models.ForeignKey("rooms.Room", on_delete=models.CASCADE, related_name="+")
                    previous = models.ForeignKey("rooms.Room", on_delete=models.SET_NULL, null=True, related_name="%(class)s_before")
                    unit = models.OneToOneField("rooms.Room", on_delete=models.CASCADE)
                """,
        }
    )
    assert index.db_tables == {ROOM: "rooms_room"}
    assert index.relation("bookings.models.Stay", "suite") == Relation(ROOM, many=False)
    assert index.relation(ROOM, "stay_before") == Relation("bookings.models.Stay", many=True, reverse=True)
    assert index.relation(ROOM, "stay") == Relation("bookings.models.Stay", many=False, reverse=True)
    assert "stay_set" not in index.relations.get(ROOM, {})  # related_name="+" has no accessor


@pytest.mark.parametrize(
    "models, targets, bases",
    [
        pytest.param(
            """\
            class OccupancyMixin(models.Model):
                is_occupied = models.BooleanField()
                room_status = models.CharField(max_length=20)

                class Meta:
                    abstract = True


            class Room(OccupancyMixin):
                pass


            class Cabin(OccupancyMixin):
                pass
            """,
            {ROOM, "rooms.models.Cabin"},
            {"rooms.models.OccupancyMixin"},
            id="fields-on-an-abstract-base-every-concrete-child-is-the-model",
        ),
        pytest.param(
            """\
            class Room(models.Model):
                is_occupied = models.BooleanField()
                room_status = models.CharField(max_length=20)


            class Suite(Room):
                pass


            class Hall(models.Model):
                is_occupied = models.BooleanField()
            """,
            {ROOM, "rooms.models.Suite"},
            set(),
            id="multi-table-child-yes-another-model-with-the-same-field-no",
        ),
    ],
)
def test_which_models_are_the_model(models: str, targets: set[str], bases: set[str]) -> None:
    source = "from django.db import models\n\n\n" + textwrap.dedent(models)
    index = project_index({"rooms/models.py": source})
    assert index.targets == targets
    assert index.target_bases == bases


def test_classes_that_work_on_the_model_and_what_they_expose() -> None:
    index = project_index(
        {
            "rooms/models.py": MODELS,
            "rooms/serializers.py": """\
                from rest_framework import serializers

                from rooms.models import Room


                class RoomSerializer(serializers.ModelSerializer):
                    class Meta:
                        model = Room
                        fields = "__all__"


                class SafeSerializer(serializers.ModelSerializer):
                    class Meta:
                        model = Room
                        fields = ["id", "is_occupied", "room_status"]
                        read_only_fields = ["is_occupied", "room_status"]
                """,
            "rooms/admin.py": """\
                from django.contrib import admin

                from rooms.models import MeetingRoom, Room


                @admin.register(Room)
                class RoomAdmin(admin.ModelAdmin):
                    list_editable = ["room_status"]
                    readonly_fields = ["is_occupied"]
                    actions = ["close"]


                admin.site.register(MeetingRoom)
                """,
            "rooms/views.py": """\
                from django.views.generic import UpdateView
                from rest_framework import viewsets

                from rooms.models import Room
                from rooms.serializers import RoomSerializer


                class RoomUpdate(UpdateView):
                    model = Room
                    fields = ["room_status"]


                class RoomViewSet(viewsets.ModelViewSet):
                    serializer_class = RoomSerializer
                """,
        }
    )
    assert index.kind_of_class("rooms.serializers.RoomSerializer") == ("serializer", ROOM)
    assert index.kind_of_class("rooms.admin.RoomAdmin") == ("admin", ROOM)
    assert index.kind_of_class("rooms.views.RoomUpdate") == ("view", ROOM)
    assert index.kind_of_class("rooms.views.RoomViewSet") == ("view", ROOM)  # through serializer_class
    assert [(e.qualname, e.kind, e.fields, e.how) for e in index.exposures] == [
        ("RoomAdmin", "admin", ("room_status",), "list_editable"),
        ("RoomSerializer", "serializer", ("is_occupied", "room_status"), '"__all__"'),
        ("RoomUpdate", "edit-view", ("room_status",), "fields"),
    ]


def test_signal_receivers_helpers_and_init_attributes() -> None:
    index = project_index(
        {
            "rooms/models.py": MODELS,
            "rooms/signals.py": """\
                from django.db.models.signals import post_save, pre_save
                from django.dispatch import receiver

                from rooms.models import Room


                @receiver(pre_save, sender=Room)
                def before(sender, instance, **kwargs):
                    pass


                def after(sender, instance, **kwargs):
                    pass


                post_save.connect(after, sender=Room)


                def find(pk) -> Room:
                    ...


                def load(pk):
                    return Room.objects.select_for_update().get(pk=pk)


                class Move:
                    def __init__(self, target: "Room") -> None:
                        self.target = target
                """,
        }
    )
    assert index.signal_receivers == {"rooms.signals.before": ROOM, "rooms.signals.after": ROOM}
    assert index.saving_receivers == {"rooms.signals.before"}
    assert index.returns == {"rooms.signals.find": ROOM, "rooms.signals.load": ROOM}
    assert index.init_attributes == {"rooms.signals.Move": {"target": ROOM}}


@pytest.mark.parametrize(
    "source, selected",
    [
        pytest.param("class Room(models.Model):\n", True, id="the-model"),
        pytest.param("    suite = models.ForeignKey(Room, on_delete=models.CASCADE)\n", True, id="a-relation"),
        pytest.param("    suite = models.ForeignKey('rooms.Room', on_delete=models.CASCADE)\n", True, id="a-string-relation"),
        pytest.param("    suite = models.ForeignKey(\n        'rooms.Room',\n    )\n", True, id="a-relation-on-two-lines"),
        pytest.param("class Suite(\n    Room,\n):\n", True, id="a-subclass-on-two-lines"),
        pytest.param("    queryset = Room.objects.all()\n", True, id="a-view-queryset"),
        pytest.param("@receiver(post_save, sender=Room)\n", True, id="a-signal"),
        pytest.param("def find(pk) -> Optional[Room]:\n", True, id="an-annotation"),
        pytest.param("    return Room.objects.get(pk=pk)\n", True, id="a-return"),
        pytest.param("    room_status = models.CharField(max_length=20)\n", True, id="a-model-field-declared"),
        pytest.param("    room_status: str\n", False, id="an-annotated-attribute-is-not-a-model-field"),
        pytest.param("room = Room.objects.get(pk=1)\nroom.room_status = 'X'\n", False, id="a-write-is-not-a-definition"),
        pytest.param("class Hotel(models.Model):\n    name = models.CharField()\n", False, id="an-unrelated-model"),
    ],
)
def test_which_files_the_index_reads(source: str, selected: bool) -> None:
    config = Config()
    assert Selection({config.model_name}, config.fields).wants(source.encode()) is selected


def test_names_learnt_from_a_selected_file() -> None:
    source = textwrap.dedent(
        """\
        class Room(OccupancyMixin, models.Model):
            unit = models.OneToOneField("facilities.Unit", on_delete=models.CASCADE)


        class Key(models.Model):
            room = models.ForeignKey(Room, on_delete=models.CASCADE)


        class Hotel(models.Model):
            name = models.CharField(max_length=10)
        """
    ).encode()
    assert learnt_names(source, {"Room"}) == {"OccupancyMixin", "Unit", "Key"}
