from django import forms

from rooms.models import Room


class RoomForm(forms.ModelForm):  # expect: implicit kind=form
    class Meta:
        model = Room
        fields = ["number", "room_status"]


class RoomRenameForm(forms.ModelForm):  # trap: a ModelForm that excludes both state fields
    class Meta:
        model = Room
        exclude = ["building", "unit", "is_occupied", "room_status"]
