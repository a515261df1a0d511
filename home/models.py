"""The home page: the root of each locale's page tree."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from base.blocks import BodyBlock
from base.fields import page_translatable_fields
from base.models import ApiPageManager
from base.preview import HeadlessPreviewMixin
from search.index import analysed


class HomePage(HeadlessPreviewMixin, Page):
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

    objects = ApiPageManager()

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
    search_fields = analysed(Page.search_fields + [index.SearchField("intro")])
    translatable_fields = page_translatable_fields() + [
        TranslatableField("intro"),
        SynchronizedField("hero_image"),
        TranslatableField("body"),
    ]

    class Meta:
        verbose_name = _("Startseite")
        verbose_name_plural = _("Startseiten")
