"""The settings every test runs with, and the demo seeded once for a module."""

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

# What every test runs with: plain HTTP, a fast password hasher, background tasks run at once,
# and no rate limits (sweeps and journeys load the public pages many times a minute; the
# rate-limit tests, tests/test_keamanan.py, switch them back on).
TEST_SETTINGS = {
    "SECURE_SSL_REDIRECT": False,
    "SESSION_COOKIE_SECURE": False,
    "CSRF_COOKIE_SECURE": False,
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    "RATELIMIT_ENABLE": False,
}


def storages_for_tests() -> dict:
    return {
        **django_settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def seeded_demo(**options):
    """A module-scoped fixture: the demo seeded once (``seed_demo`` with ``options``) for every
    test of a module that only reads it or adds to it. Each test runs in a savepoint inside the
    seeding's transaction and is rolled back after it, so every test sees the same province;
    the whole is rolled back after the module. Its value is the demo's media directory: the
    module sets ``media_root`` to it, so the letters and documents the demo wrote are there.

    Seeding takes most of a minute; shared, it is done once per module instead of per test."""

    @pytest.fixture(scope="module")
    def demo(django_db_setup, django_db_blocker, tmp_path_factory):
        media = tmp_path_factory.mktemp("demo") / "media"
        with (
            django_db_blocker.unblock(),
            override_settings(**TEST_SETTINGS, MEDIA_ROOT=media, STORAGES=storages_for_tests()),
            transaction.atomic(),
        ):
            cache.clear()
            call_command("seed_demo", force=True, verbosity=0, **options)
            yield media
            transaction.set_rollback(True)

    return demo
