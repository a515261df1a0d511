"""News and events, with their categories and links to regions, offices and organisations."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import CharField, Exists, F, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from base.blocks import BodyBlock
from base.fields import default_locale_only, page_translatable_fields
from base.models import (
    ApiPageManager,
    ApiPageQuerySet,
    TaxonomyQuerySet,
    rendition_prefetch,
    translation_keys_of,
)
from base.preview import HeadlessPreviewMixin
from search.index import analysed


class NewsCategory(TranslatableMixin, models.Model):
    """A news category such as "Delegation" or "Kooperation"; the slug is stable across locales."""

    objects = TaxonomyQuerySet.as_manager()

    name = models.CharField(max_length=80, verbose_name=_("Bezeichnung"))
    slug = models.SlugField(
        max_length=80, verbose_name=_("Kürzel"), help_text=_("Stabiler Schlüssel für die API")
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Nachrichtenkategorie")
        verbose_name_plural = _("Nachrichtenkategorien")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_news_category_slug")
        ]

    def __str__(self):
        return self.name


class NewsIndexPage(Page):
    """Lists the news; one per home page."""

    intro = models.TextField(blank=True, verbose_name=_("Einleitung"))

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = analysed(Page.search_fields + [index.SearchField("intro")])
    translatable_fields = page_translatable_fields() + [TranslatableField("intro")]

    def get_context(self, request, *args, **kwargs):
        """The built-in page lists its news newest first, with their dates."""
        context = super().get_context(request, *args, **kwargs)
        context["news"] = (
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-date", "-first_published_at", "-pk")[:60]
        )
        return context

    class Meta:
        verbose_name = _("Nachrichtenübersicht")


class NewsPageQuerySet(ApiPageQuerySet):
    """News queries of the API: hero image renditions, category labelled in the locale, tags."""

    def _with_relations(self, language_code, fallback):
        category = NewsCategory.objects.filter(
            translation_key=OuterRef("category__translation_key"),
            locale__language_code=language_code,
        )
        return (
            super()
            .for_api(language_code, fallback)
            .select_related("hero_image", "category")
            .annotate(
                api_category_name=Coalesce(
                    Subquery(category.values("name")[:1]), F("category__name")
                ),
                api_category_locale=Coalesce(
                    Subquery(category.values("locale__language_code")[:1]),
                    F("category__locale__language_code"),
                ),
            )
            .prefetch_related(
                rendition_prefetch("hero_image"),
                Prefetch("tagged_items", queryset=NewsPageTag.objects.select_related("tag")),
            )
        )

    def for_api(self, language_code, fallback=False):
        """News of a listing: + hero image renditions, localised category, tags; the body
        deferred. 4 queries with the COUNT."""
        return self._with_relations(language_code, fallback).defer_streamfields()

    def for_api_detail(self, language_code, fallback=False):
        """One news page: the listing's relations and the body (``api_relations`` adds the
        related regions, offices and organisations in one query)."""
        return self._with_relations(language_code, fallback)

    def filter_for_api(
        self,
        category=None,
        region=None,
        organisation=None,
        tag=None,
        date_from=None,
        date_to=None,
        newsletter=None,
    ):
        """The news list's filters: category slug, related region (id or slug of any
        translation), related organisation (id of any translation), tag slug, date range,
        newsletter flag. Relation filters are EXISTS subqueries, so no row comes twice."""
        from companies.models import OrganisationPage
        from regions.models import RegionPage

        queryset = self
        if category:
            queryset = queryset.filter(category__slug=category)
        if region:
            keys = translation_keys_of(RegionPage, region)
            queryset = queryset.filter(
                Exists(
                    NewsRelatedRegion.objects.filter(
                        news_id=OuterRef("pk"), region__translation_key__in=keys
                    )
                )
            )
        if organisation:
            keys = OrganisationPage.objects.filter(pk=organisation).values("translation_key")
            queryset = queryset.filter(
                Exists(
                    NewsRelatedOrganisation.objects.filter(
                        news_id=OuterRef("pk"), organisation__translation_key__in=keys
                    )
                )
            )
        if tag:
            queryset = queryset.filter(
                Exists(NewsPageTag.objects.filter(content_object_id=OuterRef("pk"), tag__slug=tag))
            )
        if date_from:
            queryset = queryset.filter(date__gte=date_from)
        if date_to:
            queryset = queryset.filter(date__lte=date_to)
        if newsletter is not None:
            queryset = queryset.filter(include_in_newsletter=newsletter)
        return queryset

    def api_relations(self, page_ids):
        """The regions, offices and organisations the news pages ``page_ids`` are about, in
        one UNION query: rows of (news id, relation, page id, sort order)."""
        text = CharField()
        branches = [
            model.objects.filter(news_id__in=page_ids)
            .order_by()
            .annotate(
                api_news=F("news_id"),
                api_relation=Value(relation, output_field=text),
                api_page=F(f"{field}_id"),
                api_order=F("sort_order"),
            )
            .values_list("api_news", "api_relation", "api_page", "api_order")
            for model, relation, field in (
                (NewsRelatedRegion, "regions", "region"),
                (NewsRelatedOffice, "offices", "office"),
                (NewsRelatedOrganisation, "organisations", "organisation"),
            )
        ]
        return list(branches[0].union(*branches[1:], all=True))


class NewsPageTag(TaggedItemBase):
    """Links a news page to a tag."""

    content_object = ParentalKey(
        "news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPage(HeadlessPreviewMixin, Page):
    """A news article: the delegation, an MoU, an office opening, cooperation news."""

    date = models.DateField(
        default=timezone.localdate,
        verbose_name=_("Datum"),
        help_text=_("Das Datum, unter dem die Nachricht erscheint."),
    )
    teaser = models.TextField(
        max_length=300,
        verbose_name=_("Anreißer"),
        help_text=_(
            "Reiner Text, höchstens 300 Zeichen; erscheint in Listen, Feeds und Newslettern."
        ),
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
    category = models.ForeignKey(
        NewsCategory,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=default_locale_only,
        verbose_name=_("Kategorie"),
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("Schlagwörter"))
    include_in_newsletter = models.BooleanField(
        default=True,
        verbose_name=_("Im Newsletter"),
        help_text=_("Nachricht in den Newsletter-Feed und den Digest aufnehmen."),
    )

    objects = ApiPageManager.from_queryset(NewsPageQuerySet)()

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
        FieldPanel("teaser"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    relation_panels = [
        InlinePanel("related_regions", label=_("Regionen")),
        InlinePanel("related_offices", label=_("Repräsentanzen")),
        InlinePanel("related_organisations", label=_("Organisationen")),
        FieldPanel("tags"),
        FieldPanel("include_in_newsletter"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhalt")),
            ObjectList(relation_panels, heading=_("Bezüge und Newsletter")),
            ObjectList(Page.promote_panels, heading=_("Veröffentlichung")),
            ObjectList(Page.settings_panels, heading=_("Einstellungen")),
        ]
    )
    search_fields = analysed(
        Page.search_fields
        + [
            index.SearchField("teaser"),
            index.AutocompleteField("teaser"),
            index.SearchField("body"),
            index.FilterField("date"),
            index.FilterField("include_in_newsletter"),
        ]
    )
    translatable_fields = page_translatable_fields() + [
        SynchronizedField("date"),
        TranslatableField("teaser"),
        SynchronizedField("hero_image"),
        TranslatableField("body"),
        SynchronizedField("category"),
        SynchronizedField("tagged_items"),
        SynchronizedField("include_in_newsletter"),
        SynchronizedField("related_regions"),
        SynchronizedField("related_offices"),
        SynchronizedField("related_organisations"),
    ]

    class Meta:
        verbose_name = pgettext_lazy("page type", "Nachricht")
        verbose_name_plural = _("Nachrichten")


class NewsRelatedRegion(Orderable):
    """A region a news page is about."""

    news = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_regions")
    region = models.ForeignKey(
        "regions.RegionPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("Region")
    )
    panels = [FieldPanel("region")]


class NewsRelatedOffice(Orderable):
    """An office a news page is about."""

    news = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_offices")
    office = models.ForeignKey(
        "regions.OfficePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Repräsentanz"),
    )
    panels = [FieldPanel("office")]


class NewsRelatedOrganisation(Orderable):
    """An organisation a news page is about."""

    news = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_organisations")
    organisation = models.ForeignKey(
        "companies.OrganisationPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Organisation"),
    )
    panels = [FieldPanel("organisation")]


class EventIndexPage(Page):
    """Lists the events; one per home page."""

    intro = models.TextField(blank=True, verbose_name=_("Einleitung"))

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.EventPage"]
    max_count_per_parent = 1

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = analysed(Page.search_fields + [index.SearchField("intro")])
    translatable_fields = page_translatable_fields() + [TranslatableField("intro")]

    class Meta:
        verbose_name = _("Veranstaltungsübersicht")


TIME_ZONE_CHOICES = [
    ("Europe/Berlin", _("Deutschland (Europe/Berlin)")),
    ("Asia/Shanghai", _("China (Asia/Shanghai)")),
    ("UTC", "UTC"),
]


class EventPageForm(WagtailAdminPageForm):
    """Reads and shows start, end and deadline as wall-clock times in the event's own time zone.

    An editor in Kaiserslautern who types 10:00 for a conference in Foshan means 10:00 in Foshan.
    """

    local_time_fields = ("start", "end", "registration_deadline")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tz = zoneinfo.ZoneInfo(self.instance.time_zone or "Europe/Berlin")
        for name in self.local_time_fields:
            if name not in self.fields:
                continue
            field = self.fields[name]
            field.to_python = self.wall_clock_parser(field)
            field.help_text = _("Ortszeit am Veranstaltungsort (siehe Zeitzone).")
            value = getattr(self.instance, name, None)
            if value is not None:
                # Show the stored instant as a naive wall-clock time of the event's zone.
                self.initial[name] = timezone.localtime(value, tz).replace(tzinfo=None)

    @staticmethod
    def wall_clock_parser(field):
        """Parse the input as typed, with no time zone; clean() attaches the event's.

        Django would parse it in the editor's zone and reject a time that does not exist there
        (02:30 on the night Berlin switches to summer time), though it does in Shanghai.
        """
        parse = field.to_python

        def to_python(value):
            with timezone.override(zoneinfo.ZoneInfo("UTC")):
                parsed = parse(value)
            return parsed.replace(tzinfo=None) if parsed else parsed

        return to_python

    def clean(self):
        cleaned = super().clean()
        tz = zoneinfo.ZoneInfo(cleaned.get("time_zone") or "Europe/Berlin")
        for name in self.local_time_fields:
            value = cleaned.get(name)
            if value is not None:
                cleaned[name] = timezone.make_aware(value, tz)
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("Das Ende darf nicht vor dem Beginn liegen."))
        deadline = cleaned.get("registration_deadline")
        if deadline and start and deadline > start:
            self.add_error(
                "registration_deadline",
                _("Der Anmeldeschluss darf nicht nach dem Beginn liegen."),
            )
        return cleaned


class EventPageQuerySet(ApiPageQuerySet):
    """Event queries of the API: hero image renditions; upcoming and past events."""

    def for_api(self, language_code, fallback=False):
        """Events of a listing: + hero image renditions; the body deferred. 3 queries with the
        COUNT."""
        return self.for_api_detail(language_code, fallback).defer_streamfields()

    def for_api_detail(self, language_code, fallback=False):
        """One event: + hero image renditions."""
        return (
            super()
            .for_api(language_code, fallback)
            .select_related("hero_image")
            .prefetch_related(rendition_prefetch("hero_image"))
        )

    def filter_for_api(self, when=None, region=None, format=None, now=None):
        """The event list's filters: ``when`` upcoming or past (relative to ``now``), region
        (id or slug of any translation), format."""
        from regions.models import RegionPage

        queryset = self
        if when == "upcoming":
            queryset = queryset.upcoming(now)
        elif when == "past":
            queryset = queryset.past(now)
        if region:
            queryset = queryset.filter(
                region__translation_key__in=translation_keys_of(RegionPage, region)
            )
        if format:
            queryset = queryset.filter(format=format)
        return queryset

    def upcoming_q(self, now=None):
        """Events not yet over: ending (or, without an end, starting) now or later."""
        now = now or timezone.now()
        return Q(end__gte=now) | Q(end__isnull=True, start__gte=now)

    def upcoming(self, now=None):
        return self.filter(self.upcoming_q(now))

    def past(self, now=None):
        return self.exclude(self.upcoming_q(now))


class EventPage(HeadlessPreviewMixin, Page):
    """An event: information event, delegation trip, startup conference, trade fair, webinar."""

    class Format(models.TextChoices):
        INFORMATION_EVENT = "information_event", _("Informationsveranstaltung")
        DELEGATION_TRIP = "delegation_trip", _("Delegationsreise")
        STARTUP_CONFERENCE = "startup_conference", _("Startup-Konferenz")
        TRADE_FAIR = "trade_fair", _("Messe")
        WEBINAR = "webinar", _("Webinar")

    start = models.DateTimeField(verbose_name=_("Beginn"))
    end = models.DateTimeField(null=True, blank=True, verbose_name=_("Ende"))
    time_zone = models.CharField(
        max_length=40,
        choices=TIME_ZONE_CHOICES,
        default="Europe/Berlin",
        verbose_name=_("Zeitzone"),
        help_text=_("Zeitzone des Veranstaltungsorts; Beginn und Ende gelten als Ortszeit."),
    )
    location = models.CharField(
        max_length=200,
        blank=True,
        verbose_name=_("Ort"),
        help_text=_("z. B. Technologiezentrum Yangzhou oder „online“"),
    )
    region = models.ForeignKey(
        "regions.RegionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("Region"),
    )
    format = models.CharField(max_length=30, choices=Format.choices, verbose_name=_("Format"))
    teaser = models.TextField(
        max_length=300,
        blank=True,
        verbose_name=_("Anreißer"),
        help_text=_("Reiner Text, höchstens 300 Zeichen."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Titelbild"),
    )
    registration_url = models.URLField(blank=True, verbose_name=_("Anmeldelink"))
    registration_deadline = models.DateTimeField(
        null=True, blank=True, verbose_name=_("Anmeldeschluss")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Inhalt"))

    objects = ApiPageManager.from_queryset(EventPageQuerySet)()

    parent_page_types = ["news.EventIndexPage"]
    subpage_types = []
    base_form_class = EventPageForm

    content_panels = Page.content_panels + [
        FieldPanel("format"),
        MultiFieldPanel(
            [
                FieldPanel("time_zone"),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
            ],
            heading=_("Zeit"),
        ),
        FieldRowPanel([FieldPanel("location"), FieldPanel("region")]),
        FieldPanel("teaser"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    registration_panels = [
        FieldPanel("registration_url"),
        FieldPanel("registration_deadline"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhalt")),
            ObjectList(registration_panels, heading=_("Anmeldung")),
            ObjectList(Page.promote_panels, heading=_("Veröffentlichung")),
            ObjectList(Page.settings_panels, heading=_("Einstellungen")),
        ]
    )
    search_fields = analysed(
        Page.search_fields
        + [
            index.SearchField("teaser"),
            index.AutocompleteField("teaser"),
            index.SearchField("location"),
            index.SearchField("body"),
            index.FilterField("start"),
            index.FilterField("format"),
        ]
    )
    translatable_fields = page_translatable_fields() + [
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("time_zone"),
        TranslatableField("location"),
        SynchronizedField("region"),
        SynchronizedField("format"),
        TranslatableField("teaser"),
        SynchronizedField("hero_image"),
        SynchronizedField("registration_url"),
        SynchronizedField("registration_deadline"),
        TranslatableField("body"),
    ]

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")

    def clean(self):
        super().clean()
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("Das Ende darf nicht vor dem Beginn liegen.")})

    @property
    def local_start(self):
        """The start as a wall-clock time of the event's own time zone."""
        return timezone.localtime(self.start, zoneinfo.ZoneInfo(self.time_zone))
