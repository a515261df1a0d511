"""``generate_scale_data`` creates opportunities too (hook ``generate_scale_data``), in every
language under the generated organisations, with their match profiles."""

import pytest
from django.core.management import call_command

from matchmaking.models import MatchProfile, OpportunityPage
from tests.test_scale_data import base_tree  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_opportunities_in_both_languages_with_profiles(base_tree):  # noqa: F811
    call_command(
        "generate_scale_data", verbosity=0, logos=1, organisations=12, news=0, opportunities=8
    )
    german = OpportunityPage.objects.filter(locale__language_code="de", slug__startswith="scale-")
    chinese = OpportunityPage.objects.filter(
        locale__language_code="zh-hans", slug__startswith="scale-"
    )
    assert german.count() == chinese.count() == 8
    assert set(german.values_list("translation_key", flat=True)) == set(
        chinese.values_list("translation_key", flat=True)
    )
    for page in list(german) + list(chinese):
        parent = page.get_parent()
        assert parent.slug.startswith("scale-organisation-")
        assert parent.locale_id == page.locale_id
    open_keys = set(german.open().values_list("translation_key", flat=True))
    profiled = set(
        MatchProfile.objects.filter(kind="opportunity").values_list("translation_key", flat=True)
    )
    assert open_keys <= profiled
    assert MatchProfile.objects.filter(kind="organisation").count() == 12
