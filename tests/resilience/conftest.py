"""Fixtures of the resilience tests: a database that is down, a cache nobody answers on."""

import socket
from contextlib import contextmanager

import pytest
from django.db import connections
from django.test import override_settings

from api import cache as api_cache_module
from api.cache import reset_circuit


def closed_port():
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def database_down(alias="default"):
    """The database unreachable for real: the connection is swapped for one to a server that
    does not exist (PostgreSQL: a closed port; SQLite: a file in a missing directory). The
    test's own connection (and its in-memory SQLite database) stays open, to be put back."""
    original = connections[alias]
    settings_dict = {**original.settings_dict}
    if original.vendor == "sqlite":
        settings_dict["NAME"] = "/nonexistent-directory/db.sqlite3"
    else:
        settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", closed_port()
    broken = type(original)(settings_dict, alias)
    connections[alias] = broken
    try:
        yield
    finally:
        broken.close()
        connections[alias] = original


@pytest.fixture
def unreachable_cache():
    reset_circuit()
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "cms.cache_backend.ResilientRedisCache",
                "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
                "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
            }
        }
    ):
        yield
    reset_circuit()


@pytest.fixture(autouse=True)
def fresh_cache_state():
    from django.core.cache import caches

    caches["default"].clear()
    reset_circuit()
    api_cache_module._replay.update(checked_at=0.0, pending=False)
    yield
    reset_circuit()
