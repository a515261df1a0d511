"""Builds the demo content of ``demo/content.py``: German pages and snippets, then their
Simplified Chinese translations made through wagtail-localize, all published.

Idempotent: every object is looked up by a stable key (a page by its parent and slug, a snippet by
its code, slug or name) and only what is missing is created; a translation is made only where the
German object has none in Chinese. A second run therefore creates and changes nothing.
"""

import datetime
import io
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail import hooks
from wagtail.contrib.redirects.models import Redirect
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site
from wagtail.rich_text import RichText
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue

from api.invalidation import bulk_changes, enqueue_renditions
from base.locales import sync_locales
from companies.models import (
    CooperationType,
    OrganisationIndexPage,
    OrganisationPage,
    Sector,
)
from demo import content
from home.models import HomePage
from news.models import (
    EventIndexPage,
    EventPage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NewsRelatedOffice,
    NewsRelatedOrganisation,
    NewsRelatedRegion,
)
from regions.models import (
    ContactPerson,
    OfficeContact,
    OfficePage,
    RegionIndexPage,
    RegionPage,
    RegionPartnerOrganisation,
)

TRANSLATION_LANGUAGE = "zh-hans"
IMAGE_COLLECTION = "Demo"


class DemoContentError(Exception):
    """The demo content is incomplete, e.g. a German text has no Chinese translation."""


class EditedError(Exception):
    """An existing object's texts are no longer the demo's, so the demo cannot translate it."""


@dataclass
class Item:
    """A German object of the demo, the Chinese of each of its texts, and whether this run
    created it (an object that was already there may have been edited since)."""

    instance: object
    strings: dict = field(default_factory=dict)
    created: bool = False


@dataclass
class Report:
    created: dict = field(default_factory=dict)
    translated: dict = field(default_factory=dict)
    skipped: dict = field(default_factory=dict)

    def count(self, bucket, label):
        bucket[label] = bucket.get(label, 0) + 1

    @property
    def changed(self):
        return bool(self.created or self.translated)


def segment_key(text):
    """The form wagtail-localize stores a plain-text or simple paragraph segment in."""
    return StringValue.from_plaintext(text).data


def paragraphs_html(paragraphs):
    return "".join(f"<p>{escape(text)}</p>" for text in paragraphs)


class DemoLoader:
    def __init__(self, log=print):
        self.log = log
        self.report = Report()
        self.images = {}
        self.items = []  # German objects in the order they are translated

    # --- Entry point ----------------------------------------------------------------------------

    def load(self):
        """Create what is missing; return the report."""
        with bulk_changes():
            with transaction.atomic():
                sync_locales()
                self.locale_de = Locale.objects.get(
                    language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
                )
                self.locale_zh = Locale.objects.filter(language_code=TRANSLATION_LANGUAGE).first()
                self.build_images()
                self.build_snippets()
                self.build_tree()
            if self.locale_zh is not None:
                # One transaction per translation: wagtail-localize publishes a translated page
                # on commit, from the page as it was then, so a parent must be committed before
                # its children are added (else its stale child count is published back).
                for item in self.items:
                    self.translate(item)
        # After the commit: the named API renditions of the demo images (a background task).
        enqueue_renditions([image.pk for image in self.images.values()])
        # Derived data of other apps (e.g. the match profiles), now that every page is published.
        for finish in hooks.get_hooks("demo_content_loaded"):
            finish(self)
        return self.report

    # --- Images ---------------------------------------------------------------------------------

    def build_images(self):
        collection = self.collection()
        specs = {}
        for region in content.REGIONS:
            specs[f"Demo: {region['image']}"] = (region["image"], "#1a3e5c", (1600, 900))
        specs["Demo: Delegation"] = (HERO_TEXT, "#7a1f1f", (1600, 900))
        for organisation in content.ORGANISATIONS:
            initials, colour = organisation["image"]
            specs[f"Demo-Logo: {organisation['key']}"] = (initials, colour, (400, 400))
        image_model = get_image_model()
        existing = {image.title: image for image in image_model.objects.filter(title__in=specs)}
        for title, (text, colour, size) in specs.items():
            image = existing.get(title)
            if image is None:
                image = image_model(title=title, collection=collection)
                image.file = ImageFile(
                    placeholder_png(text, colour, size), name=f"{slug(title)}.png"
                )
                image.save()
                self.report.count(self.report.created, "Image")
            self.images[title] = image

    def collection(self):
        root = Collection.get_first_root_node()
        found = root.get_children().filter(name=IMAGE_COLLECTION).first()
        return found or root.add_child(name=IMAGE_COLLECTION)

    # --- Snippets -------------------------------------------------------------------------------

    def build_snippets(self):
        self.sectors = {}
        for spec in content.SECTORS:
            self.sectors[spec["key"]] = self.snippet(
                Sector,
                {"name": spec["name"][0]},
                {"nace_code": spec["nace_code"], "gbt_code": spec["gbt_code"]},
                [spec["name"]],
            )
        self.cooperation_types = {}
        for spec in content.COOPERATION_TYPES:
            self.cooperation_types[spec["code"]] = self.snippet(
                CooperationType,
                {"code": spec["code"]},
                {
                    "name": spec["name"][0],
                    "category": spec["category"],
                    "description": spec["description"][0],
                },
                [spec["name"], spec["description"]],
            )
        self.categories = {}
        for spec in content.NEWS_CATEGORIES:
            self.categories[spec["slug"]] = self.snippet(
                NewsCategory, {"slug": spec["slug"]}, {"name": spec["name"][0]}, [spec["name"]]
            )
        self.contacts = {}
        for spec in content.CONTACT_PERSONS:
            self.contacts[spec["key"]] = self.snippet(
                ContactPerson,
                {"email": spec["email"]},
                {"name": spec["name"], "role": spec["role"][0], "phone": spec["phone"]},
                [spec["role"], (spec["name"], spec["name"])],
            )

    def snippet(self, model, lookup, values, pairs):
        instance = model.objects.filter(locale=self.locale_de, **lookup).first()
        created = instance is None
        if created:
            instance = model.objects.create(locale=self.locale_de, **lookup, **values)
            self.report.count(self.report.created, model.__name__)
        self.items.append(Item(instance, strings_of(pairs), created))
        return instance

    # --- Pages ----------------------------------------------------------------------------------

    def build_tree(self):
        home = self.build_home()
        indexes = {}
        for key, model in (
            ("regions", RegionIndexPage),
            ("organisations", OrganisationIndexPage),
            ("news", NewsIndexPage),
            ("events", EventIndexPage),
        ):
            spec = content.INDEXES[key]
            indexes[key] = self.page(
                home,
                model,
                spec["slug"],
                {"title": spec["title"][0], "intro": spec["intro"][0]},
                [spec["title"], spec["intro"]],
            )
        self.regions = {
            spec["key"]: self.region(indexes["regions"], spec) for spec in content.REGIONS
        }
        self.offices = {spec["key"]: self.office(spec) for spec in content.OFFICES}
        self.organisations = {
            spec["key"]: self.organisation(indexes["organisations"], spec)
            for spec in content.ORGANISATIONS
        }
        for spec in content.REGIONS:
            self.region_partners(self.regions[spec["key"]], spec)
        for spec in content.NEWS:
            self.news(indexes["news"], spec)
        for spec in content.EVENTS:
            self.event(indexes["events"], spec)
        # Demo content of other apps that hangs on this tree (e.g. cooperation opportunities).
        for build in hooks.get_hooks("build_demo_content"):
            build(self, indexes)

    def build_home(self):
        root = Page.get_first_root_node()
        spec = content.HOME
        home = HomePage.objects.filter(locale=self.locale_de).first()
        if home is None:
            home = self.page(
                root,
                HomePage,
                spec["slug"],
                {
                    "title": spec["title"][0],
                    "intro": spec["intro"][0],
                    "hero_image": self.images["Demo: Delegation"],
                    "body": [
                        ("paragraph", RichText(paragraphs_html(de for de, _zh in spec["body"])))
                    ],
                },
                [spec["title"], spec["intro"], *spec["body"]],
            )
        else:
            strings = strings_of([spec["title"], spec["intro"], *spec["body"]])
            strings[segment_key(home.slug)] = segment_key(spec["slug"][1])
            self.items.append(Item(home, strings))
        self.point_site_at(home)
        return home

    def point_site_at(self, home):
        """The default site serves the German home page; Wagtail's welcome page goes."""
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=str(settings.WAGTAIL_SITE_NAME),
            )
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.site_name = site.site_name or str(settings.WAGTAIL_SITE_NAME)
            site.save()
        welcome = Page.objects.filter(
            depth=2, content_type__app_label="wagtailcore", content_type__model="page", numchild=0
        ).exclude(sites_rooted_here__isnull=False)
        if welcome.exists():
            welcome.delete()

    def page(self, parent, model, slugs, values, pairs, after_create=None):
        """The German page ``slugs[0]`` under ``parent``; created and published if missing."""
        de_slug, zh_slug = slugs if isinstance(slugs, tuple) else (slugs, slugs)
        existing = parent.get_children().filter(slug=de_slug).specific().first()
        if existing is None:
            page = model(slug=de_slug, locale=self.locale_de, **values)
            parent.add_child(instance=page)
            if after_create:
                after_create(page)
            page.save_revision().publish()
            page.refresh_from_db()
            self.report.count(self.report.created, model.__name__)
        else:
            page = existing
        strings = strings_of(pairs)
        strings[segment_key(de_slug)] = segment_key(zh_slug)
        self.items.append(Item(page, strings, created=existing is None))
        return page

    def region(self, index, spec):
        values = {
            "title": spec["title"][0],
            "country": spec["country"],
            "province": spec["province"][0],
            "role": spec["role"],
            "summary": spec["summary"][0],
            "body": [("paragraph", RichText(paragraphs_html(de for de, _zh in spec["body"])))],
            "key_facts": [
                ("fact", {"label": label[0], "value": value[0]})
                for label, value in spec["key_facts"]
            ],
            "milestones": [
                ("milestone", {"date": date, "title": title[0], "description": description[0]})
                for date, title, description in spec["milestones"]
            ],
            "latitude": spec["latitude"],
            "longitude": spec["longitude"],
            "hero_image": self.images[f"Demo: {spec['image']}"],
        }
        pairs = [spec["title"], spec["province"], spec["summary"], *spec["body"]]
        for label, value in spec["key_facts"]:
            pairs += [label, value]
        for _date, title, description in spec["milestones"]:
            pairs += [title, description]
        sectors = [self.sectors[key] for key in spec["sectors"]]
        return self.page(
            index,
            RegionPage,
            spec["slug"],
            values,
            pairs,
            after_create=lambda page: page.focus_sectors.set(sectors),
        )

    def region_partners(self, region, spec):
        """Partner organisations are added once the organisations exist (a second revision)."""
        if not spec["partners"] or region.partner_organisations.exists():
            return
        region = RegionPage.objects.get(pk=region.pk)
        for position, key in enumerate(spec["partners"]):
            region.partner_organisations.add(
                RegionPartnerOrganisation(organisation=self.organisations[key], sort_order=position)
            )
        region.save_revision().publish()

    def office(self, spec):
        region = self.regions[spec["region"]]
        values = {
            "title": spec["title"][0],
            "status": spec["status"],
            "opening_date": spec["opening_date"],
            "summary": spec["summary"][0],
            "host_institution": spec["host_institution"][0],
            "street": spec["street"][0],
            "postal_code": spec["postal_code"],
            "city": spec["city"][0],
            "country": "CN",
            "floor_area_m2": spec["floor_area_m2"],
            "facilities": spec["facilities"],
            "services": [
                ("service", {"title": title[0], "description": description[0]})
                for title, description in spec["services"]
            ],
            "latitude": spec["latitude"],
            "longitude": spec["longitude"],
        }
        pairs = [
            spec["title"],
            spec["summary"],
            spec["host_institution"],
            spec["street"],
            spec["city"],
        ]
        for title, description in spec["services"]:
            pairs += [title, description]
        contacts = [self.contacts[key] for key in spec["contacts"]]

        def add_contacts(page):
            for position, person in enumerate(contacts):
                page.contacts.add(OfficeContact(person=person, sort_order=position))

        return self.page(
            region, OfficePage, (spec["slug"], spec["slug_zh"]), values, pairs, add_contacts
        )

    def organisation(self, index, spec):
        fictitious = spec.get("fictitious", False)
        summary = spec["summary"]
        if fictitious:
            summary = tuple(
                note + text for note, text in zip(content.FICTITIOUS, summary, strict=True)
            )
        values = {
            "title": spec["title"][0],
            "legal_name": spec["legal_name"],
            "organisation_type": spec["organisation_type"],
            "size_band": spec["size_band"],
            "founding_year": spec["founding_year"],
            "website": spec["website"],
            "region": self.regions[spec["region"]],
            "city": spec["city"][0],
            "country": spec["country"],
            "summary": summary[0],
            "description": paragraphs_html(de for de, _zh in spec["description"]),
            "products_and_services": [
                ("service", {"title": title[0], "description": description[0]})
                for title, description in spec["services"]
            ],
            "working_languages": spec["working_languages"],
            "contact_name": "",
            "contact_email": f"{spec['key']}@example.org",
            "logo": self.images[f"Demo-Logo: {spec['key']}"],
            "profile_reviewed_at": datetime.date(2026, 9, 30),
        }
        pairs = [spec["title"], spec["city"], summary, *spec["description"]]
        for title, description in spec["services"]:
            pairs += [title, description]

        def relations(page):
            page.sectors.set([self.sectors[key] for key in spec["sectors"]])
            page.offers.set([self.cooperation_types[code] for code in spec["offers"]])
            page.seeks.set([self.cooperation_types[code] for code in spec["seeks"]])
            page.target_regions.set([self.regions[key] for key in spec["targets"]])

        return self.page(index, OrganisationPage, spec["slug"], values, pairs, relations)

    def news(self, index, spec):
        body = [("paragraph", RichText(paragraphs_html(de for de, _zh in spec["body"])))]
        pairs = [spec["title"], spec["teaser"], *spec["body"]]
        if "quote" in spec:
            text, author, role = spec["quote"]
            body.append(("quote", {"text": text[0], "author": author, "role": role[0]}))
            pairs += [text, (author, author), role]
        if "call_to_action" in spec:
            label, region_key = spec["call_to_action"]
            body.append(
                (
                    "call_to_action",
                    {"text": label[0], "page": self.regions[region_key], "url": ""},
                )
            )
            pairs.append(label)
        values = {
            "title": spec["title"][0],
            "date": spec["date"],
            "teaser": spec["teaser"][0],
            "body": body,
            "category": self.categories[spec["category"]],
            "include_in_newsletter": spec["newsletter"],
            "hero_image": self.images["Demo: Delegation"],
        }

        def relations(page):
            page.tags.add(*spec["tags"])
            for position, key in enumerate(spec["regions"]):
                page.related_regions.add(
                    NewsRelatedRegion(region=self.regions[key], sort_order=position)
                )
            for position, key in enumerate(spec["offices"]):
                page.related_offices.add(
                    NewsRelatedOffice(office=self.offices[key], sort_order=position)
                )
            for position, key in enumerate(spec["organisations"]):
                page.related_organisations.add(
                    NewsRelatedOrganisation(
                        organisation=self.organisations[key], sort_order=position
                    )
                )

        return self.page(index, NewsPage, (spec["slug"], spec["slug_zh"]), values, pairs, relations)

    def event(self, index, spec):
        zone = zoneinfo.ZoneInfo(spec["time_zone"])

        def local(parts):
            return datetime.datetime(*parts, tzinfo=zone) if parts else None

        region = self.regions[spec["region"]]
        values = {
            "title": spec["title"][0],
            "format": spec["format"],
            "time_zone": spec["time_zone"],
            "start": local(spec["start"]),
            "end": local(spec["end"]),
            "registration_deadline": local(spec["deadline"]),
            "registration_url": (
                f"https://example.org/anmeldung/{spec['slug']}" if spec["deadline"] else ""
            ),
            "location": spec["location"][0],
            "region": region,
            "teaser": spec["teaser"][0],
            "body": [("paragraph", RichText(paragraphs_html(de for de, _zh in spec["body"])))],
            "hero_image": self.images[f"Demo: {self.region_image(spec['region'])}"],
        }
        pairs = [spec["title"], spec["location"], spec["teaser"], *spec["body"]]
        return self.page(index, EventPage, (spec["slug"], spec["slug_zh"]), values, pairs)

    def region_image(self, key):
        return next(region["image"] for region in content.REGIONS if region["key"] == key)

    # --- Translations ---------------------------------------------------------------------------

    def translate(self, item):
        """Translate the German object into Chinese through wagtail-localize, unless done."""
        instance = item.instance
        if instance.get_translation_or_none(self.locale_zh) is not None:
            return
        try:
            with transaction.atomic():
                self.save_translation(item)
        except EditedError as error:
            # An object that was there before and has been edited since: an editor translates
            # it; the rest of the demo goes on.
            self.log(f"Skipped (edited since it was loaded): {error}")
            self.report.count(self.report.skipped, type(instance).__name__)
            return
        if isinstance(instance, Page):
            # wagtail-localize creates the page under the German slug and then renames it, and
            # Wagtail records a redirect (on commit) from a path that was never public.
            target = instance.get_translation(self.locale_zh)
            Redirect.objects.filter(redirect_page=target).delete()
        self.report.count(self.report.translated, type(instance).__name__)

    def save_translation(self, item):
        instance = item.instance
        source, _created = TranslationSource.update_or_create_from_instance(instance)
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=self.locale_zh
        )
        missing = []
        for segment in source.stringsegment_set.select_related("string", "context"):
            data = item.strings.get(segment.string.data)
            if data is None:
                missing.append(segment.string.data)
                continue
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=self.locale_zh,
                context=segment.context,
                defaults={
                    "data": data,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )
        if missing:
            message = f"No Chinese text for {instance!r}: " + "; ".join(
                repr(text) for text in missing
            )
            if item.created:  # the demo content itself is incomplete
                raise DemoContentError(message)
            raise EditedError(message)
        translation.save_target(publish=True)


def strings_of(pairs):
    """German segment → Chinese segment, for (German, Chinese) pairs with German text."""
    return {segment_key(de): segment_key(zh) for de, zh in pairs if de}


def slug(text):
    return "".join(char if char.isalnum() else "-" for char in text.lower()).strip("-")


# Pillow's built-in font has ASCII only: an en dash came out as a missing-glyph box.
HERO_TEXT = "Kaiserslautern <-> China"


def placeholder_png(text, colour, size):
    """A generated PNG: a coloured field with ``text`` centred (no downloads, no fonts needed).
    The text must be ASCII, which is what Pillow's built-in font draws."""
    if not text.isascii():
        raise ValueError(f"Placeholder text must be ASCII (Pillow's built-in font): {text!r}")
    image = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    font_size = max(24, size[1] // 8)
    try:
        font = ImageFont.load_default(size=font_size)
    except TypeError:  # Pillow built without FreeType
        font = ImageFont.load_default()
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    position = ((size[0] - (right - left)) / 2 - left, (size[1] - (bottom - top)) / 2 - top)
    draw.text(position, text, fill="#ffffff", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    return buffer
