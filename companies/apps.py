from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "companies"
    verbose_name = _("Organisationen")

    def ready(self):
        from companies import review  # noqa: F401 - registers the workflow's translatable names
