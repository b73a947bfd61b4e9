"""Rate limits for mails anyone can trigger (password reset, registration), in the shared cache.

A fixed window per key: the first use creates a counter that expires with the window, every use
increments it atomically (Redis INCR), so every web process and host counts into the same
number. The e-mail address is hashed into its key: the cache holds no address.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _counted(key: str, limit: int) -> bool:
    """Count one use under `key`; True while the window's count stays within `limit`."""
    cache.add(key, 0, timeout=settings.MAIL_RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: this use opens a new window
        cache.add(key, 1, timeout=settings.MAIL_RATE_WINDOW)
        count = 1
    return count <= limit


def mail_allowed(*, scope: str, address: str, client: str) -> bool:
    """May one more `scope` mail go to `address` on behalf of `client` (an IP) this hour?

    Both counters advance on every call, also when one refuses: a client that keeps asking
    keeps using up its own budget.
    """
    digest = hashlib.sha256(address.strip().lower().encode()).hexdigest()
    per_address = _counted(f"ratelimit:{scope}:address:{digest}", settings.MAIL_RATE_PER_ADDRESS)
    per_client = _counted(f"ratelimit:{scope}:client:{client}", settings.MAIL_RATE_PER_CLIENT)
    return per_address and per_client
