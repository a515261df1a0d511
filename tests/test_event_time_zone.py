"""Event times are entered and shown as wall-clock times of the event's own time zone.

Everything goes through the admin's create and edit views, so the real EventPageForm, the
editor's own time zone (which Wagtail activates for each admin request) and the widgets take part.
"""

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail.users.models import UserProfile

from news.models import EventPage
from tests.factories import EventPageFactory

UTC = datetime.UTC
EDITOR_TIME_ZONES = ["Europe/Berlin", "Asia/Shanghai", "UTC"]


def event_form(**overrides):
    data = {
        "title": "Startup-Konferenz Foshan",
        "slug": "startup-konferenz-foshan",
        "format": "startup_conference",
        "time_zone": "Asia/Shanghai",
        "start": "2026-09-10 10:00",
        "end": "2026-09-10 17:30",
        "registration_deadline": "2026-09-01 18:00",
        "location": "Robotation Academy, Foshan",
        "teaser": "Startups aus Kaiserslautern und Foshan treffen sich.",
        "body": streamfield([]),
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.fixture
def editor(admin_user):
    """The logged-in editor; set ``editor.time_zone(...)`` to move them around the world."""

    class Editor:
        @staticmethod
        def time_zone(name):
            profile = UserProfile.get_for_user(admin_user)
            profile.current_time_zone = name
            profile.save()

    return Editor()


@pytest.fixture
def add_url(home_tree):
    return reverse("wagtailadmin_pages:add", args=["news", "eventpage", home_tree.events.pk])


def shown_value(response, name):
    """The value an input of the admin form shows to the editor."""
    soup = WagtailTestUtils.get_soup(response.content.decode())
    return soup.find("input", attrs={"name": name})["value"]


@pytest.mark.django_db
@pytest.mark.parametrize("editor_time_zone", EDITOR_TIME_ZONES)
def test_times_entered_are_wall_clock_times_at_the_event(
    admin_client, editor, add_url, editor_time_zone
):
    editor.time_zone(editor_time_zone)

    response = admin_client.post(add_url, event_form())

    assert response.status_code == 302
    event = EventPage.objects.get()
    assert event.start == datetime.datetime(2026, 9, 10, 2, 0, tzinfo=UTC)
    assert event.end == datetime.datetime(2026, 9, 10, 9, 30, tzinfo=UTC)
    assert event.registration_deadline == datetime.datetime(2026, 9, 1, 10, 0, tzinfo=UTC)
    assert event.local_start.hour == 10


@pytest.mark.django_db
def test_an_event_in_germany_entered_from_china(admin_client, editor, add_url):
    editor.time_zone("Asia/Shanghai")

    response = admin_client.post(
        add_url,
        event_form(
            time_zone="Europe/Berlin", start="2026-09-10 10:00", end="", registration_deadline=""
        ),
    )

    assert response.status_code == 302
    # 10:00 in Kaiserslautern in September is 08:00 UTC (summer time).
    assert EventPage.objects.get().start == datetime.datetime(2026, 9, 10, 8, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_a_time_that_does_not_exist_in_the_editors_zone_is_accepted(admin_client, editor, add_url):
    """02:30 on 29 March 2026 is skipped in Berlin (summer time) but exists in Shanghai."""
    editor.time_zone("Europe/Berlin")

    response = admin_client.post(
        add_url,
        event_form(start="2026-03-29 02:30", end="2026-03-29 04:00", registration_deadline=""),
    )

    assert response.status_code == 302, response.context["form"].errors
    assert EventPage.objects.get().start == datetime.datetime(2026, 3, 28, 18, 30, tzinfo=UTC)


@pytest.mark.django_db
@pytest.mark.parametrize("editor_time_zone", EDITOR_TIME_ZONES)
def test_the_edit_form_shows_the_times_as_entered(
    admin_client, editor, home_tree, editor_time_zone
):
    event = EventPageFactory(
        parent=home_tree.events,
        time_zone="Asia/Shanghai",
        start=datetime.datetime(2026, 9, 10, 2, 0, tzinfo=UTC),
        end=datetime.datetime(2026, 9, 10, 9, 30, tzinfo=UTC),
        registration_deadline=datetime.datetime(2026, 9, 1, 10, 0, tzinfo=UTC),
    )
    editor.time_zone(editor_time_zone)

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))

    assert response.status_code == 200
    assert shown_value(response, "start") == "2026-09-10 10:00"
    assert shown_value(response, "end") == "2026-09-10 17:30"
    assert shown_value(response, "registration_deadline") == "2026-09-01 18:00"


@pytest.mark.django_db
def test_saving_the_edit_form_unchanged_keeps_the_times(admin_client, editor, add_url):
    editor.time_zone("Europe/Berlin")
    admin_client.post(add_url, event_form())
    event = EventPage.objects.get()
    edit_url = reverse("wagtailadmin_pages:edit", args=[event.pk])

    shown = admin_client.get(edit_url)
    response = admin_client.post(
        edit_url,
        event_form(
            start=shown_value(shown, "start"),
            end=shown_value(shown, "end"),
            registration_deadline=shown_value(shown, "registration_deadline"),
        ),
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.start == datetime.datetime(2026, 9, 10, 2, 0, tzinfo=UTC)
    assert event.end == datetime.datetime(2026, 9, 10, 9, 30, tzinfo=UTC)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"end": "2026-09-10 09:00"},
            "end",
            "Das Ende darf nicht vor dem Beginn liegen.",
        ),
        (
            {"registration_deadline": "2026-09-10 10:30"},
            "registration_deadline",
            "Der Anmeldeschluss darf nicht nach dem Beginn liegen.",
        ),
    ],
    ids=["end-before-start", "deadline-after-start"],
)
def test_inconsistent_times_are_form_errors(
    admin_client, editor, add_url, overrides, field, message
):
    editor.time_zone("Europe/Berlin")

    response = admin_client.post(add_url, event_form(**overrides))

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert not EventPage.objects.exists()
