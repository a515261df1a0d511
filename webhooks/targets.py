"""Where webhooks may go: never to the platform's own network (SSRF).

A target's host is resolved and every address it resolves to must be public (not loopback,
private, link-local, multicast, reserved, shared or unspecified) unless it lies in one of the
networks of ``WEBHOOK_ALLOWED_NETWORKS`` (development and tests allow loopback; a deployment may
allow one intranet receiver). The platform's own host names (``ALLOWED_HOSTS``) are refused too.

This is checked when a subscription is saved and again at every send; the request then connects
to exactly the address that was checked (``PinnedAdapter``), so a DNS answer that changes
between the check and the connection (DNS rebinding) cannot redirect it. Redirects are never
followed and no proxy from the environment is used.
"""

import ipaddress
import socket
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.http.request import split_domain_port, validate_host
from requests.adapters import HTTPAdapter
from urllib3 import PoolManager
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError
from urllib3.util import connection


class UnsafeTarget(Exception):
    """A webhook URL that must not be requested; the message says why (in English, as stored
    in the attempt log; the admin form shows its own translated message)."""


@lru_cache(maxsize=16)
def _networks(spec):
    return tuple(ipaddress.ip_network(item, strict=False) for item in spec)


def allowed_networks():
    return _networks(tuple(getattr(settings, "WEBHOOK_ALLOWED_NETWORKS", ())))


def resolve(host, port):
    """Every address ``host`` resolves to (one DNS lookup, via the system resolver)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [info[4][0] for info in infos]


def is_public(address):
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_target(url):
    """The address to connect to for ``url``; ``UnsafeTarget`` when any address the host
    resolves to is not allowed (all are checked: a name with one public and one private address
    is refused)."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise UnsafeTarget("Only http and https URLs with a host name are allowed.")
    host = parts.hostname
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UnsafeTarget("The port is invalid.") from exc
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError) as exc:
        raise UnsafeTarget(f"The host {host} cannot be resolved.") from exc
    if not addresses:
        raise UnsafeTarget(f"The host {host} cannot be resolved.")
    networks = allowed_networks()
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if any(ip in network for network in networks):
            continue
        domain, _port = split_domain_port(parts.netloc.rpartition("@")[2])
        own_hosts = [pattern for pattern in settings.ALLOWED_HOSTS if pattern != "*"]
        if domain and validate_host(domain, own_hosts):
            raise UnsafeTarget(f"{host} is this platform itself.")
        if not is_public(ip):
            raise UnsafeTarget(f"{host} resolves to {ip}, a non-public address.")
    return addresses[0].split("%")[0]


def _pinned(connection_class, address):
    class Pinned(connection_class):
        """Connects to the checked address; host, SNI and certificate stay the URL's host."""

        def _new_conn(self):
            try:
                return connection.create_connection(
                    (address, self.port),
                    self.timeout,
                    source_address=self.source_address,
                    socket_options=self.socket_options,
                )
            except TimeoutError as exc:
                raise ConnectTimeoutError(self, f"Connection to {self.host} timed out.") from exc
            except OSError as exc:
                raise NewConnectionError(self, f"Failed to connect: {exc}") from exc

    return Pinned


class PinnedAdapter(HTTPAdapter):
    """A requests adapter whose connections all go to one already checked address."""

    def __init__(self, address):
        self.address = address
        super().__init__(max_retries=0)

    def init_poolmanager(self, connections, maxsize, block=False, **pool_kwargs):
        self.poolmanager = PoolManager(
            num_pools=connections, maxsize=maxsize, block=block, **pool_kwargs
        )
        self.poolmanager.pool_classes_by_scheme = {
            "http": type(
                "PinnedHTTPPool",
                (HTTPConnectionPool,),
                {"ConnectionCls": _pinned(HTTPConnection, self.address)},
            ),
            "https": type(
                "PinnedHTTPSPool",
                (HTTPSConnectionPool,),
                {"ConnectionCls": _pinned(HTTPSConnection, self.address)},
            ),
        }
