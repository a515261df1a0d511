"""The client address of every per-address limit (search, inquiries, login lockout)."""

from django.test import RequestFactory, override_settings

from cms.ratelimit import client_ip


def test_remote_addr_unless_a_proxy_header_is_configured():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="203.0.113.9")
    assert client_ip(request) == "10.0.0.1"  # the header alone is not trusted
    with override_settings(CLIENT_IP_HEADER="HTTP_X_REAL_IP"):
        assert client_ip(request) == "203.0.113.9"
        forwarded = RequestFactory().get(
            "/", REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="198.51.100.4, 10.0.0.1"
        )
        assert client_ip(forwarded) == "198.51.100.4"
        missing = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1")
        assert client_ip(missing) == "10.0.0.1"
