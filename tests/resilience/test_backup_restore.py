"""The restore procedure of docs/operations.md on PostgreSQL, for real: pg_dump of the test
database, a change published after the backup (and cached), pg_restore --clean, then
``invalidate_api_cache``: the API shows the restored content, not the cached newer one."""

import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.db import connection, connections

from companies.models import OrganisationPage
from tests.factories import OrganisationPageFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.slow,
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not shutil.which("pg_dump"),
        reason="needs PostgreSQL and pg_dump/pg_restore",
    ),
]

ORGS = "/api/v1/organisations"


def pg_arguments():
    settings = connection.settings_dict
    arguments = ["--host", settings["HOST"] or "127.0.0.1", "--dbname", settings["NAME"]]
    if settings["PORT"]:
        arguments += ["--port", str(settings["PORT"])]
    if settings["USER"]:
        arguments += ["--username", settings["USER"]]
    return arguments


def titles(client):
    response = client.get(ORGS)
    return response["X-Cache"], [item["title"] for item in response.json()["items"]]


def test_restore_then_invalidate_shows_the_restored_content(client, home_tree, tmp_path):
    org = OrganisationPageFactory(parent=home_tree.organisations, title="Alpha", slug="alpha")
    dump = tmp_path / "cms.dump"
    subprocess.run(  # noqa: S603 (fixed arguments)
        [shutil.which("pg_dump"), "--format=custom", "--file", str(dump), *pg_arguments()],
        check=True,
    )
    page = OrganisationPage.objects.get(pk=org.pk)
    page.title = "Alpha nach dem Backup"
    page.save_revision().publish()
    assert titles(client)[1] == ["Alpha nach dem Backup"]
    assert titles(client)[0] == "HIT"

    connections.close_all()
    subprocess.run(  # noqa: S603 (fixed arguments)
        [
            shutil.which("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *pg_arguments(),
            str(dump),
        ],
        check=True,
    )
    # The restored database has the old title, the cache still the newer one.
    assert OrganisationPage.objects.get(pk=org.pk).title == "Alpha"
    assert titles(client) == ("HIT", ["Alpha nach dem Backup"])

    call_command("invalidate_api_cache")
    assert titles(client) == ("MISS", ["Alpha"])
