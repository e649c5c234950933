"""Django's CACHES entry from a ``CACHE_URL``.

``locmem://`` (default: per process), ``db://table`` (shared through the database; run
``manage.py createcachetable``), ``redis://host:port/n`` (shared; needs the ``redis``
package), ``file:///path`` (shared by the processes of one machine).
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def cache_from_url(url: str) -> dict:
    parts = urlsplit(url)
    if parts.scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if parts.scheme == "db":
        table = (parts.netloc + parts.path).strip("/") or "mutasi_cache"
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": table}
    if parts.scheme in ("redis", "rediss"):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if parts.scheme == "file":
        if not parts.path:
            raise ImproperlyConfigured(f"CACHE_URL={url!r} names no directory")
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": parts.path,
        }
    raise ImproperlyConfigured(
        f"CACHE_URL scheme {parts.scheme!r} is not supported (locmem://, db://, redis://, file://)"
    )
