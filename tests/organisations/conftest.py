"""Two organisations, A and B, with pages, a draft, files and inquiries (the isolation tests)."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from wagtail.documents import get_document_model

from companies.onboarding import invite_organisation
from inquiries.models import Inquiry
from tests.factories import ImageFactory, OrganisationPageFactory
from tests.translations.conftest import localize

B_MARKERS = (
    "Geheimfirma Beta",
    "Beta Entwurfstitel",
    "Beta-Logo-Geheim",
    "Beta-Preisliste",
    "Absender beta",
    "b@beta.example",
    "beta@example.org",
    "Beta-Geheimpreise-4711",
)


@pytest.fixture
def world(home_tree, home_tree_zh, django_capture_on_commit_callbacks):
    call_command("setup_editor_groups", stdout=io.StringIO())
    alpha = OrganisationPageFactory(parent=home_tree.organisations, title="Alpha Werke")
    beta = OrganisationPageFactory(parent=home_tree.organisations, title="Geheimfirma Beta")
    beta.title = "Beta Entwurfstitel"
    beta.save_revision()  # a draft title, never published
    with django_capture_on_commit_callbacks(execute=True):
        a = invite_organisation(alpha, "a@alpha.example")
        b = invite_organisation(beta, "b@beta.example")
    beta_image = ImageFactory(title="Beta-Logo-Geheim", collection=b.access.collection)
    document = get_document_model()(title="Beta-Preisliste", collection=b.access.collection)
    document.file.save("preisliste.txt", ContentFile(b"Beta-Geheimpreise-4711"), save=True)
    revision = beta.get_latest_revision()
    translation, _target = localize(
        beta, home_tree_zh.home.locale, django_capture_on_commit_callbacks
    )
    inquiries = {
        name: Inquiry.objects.create(
            recipient=page,
            recipient_title=page.title,
            recipient_kind="organisation",
            name=f"Absender {name}",
            email=f"{name}@example.org",
            country="DE",
            message=f"Nachricht an {name}: Beta-Preisliste bitte." if name == "beta" else "Hallo.",
            language="de",
            consent_at=timezone.now(),
            status=Inquiry.Status.DELIVERED,
        )
        for name, page in (("alpha", alpha), ("beta", beta))
    }
    from companies.review import setup_profile_review

    workflow = setup_profile_review()
    workflow_state = workflow.start(beta, b.user)  # B's draft in review
    return {
        "b_user": b.user,
        "b_access": b.access,
        "a_access": a.access,
        "workflow_state": workflow_state,
        "task_state": workflow_state.current_task_state,
        "translation": translation,
        "inquiries": inquiries,
        "alpha": alpha,
        "beta": beta,
        "a_user": a.user,
        "beta_image": beta_image,
        "beta_document": document,
        "revision": revision,
        "index": home_tree.organisations,
    }
