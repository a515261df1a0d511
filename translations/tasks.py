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
