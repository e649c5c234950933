"""Django's PostgreSQL backend with a client-side limit on every wait for the server.

A server that stops answering without closing the connection (hung, suspended, cut off by
the network) keeps the kernel's TCP stack acknowledging: psycopg would wait forever on a
query, and Django's health check of a persistent connection (``SELECT 1``) with it — every
app worker then hangs until gunicorn kills it (issue 17 measured 121 s). Here each wait for
the server has a deadline: the health check a short one (``HEALTH_CHECK_TIMEOUT``), any other
query the server's own ``statement_timeout`` plus a grace (``CLIENT_TIMEOUT``). A wait that
passes it closes the connection and raises ``OperationalError``, which the app shows as its
503 page. Connecting is bounded by libpq's ``connect_timeout``.
"""

import psycopg
from django.db.backends.postgresql import base

# Seconds; the DATABASES entry sets them (mutasi.lib.env.database_from_url).
DEFAULT_HEALTH_CHECK_TIMEOUT = 3
DEFAULT_CLIENT_TIMEOUT = None


class TimedConnection(psycopg.Connection):
    """A psycopg connection whose waits for the server end after ``wait_timeout`` seconds."""

    wait_timeout: float | None = None

    def wait(self, gen, interval=0.1, timeout=None):
        limit = timeout or self.wait_timeout
        try:
            return super().wait(gen, interval=interval, timeout=limit)
        except psycopg.errors._WaitTimeout:
            # The query may still be in flight: the connection cannot be used again.
            self.pgconn.finish()
            raise psycopg.OperationalError(
                f"the database server did not answer within {limit:g} s"
            ) from None


class _Psycopg:
    """The psycopg module as Django's backend uses it, opening TimedConnections."""

    connect = staticmethod(TimedConnection.connect)

    def __getattr__(self, name):
        return getattr(psycopg, name)


class DatabaseWrapper(base.DatabaseWrapper):
    Database = _Psycopg()

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        connection.wait_timeout = self.settings_dict.get("CLIENT_TIMEOUT", DEFAULT_CLIENT_TIMEOUT)
        return connection

    def is_usable(self):
        if self.connection is None:
            return False
        normal = self.connection.wait_timeout
        self.connection.wait_timeout = self.settings_dict.get(
            "HEALTH_CHECK_TIMEOUT", DEFAULT_HEALTH_CHECK_TIMEOUT
        )
        try:
            return super().is_usable()
        finally:
            self.connection.wait_timeout = normal
