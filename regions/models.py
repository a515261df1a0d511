"""Regions (Kaiserslautern and the partner regions in China), their offices and contact persons."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce, Length, Substr
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
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

from base.blocks import BodyBlock, KeyFactBlock, MilestoneBlock, ServiceBlock
from base.fields import (
    COUNTRY_CHOICES,
    MultipleChoiceField,
    default_locale_only,
    page_translatable_fields,
)
from base.models import ApiPageManager, ApiPageQuerySet, rendition_prefetch, translation_keys_of
from base.preview import HeadlessPreviewMixin
from search.index import analysed


def latitude_field():
    return models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        verbose_name=_("Breitengrad"),
        help_text=_("WGS 84, z. B. 32.394200"),
    )


def longitude_field():
    return models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        verbose_name=_("Längengrad"),
        help_text=_("WGS 84, z. B. 119.412900"),
    )


def coordinates_panel():
    return FieldRowPanel(
        [FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Koordinaten")
    )


class RegionPageQuerySet(ApiPageQuerySet):
    """Region queries of the API: hero image renditions and focus sectors in a fixed number of
    queries, whatever the number of regions."""

    def _with_relations(self, language_code, fallback):
        # The sector model through the relation: regions does not import companies, which
        # imports regions (no cycle between the apps).
        sector_model = RegionPage._meta.get_field("focus_sectors").related_model

        return (
            super()
            .for_api(language_code, fallback)
            .select_related("hero_image")
            .prefetch_related(
                rendition_prefetch("hero_image"),
                Prefetch("focus_sectors", queryset=sector_model.objects.localised(language_code)),
            )
        )

    def for_api(self, language_code, fallback=False):
        """Regions of a listing: + hero image with renditions, focus sectors labelled in the
        locale; StreamFields deferred. 3 queries with the COUNT."""
        return self._with_relations(language_code, fallback).defer_streamfields()

    def filter_for_api(self, country=None, role=None):
        """The region list's filters."""
        queryset = self
        if country:
            queryset = queryset.filter(country=country)
        if role:
            queryset = queryset.filter(role=role)
        return queryset

    def for_api_detail(self, language_code, fallback=False):
        """One region: + its partner organisations (ids, in the editor's order)."""
        return self._with_relations(language_code, fallback).prefetch_related(
            "partner_organisations"
        )


class OfficePageQuerySet(ApiPageQuerySet):
    """Office queries of the API, with the id of each office's region (its parent page)."""

    def with_region_id(self):
        """Annotate ``api_region_id``: the parent page, found from the tree path."""
        parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
        return self.annotate(
            api_region_id=Subquery(Page.objects.filter(path=parent_path).values("pk")[:1])
        )

    def for_api(self, language_code, fallback=False):
        """Offices of a listing: + region id; StreamFields deferred. 2 queries with the COUNT."""
        return super().for_api(language_code, fallback).with_region_id().defer_streamfields()

    def filter_for_api(self, region=None, status=None):
        """The office list's filters; ``region``: id or slug of any translation (an office's
        region is its parent page, in the office's locale)."""
        queryset = self
        if region:
            regions = RegionPage.objects.filter(
                translation_key__in=translation_keys_of(RegionPage, region)
            )
            queryset = queryset.filter(api_region_id__in=regions.values("pk"))
        if status:
            queryset = queryset.filter(status=status)
        return queryset

    def for_api_detail(self, language_code, fallback=False):
        """One office: + its contact persons with photo renditions and their role in the
        locale (by translation_key; the German role where untranslated)."""
        role = ContactPerson.objects.filter(
            translation_key=OuterRef("person__translation_key"),
            locale__language_code=language_code,
        ).values("role")[:1]
        contacts = OfficeContact.objects.select_related("person", "person__photo").annotate(
            api_role=Coalesce(Subquery(role), "person__role")
        )
        return (
            super()
            .for_api(language_code, fallback)
            .with_region_id()
            .prefetch_related(
                Prefetch("contacts", queryset=contacts),
                rendition_prefetch("contacts__person__photo"),
            )
        )


class ContactPerson(TranslatableMixin, models.Model):
    """A person to contact at an office or the agency; name and email shared across locales."""

    name = models.CharField(max_length=120, verbose_name=_("Name"))
    role = models.CharField(
        max_length=160,
        blank=True,
        verbose_name=_("Funktion"),
        help_text=_("z. B. Leiterin der Repräsentanz"),
    )
    email = models.EmailField(blank=True, verbose_name=_("E-Mail"))
    phone = models.CharField(
        max_length=40, blank=True, verbose_name=_("Telefon"), help_text=_("Internationales Format")
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Foto"),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("photo"),
    ]
    translatable_fields = [
        SynchronizedField("name"),
        TranslatableField("role"),
        SynchronizedField("email"),
        SynchronizedField("phone"),
        SynchronizedField("photo"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Kontaktperson")
        verbose_name_plural = _("Kontaktpersonen")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name


class RegionIndexPage(Page):
    """Lists the regions; one per home page."""

    intro = models.TextField(blank=True, verbose_name=_("Einleitung"))

    parent_page_types = ["home.HomePage"]
    subpage_types = ["regions.RegionPage"]
    max_count_per_parent = 1

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = analysed(Page.search_fields + [index.SearchField("intro")])
    translatable_fields = page_translatable_fields() + [TranslatableField("intro")]

    class Meta:
        verbose_name = _("Regionenübersicht")


class RegionPage(HeadlessPreviewMixin, Page):
    """A region: the home region Kaiserslautern or a partner region in China; parent of offices."""

    class Role(models.TextChoices):
        HOME = "home", _("Heimatregion")
        PARTNER = "partner", _("Partnerregion")

    country = models.CharField(
        max_length=2, choices=COUNTRY_CHOICES, default="CN", verbose_name=_("Land")
    )
    province = models.CharField(
        max_length=120,
        blank=True,
        verbose_name=_("Provinz / Bundesland"),
        help_text=_("z. B. Jiangsu oder Rheinland-Pfalz"),
    )
    role = models.CharField(
        max_length=10, choices=Role.choices, default=Role.PARTNER, verbose_name=_("Rolle")
    )
    summary = models.TextField(
        max_length=500,
        verbose_name=_("Kurzbeschreibung"),
        help_text=_("Zwei bis drei Sätze für Übersichten, Feeds und Suchergebnisse."),
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
    focus_sectors = ParentalManyToManyField(
        "companies.Sector",
        blank=True,
        related_name="focus_regions",
        limit_choices_to=default_locale_only,
        verbose_name=_("Schwerpunktbranchen"),
    )
    key_facts = StreamField(
        [("fact", KeyFactBlock())],
        blank=True,
        verbose_name=_("Kennzahlen"),
        help_text=_("Bezeichnung und Wert, z. B. „Fläche der Repräsentanz: 1.600 m²“."),
    )
    milestones = StreamField(
        [("milestone", MilestoneBlock())],
        blank=True,
        verbose_name=_("Meilensteine der Zusammenarbeit"),
        help_text=_("z. B. Unterzeichnung des MoU mit Datum."),
    )
    latitude = latitude_field()
    longitude = longitude_field()

    objects = ApiPageManager.from_queryset(RegionPageQuerySet)()

    parent_page_types = ["regions.RegionIndexPage"]
    subpage_types = ["regions.OfficePage"]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    facts_panels = [
        MultiFieldPanel(
            [FieldPanel("country"), FieldPanel("province"), FieldPanel("role")],
            heading=_("Lage"),
        ),
        coordinates_panel(),
        FieldPanel("focus_sectors", widget=forms.CheckboxSelectMultiple),
        FieldPanel("key_facts"),
        FieldPanel("milestones"),
        InlinePanel("partner_organisations", label=_("Partnerorganisationen")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhalt")),
            ObjectList(facts_panels, heading=_("Fakten und Partner")),
            ObjectList(Page.promote_panels, heading=_("Veröffentlichung")),
            ObjectList(Page.settings_panels, heading=_("Einstellungen")),
        ]
    )
    search_fields = analysed(
        Page.search_fields
        + [
            index.SearchField("summary"),
            index.SearchField("province"),
            index.SearchField("body"),
            index.FilterField("role"),
            index.FilterField("country"),
        ]
    )
    search_name_fields = ("title", "province")
    translatable_fields = page_translatable_fields() + [
        SynchronizedField("country"),
        TranslatableField("province"),
        SynchronizedField("role"),
        TranslatableField("summary"),
        SynchronizedField("hero_image"),
        TranslatableField("body"),
        SynchronizedField("focus_sectors"),
        TranslatableField("key_facts"),
        TranslatableField("milestones"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("partner_organisations"),
    ]

    class Meta:
        verbose_name = _("Region")
        verbose_name_plural = _("Regionen")


class RegionPartnerOrganisation(Orderable):
    """An organisation the region cooperates with, in the editor's order."""

    region = ParentalKey(RegionPage, on_delete=models.CASCADE, related_name="partner_organisations")
    organisation = models.ForeignKey(
        "companies.OrganisationPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Organisation"),
    )

    panels = [FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("Partnerorganisation")
        verbose_name_plural = _("Partnerorganisationen")


class OfficePage(HeadlessPreviewMixin, Page):
    """A representative office (Repräsentanz) of the agency in a region."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("geplant")
        OPEN = "open", _("eröffnet")
        CLOSED = "closed", _("geschlossen")

    FACILITY_CHOICES = [
        ("offices", _("Büroräume")),
        ("coworking", _("Co-Working Space")),
        ("meeting_rooms", _("Besprechungsräume")),
        ("event_space", _("Veranstaltungsfläche")),
        ("showroom", _("Ausstellungsfläche")),
        ("production_space", _("Produktionsfläche")),
        ("warehouse", _("Lager")),
        ("laboratory", _("Labor")),
    ]

    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN, verbose_name=_("Status")
    )
    opening_date = models.DateField(null=True, blank=True, verbose_name=_("Eröffnungsdatum"))
    summary = models.TextField(
        max_length=500,
        blank=True,
        verbose_name=_("Kurzbeschreibung"),
        help_text=_("Zwei bis drei Sätze für Übersichten, Feeds und Suchergebnisse."),
    )
    host_institution = models.CharField(
        max_length=200,
        blank=True,
        verbose_name=_("Gastinstitution"),
        help_text=_("z. B. Technologiezentrum Yangzhou"),
    )
    street = models.CharField(max_length=200, blank=True, verbose_name=_("Straße und Hausnummer"))
    postal_code = models.CharField(max_length=20, blank=True, verbose_name=_("Postleitzahl"))
    city = models.CharField(max_length=120, blank=True, verbose_name=_("Ort"))
    country = models.CharField(
        max_length=2, choices=COUNTRY_CHOICES, default="CN", verbose_name=_("Land")
    )
    floor_area_m2 = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("Fläche (m²)")
    )
    facilities = MultipleChoiceField(choices_list=FACILITY_CHOICES, verbose_name=_("Ausstattung"))
    services = StreamField(
        [("service", ServiceBlock())],
        blank=True,
        verbose_name=_("Leistungen"),
        help_text=_("Was die Repräsentanz für Unternehmen anbietet."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("Inhalt"))
    latitude = latitude_field()
    longitude = longitude_field()

    objects = ApiPageManager.from_queryset(OfficePageQuerySet)()

    parent_page_types = ["regions.RegionPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("opening_date")]),
        FieldPanel("host_institution"),
        FieldPanel("body"),
    ]
    details_panels = [
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldPanel("country"),
            ],
            heading=_("Adresse"),
        ),
        coordinates_panel(),
        FieldPanel("floor_area_m2"),
        FieldPanel("facilities"),
        FieldPanel("services"),
        InlinePanel("contacts", label=_("Kontaktpersonen")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhalt")),
            ObjectList(details_panels, heading=_("Adresse und Ausstattung")),
            ObjectList(Page.promote_panels, heading=_("Veröffentlichung")),
            ObjectList(Page.settings_panels, heading=_("Einstellungen")),
        ]
    )
    search_fields = analysed(
        Page.search_fields
        + [
            index.SearchField("summary"),
            index.SearchField("host_institution"),
            index.SearchField("city"),
            index.FilterField("status"),
        ]
    )
    search_name_fields = ("title", "city", "host_institution")
    translatable_fields = page_translatable_fields() + [
        SynchronizedField("status"),
        SynchronizedField("opening_date"),
        TranslatableField("summary"),
        TranslatableField("host_institution"),
        TranslatableField("street"),
        SynchronizedField("postal_code"),
        TranslatableField("city"),
        SynchronizedField("country"),
        SynchronizedField("floor_area_m2"),
        SynchronizedField("facilities"),
        TranslatableField("services"),
        TranslatableField("body"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("contacts"),
    ]

    class Meta:
        verbose_name = _("Repräsentanz")
        verbose_name_plural = _("Repräsentanzen")


class OfficeContact(Orderable):
    """A contact person of an office, in the editor's order."""

    office = ParentalKey(OfficePage, on_delete=models.CASCADE, related_name="contacts")
    person = models.ForeignKey(
        ContactPerson,
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=default_locale_only,
        verbose_name=_("Person"),
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("Kontaktperson")
        verbose_name_plural = _("Kontaktpersonen")
