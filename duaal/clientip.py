"""The client's address: the one place that reads it, for the lock-out (axes), the mail rate
limits and who may see /health/'s details.

TRUSTED_PROXY_COUNT is how many reverse proxies in front of gunicorn append to
X-Forwarded-For (nginx: `$proxy_add_x_forwarded_for`); 0 means clients connect directly and
REMOTE_ADDR is the client. Each proxy appends the address it was connected from and the nearest
one is REMOTE_ADDR, so the client is the entry that many places from the right end of
"X-Forwarded-For, REMOTE_ADDR". Whatever stands further left was written by the client and can
be forged; reading it would let an attacker count their failures under a victim's address, or
give every client the proxy's address, so that one address locks everyone out.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote: str = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    chain = [hop.strip() for hop in forwarded.split(",") if hop.strip()] + [remote]
    # A shorter chain than the proxies would write: the leftmost entry is still one a trusted
    # proxy wrote (nothing the client sent survives a chain that short).
    candidate = chain[max(len(chain) - 1 - proxies, 0)]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def in_networks(address: str, networks: list[str]) -> bool:
    """Is `address` inside one of the CIDR `networks` (e.g. "127.0.0.0/8", "::1/128")?"""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(net, strict=False) for net in networks)
