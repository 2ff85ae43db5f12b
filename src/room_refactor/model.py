"""The vocabulary: frozen dataclasses and enums shared by every layer. No logic lives here."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Kind(str, enum.Enum):
    ATTRIBUTE = "attribute"
    SETATTR = "setattr"
    DYNAMIC = "dynamic"
    QUERYSET_UPDATE = "queryset-update"
    CREATE = "create"
    BULK_UPDATE = "bulk-update"


#: Kinds that bypass the canonical writer when they sit outside the canonical modules.
BYPASS_KINDS = frozenset({Kind.ATTRIBUTE, Kind.SETATTR, Kind.DYNAMIC})


class Form(str, enum.Enum):
    """The syntactic shape of an attribute write; decides whether it can be rewritten."""

    SIMPLE = "simple"
    ANNOTATED = "annotated"
    AUGMENTED = "augmented"
    CHAINED = "chained"
    TUPLE = "tuple"
    CALL = "call"  # setattr(...) / .update(...) / .create(...) / .bulk_update(...)


class Protection(str, enum.Enum):
    ATOMIC_DECORATOR = "atomic-decorator"
    ATOMIC_BLOCK = "atomic-block"
    LOCKED = "locked"
    ATOMIC_REQUESTS = "atomic-requests"
    NONE = "none"


class Role(str, enum.Enum):
    APP = "app"
    VIEW = "view"
    MODEL = "model"
    SERVICE = "service"
    MIGRATION = "migration"
    TEST = "test"
    SCRIPT = "script"


class HandlerKind(str, enum.Enum):
    CLASS_VIEW = "class-view"
    VIEWSET_ACTION = "viewset-action"
    API_VIEW = "api_view"
    ACTION = "action"
    REQUIRE_METHODS = "require_http_methods"


class Status(str, enum.Enum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True)
class HandlerRef:
    """The view handler a write sits in."""

    name: str
    kind: HandlerKind
    methods: tuple[str, ...]


@dataclass(frozen=True)
class EventInfo:
    emitted: bool
    on_commit: bool


@dataclass(frozen=True)
class WriteSite:
    path: str
    line: int
    column: int
    field: str | None  # None for a dynamic setattr
    kind: Kind
    form: Form
    receiver: str
    value: str | None
    scope: str
    role: Role
    protection: Protection
    paired: bool
    canonical: bool
    ignored: bool
    handler: HandlerRef | None
    event: EventInfo
    end_line: int = 0
    # How the receiver's type was known (core/receiver_types.py): "annotation", "constructor",
    # "manager", "queryset", "fk", "self", "return", "init", "view", "form", "admin", "signal",
    # and, for a receiver whose type is unknown, "field-owner" or "name".
    typed_by: str = "name"
    model: str | None = None  # the model written, when the type is known
    # Why the instance is not in the database yet, or is being saved right now ("constructor",
    # "commit=False", "pre_save", "save_model", "perform_create", "save": `self` in the model's
    # own save() before super().save()): initial state, not a bypass.
    unsaved: str | None = None
    # Why the write stays in memory in its function (core/persistence.py): "no-save",
    # "commit-flag" or "returned-copy". Still a bypass (whoever saves the instance later writes
    # the field around the writer), but never rewritten into the writer, which saves at once.
    in_memory: str | None = None

    @property
    def bypass(self) -> bool:
        return self.kind in BYPASS_KINDS and not self.canonical and not self.ignored and self.unsaved is None

    @property
    def uncertain(self) -> bool:
        """The receiver's type is not proven; the site counts by elimination or by name."""
        return self.typed_by in ("field-owner", "name")


#: The kinds of implicit write path: places where the fields are written without any direct
#: write in the code (a serializer that saves what a PATCH sends, raw SQL, ...).
IMPLICIT_KINDS = (
    "serializer", "form", "edit-view", "admin", "serializer-save", "bulk-create", "constructor",
    "update-kwargs", "raw-sql", "related-manager",
)


@dataclass(frozen=True)
class ImplicitPath:
    """A path that writes the state fields around the writer without a direct write site."""

    path: str
    line: int
    kind: str  # one of IMPLICIT_KINDS
    model: str
    fields: tuple[str, ...]  # the fields it can write; empty when they are not literal
    detail: str  # what exposes them: '"__all__"', 'list_editable', 'UPDATE rooms_room SET ...'
    fix: str  # the change that routes it through the writer or closes it
    scope: str = "<module>"
    ignored: bool = False


@dataclass(frozen=True)
class Dropped:
    """A write on a receiver the policy did not count as the model, and why (`--explain`)."""

    path: str
    line: int
    field: str | None
    kind: str
    receiver: str
    reason: str


@dataclass(frozen=True)
class Handler:
    path: str
    line: int
    name: str
    kind: HandlerKind
    methods: tuple[str, ...]
    protected: bool
    writes: int
    is_async: bool = False
    external_calls: tuple[str, ...] = ()


@dataclass(frozen=True)
class FileError:
    path: str
    message: str
    line: int | None = None


@dataclass(frozen=True)
class Note:
    """A warning or a review note attached to one line of one file."""

    path: str
    line: int
    code: str
    message: str
    severity: str = "warning"  # "warning" (left alone) or "review" (behaviour changes)


@dataclass(frozen=True)
class Analysis:
    """What the audit learned about one file."""

    sites: tuple[WriteSite, ...] = ()
    handlers: tuple[Handler, ...] = ()
    writer_calls: int = 0
    implicit: tuple[ImplicitPath, ...] = ()
    dropped: tuple[Dropped, ...] = ()


@dataclass(frozen=True)
class FileResult:
    """One file in, one result out: the runner never raises because of a bad file."""

    path: str
    status: Status
    analysis: Analysis = field(default_factory=Analysis)
    old_source: str | None = None
    new_source: str | None = None
    diff: str | None = None  # the unified diff of a changed file, when the task asked for it
    error: FileError | None = None
    notes: tuple[Note, ...] = ()
    reason: str = ""  # why a file was skipped
    traceback: str = ""
    applied: tuple[str, ...] = ()  # codemods that changed this file
    encoding: str = "utf-8"
    bom: bool = False
    new_file: bool = False  # created by scaffold-service
    role: Role = Role.APP
    module: str = ""
