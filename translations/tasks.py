from django.contrib.auth import get_user_model
from django_tasks import task
from wagtail.models import Locale, Page

from translations.pretranslate import machine_translate_subtree


@task()
def machine_translate_subtree_task(page_id, language_code, user_id=None):
    """Pre-translate a subtree in the background (the admin's "Maschinell vorübersetzen")."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    outcomes = machine_translate_subtree(
        Page.objects.get(pk=page_id), Locale.objects.get(language_code=language_code), user
    )
    return len(outcomes)


@task()
def create_counterparts_task(page_id):
    """The draft translations of a newly created page (``translations.counterparts``)."""
    from translations.counterparts import create_counterparts

    page = Page.objects.filter(pk=page_id).first()
    if page is None:  # deleted before the task ran
        return 0
    return len(create_counterparts(page.specific))
