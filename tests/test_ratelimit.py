"""The client address of every per-address limit (search, inquiries, login lockout)."""

import json

import pytest
from django.test import RequestFactory, override_settings

from api.ratelimit import client_ip


def get(**meta):
    return RequestFactory().get("/", **meta)


def test_remote_addr_unless_a_proxy_header_is_configured():
    request = get(REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="203.0.113.9")
    assert client_ip(request) == "10.0.0.1"  # the header alone is not trusted
    assert client_ip(get(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")) == (
        "10.0.0.1"
    )
    with override_settings(CLIENT_IP_HEADER="HTTP_X_REAL_IP"):
        assert client_ip(request) == "203.0.113.9"
        missing = get(REMOTE_ADDR="10.0.0.1")
        assert client_ip(missing) == "10.0.0.1"
        assert client_ip(get(REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="kein-ip")) == "10.0.0.1"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "client"),
    [
        # One proxy appending: the client may have sent its own X-Forwarded-For first.
        (1, "198.51.100.4", "198.51.100.4"),
        (1, "1.2.3.4, 198.51.100.4", "198.51.100.4"),
        (1, "1.2.3.4, 5.6.7.8, 198.51.100.4", "198.51.100.4"),
        # A CDN in front of the load balancer: two appending proxies.
        (2, "1.2.3.4, 198.51.100.4, 10.0.0.7", "198.51.100.4"),
        (2, "198.51.100.4, 10.0.0.7", "198.51.100.4"),
        # Fewer entries than proxies (a request that skipped one): the leftmost one there is.
        (2, "198.51.100.4", "198.51.100.4"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_x_forwarded_for_is_read_from_the_right(proxies, forwarded, client):
    with override_settings(TRUSTED_PROXY_COUNT=proxies, CLIENT_IP_HEADER=""):
        assert client_ip(get(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)) == client


def test_a_client_header_list_is_read_from_the_right_too():
    """CLIENT_IP_HEADER=HTTP_X_FORWARDED_FOR without a count: the first (forgeable) entry was
    taken before; now the one the proxy appended."""
    with override_settings(CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR", TRUSTED_PROXY_COUNT=0):
        request = get(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.4")
        assert client_ip(request) == "198.51.100.4"


@pytest.mark.django_db
def test_a_forged_x_forwarded_for_does_not_escape_the_search_limit(client, redis_cache, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SEARCH_RATE_LIMIT_PER_MINUTE = 2
    settings.API_CACHE_ENABLED = False
    statuses = [
        client.get(
            "/api/v1/search",
            {"q": f"wort{number}"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 198.51.100.4",
        ).status_code
        for number in range(3)
    ]
    assert statuses[:2] != [429, 429]
    assert statuses[2] == 429
    other = client.get(
        "/api/v1/search", {"q": "wort"}, HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.5"
    )
    assert other.status_code != 429
    assert json.loads(other.content)


def test_a_failing_cache_neither_fails_requests_nor_lifts_the_limit(settings, caplog):
    """The cache is never a dependency: with Redis down, the request is not failed by the cache
    error, and the limit is counted in this process instead (a warning in the log)."""
    import socket

    from django.core.cache import caches

    from api.ratelimit import RateLimited, check_rate_limit

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    request = get(REMOTE_ADDR="198.51.100.4")
    check_rate_limit(request, "test-failing-cache", 1, 60, "no")
    with pytest.raises(RateLimited):
        check_rate_limit(request, "test-failing-cache", 1, 60, "no")
    assert "counted in this process only" in caplog.text
    caches["default"].close()
