"""Cooperation opportunities (EEN-style partnering profiles) and the precomputed match features.

``OpportunityPage`` lives under an ``OrganisationPage``: an offer or request of that
organisation, translated like every page, valid until a date after which every list, feed,
search and match leaves it out by itself (a query-time filter on ``valid_until``).

``MatchProfile`` and ``MatchKey`` are derived data: one profile per translation group of an
organisation or opportunity (language independent: both locales' texts are analysed into one
vector), written by a background task on publish and unpublish (``matchmaking.tasks``), never
in a request. ``docs/matchmaking.md`` explains the features and the weighting.
"""

import uuid

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce, Length, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from base.blocks import RICH_TEXT_FEATURES
from base.fields import (
    COUNTRY_CHOICES,
    MultipleChoiceField,
    default_locale_only,
    page_translatable_fields,
)
from base.models import ApiPageManager, ApiPageQuerySet
from base.preview import HeadlessPreviewMixin
from companies.models import CooperationType, Sector
from search.index import analysed


def today():
    return timezone.localdate()


class OpportunityQuerySet(ApiPageQuerySet):
    """Opportunity queries of the API, the feeds and the matching."""

    def open(self, day=None):
        """Only opportunities still valid on ``day`` (today): expiry is a query-time filter."""
        return self.filter(valid_until__gte=day or today())

    def with_owner(self):
        """Annotate ``api_owner_id``: the parent page (the organisation), from the tree path."""
        parent = Page.objects.filter(
            path=Substr(models.OuterRef("path"), 1, Length(models.OuterRef("path")) - Page.steplen)
        ).values("pk")[:1]
        return self.annotate(api_owner_id=models.Subquery(parent))

    def for_api(self, language_code, fallback=False):
        """Visible, open opportunities in the locale with their locale row and the id of their
        organisation: one query; ``api_taxonomies`` adds one for sectors and cooperation
        types."""
        return super().for_api(language_code, fallback).open().list_rows()

    def list_rows(self):
        """What a listing loads of each opportunity: + locale and owner, description deferred.
        Alone for opportunities already known to be visible and open (the matches)."""
        return self.select_related("locale").with_owner().defer("description")

    def for_api_detail(self, language_code, fallback=False):
        return super().for_api(language_code, fallback).open().with_owner()

    def filter_for_api(
        self, kind=None, sector=None, region=None, country=None, cooperation_type=None
    ):
        """The list filters. ``sector``: id of any translation; ``region``: id or slug of any
        translation; ``country``: a target country; ``cooperation_type``: a code."""
        from base.models import translation_keys_of
        from regions.models import RegionPage

        queryset = self
        if kind:
            queryset = queryset.filter(kind=kind)
        if sector:
            keys = Sector.objects.filter(pk=sector).values("translation_key")
            through = OpportunityPage.sectors.through.objects
            queryset = queryset.filter(
                models.Exists(
                    through.filter(
                        opportunitypage_id=models.OuterRef("pk"), sector__translation_key__in=keys
                    )
                )
            )
        if cooperation_type:
            through = OpportunityPage.cooperation_types.through.objects
            queryset = queryset.filter(
                models.Exists(
                    through.filter(
                        opportunitypage_id=models.OuterRef("pk"),
                        cooperationtype__code=cooperation_type,
                    )
                )
            )
        if region:
            keys = translation_keys_of(RegionPage, region)
            through = OpportunityPage.target_regions.through.objects
            queryset = queryset.filter(
                models.Exists(
                    through.filter(
                        opportunitypage_id=models.OuterRef("pk"),
                        regionpage__translation_key__in=keys,
                    )
                )
            )
        if country:
            # A JSON list of codes: matched as text ('"CN"'), the same on every database.
            queryset = queryset.filter(target_countries__icontains=f'"{country}"')
        return queryset

    def api_taxonomies(self, page_ids, language_code):
        """Rows (page id, relation, entry id, key, name, label locale, code, category) of the
        sectors and cooperation types of ``page_ids``, labelled in the locale: one UNION."""
        text = models.CharField()
        branches = []
        for relation, target, model in (
            ("sectors", "sector", Sector),
            ("cooperation_types", "cooperationtype", CooperationType),
        ):
            through = getattr(OpportunityPage, relation).through
            translation = model._default_manager.filter(
                translation_key=models.OuterRef(f"{target}__translation_key"),
                locale__language_code=language_code,
            )
            is_cooperation = model is CooperationType
            branches.append(
                through.objects.filter(opportunitypage_id__in=page_ids)
                .order_by()
                .annotate(
                    api_page=models.F("opportunitypage_id"),
                    api_relation=models.Value(relation, output_field=text),
                    api_entry=models.F(f"{target}_id"),
                    api_key=models.F(f"{target}__translation_key"),
                    api_name=Coalesce(
                        models.Subquery(translation.values("name")[:1]),
                        models.F(f"{target}__name"),
                    ),
                    api_locale=Coalesce(
                        models.Subquery(translation.values("locale__language_code")[:1]),
                        models.F(f"{target}__locale__language_code"),
                    ),
                    api_code=(
                        models.F(f"{target}__code")
                        if is_cooperation
                        else models.Value("", output_field=text)
                    ),
                    api_category=(
                        models.F(f"{target}__category")
                        if is_cooperation
                        else models.Value("", output_field=text)
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
        return list(branches[0].union(*branches[1:], all=True))


class OpportunityPage(HeadlessPreviewMixin, Page):
    """A cooperation offer or request of an organisation (Kooperationsangebot/-gesuch)."""

    class Kind(models.TextChoices):
        BUSINESS_OFFER = "business-offer", _("Geschäftsangebot")
        BUSINESS_REQUEST = "business-request", _("Geschäftsgesuch")
        TECHNOLOGY_OFFER = "technology-offer", _("Technologieangebot")
        TECHNOLOGY_REQUEST = "technology-request", _("Technologiegesuch")
        RESEARCH_REQUEST = "rd-request", _("Gesuch Forschung und Entwicklung")

    OFFER_KINDS = {Kind.BUSINESS_OFFER, Kind.TECHNOLOGY_OFFER}

    kind = models.CharField(max_length=30, choices=Kind.choices, verbose_name=_("Art"))
    summary = models.TextField(
        max_length=300,
        verbose_name=_("Kurzbeschreibung"),
        help_text=_("Höchstens 300 Zeichen, für Listen, Feeds und Vorschläge."),
    )
    description = RichTextField(
        features=RICH_TEXT_FEATURES, blank=True, verbose_name=_("Beschreibung")
    )
    partner_sought = models.TextField(
        max_length=1000,
        blank=True,
        verbose_name=_("Gesuchter Partner"),
        help_text=_("Welcher Partner gesucht wird und welche Rolle er übernehmen soll."),
    )
    sectors = ParentalManyToManyField(
        Sector,
        blank=True,
        related_name="opportunities",
        limit_choices_to=default_locale_only,
        verbose_name=_("Branchen"),
    )
    cooperation_types = ParentalManyToManyField(
        CooperationType,
        blank=True,
        related_name="opportunities",
        limit_choices_to=default_locale_only,
        verbose_name=_("Kooperationsarten"),
    )
    target_countries = MultipleChoiceField(
        choices_list=COUNTRY_CHOICES, verbose_name=_("Zielländer")
    )
    target_regions = ParentalManyToManyField(
        "regions.RegionPage",
        blank=True,
        related_name="targeted_by_opportunities",
        verbose_name=_("Zielregionen"),
    )
    valid_until = models.DateField(
        db_index=True,
        verbose_name=_("Gültig bis"),
        help_text=_(
            "Danach verschwindet das Angebot von selbst aus Listen, Feeds und Vorschlägen."
        ),
    )

    objects = ApiPageManager.from_queryset(OpportunityQuerySet)()

    parent_page_types = ["companies.OrganisationPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("valid_until")]),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("partner_sought"),
    ]
    cooperation_panels = [
        FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
        FieldPanel("cooperation_types", widget=forms.CheckboxSelectMultiple),
        FieldPanel("target_countries"),
        FieldPanel("target_regions", widget=forms.CheckboxSelectMultiple),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Angebot")),
            ObjectList(cooperation_panels, heading=_("Kooperation")),
            ObjectList(Page.promote_panels, heading=_("Veröffentlichung")),
            ObjectList(Page.settings_panels, heading=_("Einstellungen")),
        ]
    )
    search_fields = analysed(
        Page.search_fields
        + [
            index.SearchField("summary"),
            index.AutocompleteField("summary"),
            index.SearchField("description"),
            index.SearchField("partner_sought"),
            index.FilterField("kind"),
            index.FilterField("valid_until"),
        ]
    )
    translatable_fields = page_translatable_fields() + [
        SynchronizedField("kind"),
        TranslatableField("summary"),
        TranslatableField("description"),
        TranslatableField("partner_sought"),
        SynchronizedField("sectors"),
        SynchronizedField("cooperation_types"),
        SynchronizedField("target_countries"),
        SynchronizedField("target_regions"),
        SynchronizedField("valid_until"),
    ]

    class Meta:
        verbose_name = _("Kooperationsangebot oder -gesuch")
        verbose_name_plural = _("Kooperationsangebote und -gesuche")

    @property
    def is_offer(self):
        return self.kind in self.OFFER_KINDS

    @property
    def is_open(self):
        return self.valid_until is not None and self.valid_until >= today()


class MatchProfile(models.Model):
    """The language-independent match features of one organisation or opportunity (one row
    per translation group), written by ``matchmaking.tasks.refresh_profiles``."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation")
        OPPORTUNITY = "opportunity", _("Kooperationsangebot")

    translation_key = models.UUIDField(unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    organisation_key = models.UUIDField(db_index=True)
    opportunity_kind = models.CharField(max_length=30, blank=True)
    country = models.CharField(max_length=2, blank=True)
    region_key = models.UUIDField(null=True, blank=True)
    sectors = models.JSONField(default=list)  # ids of the default-locale sectors
    offers = models.JSONField(default=list)  # cooperation type codes
    seeks = models.JSONField(default=list)
    target_regions = models.JSONField(default=list)  # translation keys of region pages
    target_countries = models.JSONField(default=list)
    terms = models.JSONField(default=dict)  # analysed term → TF-IDF weight (L2-normalised)
    valid_until = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Matching-Profil")
        verbose_name_plural = _("Matching-Profile")

    def __str__(self):
        return f"{self.kind} {self.translation_key}"


class MatchKey(models.Model):
    """An inverted index of the profiles for the bounded candidate query: one row per feature
    of a profile (``o:<code>`` offers, ``s:<code>`` seeks, ``sec:<id>`` sector, ``r:<key>``
    located in region, ``t:<key>`` targets region, ``w:<term>`` text term) with its weight.
    Country, owner and validity are copied here so the candidate query reads one table."""

    profile = models.ForeignKey(MatchProfile, on_delete=models.CASCADE, related_name="keys")
    key = models.CharField(max_length=120)
    weight = models.FloatField()
    country = models.CharField(max_length=2, blank=True)
    organisation_key = models.UUIDField()
    valid_until = models.DateField(null=True, blank=True)

    class Meta:
        # Covering on PostgreSQL: the candidate query reads the index only (after VACUUM).
        indexes = [
            models.Index(
                fields=["key", "country"],
                include=["profile", "weight", "organisation_key", "valid_until"],
                name="matchkey_key_country",
            )
        ]

    def __str__(self):
        return self.key


class MatchTerm(models.Model):
    """Document frequency of an analysed term over the profiles (for the IDF)."""

    term = models.CharField(max_length=100, unique=True)
    df = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.term


class RankedMatches(models.Model):
    """The scored candidates of a profile in one scope, best first, written by the background
    task (``matching.store_ranked``) so that a request only reads them. Each entry is
    ``[translation_key, organisation_key, kind, score, reasons, valid_until]``; visibility and
    validity are checked when a request reads them."""

    profile = models.ForeignKey(MatchProfile, on_delete=models.CASCADE, related_name="ranked")
    scope = models.CharField(max_length=20)
    entries = models.JSONField(default=list)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "scope"], name="rankedmatches_profile_scope")
        ]

    def __str__(self):
        return f"{self.profile} ({self.scope})"


class MatchDigest(models.Model):
    """An organisation user's weekly mail of new partner suggestions (switched on in the
    portal; sent by ``send_match_digests``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="match_digest"
    )
    active = models.BooleanField(default=True)
    # Translation keys of the suggestions already mailed (the latest 500).
    sent_keys = models.JSONField(default=list)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.user} ({'on' if self.active else 'off'})"


def open_q(prefix=""):
    """Q for rows whose ``valid_until`` (if any) is today or later."""
    field = f"{prefix}valid_until"
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": today()})


class Interest(models.Model):
    """An expression of interest from a match. The recipient organisation learns who is
    interested and why, never the sender's contact data; only when it accepts do both sides
    receive each other's contact person and email (``matchmaking.interests``)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Offen")
        ACCEPTED = "accepted", _("Angenommen")
        DECLINED = "declined", _("Abgelehnt")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    # The sender: an organisation (portal) or a visitor (API); a visitor's data stays private.
    sender_key = models.UUIDField(null=True, blank=True, db_index=True)
    sender_title = models.CharField(max_length=255, verbose_name=_("Absender"))
    sender_name = models.CharField(max_length=200, blank=True, verbose_name=_("Name"))
    sender_email = models.EmailField(blank=True, verbose_name=_("E-Mail des Absenders"))
    sender_country = models.CharField(
        max_length=2, choices=COUNTRY_CHOICES, blank=True, verbose_name=_("Land")
    )
    sender_language = models.CharField(max_length=10, default="de", verbose_name=_("Sprache"))
    recipient_key = models.UUIDField(db_index=True)
    recipient_title = models.CharField(max_length=255, verbose_name=_("Empfänger"))
    recipient_language = models.CharField(max_length=10, default="de")
    opportunity_key = models.UUIDField(null=True, blank=True)
    opportunity_title = models.CharField(max_length=255, blank=True, verbose_name=_("Angebot"))
    message = models.TextField(max_length=2000, verbose_name=_("Nachricht"))
    score = models.FloatField(null=True, blank=True, verbose_name=_("Passung"))
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.OPEN,
        db_index=True,
        verbose_name=_("Status"),
    )
    answered_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Beantwortet am"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Beantwortet von"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Interessensbekundung")
        verbose_name_plural = _("Interessensbekundungen")

    def __str__(self):
        return f"{self.sender_title} → {self.recipient_title}"


class InterestMail(models.Model):
    """A mail of an expression of interest, stored before it is sent and retried until it
    goes out (``matchmaking.interests.deliver``), like the inquiries."""

    class Kind(models.TextChoices):
        NOTIFICATION = "notification", _("Benachrichtigung")
        CONTACTS_TO_SENDER = "contacts-sender", _("Kontakt an Absender")
        CONTACTS_TO_RECIPIENT = "contacts-recipient", _("Kontakt an Empfänger")
        DECLINED = "declined", _("Absage")

    class Status(models.TextChoices):
        PENDING = "pending", _("Wird zugestellt")
        SENT = "sent", _("Zugestellt")
        FAILED = "failed", _("Zustellung fehlgeschlagen")

    interest = models.ForeignKey(Interest, on_delete=models.CASCADE, related_name="mails")
    kind = models.CharField(max_length=30, choices=Kind.choices, verbose_name=_("Art"))
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    def __str__(self):
        return f"{self.kind} ({self.status})"
