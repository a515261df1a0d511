"""The matchmaking evaluation set: labelled pairs (source, candidate, good or bad) over the demo
content (``load_demo``) plus the profiles of ``create_evaluation_profiles``: German-only,
Chinese-only and mixed (written in one language, translated into the other).

A profile is named by its slug in the tree it was written in. ``evaluate`` asks
``/api/v1/organisations/{id}/matches`` (cross-border, limit 10) for every source and reads the
ranked organisations (an opportunity counts for its organisation, first occurrence only).

- precision@5: among the labelled candidates in a source's top 5, the share labelled good
  (unlabelled candidates are not judged), averaged over the sources;
- recall@10: the share of a source's good candidates found in its top 10, averaged.

``tests/matchmaking/test_evaluation.py`` requires precision@5 ≥ 0.8;
``scripts/evaluate_matchmaking.py`` prints the figures.
"""

from dataclasses import dataclass

from wagtail.models import Page

from companies.models import CooperationType, OrganisationIndexPage, OrganisationPage, Sector

GOOD, BAD = True, False

# source slug → [(candidate slug, good?)]
PAIRS = {
    # Demo content (German written, translated into Chinese: "mixed").
    "technologiezentrum-yangzhou": [
        ("barbarossa-robotics", GOOD),
        ("westpfalz-software", GOOD),
        ("eval-energie-de", BAD),
        ("eval-lebensmittel-de", BAD),
    ],
    "pfalz-praezisionstechnik": [
        ("qingpu-industriepark", GOOD),
        ("wirtschaftsentwicklungszone-chuzhou", GOOD),
        ("eval-maschinenhandel-zh", GOOD),
        ("eval-energie-zh", BAD),
        ("robotation-academy", BAD),
    ],
    "westpfalz-software": [
        ("technologiezentrum-yangzhou", GOOD),
        ("eval-energie-zh", BAD),
        ("eval-lebensmittel-zh", BAD),
    ],
    "barbarossa-robotics": [
        ("technologiezentrum-yangzhou", GOOD),
        ("technologiezentrum-jiao-tong-universitaet", GOOD),
        ("eval-energie-zh", BAD),
        ("eval-lebensmittel-zh", BAD),
    ],
    "technologiezentrum-jiao-tong-universitaet": [
        ("barbarossa-robotics", GOOD),
        ("eval-energie-de", BAD),
    ],
    "qingpu-industriepark": [
        ("pfalz-praezisionstechnik", GOOD),
        ("eval-energie-de", BAD),
        ("eval-lebensmittel-de", BAD),
    ],
    "wirtschaftsentwicklungszone-chuzhou": [
        ("pfalz-praezisionstechnik", GOOD),
        ("eval-sensor-de", GOOD),
        ("eval-energie-de", BAD),
    ],
    "robotation-academy": [
        ("barbarossa-robotics", GOOD),
        ("pfalz-praezisionstechnik", BAD),
        ("eval-energie-de", BAD),
    ],
    "bright-dream-robotics": [
        ("barbarossa-robotics", GOOD),
        ("eval-energie-de", BAD),
    ],
    # Profiles of the evaluation: German-only, Chinese-only, mixed.
    "eval-sensor-de": [
        ("eval-maschinenhandel-zh", GOOD),
        ("eval-sensorhaendler", GOOD),
        ("eval-lebensmittel-zh", BAD),
        ("eval-energie-zh", BAD),
    ],
    "eval-maschinenhandel-zh": [
        ("eval-sensor-de", GOOD),
        ("pfalz-praezisionstechnik", GOOD),
        ("eval-energie-de", BAD),
    ],
    "eval-sensorhaendler": [
        ("eval-sensor-de", GOOD),
        ("pfalz-praezisionstechnik", GOOD),
        ("eval-energie-de", BAD),
    ],
    "eval-lebensmittel-de": [
        ("eval-lebensmittel-zh", GOOD),
        ("eval-energie-zh", BAD),
    ],
    "eval-lebensmittel-zh": [
        ("eval-lebensmittel-de", GOOD),
        ("eval-energie-de", BAD),
    ],
    "eval-energie-de": [
        ("eval-energie-zh", GOOD),
        ("eval-lebensmittel-zh", BAD),
        ("eval-maschinenhandel-de", BAD),
    ],
    "eval-energie-zh": [
        ("eval-energie-de", GOOD),
        ("eval-sensor-de", BAD),
        ("eval-sensor-zh", BAD),
    ],
    "eval-maschinenhandel-de": [
        ("eval-sensor-de", GOOD),
        ("eval-energie-de", BAD),
    ],
    "eval-sensor-zh": [
        ("eval-maschinenhandel-zh", GOOD),
        ("eval-energie-zh", BAD),
    ],
}

# slug → written in ("de", "zh-hans") and translated or not.
EVALUATION_PROFILES = [
    {
        "slug": "eval-maschinenhandel-de",
        "language": "de",
        "translated": False,
        "title": "Ningbo Maschinenhandel",
        "summary": "Chinesischer Händler für Werkzeugmaschinen und Sensoren, sucht Technologie "
        "aus Deutschland.",
        "country": "CN",
        "sectors": ["Maschinen- und Anlagenbau"],
        "offers": ["distribution"],
        "seeks": ["technology-offer"],
    },
    {
        "slug": "eval-sensor-zh",
        "language": "zh-hans",
        "translated": False,
        "title": "凯泽斯劳滕传感器公司",
        "summary": "德国机床传感器制造商，提供技术并寻找中国分销合作伙伴。",
        "country": "DE",
        "sectors": ["Maschinen- und Anlagenbau"],
        "offers": ["technology-offer"],
        "seeks": ["distribution"],
    },
    {
        "slug": "eval-sensor-de",
        "language": "de",
        "translated": False,
        "title": "Westrich Sensortechnik GmbH",
        "summary": "Wir bauen Sensoren für Werkzeugmaschinen und bieten unsere Technologie "
        "Partnern an; gesucht wird ein Vertriebspartner.",
        "country": "DE",
        "sectors": ["Maschinen- und Anlagenbau"],
        "offers": ["technology-offer"],
        "seeks": ["distribution"],
    },
    {
        "slug": "eval-maschinenhandel-zh",
        "language": "zh-hans",
        "translated": False,
        "title": "江苏机床贸易有限公司",
        "summary": "江苏的机床和传感器经销商，寻求德国的机械制造技术。",
        "country": "CN",
        "sectors": ["Maschinen- und Anlagenbau"],
        "offers": ["distribution"],
        "seeks": ["technology-offer"],
    },
    {
        "slug": "eval-sensorhaendler",
        "language": "zh-hans",
        "translated": ("Suzhou Sensorhandel", "苏州的传感器经销商，为机床行业寻求德国技术。"),
        "title": "苏州传感器贸易",
        "summary": "苏州的传感器经销商，为机床行业寻求德国技术。",
        "translated_summary": "Händler für Sensoren in Suzhou, sucht Technologie aus "
        "Deutschland für Werkzeugmaschinen.",
        "country": "CN",
        "sectors": ["Maschinen- und Anlagenbau"],
        "offers": ["distribution"],
        "seeks": ["technology-offer"],
    },
    {
        "slug": "eval-lebensmittel-de",
        "language": "de",
        "translated": False,
        "title": "Lauterer Lebensmitteltechnik GmbH",
        "summary": "Verfahren zur Haltbarmachung von Lebensmitteln; wir suchen Lizenznehmer "
        "in der Lebensmittelindustrie.",
        "country": "DE",
        "sectors": ["Nahrungsmittel"],
        "offers": ["licensing"],
        "seeks": [],
    },
    {
        "slug": "eval-lebensmittel-zh",
        "language": "zh-hans",
        "translated": False,
        "title": "扬州食品加工有限公司",
        "summary": "食品加工企业，寻求食品保鲜技术的许可。",
        "country": "CN",
        "sectors": ["Nahrungsmittel"],
        "offers": [],
        "seeks": ["licensing"],
    },
    {
        "slug": "eval-energie-de",
        "language": "de",
        "translated": False,
        "title": "Pfalz Solarpark GmbH",
        "summary": "Betreiber von Solarparks, sucht ein Joint Venture für Photovoltaik.",
        "country": "DE",
        "sectors": ["Energie"],
        "offers": [],
        "seeks": ["joint-venture"],
    },
    {
        "slug": "eval-energie-zh",
        "language": "zh-hans",
        "translated": False,
        "title": "淮河光伏能源",
        "summary": "光伏电站运营商，提供合资机会。",
        "country": "CN",
        "sectors": ["Energie"],
        "offers": ["joint-venture"],
        "seeks": [],
    },
]


def create_evaluation_profiles():
    """The evaluation's own profiles, published, on top of the demo content; then the match
    profiles of everything are rebuilt (as the background task would have)."""
    from matchmaking.matching import rebuild_all

    for spec in EVALUATION_PROFILES:
        index = OrganisationIndexPage.objects.get(locale__language_code=spec["language"])
        page = OrganisationPage(
            title=spec["title"],
            slug=spec["slug"],
            legal_name=spec["title"],
            summary=spec["summary"],
            country=spec["country"],
        )
        index.add_child(instance=page)
        page.sectors.set(Sector.objects.filter(name__in=spec["sectors"]))
        page.offers.set(CooperationType.objects.filter(code__in=spec["offers"]))
        page.seeks.set(CooperationType.objects.filter(code__in=spec["seeks"]))
        page.save_revision().publish()
        if spec["translated"]:
            other = "de" if spec["language"] != "de" else "zh-hans"
            from wagtail.models import Locale

            translation = page.copy_for_translation(Locale.objects.get(language_code=other))
            translation.title, translation.summary = (
                spec["translated"][0],
                spec["translated_summary"],
            )
            translation.slug = f"{spec['slug']}-{other}"
            translation.save_revision().publish()
    rebuild_all()


def language_of(source, candidate):
    languages = {spec["slug"]: spec for spec in EVALUATION_PROFILES}

    def kind(slug):
        spec = languages.get(slug)
        if spec is None or spec["translated"]:
            return "mixed"
        return "German" if spec["language"] == "de" else "Chinese"

    kinds = {kind(source), kind(candidate)}
    return kinds.pop() if len(kinds) == 1 else "mixed"


@dataclass
class Outcome:
    source: str
    ranked: list
    precision_at_5: float | None
    recall_at_10: float
    misses: list


def key_of(slug):
    return Page.objects.filter(slug=slug).values_list("translation_key", flat=True).first()


def evaluate(client, locale="de"):
    """Every source's matches through the API; one Outcome per source."""
    outcomes = []
    for source, pairs in PAIRS.items():
        page = Page.objects.filter(slug=source).first()
        response = client.get(
            f"/api/v1/organisations/{page.pk}/matches",
            {"locale": locale, "limit": 10, "fallback": "true"},
        )
        assert response.status_code == 200, response.content
        ranked = []
        ids = [item["organisation"]["id"] for item in response.json()["items"]]
        keys = dict(Page.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
        for page_id in ids:
            if keys[page_id] not in ranked:
                ranked.append(keys[page_id])
        labels = {key_of(slug): (slug, good) for slug, good in pairs}
        judged = [labels[key][1] for key in ranked[:5] if key in labels]
        precision = sum(judged) / len(judged) if judged else None
        goods = [key for key, (_slug, good) in labels.items() if good]
        found = [key for key in goods if key in ranked[:10]]
        misses = [labels[key][0] for key in goods if key not in found]
        misses += [
            f"bad:{labels[key][0]}" for key in ranked[:5] if key in labels and not labels[key][1]
        ]
        outcomes.append(
            Outcome(source, ranked, precision, len(found) / len(goods) if goods else 1.0, misses)
        )
    return outcomes


def summary(outcomes):
    """(sources, mean precision@5 over judged sources, mean recall@10)."""
    precisions = [o.precision_at_5 for o in outcomes if o.precision_at_5 is not None]
    return (
        len(outcomes),
        sum(precisions) / len(precisions) if precisions else 0.0,
        sum(o.recall_at_10 for o in outcomes) / len(outcomes),
    )


def pair_count():
    return sum(len(pairs) for pairs in PAIRS.values())


def pairs_by_language():
    counts = {}
    for source, pairs in PAIRS.items():
        for candidate, _good in pairs:
            language = language_of(source, candidate)
            counts[language] = counts.get(language, 0) + 1
    return counts
