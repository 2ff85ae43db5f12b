"""core/isolation.py: the isolation level a project's settings give each database, read with ast."""

from __future__ import annotations

import textwrap

import pytest

from room_refactor.core.isolation import isolation_levels, settings_module


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """\
            import psycopg
            DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql",
                                     "OPTIONS": {"isolation_level": psycopg.IsolationLevel.SERIALIZABLE}}}
            """,
            [("default", "SERIALIZABLE", False)],
            id="psycopg-serializable",
        ),
        pytest.param(
            """\
            from psycopg2.extensions import ISOLATION_LEVEL_REPEATABLE_READ
            DATABASES = {"default": dict(ENGINE="x", OPTIONS=dict(isolation_level=ISOLATION_LEVEL_REPEATABLE_READ))}
            """,
            [("default", "REPEATABLE READ", False)],
            id="psycopg2-repeatable-read-through-dict",
        ),
        pytest.param(
            """\
            DATABASES = {"default": {}, "replica": {"OPTIONS": {"isolation_level": "read committed"}}}
            """,
            [("replica", "READ COMMITTED", True)],
            id="mysql-read-committed",
        ),
        pytest.param(
            """\
            DATABASES = {"default": env.db()}
            DATABASES["default"]["OPTIONS"]["isolation_level"] = "repeatable read"
            """,
            [("default", "REPEATABLE READ", False)],
            id="assigned-later",
        ),
        pytest.param(
            """\
            DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql"}}
            """,
            [],
            id="django-default",
        ),
        pytest.param(
            """\
            DATABASES = {"default": {"OPTIONS": {"isolation_level": LEVEL}}}
            """,
            [("default", "LEVEL", False)],
            id="unknown-is-not-assumed-to-hold",
        ),
    ],
)
def test_isolation_levels(source: str, expected: list[tuple[str, str, bool]]) -> None:
    found = isolation_levels(textwrap.dedent(source))
    assert [(i.alias, i.level, i.holds) for i in found] == expected


def test_the_settings_module_comes_from_manage_py_or_pyproject() -> None:
    assert settings_module('os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hotel_project.settings")') == (
        "hotel_project.settings"
    )
    assert settings_module('[tool.pytest.ini_options]\nDJANGO_SETTINGS_MODULE = "conf.settings.prod"\n') == (
        "conf.settings.prod"
    )
    assert settings_module("print('no settings here')") is None
