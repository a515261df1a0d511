"""Publishing, unpublishing, moving or deleting an organisation or an opportunity (in any
locale) queues the recomputation of its match profile once the transaction commits.
Bulk loads (``api.invalidation.bulk_changes``) are skipped: ``rebuild_matchmaking`` runs after."""

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from api.invalidation import suspended


def matched_models():
    from companies.models import OrganisationPage
    from matchmaking.models import OpportunityPage

    return (OrganisationPage, OpportunityPage)


def enqueue(translation_key):
    from matchmaking.tasks import refresh_profiles

    key = str(translation_key)
    transaction.on_commit(lambda: refresh_profiles.enqueue([key]))


def page_changed(sender, instance, **kwargs):
    if suspended() or not isinstance(instance, matched_models()):
        return
    enqueue(instance.translation_key)


def page_moved(sender, instance, **kwargs):
    specific = instance.specific_deferred if hasattr(instance, "specific_deferred") else instance
    page_changed(sender, specific, **kwargs)


def connect():
    for signal in (page_published, page_unpublished):
        signal.connect(page_changed, dispatch_uid=f"matchmaking-{id(signal)}")
    post_page_move.connect(page_moved, dispatch_uid="matchmaking-move")
    for model in matched_models():
        post_delete.connect(page_changed, sender=model, dispatch_uid=f"matchmaking-del-{model}")
