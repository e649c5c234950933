"""Read settings from the environment, failing loudly on values that make no sense.

Every helper also reads ``NAME_FILE`` (a path whose content is the value), so secrets can
come from files mounted by the service manager instead of the environment.
"""

import os
import re
import string
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on", "y"}
FALSE = {"0", "false", "no", "off", "n", ""}


def envstr(name: str, default: str | None = None) -> str | None:
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            with open(path, encoding="utf-8") as f:
                return f.read().strip()
        except OSError as e:
            raise ImproperlyConfigured(f"{name}_FILE={path!r} cannot be read: {e}") from e
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    value = envstr(name)
    if value is None:
        return default
    if value.strip().lower() in TRUE:
        return True
    if value.strip().lower() in FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use 1/0, true/false, yes/no)")


def envint(name: str, default: int, minimum: int | None = None, maximum: int | None = None) -> int:
    value = envstr(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} must be at least {minimum}")
    if maximum is not None and number > maximum:
        raise ImproperlyConfigured(f"{name}={number} must be at most {maximum}")
    return number


def envlist(name: str, default: list[str]) -> list[str]:
    value = envstr(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def envmap(name: str, default: dict[str, str], allowed: set[str]) -> dict[str, str]:
    """``key=value,key=value`` over ``default``: only its keys, each value one of ``allowed``."""
    result = dict(default)
    for item in envlist(name, []):
        key, sep, value = (part.strip() for part in item.partition("="))
        if not sep or key not in default:
            known = ", ".join(sorted(default))
            raise ImproperlyConfigured(f"{name}: {item!r} is not key=value with a key of {known}")
        if value not in allowed:
            choices = ", ".join(sorted(allowed))
            raise ImproperlyConfigured(f"{name}: {key}={value!r} must be one of {choices}")
        result[key] = value
    return result


def envchoice(name: str, default: str, allowed: set[str]) -> str:
    value = envstr(name) or default
    if value not in allowed:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of {', '.join(sorted(allowed))}")
    return value


def envints(name: str, default: list[int], minimum: int = 1) -> list[int]:
    """``3,6,12``: distinct integers of at least ``minimum``, sorted; at least one."""
    numbers = []
    for item in envlist(name, [str(n) for n in default]):
        try:
            number = int(item)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name}: {item!r} is not an integer (write them comma-separated, e.g. 3,6,12)"
            ) from None
        if number < minimum:
            raise ImproperlyConfigured(f"{name}: {number} must be at least {minimum}")
        numbers.append(number)
    if not numbers:
        raise ImproperlyConfigured(f"{name} names no number (e.g. 3,6,12)")
    if len(set(numbers)) != len(numbers):
        raise ImproperlyConfigured(f"{name}={numbers} names a number twice")
    return sorted(numbers)


# django-ratelimit's rates: a count per second, minute, hour or day, e.g. 60/m or 100/5m.
_RATE = re.compile(r"^[1-9]\d*/\d*[smhd]$")


def envrate(name: str, default: str) -> str:
    value = envstr(name) or default
    if not _RATE.match(value):
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a rate such as 60/m (a count per s, m, h or d)"
        )
    return value


def envtext(name: str, default: str, max_length: int) -> str:
    """A non-empty text of at most ``max_length`` characters (it is stored in a column)."""
    value = (envstr(name) or default).strip()
    if not value or len(value) > max_length:
        raise ImproperlyConfigured(f"{name}={value!r} must have 1 to {max_length} characters")
    return value


def envtemplate(name: str, default: str, required: set[str], allowed: set[str]) -> str:
    """A ``str.format`` pattern using every name of ``required`` and no name outside ``allowed``."""
    value = envstr(name) or default
    try:
        used = {field for _text, field, _spec, _conv in string.Formatter().parse(value) if field}
    except ValueError as e:
        raise ImproperlyConfigured(f"{name}={value!r} is not a valid pattern: {e}") from None
    missing, unknown = required - used, used - allowed
    if missing or unknown:
        raise ImproperlyConfigured(
            f"{name}={value!r} must use {_fields(required)} and no field but {_fields(allowed)}"
        )
    return value


def _fields(names: set[str]) -> str:
    return ", ".join("{" + name + "}" for name in sorted(names))


def database_from_url(url: str) -> dict:
    """Django's DATABASES entry for a ``postgres://`` or ``sqlite:///`` URL."""
    parts = urlsplit(url)
    options = dict(parse_qsl(parts.query))
    if parts.scheme in ("postgres", "postgresql", "pgsql"):
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured(f"DATABASE_URL={url!r} names no database")
        # A database that does not answer fails the request (503) within seconds instead of
        # tying up the app server (mutasi/lib/postgresql/base.py).
        statement_timeout = envint("DB_STATEMENT_TIMEOUT", 30, minimum=0)
        server_options = f"-c statement_timeout={statement_timeout * 1000}"
        if options.get("options"):
            server_options = f"{server_options} {options.pop('options')}"
        return {
            "ENGINE": "mutasi.lib.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": int(options.pop("conn_max_age", 60)),
            "CONN_HEALTH_CHECKS": True,
            # Client-side limits for a server that hangs without closing the connection:
            # the health check of a kept connection, and any query (the server's own
            # statement_timeout first, then this grace).
            "HEALTH_CHECK_TIMEOUT": envint("DB_HEALTH_CHECK_TIMEOUT", 3, minimum=1),
            "CLIENT_TIMEOUT": statement_timeout + 5 if statement_timeout else None,
            "OPTIONS": {
                # libpq's minimum is 2 seconds.
                "connect_timeout": str(envint("DB_CONNECT_TIMEOUT", 3, minimum=2)),
                "options": server_options,
                **options,
            },
        }
    if parts.scheme == "sqlite":
        path = unquote(parts.path)
        if path.startswith("/") and not parts.netloc:
            path = path[1:] if path.startswith("//") else path
        # The web server and the task worker write to one file: take the write lock at the
        # start of a transaction and wait for it, instead of failing with "database is locked".
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path or ":memory:",
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL scheme {parts.scheme!r} is not supported (use postgres:// or sqlite:///)"
    )
