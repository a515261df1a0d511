from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "companies"
    verbose_name = _("Organisationen")

    def ready(self):
        from django.db.models.signals import post_save

        from companies.onboarding import grant_new_translation

        post_save.connect(grant_new_translation, dispatch_uid="companies-grant-new-translation")
