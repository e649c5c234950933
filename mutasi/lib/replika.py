"""Reads of the public pages and the reports from a PostgreSQL read replica, when there is one.

With ``DATABASE_REPLICA_URL`` set, the settings add a ``replica`` database and this router.
A view marked with ``reads_replica`` (the transparency page, open data, verification, the
proposal report) runs its reads there; everything else, every write, and any read inside a
transaction on the primary stay on ``default``. The user and the session are loaded from the
primary before the view runs, so a log-in the replica has not caught up with never looks
like a log-out. Without a replica the router sends everything to ``default``.

What a replica may lag by (usually under a second) is what these pages may show late: the
public pages are cached for minutes anyway, and the report is a statistic.
"""

import contextvars
import functools

from django.db import connections

REPLICA = "replica"
_reading = contextvars.ContextVar("reads_replica", default=False)


def reads_replica(view):
    """Run ``view``'s reads on the replica (a no-op without one)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if REPLICA not in connections.settings:
            return view(request, *args, **kwargs)
        # Loaded from the primary now, not lazily from the replica inside the view.
        user = getattr(request, "user", None)
        if user is not None:
            user.is_authenticated  # noqa: B018
        token = _reading.set(True)
        try:
            return view(request, *args, **kwargs)
        finally:
            _reading.reset(token)

    return wrapped


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reading.get() and not connections["default"].in_atomic_block:
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
