from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Suche")

    def ready(self):
        from django.db.models.signals import pre_save
        from django_tasks.signals import task_finished

        from search.signals import forget_analysed_values, index_updated

        task_finished.connect(index_updated, dispatch_uid="search-index-updated")
        pre_save.connect(forget_analysed_values, dispatch_uid="search-forget-analysed")
