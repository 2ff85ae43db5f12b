"""The real projects: open-source Django packages from PyPI with their own tests, each pinned
(the package, Django and the test dependencies) and configured for its own model and fields.

Each package's `[tool.room-refactor]` table is the file `<id>.toml` beside this one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent


@dataclass(frozen=True)
class TestRun:
    """One run of the package's own tests: pytest arguments (test files or node ids, relative
    to the distribution's root) and environment variables."""

    id: str
    args: tuple[str, ...]
    env: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Package:
    id: str
    project: str  # the name on PyPI
    version: str  # pinned
    requirements: tuple[str, ...]  # pinned, installed into the package's own virtualenv
    settings: str  # DJANGO_SETTINGS_MODULE for pytest-django
    runs: tuple[TestRun, ...]  # the full runs
    ci_run: TestRun | None = None  # the CI-sized subset (a few tests), for the default suite
    #: Files created in the unpacked copy before anything runs (what the sdist leaves out).
    add_files: tuple[tuple[str, str], ...] = ()
    #: The probe: a test module written into the copy that counts the queries of the
    #: operations that write the state fields (the same module before and after).
    probe: str = ""
    #: One `assertNumQueries` test of the package's own, reported before and after.
    num_queries_test: str | None = None
    sdist: bool = True
    why: str = ""
    #: The runs (by id) that are known to fail after the migration, and why: each must really
    #: fail (a strict xfail), so that a fix landing elsewhere shows up here.
    known_failures: dict[str, str] = field(default_factory=dict)

    @property
    def config_file(self) -> Path:
        return HERE / f"{self.id}.toml"

    @property
    def config_text(self) -> str:
        return self.config_file.read_text(encoding="utf-8")


NOTIFICATIONS_PROBE = '''\
"""room-refactor's probe: the queries of each operation that writes unread/deleted."""
import json
import os

from django.contrib.auth.models import User
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
import swapper

from notifications.signals import notify
from notifications.utils import id2slug

Notification = swapper.load_model("notifications", "Notification")


class RoomRefactorProbe(TestCase):
    def record(self, name, queries, rows=1):
        """Every query, and apart the savepoint statements among them: an atomic block inside the
        test's transaction costs a SAVEPOINT and a RELEASE, which a block outside any costs not.
        `rows`: how many rows of the model the operation writes."""
        path = os.environ.get("ROOM_REFACTOR_PROBE_OUT")
        if path:
            savepoints = [q for q in queries if q["sql"].upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO"))]
            line = {"operation": name, "queries": len(queries), "savepoints": len(savepoints), "rows": rows}
            with open(path, "a", encoding="utf-8") as stream:
                stream.write(json.dumps(line) + "\\n")

    def setUp(self):
        self.user = User.objects.create_user("probe", "probe@example.com", "pwd")
        notify.send(self.user, recipient=self.user, verb="probed")
        self.notification = Notification.objects.get(recipient=self.user)

    def test_mark_as_read(self):
        with CaptureQueriesContext(connection) as queries:
            self.notification.mark_as_read()
        self.record("Notification.mark_as_read()", queries)
        self.notification.refresh_from_db()
        self.assertFalse(self.notification.unread)

    @override_settings(DJANGO_NOTIFICATIONS_CONFIG={"SOFT_DELETE": True})
    def test_soft_delete_view(self):
        self.client.force_login(self.user)
        slug = id2slug(self.notification.id)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(reverse("notifications:delete", args=[slug]))
        self.record("GET notifications:delete (SOFT_DELETE)", queries)
        self.assertEqual(response.status_code, 302)
        self.notification.refresh_from_db()
        self.assertTrue(self.notification.deleted)
'''

POST_OFFICE_PROBE = '''\
"""room-refactor's probe: the queries of each operation that writes Email.status."""
import json
import os

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from post_office.mail import send_queued
from post_office.models import STATUS, Email


class RoomRefactorProbe(TestCase):
    def record(self, name, queries, rows=1):
        """Every query, and apart the savepoint statements among them: an atomic block inside the
        test's transaction costs a SAVEPOINT and a RELEASE, which a block outside any costs not.
        `rows`: how many rows of the model the operation writes."""
        path = os.environ.get("ROOM_REFACTOR_PROBE_OUT")
        if path:
            savepoints = [q for q in queries if q["sql"].upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO"))]
            line = {"operation": name, "queries": len(queries), "savepoints": len(savepoints), "rows": rows}
            with open(path, "a", encoding="utf-8") as stream:
                stream.write(json.dumps(line) + "\\n")

    def test_dispatch(self):
        email = Email.objects.create(to=["to@example.com"], from_email="from@example.com",
                                     subject="probe", message="probe", status=STATUS.queued)
        with CaptureQueriesContext(connection) as queries:
            email.dispatch(log_level=0)
        self.record("Email.dispatch()", queries)
        email.refresh_from_db()
        self.assertEqual(email.status, STATUS.sent)

    def test_send_queued_batch_of_five(self):
        for index in range(5):
            Email.objects.create(to=[f"to{index}@example.com"], from_email="from@example.com",
                                 subject="probe", message="probe", status=STATUS.queued)
        with CaptureQueriesContext(connection) as queries:
            send_queued(processes=1, log_level=0)
        self.record("send_queued() of 5 e-mails", queries)
        self.assertEqual(Email.objects.filter(status=STATUS.sent).count(), 5)

    def test_send_queued_batch_of_five_failing(self):
        # The bulk sender's failure loop: the status and the retry count set in memory, then
        # one bulk_update (the writes the migration rewrites).
        for index in range(5):
            Email.objects.create(to=[f"to{index}@example.com"], from_email="from@example.com", subject="probe",
                                 message="probe", status=STATUS.queued, backend_alias="error")
        with CaptureQueriesContext(connection) as queries:
            send_queued(processes=1, log_level=0)
        self.record("send_queued() of 5 failing e-mails", queries)
        self.assertEqual(list(Email.objects.values_list("status", "number_of_retries").distinct()),
                         [(STATUS.requeued, 1)])
'''

ALLAUTH_PROBE = '''\
"""room-refactor's probe: the queries of each operation that writes verified/primary."""
import json
import os

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from allauth.account.models import EmailAddress


class RoomRefactorProbe(TestCase):
    def record(self, name, queries, rows=1):
        """Every query, and apart the savepoint statements among them: an atomic block inside the
        test's transaction costs a SAVEPOINT and a RELEASE, which a block outside any costs not.
        `rows`: how many rows of the model the operation writes."""
        path = os.environ.get("ROOM_REFACTOR_PROBE_OUT")
        if path:
            savepoints = [q for q in queries if q["sql"].upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO"))]
            line = {"operation": name, "queries": len(queries), "savepoints": len(savepoints), "rows": rows}
            with open(path, "a", encoding="utf-8") as stream:
                stream.write(json.dumps(line) + "\\n")

    def setUp(self):
        self.user = get_user_model().objects.create(username="probe", email="old@example.com")
        self.old = EmailAddress.objects.create(user=self.user, email="old@example.com", primary=True, verified=True)
        self.new = EmailAddress.objects.create(user=self.user, email="new@example.com", primary=False, verified=False)

    def test_set_verified(self):
        with CaptureQueriesContext(connection) as queries:
            self.new.set_verified()
        self.record("EmailAddress.set_verified()", queries)
        self.new.refresh_from_db()
        self.assertTrue(self.new.verified)

    def test_set_verified_without_commit_stays_in_memory(self):
        self.new.set_verified(commit=False)
        self.assertTrue(self.new.verified)
        self.new.refresh_from_db()
        self.assertFalse(self.new.verified)

    def test_set_as_primary(self):
        with CaptureQueriesContext(connection) as queries:
            self.new.set_as_primary()
        # two rows: the old primary address is unset, this one set
        self.record("EmailAddress.set_as_primary()", queries, rows=2)
        self.old.refresh_from_db()
        self.new.refresh_from_db()
        self.assertEqual((self.old.primary, self.new.primary), (False, True))
'''

PACKAGES = (
    Package(
        id="notifications",
        project="django-notifications-hq",
        version="1.8.3",
        requirements=(
            "Django==4.2.27", "django-model-utils==5.0.0", "jsonfield==3.1.0", "pytz==2026.6", "swapper==1.4.0",
            "pytest==8.4.2", "pytest-django==4.11.1",
        ),
        settings="notifications.tests.settings",
        runs=(
            TestRun("default", ("notifications/tests/tests.py", "notifications/tests/sample_notifications/tests.py",
                                "test_room_refactor_probe.py")),
            # The swapped model: a concrete Notification of another app, the fields inherited
            # from the abstract base (notifications.base.models.AbstractNotification).
            TestRun("sample-app", ("notifications/tests/tests.py", "notifications/tests/sample_notifications/tests.py",
                                   "test_room_refactor_probe.py"), env=(("SAMPLE_APP", "1"),)),
        ),
        ci_run=TestRun("ci", (
            "notifications/tests/tests.py::NotificationTestPages::test_unread_messages_pages",
            "notifications/tests/tests.py::NotificationTestPages::test_delete_messages_pages",
            "notifications/tests/tests.py::NotificationTestPages::test_soft_delete_messages_manager",
            "notifications/tests/tests.py::NotificationTestPages::test_unread_list_api_mark_as_read",
            "notifications/tests/tests.py::NotificationManagersTest::test_mark_all_as_read_manager",
            "test_room_refactor_probe.py",
        )),
        probe=NOTIFICATIONS_PROBE,
        why="GitHub-style notifications: unread/deleted on an abstract base model, a swappable concrete model; "
            "written from the model's methods, a view and admin/queryset actions",
    ),
    Package(
        id="post_office",
        project="django-post-office",
        version="3.12.0",
        requirements=("Django==5.2.19", "nh3==0.3.8", "pytest==9.2.0", "pytest-django==4.14.0"),
        settings="tests.test_settings",
        runs=(
            TestRun("default", (
                "tests/test_mail.py", "tests/test_models.py", "tests/test_admin.py", "tests/test_commands.py",
                "tests/test_utils.py", "tests/test_backends.py", "tests/test_mailers.py", "tests/test_tasks.py",
                "test_room_refactor_probe.py",
            )),
        ),
        # The sdist ships tests/ without its __init__.py (tests import each other relatively).
        add_files=(("tests/__init__.py", ""),),
        probe=POST_OFFICE_PROBE,
        num_queries_test="tests/test_admin.py::EmailAdminTest::test_attachmentinline_contentdisposition_header",
        why="queued e-mail: Email.status written by dispatch(), the bulk sender (feeding a bulk_update), "
            "an admin action and queryset updates; Log has a status field of its own (a trap)",
    ),
    Package(
        id="allauth",
        project="django-allauth",
        version="65.13.0",
        requirements=(
            "Django==5.2.19", "asgiref==3.13.0", "requests==2.32.5", "pytest==8.4.2", "pytest-django==4.11.1",
            "pytest-asyncio==0.23.8",
        ),
        settings="tests.projects.account_only.settings",
        runs=(TestRun("account", ("tests/apps/account", "test_room_refactor_probe.py")),),
        probe=ALLAUTH_PROBE,
        why="authentication: EmailAddress.verified and .primary written by the model's methods (one with a "
            "commit flag), the account utilities (in-memory deduplication of unsaved addresses) and a "
            "social provider",
    ),
)

BY_ID = {package.id: package for package in PACKAGES}
