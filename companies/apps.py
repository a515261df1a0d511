from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "companies"
    verbose_name = _("Organisationen")

    def ready(self):
        from django.db.models.signals import post_save, pre_save
        from wagtail.admin.search import admin_search_areas

        from companies import review  # noqa: F401 - registers the workflow's translatable names
        from companies.isolation import organisation_keys
        from companies.onboarding import grant_new_translation

        post_save.connect(grant_new_translation, dispatch_uid="companies-grant-new-translation")

        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model

        from companies.uploads import name_organisation_upload

        for model in (get_image_model(), get_document_model()):
            pre_save.connect(
                name_organisation_upload, sender=model, dispatch_uid=f"companies-name-{model}"
            )

        # No admin search for organisation users (the sidebar's search box searches all pages).
        # Wagtail has no per-request hook for the search areas: their lookup is wrapped.
        search_items_for_request = admin_search_areas.search_items_for_request

        def portal_search_items(request):
            if organisation_keys(request.user) is not None:
                return []
            return search_items_for_request(request)

        admin_search_areas.search_items_for_request = portal_search_items
