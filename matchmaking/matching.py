"""Partner matching: features of a translation group, candidates, scores and reasons.

Features (``build_profile``, run by the background task on publish and unpublish): the
structured offers/seeks (an opportunity's kind and cooperation types become offers or seeks),
sectors (default-locale ids, the same in every language), the home region and the target
regions (translation keys), the country, and a TF-IDF vector over the analysed terms
(``search.analysis``: jieba words and Snowball stems) of the group's texts in *every* locale it
is published in. A profile written in German and translated into Chinese has both German stems
and Chinese words, so it shares terms with a Chinese profile translated into German in either
language.

A request (``find_matches``) reads the source's profile, runs one bounded candidate query over
the inverted index ``MatchKey`` (sum of feature weights per profile, best ``CANDIDATES``), loads
those profiles and scores them exactly here. Weights are in ``WEIGHTS``; docs/matchmaking.md.
"""

import math
from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby

from django.db import connection, transaction
from django.db.models import F, Q, Sum
from django.utils.html import strip_tags
from wagtail.models import Page

from base.fields import COUNTRY_CHOICES
from base.models import visible_q
from companies.models import OrganisationPage
from matchmaking.models import (
    MatchKey,
    MatchProfile,
    MatchTerm,
    OpportunityPage,
    RankedMatches,
    open_q,
)
from search.analysis import index_terms
from search.index import plain_text

# The share of each signal in the score (they add up to 1).
WEIGHTS = {
    "offers-seeks": 0.25,  # the source offers what the candidate seeks
    "seeks-offers": 0.25,  # the source seeks what the candidate offers
    "sector": 0.20,  # shared sectors, relative to the smaller set
    "region": 0.10,  # one's home region (or country) is a target of the other, each way half
    "text": 0.20,  # cosine of the TF-IDF vectors, saturating at TEXT_SATURATION
}
TEXT_SATURATION = 0.5
TEXT_REASON_MINIMUM = 0.1
MAX_TERMS = 40  # terms kept per profile
QUERY_TERMS = 15  # the source's strongest terms used to find candidates
CANDIDATES = 100  # profiles scored exactly per source (in the background task)
SCOPES = ("cross-border", "all")
COUNTRIES = [code for code, _label in COUNTRY_CHOICES]
INDEX_MAX_DF_SHARE = 0.02  # terms in more than 2 % of the profiles are not indexed ...
INDEX_MIN_DF = 50  # ... unless in at most 50 (small data sets)
# Terms that say nothing about a fit (the demo's "fictitious" marker, generic words).
NOISE_TERMS = frozenset(
    {"fiktiv", "beispielunternehm", "虚构", "示例", "企业", "partn", "合作", "合作伙伴", "suchen"}
)
# An opportunity's kind implies a cooperation type offered or sought.
KIND_CODES = {
    "technology-offer": ("offers", "technology-offer"),
    "technology-request": ("seeks", "technology-offer"),
    "rd-request": ("seeks", "research-cooperation"),
}


# --- Features ----------------------------------------------------------------------------------


def stream_text(stream_value):
    return plain_text(stream_value.raw_data if stream_value is not None else None)


def texts_of(page):
    """The texts of one page that describe what it offers and seeks."""
    if isinstance(page, OpportunityPage):
        return [page.title, page.summary, strip_tags(page.description), page.partner_sought]
    return [
        page.summary,
        strip_tags(page.description),
        stream_text(page.products_and_services),
    ]


def analysed_terms(pages):
    """Term frequencies over the texts of ``pages`` (the translations of one group)."""
    counts = Counter()
    for page in pages:
        text = "\n".join(t for t in texts_of(page) if t)
        for term in index_terms(text, page.locale.language_code):
            if len(term) < 2 or term.isdigit() or term in NOISE_TERMS:
                continue
            counts[term] += 1
    return counts


def tf_idf(counts, document_frequencies, total):
    """The ``MAX_TERMS`` strongest terms, weighted 1 + log(tf) times a smoothed IDF, L2 = 1."""
    weights = {
        term: (1 + math.log(count))
        * (math.log((total + 1) / (document_frequencies.get(term, 0) + 1)) + 1)
        for term, count in counts.items()
    }
    strongest = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:MAX_TERMS]
    norm = math.sqrt(sum(weight * weight for _term, weight in strongest)) or 1.0
    return {term: round(weight / norm, 4) for term, weight in strongest}


@dataclass
class Features:
    kind: str
    organisation_key: object
    opportunity_kind: str = ""
    country: str = ""
    region_key: object = None
    sectors: list = field(default_factory=list)
    offers: list = field(default_factory=list)
    seeks: list = field(default_factory=list)
    target_regions: list = field(default_factory=list)
    target_countries: list = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    valid_until: object = None


PREFETCH = {
    OrganisationPage: ("sectors", "offers", "seeks", "target_regions"),
    OpportunityPage: ("sectors", "cooperation_types", "target_regions"),
}


def visible_pages(model, *filters):
    """Visible pages of ``model`` with what the features need, by group, default locale
    first."""
    queryset = model.objects.filter(visible_q(), *filters).select_related("locale")
    if model is OrganisationPage:
        queryset = queryset.select_related("region")
    return queryset.prefetch_related(*PREFETCH[model]).order_by("translation_key", "locale_id")


def visible_group(model, translation_key):
    return list(visible_pages(model, Q(translation_key=translation_key)))


def region_keys(page):
    return sorted(str(region.translation_key) for region in page.target_regions.all())


def organisation_features(pages):
    page = pages[0]
    return Features(
        kind=MatchProfile.Kind.ORGANISATION,
        organisation_key=page.translation_key,
        country=page.country,
        region_key=page.region.translation_key if page.region_id else None,
        sectors=sorted(sector.pk for sector in page.sectors.all()),
        offers=sorted(entry.code for entry in page.offers.all()),
        seeks=sorted(entry.code for entry in page.seeks.all()),
        target_regions=region_keys(page),
        counts=analysed_terms(pages),
    )


def visible_owner(page):
    """The visible organisation page an opportunity page sits under, or None."""
    return (
        OrganisationPage.objects.filter(visible_q(), path=page.path[: -Page.steplen])
        .select_related("region")
        .first()
    )


def opportunity_features(pages, owner_of=visible_owner):
    page = pages[0]
    owner = owner_of(page)
    if owner is None:
        return None  # an opportunity of an unpublished organisation is not matched
    codes = sorted(entry.code for entry in page.cooperation_types.all())
    offers, seeks = (codes, []) if page.is_offer else ([], codes)
    implied = KIND_CODES.get(page.kind)
    if implied:
        side = offers if implied[0] == "offers" else seeks
        if implied[1] not in side:
            side.append(implied[1])
    return Features(
        kind=MatchProfile.Kind.OPPORTUNITY,
        organisation_key=owner.translation_key,
        opportunity_kind=page.kind,
        country=owner.country,
        region_key=owner.region.translation_key if owner.region_id else None,
        sectors=sorted(sector.pk for sector in page.sectors.all()),
        offers=sorted(offers),
        seeks=sorted(seeks),
        target_regions=region_keys(page),
        target_countries=sorted(page.target_countries or []),
        counts=analysed_terms(pages),
        valid_until=page.valid_until,
    )


def group_features(translation_key):
    """The features of the group ``translation_key`` (an organisation or an opportunity), or
    None when no page of it is visible."""
    pages = visible_group(OrganisationPage, translation_key)
    if pages:
        return organisation_features(pages)
    pages = visible_group(OpportunityPage, translation_key)
    if pages:
        return opportunity_features(pages)
    return None


def all_features():
    """translation key → Features of every visible group, in batches (a bulk rebuild)."""
    features = {}
    owners = {}
    organisations = visible_pages(OrganisationPage).iterator(chunk_size=1000)
    for key, group in groupby(organisations, key=lambda page: page.translation_key):
        pages = list(group)
        for page in pages:
            owners[page.path] = pages[0]
        features[key] = organisation_features(pages)
    opportunities = visible_pages(OpportunityPage).iterator(chunk_size=1000)
    for key, group in groupby(opportunities, key=lambda page: page.translation_key):
        pages = list(group)
        value = opportunity_features(pages, lambda page: owners.get(page.path[: -Page.steplen]))
        if value is not None:
            features[key] = value
    return features


def indexed_term_limit(total):
    """Terms in more profiles than this are left out of the inverted index: they say little
    (sucht, china, 公司) and would make every candidate query read most of the index. They
    still count in the cosine of the candidates found through other keys."""
    return max(INDEX_MIN_DF, int(total * INDEX_MAX_DF_SHARE))


def feature_keys(profile, document_frequencies=None, total=0):
    """(key, weight) rows of the inverted index for a profile."""
    rows = [(f"o:{code}", WEIGHTS["seeks-offers"]) for code in profile.offers]
    rows += [(f"s:{code}", WEIGHTS["offers-seeks"]) for code in profile.seeks]
    if profile.sectors:
        share = WEIGHTS["sector"] / len(profile.sectors)
        rows += [(f"sec:{pk}", share) for pk in profile.sectors]
    if profile.region_key:
        rows.append((f"r:{profile.region_key}", WEIGHTS["region"] / 2))
    rows += [(f"t:{key}", WEIGHTS["region"] / 2) for key in profile.target_regions]
    limit = indexed_term_limit(total)
    frequencies = document_frequencies or {}
    rows += [
        (f"w:{term}"[:120], WEIGHTS["text"] * weight / TEXT_SATURATION)
        for term, weight in profile.terms.items()
        if frequencies.get(term, 0) <= limit
    ]
    return rows


def query_keys(profile):
    """The keys a candidate of ``profile`` may have (the complements of its features)."""
    keys = [f"o:{code}" for code in profile.seeks]
    keys += [f"s:{code}" for code in profile.offers]
    keys += [f"sec:{pk}" for pk in profile.sectors]
    keys += [f"r:{key}" for key in profile.target_regions]
    if profile.region_key:
        keys.append(f"t:{profile.region_key}")
    strongest = sorted(profile.terms.items(), key=lambda item: -item[1])[:QUERY_TERMS]
    keys += [f"w:{term}"[:120] for term, _weight in strongest]
    return keys


@transaction.atomic
def save_profile(translation_key, features):
    """Write (or delete, for None) the profile of a group, its index rows and the document
    frequencies of its terms."""
    old = MatchProfile.objects.select_for_update().filter(translation_key=translation_key).first()
    old_terms = set(old.terms) if old else set()
    if features is None:
        if old:
            _count_terms(old_terms, -1)
            old.delete()
        return None
    total = MatchProfile.objects.count() + (0 if old else 1)
    frequencies = dict(
        MatchTerm.objects.filter(term__in=list(features.counts)).values_list("term", "df")
    )
    # Terms new to this profile count towards their own document frequency.
    for term in features.counts:
        if term not in old_terms:
            frequencies[term] = frequencies.get(term, 0) + 1
    terms = tf_idf(features.counts, frequencies, total)
    values = {
        "kind": features.kind,
        "organisation_key": features.organisation_key,
        "opportunity_kind": features.opportunity_kind,
        "country": features.country,
        "region_key": features.region_key,
        "sectors": features.sectors,
        "offers": features.offers,
        "seeks": features.seeks,
        "target_regions": [str(key) for key in features.target_regions],
        "target_countries": features.target_countries,
        "terms": terms,
        "valid_until": features.valid_until,
    }
    profile, _created = MatchProfile.objects.update_or_create(
        translation_key=translation_key, defaults=values
    )
    _count_terms(set(terms) - old_terms, 1)
    _count_terms(old_terms - set(terms), -1)
    profile.keys.all().delete()
    MatchKey.objects.bulk_create(
        [
            MatchKey(
                profile=profile,
                key=key,
                weight=weight,
                country=profile.country,
                organisation_key=profile.organisation_key,
                valid_until=profile.valid_until,
            )
            for key, weight in feature_keys(profile, frequencies, total)
        ]
    )
    return profile


def _count_terms(terms, delta):
    if not terms:
        return
    if delta > 0:
        existing = set(MatchTerm.objects.filter(term__in=terms).values_list("term", flat=True))
        MatchTerm.objects.bulk_create(
            [MatchTerm(term=term, df=0) for term in terms - existing], ignore_conflicts=True
        )
        MatchTerm.objects.filter(term__in=terms).update(df=F("df") + 1)
    else:
        MatchTerm.objects.filter(term__in=terms, df__gt=0).update(df=F("df") - 1)


def refresh_group(translation_key):
    """Recompute the profile of one group; for an organisation also its opportunities (they
    carry its country and region), and the ranked candidates of the profiles written.
    Returns ``(profiles written or deleted, neighbours)``: the ids of the profiles whose ranked
    lists these profiles may enter or leave (their candidates before and after), for
    ``tasks.refresh_ranked``."""
    keys = [translation_key]
    if OrganisationPage.objects.filter(translation_key=translation_key).exists():
        paths = Page.objects.filter(translation_key=translation_key).values_list("path", flat=True)
        under = Q(pk__in=[])
        for path in paths:
            under |= Q(path__startswith=path)
        owned = OpportunityPage.objects.filter(under).values_list("translation_key", flat=True)
        keys += sorted(set(owned))
    affected = set()
    for old in MatchProfile.objects.filter(translation_key__in=keys):
        affected |= neighbours(old)
    written = [save_profile(key, group_features(key)) for key in keys]
    written = [profile for profile in written if profile is not None]
    for profile in written:
        affected |= neighbours(profile)
    store_ranked(written)
    return len(keys), affected - {profile.pk for profile in written}


def neighbours(profile):
    """Ids of the profiles whose ranked lists ``profile`` may be in: its own candidates in both
    scopes (every signal but the regions' is symmetric, so who is a candidate of ``profile`` is
    who ``profile`` is a candidate of)."""
    return {candidate.pk for scope in SCOPES for candidate in candidate_profiles(profile, scope)}


def store_ranked(profiles):
    """Score and store the candidates of ``profiles`` in both scopes (``RankedMatches``)."""
    rows = []
    for profile in profiles:
        for scope in SCOPES:
            entries = [
                [
                    str(match.profile.translation_key),
                    str(match.profile.organisation_key),
                    match.profile.kind,
                    match.score,
                    match.reasons,
                    match.profile.valid_until.isoformat() if match.profile.valid_until else None,
                ]
                for match in ranked(profile, scope)
            ]
            rows.append(RankedMatches(profile=profile, scope=scope, entries=entries))
    with transaction.atomic():
        RankedMatches.objects.filter(profile__in=[profile.pk for profile in profiles]).delete()
        RankedMatches.objects.bulk_create(rows, batch_size=500)
    return len(profiles)


def analyse():
    """Fresh statistics and visibility map of the index tables (PostgreSQL, outside a
    transaction): the candidate query is then an index-only scan."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for model in (MatchKey, MatchProfile, MatchTerm):
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def rebuild_all(log=None):
    """Recompute every profile from scratch (after a bulk load, or to refresh the IDF)."""
    # Document frequencies first, from the raw term counts, so every vector uses the same IDF.
    features = all_features()
    frequencies = Counter()
    for value in features.values():
        frequencies.update(set(value.counts))
    total = len(features)
    with transaction.atomic():
        RankedMatches.objects.all().delete()
        MatchKey.objects.all().delete()
        MatchProfile.objects.all().delete()
        MatchTerm.objects.all().delete()
        profiles = []
        for key, value in features.items():
            profiles.append(
                MatchProfile(
                    translation_key=key,
                    kind=value.kind,
                    organisation_key=value.organisation_key,
                    opportunity_kind=value.opportunity_kind,
                    country=value.country,
                    region_key=value.region_key,
                    sectors=value.sectors,
                    offers=value.offers,
                    seeks=value.seeks,
                    target_regions=[str(k) for k in value.target_regions],
                    target_countries=value.target_countries,
                    terms=tf_idf(value.counts, frequencies, total),
                    valid_until=value.valid_until,
                )
            )
        MatchProfile.objects.bulk_create(profiles, batch_size=500)
        stored = Counter()
        for profile in profiles:
            stored.update(profile.terms)
        MatchTerm.objects.bulk_create(
            [MatchTerm(term=term, df=df) for term, df in stored.items()], batch_size=1000
        )
        MatchKey.objects.bulk_create(
            [
                MatchKey(
                    profile=profile,
                    key=key,
                    weight=weight,
                    country=profile.country,
                    organisation_key=profile.organisation_key,
                    valid_until=profile.valid_until,
                )
                for profile in profiles
                for key, weight in feature_keys(profile, frequencies, total)
            ],
            batch_size=2000,
        )
    analyse()  # fresh statistics before the candidate queries of the ranking
    profiles = list(MatchProfile.objects.order_by("pk"))
    for start in range(0, len(profiles), 500):
        store_ranked(profiles[start : start + 500])
        if log and len(profiles) > 500:
            log(f"  ranked candidates: {min(start + 500, len(profiles))}/{len(profiles)}")
    if log:
        log(f"Matching profiles: {len(profiles)}.")
    return len(profiles)


# --- Matching ----------------------------------------------------------------------------------


@dataclass
class Match:
    profile: MatchProfile
    score: float
    reasons: list  # (kind, detail) pairs; detail: codes, sector ids, region keys or None


def cross_border_q(profile):
    """Candidates in another country than the source (German ↔ Chinese partners).

    Spelled as the list of the other countries (the platform's few, and none) rather than
    ``country <> source``: the index ``matchkey_key_country`` then reads only the other
    countries' rows (a fifth of the index for a Chinese source in the generated data)."""
    if not profile.country:
        return Q()
    return Q(country__in=[code for code in ["", *COUNTRIES] if code != profile.country])


def candidate_profiles(profile, scope="cross-border"):
    """One query: the best ``CANDIDATES`` profiles by summed feature weight, open, not of the
    source's organisation, across the border unless ``scope`` is ``all``."""
    keys = query_keys(profile)
    if not keys:
        return []
    rows = MatchKey.objects.filter(open_q(), key__in=keys).exclude(
        organisation_key=profile.organisation_key
    )
    if scope == "cross-border":
        rows = rows.filter(cross_border_q(profile))
    best = (
        rows.values("profile_id")
        .annotate(total=Sum("weight"))
        .order_by("-total", "profile_id")
        .values("profile_id")[:CANDIDATES]
    )
    return list(MatchProfile.objects.filter(pk__in=best))


def score(source, candidate):
    """(score 0..1, reasons) of ``candidate`` for ``source``; reasons are (kind, detail)."""
    reasons = []
    total = 0.0
    offered = sorted(set(source.offers) & set(candidate.seeks))
    if offered:
        total += WEIGHTS["offers-seeks"]
        reasons.append(("offers-seeks", offered))
    sought = sorted(set(source.seeks) & set(candidate.offers))
    if sought:
        total += WEIGHTS["seeks-offers"]
        reasons.append(("seeks-offers", sought))
    shared = sorted(set(source.sectors) & set(candidate.sectors))
    if shared:
        total += WEIGHTS["sector"] * len(shared) / min(len(source.sectors), len(candidate.sectors))
        reasons.append(("sector", shared))
    regions = []
    half = WEIGHTS["region"] / 2
    if candidate.region_key and str(candidate.region_key) in source.target_regions:
        regions.append(str(candidate.region_key))
        total += half
    elif candidate.country and candidate.country in source.target_countries:
        total += half
        reasons.append(("country", [candidate.country]))
    if source.region_key and str(source.region_key) in candidate.target_regions:
        regions.append(str(source.region_key))
        total += half
    elif source.country and source.country in candidate.target_countries:
        total += half
        reasons.append(("country", [source.country]))
    if regions:
        reasons.append(("region", sorted(set(regions))))
    cosine = sum(weight * candidate.terms.get(term, 0.0) for term, weight in source.terms.items())
    if cosine > 0:
        total += WEIGHTS["text"] * min(1.0, cosine / TEXT_SATURATION)
        if cosine >= TEXT_REASON_MINIMUM:
            shared_terms = sorted(
                set(source.terms) & set(candidate.terms),
                key=lambda term: -(source.terms[term] * candidate.terms[term]),
            )[:5]
            reasons.append(("text", shared_terms))
    return round(min(1.0, total), 4), reasons


def ranked(source, scope="cross-border"):
    """The candidates of ``source`` scored, best first (two queries)."""
    matches = []
    for candidate in candidate_profiles(source, scope):
        value, reasons = score(source, candidate)
        if value > 0:
            matches.append(Match(candidate, value, reasons))
    matches.sort(key=lambda match: (-match.score, str(match.profile.translation_key)))
    return matches
