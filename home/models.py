"""The home page: the root of each locale's tree."""

from django.conf import settings
from django.db import models
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import BodyBlock
from home.fields import page_translatable_fields


class TaxonomyQuerySet(models.QuerySet):
    """Taxonomy snippets for the API: the default-locale entries, labelled in a given locale.

    Pages point at the default-locale entries (``default_locale_only``), so those are the stable
    ones; ``for_api`` annotates each with ``api_<field>`` taken from its translation in the
    requested locale (by ``translation_key``), falling back to the default-locale text, and
    ``api_locale`` with the language the label is in. No extra query per entry.
    """

    localised_fields = ("name",)

    def for_api(self, language_code):
        """Default-locale entries annotated with their labels in ``language_code``."""
        translation = self.model._default_manager.filter(
            translation_key=OuterRef("translation_key"), locale__language_code=language_code
        )
        annotations = {
            f"api_{field}": Coalesce(Subquery(translation.values(field)[:1]), F(field))
            for field in self.localised_fields
        }
        annotations["api_locale"] = Coalesce(
            Subquery(translation.values("locale__language_code")[:1]),
            F("locale__language_code"),
        )
        return self.filter(locale__language_code=settings.LANGUAGE_CODE).annotate(**annotations)


class HomePage(Page):
    """Root of one locale's tree; parent of the region, organisation, news and event indexes."""

    intro = models.TextField(
        blank=True,
        max_length=500,
        verbose_name=_("Einleitung"),
        help_text=_("Kurzer Text über die Plattform, für die Startseite des Frontends."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Titelbild"),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Inhalt"))

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "regions.RegionIndexPage",
        "companies.OrganisationIndexPage",
        "news.NewsIndexPage",
        "news.EventIndexPage",
    ]
    # One home page per locale: the translations of the German one sit beside it under the root.
    max_count_per_parent = 1

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    translatable_fields = page_translatable_fields() + [
        TranslatableField("intro"),
        SynchronizedField("hero_image"),
        TranslatableField("body"),
    ]

    class Meta:
        verbose_name = _("Startseite")
        verbose_name_plural = _("Startseiten")
