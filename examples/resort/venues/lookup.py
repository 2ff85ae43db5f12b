from venues.models import MeetingRoom


def find_meeting_room(name: str) -> MeetingRoom:
    return MeetingRoom.objects.get(name=name)


def load_meeting_room(pk):
    return MeetingRoom.objects.get(pk=pk)
