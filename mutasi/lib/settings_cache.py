"""Values computed from settings, kept until a setting changes.

Reading ``django.conf.settings`` costs a Python call per attribute; a candidate list asks the
same few questions of it (is this rule blocking? which SKP years count?) thousands of times
per page. ``settings_cached`` keeps the answers and forgets them when a test overrides a
setting (``setting_changed``); in production settings never change while the process runs.
"""

import functools

from django.core.signals import setting_changed


def settings_cached(func):
    """``functools.lru_cache`` for a function of settings and small arguments, emptied on
    ``setting_changed``."""
    cached = functools.lru_cache(maxsize=1024)(func)
    setting_changed.connect(lambda **kwargs: cached.cache_clear(), weak=False)
    return cached
