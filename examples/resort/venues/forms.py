from django import forms

from venues.models import MeetingRoom


class MeetingRoomForm(forms.ModelForm):  # trap: a ModelForm on MeetingRoom
    class Meta:
        model = MeetingRoom
        fields = ["name", "capacity", "is_occupied"]
