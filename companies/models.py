"""Organisation profiles (companies, startups, institutes, parks, public bodies) and taxonomies."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from base.blocks import RICH_TEXT_FEATURES, CertificationBlock, ServiceBlock
from base.fields import (
    COUNTRY_CHOICES,
    WORKING_LANGUAGE_CHOICES,
    MultipleChoiceField,
    default_locale_only,
    page_translatable_fields,
)
from base.models import (
    ApiPageManager,
    ApiPageQuerySet,
    TaxonomyQuerySet,
    rendition_prefetch,
    translation_keys_of,
    visible_q,
)
from base.preview import HeadlessPreviewMixin
from search.index import analysed


class Sector(TranslatableMixin, models.Model):
    """An industry sector, with its WZ 2008 / NACE Rev. 2 and GB/T 4754 codes where they apply."""

    objects = TaxonomyQuerySet.as_manager()

    name = models.CharField(max_length=120, verbose_name=_("Bezeichnung"))
    nace_code = models.CharField(
        max_length=10,
        blank=True,
        verbose_name=_("WZ 2008 / NACE-Code"),
        help_text=_("Abschnitt oder Abteilung, z. B. C28 (Maschinenbau)"),
    )
    gbt_code = models.CharField(
        max_length=10,
        blank=True,
        verbose_name=_("GB/T-4754-Code"),
        help_text=_("Chinesische Wirtschaftszweigklassifikation, z. B. C34"),
    )

    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("nace_code"), FieldPanel("gbt_code")])]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("nace_code"),
        SynchronizedField("gbt_code"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Branche")
        verbose_name_plural = _("Branchen")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CooperationTypeQuerySet(TaxonomyQuerySet):
    """Cooperation types for the API, with name and description in the requested locale."""

    localised_fields = ("name", "description")


class CooperationType(TranslatableMixin, models.Model):
    """A kind of partnership an organisation offers or seeks (after Enterprise Europe Network)."""

    objects = CooperationTypeQuerySet.as_manager()

    class Category(models.TextChoices):
        TECHNOLOGY = "technology", _("Technologie")
        BUSINESS = "business", _("Geschäft")
        RESEARCH = "research", _("Forschung und Entwicklung")
        PEOPLE = "people", _("Fachkräfte und Ausbildung")
        STARTUP = "startup", _("Startups")
        SPACE = "space", _("Flächen")

    code = models.SlugField(
        max_length=60,
        verbose_name=_("Kürzel"),
        help_text=_("Stabiler Schlüssel für die API, z. B. joint-venture"),
    )
    name = models.CharField(max_length=120, verbose_name=_("Bezeichnung"))
    category = models.CharField(
        max_length=20, choices=Category.choices, verbose_name=_("Kategorie")
    )
    description = models.TextField(blank=True, verbose_name=_("Beschreibung"))

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("code"), FieldPanel("category")]),
        FieldPanel("description"),
    ]
    translatable_fields = [
        SynchronizedField("code"),
        TranslatableField("name"),
        SynchronizedField("category"),
        TranslatableField("description"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Kooperationsart")
        verbose_name_plural = _("Kooperationsarten")
        ordering = ["category", "name"]
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_cooperation_code")
        ]

    def __str__(self):
        return self.name


class OrganisationIndexPage(Page):
    """The directory of organisation profiles; one per home page."""

    intro = models.TextField(blank=True, verbose_name=_("Einleitung"))

    parent_page_types = ["home.HomePage"]
    subpage_types = ["companies.OrganisationPage"]
    max_count_per_parent = 1

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = analysed(Page.search_fields + [index.SearchField("intro")])
    translatable_fields = page_translatable_fields() + [TranslatableField("intro")]

    class Meta:
        verbose_name = _("Organisationsverzeichnis")


class OrganisationPageQuerySet(ApiPageQuerySet):
    """Organisation queries of the API. The private ``contact_email`` is never loaded."""

    def for_api(self, language_code, fallback=False):
        """Organisations of a listing (``list_rows``) visible in the locale. 3 queries with the
        COUNT; ``api_taxonomies`` adds one for sectors, offers, seeks."""
        return super().for_api(language_code, fallback).list_rows()

    def list_rows(self):
        """What a listing loads of each organisation: + locale, logo with its renditions; long
        texts deferred. Alone for organisations already known to be visible (the matches)."""
        return (
            self.select_related("locale", "logo")
            .prefetch_related(rendition_prefetch("logo"))
            .defer_streamfields()
            .defer("description", "contact_email")
        )

    def for_api_detail(self, language_code, fallback=False):
        """One organisation: + logo renditions and the ids of its target regions."""
        from regions.models import RegionPage

        return (
            super()
            .for_api(language_code, fallback)
            .select_related("logo")
            .prefetch_related(
                rendition_prefetch("logo"),
                Prefetch("target_regions", queryset=RegionPage.objects.only("id")),
            )
            .defer("contact_email")
        )

    def filter_for_api(
        self,
        region=None,
        sector=None,
        organisation_type=None,
        offers=None,
        seeks=None,
        size_band=None,
        country=None,
    ):
        """The directory filters. ``region``: id or slug of any translation; ``sector``: id of
        any translation; ``offers``/``seeks``: cooperation type code. Relation filters are
        EXISTS subqueries, so no row comes twice."""
        from regions.models import RegionPage

        queryset = self
        if region:
            queryset = queryset.filter(
                region__translation_key__in=translation_keys_of(RegionPage, region)
            )
        if sector:
            keys = Sector.objects.filter(pk=sector).values("translation_key")
            through = OrganisationPage.sectors.through.objects
            queryset = queryset.filter(
                Exists(
                    through.filter(
                        organisationpage_id=OuterRef("pk"), sector__translation_key__in=keys
                    )
                )
            )
        for relation, code in (("offers", offers), ("seeks", seeks)):
            if code:
                through = getattr(OrganisationPage, relation).through.objects
                queryset = queryset.filter(
                    Exists(
                        through.filter(
                            organisationpage_id=OuterRef("pk"), cooperationtype__code=code
                        )
                    )
                )
        for field, value in (
            ("organisation_type", organisation_type),
            ("size_band", size_band),
            ("country", country),
        ):
            if value:
                queryset = queryset.filter(**{field: value})
        return queryset

    def api_taxonomies(self, page_ids, language_code):
        """Sectors, offers and seeks of the pages ``page_ids``, labelled in the locale, in one
        UNION query: rows of (page id, relation, entry id, translation_key, name, label
        locale, code, category)."""
        branches = [
            _taxonomy_branch(
                OrganisationPage.sectors.through,
                "sector",
                "sectors",
                Sector,
                page_ids,
                language_code,
            ),
            _taxonomy_branch(
                OrganisationPage.offers.through,
                "cooperationtype",
                "offers",
                CooperationType,
                page_ids,
                language_code,
            ),
            _taxonomy_branch(
                OrganisationPage.seeks.through,
                "cooperationtype",
                "seeks",
                CooperationType,
                page_ids,
                language_code,
            ),
        ]
        return list(branches[0].union(*branches[1:], all=True))

    def api_facets(self, language_code):
        """Counts of the organisations in this QuerySet per sector, region, organisation type,
        offered and sought cooperation type, with labels in the locale: one UNION of GROUP BY
        queries. Rows of (facet, entry id, code or slug, label, count), plus the label rows
        ("label:…") that ``companies.api.facets_out`` joins to the counts: labels computed inside
        the GROUP BY queries ran their subqueries once per profile (0.38 s at 10,000 profiles).
        """
        from regions.models import RegionPage

        ids = self.order_by().values("pk")
        text = CharField()
        number = IntegerField()
        sectors = _facet_branch(
            OrganisationPage.sectors.through,
            "sector",
            "sectors",
            Sector,
            ids,
            language_code,
            code=Value("", output_field=text),
        )
        offers = _facet_branch(
            OrganisationPage.offers.through,
            "cooperationtype",
            "offers",
            CooperationType,
            ids,
            language_code,
            code=F("cooperationtype__code"),
        )
        seeks = _facet_branch(
            OrganisationPage.seeks.through,
            "cooperationtype",
            "seeks",
            CooperationType,
            ids,
            language_code,
            code=F("cooperationtype__code"),
        )
        regions = (
            OrganisationPage.objects.filter(pk__in=ids, region__isnull=False)
            .order_by()
            .values("region_id")
            .annotate(
                api_facet=Value("regions", output_field=text),
                api_entry=F("region_id"),
                api_code=Value("", output_field=text),
                api_label=Value("", output_field=text),
                api_count=Count("pk", distinct=True),
            )
            .values_list("api_facet", "api_entry", "api_code", "api_label", "api_count")
        )
        # One row per region page (a few dozen): the region of its translation group in the
        # locale (visible), else itself; its id travels in the count column.
        region_in_locale = Page.objects.filter(
            visible_q(),
            translation_key=OuterRef("translation_key"),
            locale__language_code=language_code,
        )
        region_labels = (
            RegionPage.objects.order_by()
            .annotate(
                api_facet=Value("label:regions", output_field=text),
                api_entry=F("pk"),
                api_code=Coalesce(Subquery(region_in_locale.values("slug")[:1]), F("slug")),
                api_label=Coalesce(Subquery(region_in_locale.values("title")[:1]), F("title")),
                api_count=Coalesce(
                    Subquery(region_in_locale.values("pk")[:1]), F("pk"), output_field=number
                ),
            )
            .values_list("api_facet", "api_entry", "api_code", "api_label", "api_count")
        )
        types = (
            OrganisationPage.objects.filter(pk__in=ids)
            .order_by()
            .values("organisation_type")
            .annotate(
                api_facet=Value("organisation_types", output_field=text),
                api_entry=Value(0, output_field=number),
                api_code=F("organisation_type"),
                api_label=Value("", output_field=text),
                api_count=Count("pk", distinct=True),
            )
            .values_list("api_facet", "api_entry", "api_code", "api_label", "api_count")
        )
        default = default_locale_only()
        labels = [
            model._default_manager.filter(**default)
            .order_by()
            .annotate(
                api_facet=Value(f"label:{facet}", output_field=text),
                api_entry=F("pk"),
                api_code=code,
                api_label=Coalesce(
                    Subquery(
                        model._default_manager.filter(
                            translation_key=OuterRef("translation_key"),
                            locale__language_code=language_code,
                        ).values("name")[:1]
                    ),
                    F("name"),
                ),
                api_count=Value(0, output_field=number),
            )
            .values_list("api_facet", "api_entry", "api_code", "api_label", "api_count")
            for facet, model, code in (
                ("sectors", Sector, Value("", output_field=text)),
                ("cooperation", CooperationType, F("code")),
            )
        ]
        return list(sectors.union(regions, types, offers, seeks, region_labels, *labels, all=True))


def _localised(model, target, language_code, field):
    """The ``field`` of the translation in the locale of the taxonomy entry ``target``."""
    translation = model._default_manager.filter(
        translation_key=OuterRef(f"{target}__translation_key"),
        locale__language_code=language_code,
    )
    return Coalesce(Subquery(translation.values(field)[:1]), F(f"{target}__{field}"))


def _taxonomy_branch(through, target, relation, model, page_ids, language_code):
    text = CharField()
    is_cooperation = model is CooperationType
    return (
        through.objects.filter(organisationpage_id__in=page_ids)
        .order_by()
        .annotate(
            api_page=F("organisationpage_id"),
            api_relation=Value(relation, output_field=text),
            api_entry=F(f"{target}_id"),
            api_key=F(f"{target}__translation_key"),
            api_name=_localised(model, target, language_code, "name"),
            api_locale=Coalesce(
                Subquery(
                    model._default_manager.filter(
                        translation_key=OuterRef(f"{target}__translation_key"),
                        locale__language_code=language_code,
                    ).values("locale__language_code")[:1]
                ),
                F(f"{target}__locale__language_code"),
            ),
            api_code=F(f"{target}__code") if is_cooperation else Value("", output_field=text),
            api_category=(
                F(f"{target}__category") if is_cooperation else Value("", output_field=text)
            ),
        )
        .values_list(
            "api_page",
            "api_relation",
            "api_entry",
            "api_key",
            "api_name",
            "api_locale",
            "api_code",
            "api_category",
        )
    )


def _facet_branch(through, target, facet, model, ids, language_code, code):
    return (
        through.objects.filter(organisationpage_id__in=ids)
        .order_by()
        .values(f"{target}_id")
        .annotate(
            api_facet=Value(facet, output_field=CharField()),
            api_entry=F(f"{target}_id"),
            api_code=code,
            # Labelled by the label rows of ``api_facets``: a label subquery here would land in
            # the GROUP BY and run once per profile (0.36 s at 10,000 profiles).
            api_label=Value("", output_field=CharField()),
            api_count=Count("organisationpage_id", distinct=True),
        )
        .values_list("api_facet", "api_entry", "api_code", "api_label", "api_count")
    )


def validate_founding_year(value):
    if value > datetime.date.today().year:
        raise ValidationError(_("Das Gründungsjahr darf nicht in der Zukunft liegen."))


class OrganisationPage(HeadlessPreviewMixin, Page):
    """The profile of a company, startup, institute, university, industrial park or public body.

    The page title is the display name (translated); the legal name stays in its original script.
    """

    class OrganisationType(models.TextChoices):
        COMPANY = "company", _("Unternehmen")
        STARTUP = "startup", _("Startup")
        RESEARCH_INSTITUTE = "research_institute", _("Forschungsinstitut")
        UNIVERSITY = "university", _("Hochschule")
        VOCATIONAL_SCHOOL = "vocational_school", _("Berufsschule / Bildungsträger")
        INDUSTRIAL_PARK = "industrial_park", _("Industrie- oder Technologiepark")
        PUBLIC_BODY = "public_body", _("Öffentliche Einrichtung")

    class SizeBand(models.TextChoices):
        MICRO = "1-9", _("1–9 Beschäftigte")
        SMALL = "10-49", _("10–49 Beschäftigte")
        MEDIUM = "50-249", _("50–249 Beschäftigte")
        LARGE = "250-999", _("250–999 Beschäftigte")
        VERY_LARGE = "1000-4999", _("1.000–4.999 Beschäftigte")
        HUGE = "5000+", _("5.000 und mehr Beschäftigte")

    legal_name = models.CharField(
        max_length=255,
        verbose_name=_("Rechtlicher Name"),
        help_text=_(
            "Firmierung in der Originalschrift, z. B. 广东博智林机器人有限公司. "
            "Wird nicht übersetzt. Der Seitentitel ist der Anzeigename."
        ),
    )
    organisation_type = models.CharField(
        max_length=30,
        choices=OrganisationType.choices,
        default=OrganisationType.COMPANY,
        verbose_name=_("Art der Organisation"),
    )
    sectors = ParentalManyToManyField(
        Sector,
        blank=True,
        related_name="organisations",
        limit_choices_to=default_locale_only,
        verbose_name=_("Branchen"),
    )
    size_band = models.CharField(
        max_length=10, choices=SizeBand.choices, blank=True, verbose_name=_("Größe")
    )
    founding_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), validate_founding_year],
        verbose_name=_("Gründungsjahr"),
    )
    website = models.URLField(blank=True, verbose_name=_("Website"))
    region = models.ForeignKey(
        "regions.RegionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
        verbose_name=_("Region"),
        help_text=_("Die Region, in der die Organisation ihren Sitz hat."),
    )
    street = models.CharField(max_length=200, blank=True, verbose_name=_("Straße und Hausnummer"))
    postal_code = models.CharField(max_length=20, blank=True, verbose_name=_("Postleitzahl"))
    city = models.CharField(max_length=120, blank=True, verbose_name=_("Ort"))
    country = models.CharField(
        max_length=2, choices=COUNTRY_CHOICES, default="DE", verbose_name=_("Land")
    )
    summary = models.TextField(
        max_length=300,
        blank=True,
        verbose_name=_("Kurzprofil"),
        help_text=_("Höchstens 300 Zeichen, für Verzeichnis, Feeds und Suchergebnisse."),
    )
    description = RichTextField(
        features=RICH_TEXT_FEATURES, blank=True, verbose_name=_("Beschreibung")
    )
    products_and_services = StreamField(
        [("service", ServiceBlock())], blank=True, verbose_name=_("Produkte und Leistungen")
    )
    certifications = StreamField(
        [("certification", CertificationBlock())], blank=True, verbose_name=_("Zertifizierungen")
    )
    working_languages = MultipleChoiceField(
        choices_list=WORKING_LANGUAGE_CHOICES, verbose_name=_("Arbeitssprachen")
    )
    offers = ParentalManyToManyField(
        CooperationType,
        blank=True,
        related_name="offered_by",
        limit_choices_to=default_locale_only,
        verbose_name=_("Bietet"),
        help_text=_("Welche Art der Zusammenarbeit die Organisation anbietet."),
    )
    seeks = ParentalManyToManyField(
        CooperationType,
        blank=True,
        related_name="sought_by",
        limit_choices_to=default_locale_only,
        verbose_name=_("Sucht"),
        help_text=_("Welche Art der Zusammenarbeit die Organisation sucht."),
    )
    target_regions = ParentalManyToManyField(
        "regions.RegionPage",
        blank=True,
        related_name="targeted_by",
        verbose_name=_("Zielregionen"),
        help_text=_("Regionen, in denen die Organisation Partner sucht."),
    )
    contact_name = models.CharField(
        max_length=120, blank=True, verbose_name=_("Öffentliche Kontaktperson")
    )
    contact_role = models.CharField(max_length=160, blank=True, verbose_name=_("Funktion"))
    contact_email = models.EmailField(
        blank=True,
        verbose_name=_("Kontakt-E-Mail (nicht öffentlich)"),
        help_text=_(
            "Empfängt Anfragen über die Plattform. Wird nie veröffentlicht und nie über die "
            "API ausgegeben."
        ),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Logo"),
    )
    profile_reviewed_at = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("Profil geprüft am"),
        help_text=_("Wann die Redaktion das Profil zuletzt mit der Organisation abgeglichen hat."),
    )

    objects = ApiPageManager.from_queryset(OrganisationPageQuerySet)()

    parent_page_types = ["companies.OrganisationIndexPage"]
    subpage_types = ["matchmaking.OpportunityPage"]

    content_panels = Page.content_panels + [
        FieldPanel("legal_name"),
        FieldRowPanel([FieldPanel("organisation_type"), FieldPanel("size_band")]),
        FieldPanel("logo"),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("products_and_services"),
        FieldPanel("certifications"),
    ]
    cooperation_panels = [
        FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
        FieldPanel("offers", widget=forms.CheckboxSelectMultiple),
        FieldPanel("seeks", widget=forms.CheckboxSelectMultiple),
        FieldPanel("target_regions", widget=forms.CheckboxSelectMultiple),
        FieldPanel("working_languages"),
    ]
    contact_panels = [
        FieldPanel("region"),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldPanel("country"),
            ],
            heading=_("Adresse"),
        ),
        FieldRowPanel([FieldPanel("founding_year"), FieldPanel("website")]),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_role"), FieldPanel("contact_email")],
            heading=_("Kontakt"),
        ),
        FieldPanel("profile_reviewed_at"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Profil")),
            ObjectList(cooperation_panels, heading=_("Kooperation")),
            ObjectList(contact_panels, heading=_("Sitz und Kontakt")),
            ObjectList(Page.promote_panels, heading=_("Veröffentlichung")),
            ObjectList(Page.settings_panels, heading=_("Einstellungen")),
        ]
    )
    search_fields = analysed(
        Page.search_fields
        + [
            index.SearchField("legal_name", boost=2),
            index.AutocompleteField("legal_name"),
            index.SearchField("summary"),
            index.AutocompleteField("summary"),
            index.SearchField("description"),
            index.SearchField("products_and_services"),
            index.SearchField("certifications"),
            index.SearchField("search_sector_names"),
            index.SearchField("search_other_names"),
            index.SearchField("city"),
            index.FilterField("organisation_type"),
            index.FilterField("country"),
            index.FilterField("size_band"),
            index.FilterField("region"),
        ]
    )
    search_name_fields = ("title", "legal_name")
    translatable_fields = page_translatable_fields() + [
        SynchronizedField("legal_name"),
        SynchronizedField("organisation_type"),
        SynchronizedField("sectors"),
        SynchronizedField("size_band"),
        SynchronizedField("founding_year"),
        SynchronizedField("website"),
        SynchronizedField("region"),
        TranslatableField("street"),
        SynchronizedField("postal_code"),
        TranslatableField("city"),
        SynchronizedField("country"),
        TranslatableField("summary"),
        TranslatableField("description"),
        TranslatableField("products_and_services"),
        TranslatableField("certifications"),
        SynchronizedField("working_languages"),
        SynchronizedField("offers"),
        SynchronizedField("seeks"),
        SynchronizedField("target_regions"),
        SynchronizedField("contact_name"),
        TranslatableField("contact_role"),
        SynchronizedField("contact_email"),
        SynchronizedField("logo"),
        SynchronizedField("profile_reviewed_at"),
    ]

    def search_other_names(self):
        """The profile's names in its other languages: a Chinese reader who types the German or
        English name of a company finds its Chinese profile."""
        if not self.translation_key:
            return ""
        return " ".join(
            Page.objects.filter(translation_key=self.translation_key)
            .exclude(locale_id=self.locale_id)
            .values_list("title", flat=True)
            .order_by("locale_id")
        )

    def search_sector_names(self):
        """The names of the profile's sectors in its own language, for the search index."""
        keys = [sector.translation_key for sector in self.sectors.all()]
        if not keys:
            return ""
        return " ".join(
            Sector.objects.filter(translation_key__in=keys, locale_id=self.locale_id)
            .values_list("name", flat=True)
            .order_by("name")
        )

    class Meta:
        verbose_name = _("Organisationsprofil")
        verbose_name_plural = _("Organisationsprofile")


class OrganisationAccess(models.Model):
    """The admin access of one organisation: its group (edit rights on exactly its profile, in
    every locale) and its collection for images and documents. One per translation group."""

    translation_key = models.UUIDField(unique=True, verbose_name=_("Übersetzungsgruppe"))
    group = models.OneToOneField(
        "auth.Group", on_delete=models.CASCADE, related_name="organisation_access"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", on_delete=models.PROTECT, related_name="organisation_access"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Organisationszugang")
        verbose_name_plural = _("Organisationszugänge")

    def __str__(self):
        return self.group.name
