"""`make run` prints the URLs it serves, and the development links (admin base URL for mails,
the frontend base for feeds) follow its PORT."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent


def dev_settings(**env):
    show = (
        "import json, django; from django.conf import settings as s; "
        "print(json.dumps([s.WAGTAILADMIN_BASE_URL, s.FRONTEND_BASE_URL]))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.endswith("BASE_URL")}
    result = subprocess.run(  # noqa: S603 - this interpreter, our settings
        [sys.executable, "-c", show],
        env={**clean, "DJANGO_SETTINGS_MODULE": "cms.settings.dev", **env},
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_dev_links_follow_the_port():
    assert dev_settings(PORT="8320") == ["http://127.0.0.1:8320", "http://127.0.0.1:8320"]
    assert dev_settings(PORT="8320", RUNSERVER_HOST="0.0.0.0") == [  # noqa: S104
        "http://127.0.0.1:8320",
        "http://127.0.0.1:8320",
    ]
    explicit = dev_settings(PORT="8320", WAGTAILADMIN_BASE_URL="https://cms.example")
    assert explicit[0] == "https://cms.example"


@pytest.mark.skipif(not shutil.which("make"), reason="make not installed")
def test_make_run_prints_the_urls_it_serves():
    result = subprocess.run(
        ["make", "-n", "run", "PORT=8320"],  # noqa: S607
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "http://127.0.0.1:8320/admin/" in result.stdout
    assert "http://127.0.0.1:8320/api/v1/docs" in result.stdout
    assert "runserver 127.0.0.1:8320" in result.stdout
    assert ":8000" not in result.stdout
