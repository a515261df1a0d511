"""Generate many organisation profiles and news pages, in every content language, for load tests.

    python manage.py generate_scale_data --organisations 10000 --news 5000

Deterministic (``--seed``): the same arguments give the same pages, ids aside. Every page is
live in the default language and translated into each other content language: the
translation has the same ``translation_key``, lives under the translation of the parent and
refers to the translated region where one exists, exactly as Wagtail's "copy for translation"
leaves it. Pages are inserted in bulk, tree paths computed here (``bulk_add_children``),
without revisions or reference index entries; ``docs/performance.md`` explains the choice and
the timings. The search index is then filled in batches (``--no-index`` skips it).

The generated pages are recognisable by their slug prefix ``scale-``. A second run refuses to
add to them; ``--replace`` deletes them first, ``--delete`` only deletes them.
"""

import datetime
import io
import random
import time
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import post_delete, pre_delete
from PIL import Image as PILImage
from taggit.models import Tag
from wagtail import hooks
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page
from wagtail.search.backends import get_search_backend

from api.invalidation import bulk_changes
from api.tasks import create_api_renditions
from companies.models import CooperationType, OrganisationIndexPage, OrganisationPage, Sector
from news.models import (
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NewsPageTag,
    NewsRelatedOrganisation,
    NewsRelatedRegion,
)
from regions.models import RegionPage

SLUG_PREFIX = "scale-"
LOGO_TITLE_PREFIX = "Skalentest-Logo "
BATCH_SIZE = 500
# A fixed "now", so that the data does not depend on the day it is generated.
EPOCH = datetime.datetime(2026, 9, 17, 9, 0, tzinfo=datetime.UTC)

ORG_WORDS_DE = [
    "Pfalz", "Lauter", "Westrich", "Barbarossa", "Kaiser", "Rhein", "Donnersberg", "Jiangsu",
    "Yangtse", "Perlfluss", "Huai", "Qingpu", "Hafen", "Tal", "Nord", "Süd",
]  # fmt: skip
ORG_FIELDS_DE = [
    "Automation", "Robotik", "Antriebstechnik", "Software", "Logistik", "Werkzeugbau",
    "Sensorik", "Energietechnik", "Medizintechnik", "Kunststofftechnik", "Lebensmitteltechnik",
    "Fahrzeugtechnik", "Umwelttechnik", "Präzisionsmechanik", "Datenanalyse", "Elektronik",
]  # fmt: skip
ORG_FORMS = {
    "company": ["GmbH", "AG", "GmbH & Co. KG"],
    "startup": ["GmbH", "UG"],
    "research_institute": ["Institut"],
    "university": ["Hochschule"],
    "vocational_school": ["Bildungszentrum"],
    "industrial_park": ["Technologiepark"],
    "public_body": ["Wirtschaftsförderung"],
}
ORG_WORDS_ZH = [
    "普法尔茨", "劳特", "韦斯特里希", "巴巴罗萨", "凯撒", "莱茵", "多纳斯山", "江苏",
    "长江", "珠江", "淮河", "青浦", "港口", "山谷", "北方", "南方",
]  # fmt: skip
ORG_FIELDS_ZH = [
    "自动化", "机器人", "传动技术", "软件", "物流", "模具", "传感器", "能源技术", "医疗技术",
    "塑料技术", "食品技术", "汽车技术", "环境技术", "精密机械", "数据分析", "电子",
]  # fmt: skip
ORG_FORMS_ZH = {
    "company": ["有限公司", "股份公司"],
    "startup": ["科技有限公司"],
    "research_institute": ["研究所"],
    "university": ["大学"],
    "vocational_school": ["职业培训中心"],
    "industrial_park": ["科技园"],
    "public_body": ["经济促进局"],
}
NEWS_TOPICS = [
    ("Delegation besucht {place}", "代表团访问{place_zh}"),
    ("Neue Kooperation in {place}", "{place_zh}的新合作"),
    ("Unternehmertreffen in {place}", "{place_zh}企业家见面会"),
    ("Fachkräfteaustausch mit {place}", "与{place_zh}的专业人才交流"),
    ("Startup-Konferenz in {place}", "{place_zh}创业大会"),
    ("Repräsentanz {place} zieht Bilanz", "{place_zh}代表处工作总结"),
]
PLACES = [
    ("Kaiserslautern", "凯泽斯劳滕"),
    ("Yangzhou", "扬州"),
    ("Shanghai", "上海"),
    ("Foshan", "佛山"),
    ("Chuzhou", "滁州"),
]
TAGS = ["automation", "robotik", "startup", "fachkraefte", "messe", "forschung"]
LANGUAGES = ["de", "en", "zh"]


class Command(BaseCommand):
    help = (
        "Erzeugt viele Organisationsprofile und Nachrichten in allen Sprachen für Lasttests "
        "(deterministisch, Slug-Präfix scale-)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=1000)
        parser.add_argument("--news", type=int, default=500)
        parser.add_argument("--seed", type=int, default=20250917)
        parser.add_argument(
            "--logos", type=int, default=20, help="Small logo images shared by the profiles."
        )
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--replace", action="store_true", help="Delete earlier scale data first."
        )
        group.add_argument("--delete", action="store_true", help="Only delete earlier scale data.")
        parser.add_argument(
            "--no-index", action="store_true", help="Do not add the pages to the search index."
        )
        # Options of other apps' generators (hook ``generate_scale_data``, e.g. opportunities).
        for register in hooks.get_hooks("scale_data_arguments"):
            register(parser)

    def handle(self, *args, **options):
        if options["organisations"] < 0 or options["news"] < 0 or options["logos"] < 0:
            raise CommandError("Counts must not be negative.")
        self.verbosity = options["verbosity"]
        existing = Page.objects.filter(slug__startswith=SLUG_PREFIX).count()
        if options["delete"] or options["replace"]:
            self.delete_scale_data()
            if options["delete"]:
                return
        elif existing:
            raise CommandError(
                f"There is scale data already ({existing} pages with the slug prefix "
                f"'{SLUG_PREFIX}'). Use --replace to delete it and generate it again, or "
                "--delete to remove it."
            )

        base = self.base_tree()
        rng = random.Random(options["seed"])  # noqa: S311 - test data, reproducible by design
        started = time.monotonic()
        with bulk_changes(), transaction.atomic():
            logos = self.create_logos(rng, options["logos"])
            organisations = self.create_organisations(rng, base, options["organisations"], logos)
            self.create_news(rng, base, options["news"], organisations, logos)
            # Other apps' pages that hang on the organisations (e.g. opportunities).
            for generate in hooks.get_hooks("generate_scale_data"):
                generate(self, rng, base, organisations, options)
        if not options["no_index"]:
            self.index_pages()
        analyse()
        self.log(f"Done in {time.monotonic() - started:.1f} s.", force=True)

    # --- Output ---------------------------------------------------------------------------------

    def log(self, message, force=False):
        if force or self.verbosity >= 1:
            self.stdout.write(message)

    def progress(self, label, done, total, started):
        if self.verbosity >= 1:
            elapsed = time.monotonic() - started
            self.stdout.write(f"  {label}: {done}/{total} ({elapsed:.1f} s)")

    # --- Base tree ------------------------------------------------------------------------------

    def base_tree(self):
        """The index pages, regions and taxonomies the data hangs on (``load_demo`` makes them)."""
        base = self.find_base_tree()
        if base is None:
            raise CommandError(
                "The base tree is missing: this needs the home pages with their organisation "
                "and news indexes in every content language, regions, sectors and cooperation "
                "types. Run `python manage.py load_demo` first."
            )
        return base

    def find_base_tree(self):
        default_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        default = Locale.objects.filter(language_code=default_code).first()
        if default is None:
            return None
        others = list(Locale.objects.exclude(pk=default.pk).order_by("language_code"))
        base = {"default": default, "others": others}
        for key, model in (("organisations", OrganisationIndexPage), ("news", NewsIndexPage)):
            index = model.objects.filter(locale=default).order_by("path").first()
            if index is None:
                return None
            translations = {
                page.locale_id: page
                for page in model.objects.filter(
                    translation_key=index.translation_key, locale__in=others
                )
            }
            if len(translations) != len(others):
                return None
            base[key] = {default.pk: index, **translations}
        regions = list(RegionPage.objects.filter(locale=default, live=True).order_by("path"))
        sectors = list(Sector.objects.filter(locale=default).order_by("pk"))
        cooperation = list(CooperationType.objects.filter(locale=default).order_by("pk"))
        if not (regions and sectors and cooperation):
            return None
        region_translations = {
            (page.translation_key, page.locale_id): page
            for page in RegionPage.objects.filter(
                translation_key__in=[r.translation_key for r in regions], locale__in=others
            )
        }
        base.update(
            regions=regions,
            region_translations=region_translations,
            sectors=sectors,
            cooperation=cooperation,
            categories=list(NewsCategory.objects.filter(locale=default).order_by("pk")),
        )
        return base

    # --- Deleting -------------------------------------------------------------------------------

    def delete_scale_data(self):
        """Delete the generated pages (and logos) without per-page signal handlers.

        They were inserted without revisions, logs, search or reference index entries or
        wagtail-localize sources, so the per-page delete handlers (unpublish, index and
        translation clean-up: several queries per page, minutes for 30,000 pages) have nothing
        to do; cascades to relations and child tables still run.
        """
        pages = Page.objects.filter(slug__startswith=SLUG_PREFIX)
        count = pages.count()
        started = time.monotonic()
        with bulk_changes(), transaction.atomic():
            # Leaves under the index pages: their parents' numchild is recounted afterwards.
            parent_paths = {path[: -Page.steplen] for path in pages.values_list("path", flat=True)}
            with muted(pre_delete, post_delete):
                for model in (NewsPage, OrganisationPage):
                    model.objects.filter(slug__startswith=SLUG_PREFIX).delete()
            for parent in Page.objects.filter(path__in=parent_paths):
                Page.objects.filter(pk=parent.pk).update(numchild=parent.get_children().count())
            # Logos: their files and renditions go through the normal handlers.
            get_image_model().objects.filter(title__startswith=LOGO_TITLE_PREFIX).delete()
            # Search index entries of the deleted pages.
            backend = get_search_backend()
            for model in (NewsPage, OrganisationPage):
                backend.get_index_for_model(model).delete_stale_model_entries(model)
        if count:
            self.log(
                f"Deleted {count} scale pages in {time.monotonic() - started:.1f} s.", force=True
            )

    # --- Search index ---------------------------------------------------------------------------

    def index_pages(self):
        """Add the generated pages to the search index, analysed as any page (search/), in
        batches of ``BATCH_SIZE``."""
        backend = get_search_backend()
        started = time.monotonic()
        total = 0
        for model in (OrganisationPage, NewsPage):
            pages = (
                model.objects.filter(slug__startswith=SLUG_PREFIX)
                .select_related("locale")
                .order_by("pk")
            )
            if model is OrganisationPage:
                pages = pages.prefetch_related("sectors")
            count, done, batch = pages.count(), 0, []
            for page in pages.iterator(chunk_size=BATCH_SIZE):
                batch.append(page)
                if len(batch) == BATCH_SIZE:
                    backend.add_bulk(model, batch)
                    done += len(batch)
                    batch = []
                    self.progress(f"indexed {model.__name__}", done, count, started)
            if batch:
                backend.add_bulk(model, batch)
                done += len(batch)
            total += done
        self.log(f"Indexed {total} pages for search in {time.monotonic() - started:.1f} s.")

    # --- Images ---------------------------------------------------------------------------------

    def create_logos(self, rng, count):
        """Small PNG logos with their API renditions (the upload task is suspended in bulk)."""
        image_model = get_image_model()
        collection = Collection.get_first_root_node()
        logos = []
        for number in range(count):
            colour = tuple(rng.randrange(256) for _ in range(3))
            buffer = io.BytesIO()
            PILImage.new("RGB", (64, 48), colour).save(buffer, format="PNG")
            logo = image_model(title=f"{LOGO_TITLE_PREFIX}{number + 1}", collection=collection)
            logo.file = ImageFile(buffer, name=f"scale-logo-{number + 1}.png")
            logo.save()
            create_api_renditions(logo)
            logos.append(logo)
        if count:
            self.log(f"Logos: {count}, with their renditions.")
        return logos

    # --- Organisations --------------------------------------------------------------------------

    def create_organisations(self, rng, base, count, logos):
        """``count`` organisations in the default language plus their translations."""
        default = base["default"]
        started = time.monotonic()
        self.log(f"Organisations: {count} in {1 + len(base['others'])} languages")
        created = []
        for start in range(0, count, BATCH_SIZE):
            numbers = range(start, min(start + BATCH_SIZE, count))
            specs = [self.organisation_spec(rng, base, number, logos) for number in numbers]
            pages = [self.organisation_page(spec, default, None) for spec in specs]
            bulk_add_children(base["organisations"][default.pk], pages)
            self.organisation_relations(pages, specs)
            created.extend(pages)
            for locale in base["others"]:
                translations = [self.organisation_page(spec, locale, base) for spec in specs]
                bulk_add_children(base["organisations"][locale.pk], translations)
                self.organisation_relations(translations, specs)
            self.progress("organisations", len(created), count, started)
        return created

    def organisation_spec(self, rng, base, number, logos):
        organisation_type = rng.choices(list(ORG_FORMS), weights=[50, 15, 8, 5, 4, 8, 10], k=1)[0]
        word, field = rng.randrange(len(ORG_WORDS_DE)), rng.randrange(len(ORG_FIELDS_DE))
        form = rng.randrange(len(ORG_FORMS[organisation_type]))
        form_zh = ORG_FORMS_ZH[organisation_type][form % len(ORG_FORMS_ZH[organisation_type])]
        region = rng.choice(base["regions"])
        country = region.country or "DE"
        published = EPOCH - datetime.timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
        return {
            "number": number,
            "translation_key": uuid.UUID(int=rng.getrandbits(128), version=4),
            "title": (
                f"{ORG_WORDS_DE[word]} {ORG_FIELDS_DE[field]} "
                f"{ORG_FORMS[organisation_type][form]} {number + 1}"
            ),
            "title_zh": f"{ORG_WORDS_ZH[word]}{ORG_FIELDS_ZH[field]}{form_zh}{number + 1}",
            "field": (ORG_FIELDS_DE[field], ORG_FIELDS_ZH[field]),
            "organisation_type": organisation_type,
            "size_band": rng.choice([c for c, _ in OrganisationPage.SizeBand.choices]),
            "founding_year": rng.randint(1900, 2025),
            "region": region,
            "country": country,
            "city": region.title,
            "postal_code": f"{rng.randint(10000, 99999)}",
            "sectors": rng.sample(base["sectors"], k=min(len(base["sectors"]), rng.randint(1, 3))),
            "offers": rng.sample(
                base["cooperation"], k=min(len(base["cooperation"]), rng.randint(0, 3))
            ),
            "seeks": rng.sample(
                base["cooperation"], k=min(len(base["cooperation"]), rng.randint(0, 3))
            ),
            "working_languages": sorted(rng.sample(LANGUAGES, k=rng.randint(1, 3))),
            "logo": rng.choice(logos) if logos and rng.random() < 0.6 else None,
            "published": published,
        }

    def organisation_page(self, spec, locale, base):
        """The page of ``spec`` in ``locale`` (``base`` given: a translation)."""
        chinese = locale.language_code.startswith("zh")
        field_de, field_zh = spec["field"]
        region = spec["region"]
        if base is not None:
            region = base["region_translations"].get((region.translation_key, locale.pk), region)
        title = spec["title_zh"] if chinese else spec["title"]
        if chinese:
            summary = f"{spec['title_zh']}专注于{field_zh}，寻求与德国和中国企业的合作。"
            description = f"<p>{spec['title_zh']}是{field_zh}领域的合作伙伴。</p>"
        else:
            summary = (
                f"{spec['title']} ist in der {field_de} tätig und sucht Partner in Deutschland "
                "und China."
            )
            description = f"<p>{spec['title']}: Ihr Partner für {field_de}.</p>"
        return OrganisationPage(
            title=title,
            draft_title=title,
            slug=f"{SLUG_PREFIX}organisation-{spec['number'] + 1:05d}",
            locale=locale,
            translation_key=spec["translation_key"],
            live=True,
            has_unpublished_changes=False,
            first_published_at=spec["published"],
            last_published_at=spec["published"],
            legal_name=spec["title"],
            organisation_type=spec["organisation_type"],
            size_band=spec["size_band"],
            founding_year=spec["founding_year"],
            region=region,
            country=spec["country"],
            city=region.title,
            postal_code=spec["postal_code"],
            summary=summary,
            description=description,
            working_languages=spec["working_languages"],
            contact_name=f"Kontakt {spec['number'] + 1}",
            contact_email=f"kontakt{spec['number'] + 1}@example.org",
            logo=spec["logo"],
        )

    def organisation_relations(self, pages, specs):
        for relation in ("sectors", "offers", "seeks"):
            through = getattr(OrganisationPage, relation).through
            target = "sector_id" if relation == "sectors" else "cooperationtype_id"
            through.objects.bulk_create(
                [
                    through(organisationpage_id=page.pk, **{target: entry.pk})
                    for page, spec in zip(pages, specs, strict=True)
                    for entry in spec[relation]
                ],
                batch_size=BATCH_SIZE,
            )

    # --- News -----------------------------------------------------------------------------------

    def create_news(self, rng, base, count, organisations, logos):
        default = base["default"]
        started = time.monotonic()
        self.log(f"News: {count} in {1 + len(base['others'])} languages")
        tags = [Tag.objects.get_or_create(slug=name, defaults={"name": name})[0] for name in TAGS]
        done = 0
        for start in range(0, count, BATCH_SIZE):
            numbers = range(start, min(start + BATCH_SIZE, count))
            specs = [
                self.news_spec(rng, base, number, organisations, logos, tags) for number in numbers
            ]
            pages = [self.news_page(spec, default) for spec in specs]
            bulk_add_children(base["news"][default.pk], pages)
            self.news_relations(pages, specs, default, base)
            for locale in base["others"]:
                translations = [self.news_page(spec, locale) for spec in specs]
                bulk_add_children(base["news"][locale.pk], translations)
                self.news_relations(translations, specs, locale, base)
            done += len(pages)
            self.progress("news", done, count, started)

    def news_spec(self, rng, base, number, organisations, logos, tags):
        topic = rng.choice(NEWS_TOPICS)
        place, place_zh = rng.choice(PLACES)
        date = (EPOCH - datetime.timedelta(days=rng.randrange(3 * 365))).date()
        published = datetime.datetime.combine(date, datetime.time(10), tzinfo=datetime.UTC)
        return {
            "number": number,
            "translation_key": uuid.UUID(int=rng.getrandbits(128), version=4),
            "title": topic[0].format(place=place) + f" ({number + 1})",
            "title_zh": topic[1].format(place_zh=place_zh) + f"（{number + 1}）",
            "place": (place, place_zh),
            "date": date,
            "published": published,
            "category": rng.choice(base["categories"]) if base["categories"] else None,
            "hero_image": rng.choice(logos) if logos and rng.random() < 0.5 else None,
            "newsletter": rng.random() < 0.7,
            "regions": rng.sample(base["regions"], k=min(len(base["regions"]), rng.randint(0, 2))),
            "organisations": (
                rng.sample(organisations, k=min(len(organisations), rng.randint(0, 2)))
                if organisations
                else []
            ),
            "tags": rng.sample(tags, k=rng.randint(0, 2)),
            "block_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        }

    def news_page(self, spec, locale):
        chinese = locale.language_code.startswith("zh")
        place, place_zh = spec["place"]
        title = spec["title_zh"] if chinese else spec["title"]
        if chinese:
            teaser = f"来自{place_zh}的最新消息：凯泽斯劳滕与中国的经济合作。"
            text = f"<p>{title}。凯泽斯劳滕经济区与{place_zh}继续深化合作。</p>"
        else:
            teaser = (
                f"Neues aus {place}: die Wirtschaftsbeziehungen zwischen Kaiserslautern und China."
            )
            text = (
                f"<p>{title}. Die Wirtschaftsregion Kaiserslautern vertieft die Zusammenarbeit.</p>"
            )
        return NewsPage(
            title=title,
            draft_title=title,
            slug=f"{SLUG_PREFIX}news-{spec['number'] + 1:05d}",
            locale=locale,
            translation_key=spec["translation_key"],
            live=True,
            has_unpublished_changes=False,
            first_published_at=spec["published"],
            last_published_at=spec["published"],
            date=spec["date"],
            teaser=teaser,
            category=spec["category"],
            hero_image=spec["hero_image"],
            include_in_newsletter=spec["newsletter"],
            body=[{"type": "paragraph", "value": text, "id": spec["block_id"]}],
        )

    def news_relations(self, pages, specs, locale, base):
        region_rows, organisation_rows, tag_rows = [], [], []
        translated_orgs = {}
        if locale != base["default"]:
            keys = [org.translation_key for spec in specs for org in spec["organisations"]]
            translated_orgs = dict(
                OrganisationPage.objects.filter(
                    translation_key__in=keys, locale=locale
                ).values_list("translation_key", "pk")
            )
        for page, spec in zip(pages, specs, strict=True):
            for order, region in enumerate(spec["regions"]):
                region = base["region_translations"].get(
                    (region.translation_key, locale.pk), region
                )
                region_rows.append(
                    NewsRelatedRegion(news_id=page.pk, region=region, sort_order=order)
                )
            for order, organisation in enumerate(spec["organisations"]):
                target = translated_orgs.get(organisation.translation_key, organisation.pk)
                organisation_rows.append(
                    NewsRelatedOrganisation(
                        news_id=page.pk, organisation_id=target, sort_order=order
                    )
                )
            tag_rows.extend(NewsPageTag(content_object_id=page.pk, tag=tag) for tag in spec["tags"])
        NewsRelatedRegion.objects.bulk_create(region_rows, batch_size=BATCH_SIZE)
        NewsRelatedOrganisation.objects.bulk_create(organisation_rows, batch_size=BATCH_SIZE)
        NewsPageTag.objects.bulk_create(tag_rows, batch_size=BATCH_SIZE)


@contextmanager
def muted(*signals):
    """Disconnect every receiver of ``signals`` for the duration (single-threaded commands only)."""
    saved = [(signal, signal.receivers, signal.sender_receivers_cache.copy()) for signal in signals]
    try:
        for signal in signals:
            signal.receivers = []
            signal.sender_receivers_cache.clear()
        yield
    finally:
        for signal, receivers, cache in saved:
            signal.receivers = receivers
            signal.sender_receivers_cache.clear()
            signal.sender_receivers_cache.update(cache)


def analyse():
    """Fresh planner statistics and visibility map after a bulk load (PostgreSQL), as
    autovacuum would make later: without them the first queries on 10,000s of new rows get
    poor plans."""
    if connection.vendor != "postgresql":
        return
    tables = {
        model._meta.db_table
        for model in (Page, OrganisationPage, NewsPage, NewsRelatedRegion, NewsRelatedOrganisation)
    }
    tables |= {
        getattr(OrganisationPage, relation).through._meta.db_table
        for relation in ("sectors", "offers", "seeks")
    }
    # VACUUM also sets the visibility map, so counts can be answered from the index alone
    # (an index-only scan: 6 instead of 17 ms at 10,000 organisations); it cannot run inside
    # a transaction (e.g. a test's), where ANALYZE alone is done.
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
    with connection.cursor() as cursor:
        for table in sorted(tables):
            cursor.execute(f"{command} {connection.ops.quote_name(table)}")


def bulk_add_children(parent, pages):
    """Insert unsaved pages as the last children of ``parent`` in two INSERTs per batch.

    The materialised paths, depth and ``url_path`` are computed here as treebeard's
    ``add_child`` would; the ``Page`` rows are bulk-created, then the rows of the specific
    model's own table (multi-table inheritance, which ``bulk_create`` does not support) with
    the same ids. No signals, revisions or index entries. ``parent.numchild`` is updated.
    """
    if not pages:
        return pages
    model = type(pages[0])
    parent.refresh_from_db(fields=["path", "depth", "numchild", "url_path"])
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    depth = parent.depth + 1
    content_type = ContentType.objects.get_for_model(model)
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    rows = []
    for offset, page in enumerate(pages, start=1):
        page.path = Page._get_path(parent.path, depth, step + offset)
        page.depth = depth
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.draft_title = page.draft_title or page.title
        rows.append(Page(**{f.attname: getattr(page, f.attname) for f in base_fields}))
    Page.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    for page, row in zip(pages, rows, strict=True):
        page.pk = page.id = page.page_ptr_id = row.pk
        page._state.adding = False
        page._state.db = connection.alias
    local_fields = list(model._meta.local_concrete_fields)
    for start in range(0, len(pages), BATCH_SIZE):
        model._base_manager._insert(pages[start : start + BATCH_SIZE], fields=local_fields)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    return pages
