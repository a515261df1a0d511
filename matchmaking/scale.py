"""Opportunities for ``generate_scale_data`` (hooks ``scale_data_arguments`` and
``generate_scale_data``): ``--opportunities N`` pages under random generated organisations, in
every content language, inserted in bulk like the organisations, then every match profile is
computed (``rebuild_all``)."""

import datetime
import time
import uuid
from collections import defaultdict

from companies.models import OrganisationPage
from matchmaking.matching import rebuild_all
from matchmaking.models import OpportunityPage

KINDS = [kind for kind, _label in OpportunityPage.Kind.choices]
TOPICS = [
    ("Vertriebspartner für {field} gesucht", "为{field_zh}寻找分销合作伙伴"),
    ("Technologie in der {field} angeboten", "提供{field_zh}技术"),
    ("Forschungspartner für {field}", "{field_zh}科研合作伙伴"),
    ("Fertigung und Zulieferung: {field}", "{field_zh}生产与供应"),
]
FIELDS = [
    ("Automation", "自动化"),
    ("Robotik", "机器人"),
    ("Sensorik", "传感器"),
    ("Software", "软件"),
    ("Logistik", "物流"),
    ("Energietechnik", "能源技术"),
    ("Medizintechnik", "医疗技术"),
    ("Lebensmitteltechnik", "食品技术"),
]


def add_arguments(parser):
    parser.add_argument(
        "--opportunities",
        type=int,
        default=None,
        help="Cooperation opportunities under the generated organisations, per language "
        "(default: half as many as organisations).",
    )


def generate(command, rng, base, organisations, options):
    from demo.management.commands.generate_scale_data import SLUG_PREFIX, bulk_add_children

    count = options.get("opportunities")
    if count is None:
        count = len(organisations) // 2
    count = max(0, count) if organisations else 0
    started = time.monotonic()
    owners = [rng.choice(organisations) for _ in range(count)]
    translations = {
        (page.translation_key, page.locale_id): page
        for page in OrganisationPage.objects.filter(
            translation_key__in={o.translation_key for o in owners}, locale__in=base["others"]
        )
    }
    specs = []
    for number, owner in enumerate(owners):
        topic = rng.choice(TOPICS)
        field = rng.choice(FIELDS)
        specs.append(
            {
                "number": number,
                "owner": owner,
                "translation_key": uuid.UUID(int=rng.getrandbits(128), version=4),
                "kind": rng.choice(KINDS),
                "title": (
                    topic[0].format(field=field[0]) + f" {number + 1}",
                    topic[1].format(field_zh=field[1]) + f" {number + 1}",
                ),
                "sectors": rng.sample(base["sectors"], k=min(2, len(base["sectors"]))),
                "codes": rng.sample(base["cooperation"], k=min(2, len(base["cooperation"]))),
                "countries": [rng.choice(["DE", "CN"])],
                # Some have expired: they must drop out by themselves.
                "valid_until": datetime.date(2026, 9, 17)
                + datetime.timedelta(days=rng.randint(-60, 900)),
            }
        )
    for locale in [base["default"], *base["others"]]:
        chinese = locale.language_code.startswith("zh")
        by_parent = defaultdict(list)
        for spec in specs:
            owner = spec["owner"]
            if locale.pk != base["default"].pk:
                owner = translations.get((owner.translation_key, locale.pk))
                if owner is None:
                    continue
            title = spec["title"][1] if chinese else spec["title"][0]
            by_parent[owner.pk].append(
                (
                    owner,
                    spec,
                    OpportunityPage(
                        title=title,
                        draft_title=title,
                        slug=f"{SLUG_PREFIX}opportunity-{spec['number'] + 1:05d}",
                        locale=locale,
                        translation_key=spec["translation_key"],
                        live=True,
                        has_unpublished_changes=False,
                        kind=spec["kind"],
                        summary=title,
                        target_countries=spec["countries"],
                        valid_until=spec["valid_until"],
                    ),
                )
            )
        pages, page_specs = [], []
        for entries in by_parent.values():
            owner = entries[0][0]
            bulk_add_children(owner, [page for _o, _s, page in entries])
            pages += [page for _o, _s, page in entries]
            page_specs += [spec for _o, spec, _p in entries]
        for relation, target, key in (
            ("sectors", "sector_id", "sectors"),
            ("cooperation_types", "cooperationtype_id", "codes"),
        ):
            through = getattr(OpportunityPage, relation).through
            through.objects.bulk_create(
                [
                    through(opportunitypage_id=page.pk, **{target: entry.pk})
                    for page, spec in zip(pages, page_specs, strict=True)
                    for entry in spec[key]
                ],
                batch_size=1000,
            )
    command.log(f"Opportunities: {count} per language ({time.monotonic() - started:.1f} s).")
    started = time.monotonic()
    profiles = rebuild_all()
    command.log(f"Match profiles: {profiles} ({time.monotonic() - started:.1f} s).")
