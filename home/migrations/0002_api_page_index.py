"""An index of wagtailcore_page for the API's listings of one page type in one locale.

Listings filter by content type, locale and ``live`` and sort by title: with this index the
database reads only the rows of that type and locale, in order, instead of scanning every page
(docs/performance.md). Wagtail's own migrations define no such index, so it is created here,
in SQL, on the table Wagtail owns; PostgreSQL also carries the visibility columns in the index
(INCLUDE), so counts need not visit the table.
"""

from django.db import migrations

INDEX = "home_api_page_type_locale_title"


def create_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page "
            "(content_type_id, locale_id, title, id) "
            "INCLUDE (expire_at, go_live_at, path, translation_key) WHERE live"
        )
    else:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page "
            "(content_type_id, locale_id, title, id) WHERE live"
        )


def drop_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
