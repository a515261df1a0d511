"""The catalogues of the portal's new admin strings (companies/locale, inquiries/locale): every
message translated into Simplified Chinese and English, the compiled files match, and the
portal's pages use them."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.test_admin_messages import CJK, mo_catalogue, read_po

APPS = ("companies", "inquiries")


@pytest.mark.parametrize("app", APPS)
@pytest.mark.parametrize("name", ["zh_Hans", "en"])
def test_app_catalogues_are_complete_and_compiled(app, name):
    directory = Path(settings.BASE_DIR) / app / "locale" / name / "LC_MESSAGES"
    entries = read_po(directory / "django.po")
    assert entries
    assert [msgid for msgid, (msgstr, fuzzy) in entries.items() if not msgstr or fuzzy] == []
    if name == "zh_Hans":
        assert [msgid for msgid, (msgstr, _) in entries.items() if not CJK.search(msgstr)] == []
    compiled = mo_catalogue(directory / "django.mo")
    assert {k: v for k, v in compiled.items() if isinstance(k, str)} == {
        msgid: msgstr for msgid, (msgstr, _fuzzy) in entries.items()
    }
