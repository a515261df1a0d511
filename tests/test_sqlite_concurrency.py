"""The embedded SQLite default holds concurrent writers (cms/settings/base.py): 8 threads
publishing 4 times each on a file-based SQLite database, in a process of its own
(scripts/concurrent_publish.py). Without the OPTIONS 31 of the 32 publishes failed with
"database is locked"; with them none does."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "concurrent_publish.py"


@pytest.fixture
def sqlite_file(tmp_path, django_db_blocker):
    """A migrated SQLite file: a copy of the SQLite test database when the tests run on SQLite
    (milliseconds); on PostgreSQL the script migrates the empty file itself (about 20 s)."""
    path = tmp_path / "concurrency.sqlite3"
    if connection.vendor == "sqlite":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(path)])
    return path


def run_script(path, *args):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{path}",
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "LOG_LEVEL": "WARNING",
    }
    return subprocess.run(  # noqa: S603 - our own script with this interpreter
        [sys.executable, str(SCRIPT), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_concurrent_publishes_on_sqlite_raise_no_lock_error(sqlite_file):
    result = run_script(sqlite_file)
    assert "publishes: 32" in result.stdout, result.stdout + result.stderr
    assert "failed: 0, 'database is locked': 0" in result.stdout, result.stdout + result.stderr
    assert result.returncode == 0
    # The settings reached the database: write-ahead logging is on for the file.
    import sqlite3

    with sqlite3.connect(sqlite_file) as check:
        assert check.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_without_the_options_the_same_publishes_fail(sqlite_file):
    """The measurement's other half: Django's SQLite defaults lose publishes to lock errors."""
    result = run_script(sqlite_file, "--plain")
    assert "'database is locked': 0" not in result.stdout, result.stdout + result.stderr
    assert result.returncode == 1
