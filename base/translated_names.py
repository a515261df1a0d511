"""Names of the workflows and tasks the platform creates, in the admin user's language.

Workflow and task names are database content and Wagtail shows them as they are stored ("提交给
Profilprüfung" in a Chinese admin). The names registered here are German msgids of our catalogues:
an instance loaded from the database gets the name in the active language, and on saving any
translation of a registered name is stored as its German msgid again, so an editor who saves the
workflow in the Chinese admin does not rename it for everyone. Names editors give their own
workflows are theirs and stay as written.
"""

from django.conf import settings
from django.db.models.signals import post_init, pre_save
from django.utils.translation import gettext, override

NAMES = set()


def register(*names):
    """Make these German names (mark them with gettext_noop) translatable."""
    NAMES.update(names)


def translate_name(sender, instance, **kwargs):
    name = instance.__dict__.get("name")  # never load a deferred field here
    if name in NAMES:
        instance.name = gettext(name)


def store_source_name(sender, instance, **kwargs):
    name = instance.__dict__.get("name")
    if not name or name in NAMES:
        return
    for msgid in NAMES:
        for code, _label in settings.WAGTAILADMIN_PERMITTED_LANGUAGES:
            with override(code):
                if gettext(msgid) == name:
                    instance.name = msgid
                    return


def connect():
    """Connect for Wagtail's Workflow and every Task model (each task type is its own sender)."""
    from django.apps import apps
    from wagtail.models import Task, Workflow

    for model in apps.get_models():
        if issubclass(model, (Workflow, Task)):
            post_init.connect(translate_name, sender=model, dispatch_uid=f"tn-{model._meta.label}")
            pre_save.connect(
                store_source_name, sender=model, dispatch_uid=f"sn-{model._meta.label}"
            )
