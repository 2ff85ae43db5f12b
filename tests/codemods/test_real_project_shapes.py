"""Shapes met in real projects (tests/realprojects), reproduced small, configured as those
projects are: another model, other fields, other receivers.

The ones marked `xfail(strict=True)` are what still breaks there and whose fix belongs to
another part of the tool (the writer template and the rewrite's persistence rules, issue 16, and
the model index, issue 15): each must really fail today, so a fix shows up here as an XPASS.
"""

from __future__ import annotations

import pytest

from room_refactor.core.scaffold import writer_source
from tests.tools import check_noop, check_transformed, codes, make_config, run_source

NOTIFICATIONS = make_config(**{
    "model": "notifications.models.Notification",
    "fields": ["unread", "deleted"],
    "service": "notifications.state.set_notification_state",
    "status-setter": "",
    "receivers": ["self", r"(?:\w+\.)*notification"],
})
POST_OFFICE = make_config(**{
    "model": "post_office.models.Email",
    "fields": ["status"],
    "service": "post_office.state.set_email_status",
    "status-setter": "",
    "receivers": ["self", r"(?:\w+\.)*email"],
})


# -- what works -----------------------------------------------------------------------------------


def test_the_writer_s_keywords_are_the_fields_names() -> None:
    check_transformed(
        """\
        def delete(request, notification):
            notification.deleted = True
            notification.save()
        """,
        """\
        from notifications.state import set_notification_state


        def delete(request, notification):
            set_notification_state(notification, deleted=True)
        """,
        path="notifications/views.py",
        config=NOTIFICATIONS,
        codemods=("rewrite-writes",),
    )
    signature = writer_source(NOTIFICATIONS, setter=None).split("):", 1)[0]
    parameters = [p.strip() for p in signature.removeprefix("def set_notification_state(").split(",") if p.strip()]
    assert parameters == ["notification", "*", "unread=None", "deleted=None", "row_locked=False", "full_save=False"]


def test_the_writer_of_one_field_is_called_with_its_one_keyword() -> None:
    check_transformed(
        """\
        def mark_sent(email, status):
            email.status = status
            email.save(update_fields=["status"])
        """,
        """\
        from post_office.state import set_email_status


        def mark_sent(email, status):
            set_email_status(email, status=status)
        """,
        path="post_office/mail.py",
        config=POST_OFFICE,
        codemods=("rewrite-writes",),
    )


# -- what still breaks (fixes owned elsewhere) ------------------------------------------------------


def test_the_pair_writer_locks_through_the_instance_s_own_class() -> None:
    """django-notifications-hq swaps in a concrete model of the same abstract base: the writer
    must not write the configured model's table (there, not even installed: RuntimeError)."""
    source = writer_source(NOTIFICATIONS, setter=None)
    assert "Notification.objects" not in source
    assert "_default_manager" in source


def test_assignments_that_feed_a_bulk_update_are_left_with_it() -> None:
    """django-post-office's bulk sender: two tests of its own fail after the migration."""
    check_noop(
        """\
        def requeue(emails, max_retries):
            for email in emails:
                if email.number_of_retries < max_retries:
                    email.number_of_retries += 1
                    email.status = STATUS.requeued
                else:
                    email.status = STATUS.failed
            Email.objects.bulk_update(emails, ["status", "number_of_retries"])
        """,
        path="post_office/mail.py",
        config=POST_OFFICE,
    )


def test_a_copy_returned_with_the_field_set_is_not_made_to_persist() -> None:
    """A read path: an in-memory copy with the field set, never saved (wagtail's as_object())."""
    check_noop(
        """\
        def as_read(notification):
            notification.unread = False
            return notification
        """,
        path="notifications/helpers.py",
        config=NOTIFICATIONS,
    )


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """\
            def mark(notification, commit=True):
                notification.deleted = True
                if commit:
                    notification.save()
                return notification
            """,
            id="plain-save",
        ),
        pytest.param(
            # django-allauth's EmailAddress.set_verified(): today the write becomes the writer
            # (it saves at once) and the save under the flag becomes `if commit: pass`.
            """\
            def set_verified(notification, commit=True):
                if notification.deleted:
                    return True
                notification.deleted = True
                if commit:
                    notification.save(update_fields=["deleted"])
                return notification.deleted
            """,
            id="update-fields-save",
        ),
    ],
)
def test_a_commit_false_path_is_not_made_to_persist(source: str) -> None:
    check_noop(source, path="notifications/helpers.py", config=NOTIFICATIONS)


def test_the_in_memory_note_says_which_case_it_is() -> None:
    commit = check_noop(
        """\
        def mark(notification, commit=True):
            notification.deleted = True
            if commit:
                notification.save()
        """,
        path="notifications/helpers.py",
        config=NOTIFICATIONS,
    )
    copy = check_noop(
        """\
        def as_read(notification):
            notification.unread = False
            return notification
        """,
        path="notifications/helpers.py",
        config=NOTIFICATIONS,
    )
    assert [(note.code, note.line) for note in commit.notes] == [("in-memory", 2)]
    assert commit.notes[0].message == (
        "notification.deleted is an in-memory write (commit-flag): mark takes a commit flag and saves "
        "notification only when it is true; left as it is: route the committing path through the writer by "
        "hand (the writer saves at once, so commit=False callers would get a database write)"
    )
    assert [(note.code, note.line) for note in copy.notes] == [("in-memory", 2)]
    assert "(returned-copy): no save of notification follows in as_read, which returns the modified instance" in (
        copy.notes[0].message
    )


def test_a_write_under_the_commit_flag_with_its_save_is_a_real_write() -> None:
    """The flag decides whether the write happens at all, not whether it is saved."""
    check_transformed(
        """\
        def mark(notification, commit=True):
            if commit:
                notification.deleted = True
                notification.save(update_fields=["deleted"])
            return notification
        """,
        """\
        from notifications.state import set_notification_state


        def mark(notification, commit=True):
            if commit:
                set_notification_state(notification, deleted=True)
            return notification
        """,
        path="notifications/helpers.py",
        config=NOTIFICATIONS,
        codemods=("rewrite-writes",),
    )


def test_a_returned_instance_saved_before_the_return_is_a_real_write() -> None:
    check_transformed(
        """\
        def mark(notification):
            notification.deleted = True
            notification.save()
            return notification
        """,
        """\
        from notifications.state import set_notification_state


        def mark(notification):
            set_notification_state(notification, deleted=True)
            return notification
        """,
        path="notifications/helpers.py",
        config=NOTIFICATIONS,
        codemods=("rewrite-writes",),
    )


def test_update_fields_built_with_append_lose_the_migrated_field() -> None:
    check_transformed(
        """\
        def sent(email):
            update_fields = ["last_updated"]
            email.status = "sent"
            update_fields.append("status")
            email.save(update_fields=update_fields)
        """,
        """\
        from post_office.state import set_email_status


        def sent(email):
            update_fields = ["last_updated"]
            set_email_status(email, status="sent")
            email.save(update_fields=update_fields)
        """,
        path="post_office/mail.py",
        config=POST_OFFICE,
        codemods=("rewrite-writes",),
    )


def test_update_fields_built_with_extend_and_plus_equals_lose_the_migrated_field() -> None:
    check_transformed(
        """\
        def sent(email):
            fields = ["status", "last_updated"]
            email.status = "sent"
            fields.extend(["status"])
            fields += ["status", "message_id"]
            email.save(update_fields=fields)
        """,
        """\
        from post_office.state import set_email_status


        def sent(email):
            fields = ["last_updated"]
            set_email_status(email, status="sent")
            fields += ["message_id"]
            email.save(update_fields=fields)
        """,
        path="post_office/mail.py",
        config=POST_OFFICE,
        codemods=("rewrite-writes",),
    )


@pytest.mark.parametrize(
    "use",
    [
        pytest.param("fields = compute(fields)", id="rebound"),
        pytest.param("log(fields)", id="passed-on"),
        pytest.param("fields.append(name)", id="appends-a-name"),
    ],
)
def test_update_fields_built_in_ways_not_traced_are_left_with_a_warning(use: str) -> None:
    result = run_source(
        f"""\
        def sent(email, name):
            fields = ["last_updated"]
            email.status = "sent"
            fields.append("status")
            {use}
            email.save(update_fields=fields)
        """,
        path="post_office/mail.py",
        config=POST_OFFICE,
        codemods=("rewrite-writes",),
    )
    assert result.new_source is not None and 'fields.append("status")' in result.new_source
    assert "update-fields-dynamic" in codes(result)
