"""Rate limits of the public pages (django-ratelimit), per client address, answered with 429.

The counters live in the ``default`` cache: per process with the local-memory cache, shared
by every app server with the database or Redis cache (``CACHE_URL``, see docs/deploy.md).
"""

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit import ALL
from django_ratelimit.core import get_usage


def client_ip(request) -> str:
    """The visitor's address: behind ``PROXY_COUNT`` trusted proxies, the address the first
    of them saw (counted from the right of X-Forwarded-For, so a client cannot forge it)."""
    proxies = settings.PROXY_COUNT
    if proxies:
        forwarded = [
            a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"


def batasi(kelompok: str, setting: str):
    """Allow ``settings.<setting>`` requests (``"60/m"``; empty: no limit) per address to the
    view, then answer 429 with ``Retry-After`` until the window ends."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            rate = getattr(settings, setting) or None
            usage = get_usage(
                request, group=kelompok, key="ip", rate=rate, method=ALL, increment=True
            )
            if usage and usage["should_limit"]:
                return terlalu_banyak(request, max(1, usage["time_left"]))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def terlalu_banyak(request, detik: int):
    response = render(request, "429.html", {"detik": detik}, status=429)
    response["Retry-After"] = str(detik)
    response["Cache-Control"] = "no-store"
    return response
