"""PO round trip: export of a page and of a subtree (zip), ``msgfmt -c`` accepts the files,
a translated file re-imports cleanly into a draft; bad uploads are form errors."""

import io
import shutil
import subprocess
import zipfile

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import OrganisationPageFactory

pytestmark = pytest.mark.django_db

MSGFMT = shutil.which("msgfmt")


def export(admin_client, page, locale, subtree=False):
    params = {"locale": locale.pk}
    if subtree:
        params["include_subtree"] = "on"
    response = admin_client.get(reverse("translations_po", args=[page.pk]), params)
    assert response.status_code == 200
    return response


def msgfmt_check(tmp_path, text):
    path = tmp_path / "check.po"
    path.write_text(text, encoding="utf-8")
    return subprocess.run(  # noqa: S603 - a fixed program on a file of ours
        [MSGFMT, "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )


@pytest.mark.skipif(MSGFMT is None, reason="gettext's msgfmt is not installed")
def test_exported_po_passes_msgfmt_check_and_reimports(
    admin_client, german_profile, locale_zh, tmp_path
):
    response = export(admin_client, german_profile, locale_zh)
    assert response["Content-Disposition"].endswith('.zh-hans.po"')
    text = response.content.decode()
    check = msgfmt_check(tmp_path, text)
    assert check.returncode == 0, check.stderr
    po = polib.pofile(text)
    assert po.metadata["Language"] == "zh_Hans"
    assert "Pfalz Robotik" in [entry.msgid for entry in po]
    for entry in po:
        entry.msgstr = f"译 {entry.msgid}"
    translated = str(po)
    assert msgfmt_check(tmp_path, translated).returncode == 0
    upload = SimpleUploadedFile("profil.po", translated.encode())
    response = admin_client.post(
        reverse("translations_po", args=[german_profile.pk]), {"file": upload}
    )
    assert response.status_code == 302
    target = german_profile.get_translation(locale_zh)
    assert target.live is False  # a draft for review
    assert target.specific.title == "译 Pfalz Robotik"


def test_subtree_zip_round_trip(admin_client, german_profile, home_tree, locale_zh, tmp_path):
    OrganisationPageFactory(parent=home_tree.organisations, title="Zweites Profil")
    response = export(admin_client, home_tree.organisations, locale_zh, subtree=True)
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert len(names) == 3  # the index page and its two profiles
    translated = io.BytesIO()
    with zipfile.ZipFile(translated, "w") as out:
        for name in names:
            po = polib.pofile(archive.read(name).decode())
            if MSGFMT:
                assert msgfmt_check(tmp_path, str(po)).returncode == 0
            for entry in po:
                entry.msgstr = f"译 {entry.msgid}"
            out.writestr(name, str(po))
    upload = SimpleUploadedFile("uebersetzt.zip", translated.getvalue())
    response = admin_client.post(
        reverse("translations_po", args=[home_tree.organisations.pk]), {"file": upload}
    )
    assert response.status_code == 302
    # Parents first: the index page's translation exists, and the profiles under it.
    assert german_profile.get_translation(locale_zh).specific.title == "译 Pfalz Robotik"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"hello", "upload a .po file or a .zip"),
        ("broken.zip", b"not a zip", "not a zip file"),
        ("broken.po", b"garbage line\n", "not a valid PO file"),
        (
            "foreign.po",
            b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
            "no translation",
        ),
    ],
)
def test_bad_uploads_are_form_errors(admin_client, german_profile, name, content, message):
    response = admin_client.post(
        reverse("translations_po", args=[german_profile.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
