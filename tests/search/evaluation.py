"""The search evaluation set: queries over the demo content (``load_demo``) plus the pages of
``create_evaluation_content``, each with the pages it must find in its top 10.

A page is named by its slug: the page with that slug in the query's locale, or else the
translation into that locale of the German page with that slug (the demo's Chinese slugs are
pinyin). ``evaluate`` runs the cases through a search function and reports recall@10 and the mean
reciprocal rank per language; ``tests/search/test_evaluation.py`` requires recall@10 = 1.0 and
``scripts/evaluate_search.py`` prints the figures.
"""

from dataclasses import dataclass

from wagtail.models import Locale, Page

# (query, locale, kind, expected slugs)
CASES = [
    # German: names, places, sectors, inflections, compounds and their parts.
    ("Robotik", "de", "sector", ["robotation-academy", "bright-dream-robotics"]),
    ("Roboter", "de", "inflection", ["bright-dream-robotics"]),
    ("Werkzeugmaschine", "de", "inflection", ["eval-werkzeugmaschinen"]),
    ("Werkzeugmaschinen", "de", "compound", ["eval-werkzeugmaschinen"]),
    ("Maschinen", "de", "compound part", ["eval-werkzeugmaschinen"]),
    ("Robotikunternehmen", "de", "compound", ["bright-dream-robotics"]),
    ("Unternehmen Robotik", "de", "compound part", ["bright-dream-robotics"]),
    (
        "Yangzhou",
        "de",
        "place",
        ["yangzhou", "repraesentanz-yangzhou", "technologiezentrum-yangzhou"],
    ),
    ("Kaiserslautern", "de", "place", ["kaiserslautern"]),
    ("Qingpu", "de", "name", ["qingpu-industriepark"]),
    ("Industriepark", "de", "compound", ["qingpu-industriepark"]),
    ("Industrieparks", "de", "inflection", ["qingpu-industriepark"]),
    ("Fachkräfte", "de", "sector", ["fachkraefte-aus-chuzhou"]),
    ("Fachkraft", "de", "inflection", ["fachkraefte-aus-chuzhou"]),
    ("Repräsentanz Shanghai", "de", "place", ["repraesentanz-shanghai"]),
    ("Reprasentanz Foshan", "de", "spelling", ["repraesentanz-foshan"]),
    ("Startups", "de", "inflection", ["technologiezentrum-jiao-tong-universitaet"]),
    ("Startup-Konferenz", "de", "compound", ["startup-konferenz-shanghai"]),
    ("Absichtserklärung", "de", "compound", ["mou-mit-yangzhou"]),
    ("MoU", "de", "name", ["mou-mit-yangzhou"]),
    ("Jiao Tong", "de", "name", ["technologiezentrum-jiao-tong-universitaet"]),
    ("Produktionsplanung", "de", "compound", ["westpfalz-software"]),
    ("Planung", "de", "compound part", ["westpfalz-software"]),
    ("Automobilzulieferung", "de", "compound", ["pfalz-praezisionstechnik"]),
    ("Country Garden", "de", "name", ["bright-dream-robotics"]),
    ("Foshan", "de", "place", ["foshan", "repraesentanz-foshan"]),
    ("Wirtschaftsdelegation", "de", "compound", ["wirtschaftsdelegation-china-2027"]),
    (
        "Delegation",
        "de",
        "compound part",
        ["delegation-nach-china", "wirtschaftsdelegation-china-2027"],
    ),
    ("Greifsystem", "de", "inflection", ["barbarossa-robotics"]),
    ("Sondermaschinenbau", "de", "compound", ["eval-werkzeugmaschinen"]),
    # Chinese: words inside sentences, names, places, sectors, partial words.
    (
        "机器人",
        "zh-hans",
        "sector",
        ["eval-foshan-jiqiren", "bright-dream-robotics", "robotation-academy"],
    ),
    ("机器", "zh-hans", "partial word", ["eval-foshan-jiqiren"]),
    ("博智林", "zh-hans", "name", ["bright-dream-robotics"]),
    ("碧桂园", "zh-hans", "name", ["bright-dream-robotics"]),
    ("青浦", "zh-hans", "place", ["qingpu-industriepark"]),
    ("工业园区", "zh-hans", "sector", ["qingpu-industriepark"]),
    (
        "扬州",
        "zh-hans",
        "place",
        ["yangzhou", "repraesentanz-yangzhou", "technologiezentrum-yangzhou"],
    ),
    ("上海交通大学", "zh-hans", "name", ["technologiezentrum-jiao-tong-universitaet"]),
    ("交通大学", "zh-hans", "partial word", ["technologiezentrum-jiao-tong-universitaet"]),
    (
        "初创企业",
        "zh-hans",
        "sector",
        ["technologiezentrum-jiao-tong-universitaet", "startup-konferenz-shanghai"],
    ),
    ("汽车零部件", "zh-hans", "sector", ["eval-shenlian", "pfalz-praezisionstechnik"]),
    ("零部件", "zh-hans", "partial word", ["eval-shenlian"]),
    (
        "代表处",
        "zh-hans",
        "name",
        ["repraesentanz-yangzhou", "repraesentanz-shanghai", "repraesentanz-foshan"],
    ),
    ("专业人才", "zh-hans", "sector", ["fachkraefte-aus-chuzhou"]),
    ("合作备忘录", "zh-hans", "name", ["mou-mit-yangzhou"]),
    ("凯泽斯劳滕", "zh-hans", "place", ["kaiserslautern"]),
    ("建筑机器人", "zh-hans", "sector", ["bright-dream-robotics"]),
    ("佛山的机器人公司", "zh-hans", "sentence", ["eval-foshan-jiqiren"]),
    ("智造", "zh-hans", "partial word", ["eval-foshan-jiqiren"]),
    ("焊接机器人", "zh-hans", "sector", ["eval-foshan-jiqiren"]),
    # Mixed: Latin names in Chinese, Chinese names in German.
    ("Robotation学院", "zh-hans", "mixed", ["robotation-academy"]),
    ("Kaiserslautern 企业", "zh-hans", "mixed", ["eval-shenlian"]),
    ("博智林", "de", "mixed", ["bright-dream-robotics"]),
    ("广东博智林机器人有限公司", "de", "mixed", ["bright-dream-robotics"]),
    ("Bright Dream Robotics", "zh-hans", "mixed", ["bright-dream-robotics"]),
    ("青浦工业园区", "de", "mixed", ["qingpu-industriepark"]),
]

LANGUAGES = {"de": "German", "zh-hans": "Chinese"}


def language_of(case):
    query, locale, kind, _expected = case
    return "mixed" if kind == "mixed" else LANGUAGES[locale]


# The profiles the evaluation adds (locale, fields); the API tests use the Chinese ones too.
FOSHAN_ROBOTS = {
    "title": "佛山的机器人公司",
    "slug": "eval-foshan-jiqiren",
    "legal_name": "佛山智造机器人有限公司",
    "summary": "佛山的机器人公司，为汽车工业生产焊接机器人。",
    "city": "佛山",
    "country": "CN",
}
SHANGHAI_PARTS = {
    "title": "上海申联汽配",
    "slug": "eval-shenlian",
    "legal_name": "上海申联汽车零部件有限公司",
    "summary": "汽车零部件供应商，与Kaiserslautern的企业合作。",
    "city": "上海",
    "country": "CN",
}
EVALUATION_PROFILES = [
    (
        "de",
        {
            "title": "Pfalz Sondermaschinen (fiktiv)",
            "slug": "eval-werkzeugmaschinen",
            "legal_name": "Pfalz Sondermaschinen GmbH (fiktiv)",
            "summary": "Werkzeugmaschinen und Sondermaschinenbau für die Automobilzulieferer.",
            "city": "Kaiserslautern",
            "country": "DE",
        },
    ),
    ("zh-hans", FOSHAN_ROBOTS),
    ("zh-hans", SHANGHAI_PARTS),
]


def create_evaluation_content():
    """The pages the evaluation adds to the demo tree: a Chinese-first profile (佛山的机器人公司),
    a German one with Werkzeugmaschinen, a Chinese one with 汽车零部件 and a Latin name."""
    from companies.models import OrganisationIndexPage, OrganisationPage

    def index_in(code):
        return OrganisationIndexPage.objects.get(locale__language_code=code)

    pages = [(code, OrganisationPage(**fields)) for code, fields in EVALUATION_PROFILES]
    created = []
    for code, page in pages:
        if Page.objects.filter(slug=page.slug).exists():
            continue
        index_in(code).add_child(instance=page)
        page.save_revision().publish()
        created.append(page)
    return created


def expected_ids(slugs, locale_code):
    locale = Locale.objects.get(language_code=locale_code)
    ids = []
    for slug in slugs:
        page = Page.objects.filter(slug=slug, locale=locale).first()
        if page is None:
            source = Page.objects.get(slug=slug, locale__language_code="de")
            page = Page.objects.get(translation_key=source.translation_key, locale=locale)
        ids.append(page.pk)
    return ids


@dataclass
class Outcome:
    query: str
    locale: str
    language: str
    recall: float
    reciprocal_rank: float
    missing: list


def evaluate(search, cases=CASES, k=10):
    """Run each case through ``search(query, locale) -> [page ids, best first]``."""
    outcomes = []
    for case in cases:
        query, locale, _kind, slugs = case
        expected = expected_ids(slugs, locale)
        ranked = search(query, locale)[:k]
        found = [pk for pk in expected if pk in ranked]
        ranks = [ranked.index(pk) + 1 for pk in found]
        outcomes.append(
            Outcome(
                query=query,
                locale=locale,
                language=language_of(case),
                recall=len(found) / len(expected),
                reciprocal_rank=1 / min(ranks) if ranks else 0.0,
                missing=[slug for slug, pk in zip(slugs, expected, strict=True) if pk not in found],
            )
        )
    return outcomes


def summary(outcomes):
    """{language: (queries, recall@10, MRR)} plus "all"."""
    groups = {}
    for outcome in outcomes:
        for key in (outcome.language, "all"):
            groups.setdefault(key, []).append(outcome)
    return {
        key: (
            len(group),
            sum(o.recall for o in group) / len(group),
            sum(o.reciprocal_rank for o in group) / len(group),
        )
        for key, group in groups.items()
    }


def api_search(client):
    """A search function over the delivery API (``/api/v1/search``)."""

    def search(query, locale):
        response = client.get("/api/v1/search", {"q": query, "locale": locale, "limit": 10})
        assert response.status_code == 200, response.content
        return [item["id"] for item in response.json()["items"]]

    return search
