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

# Seconds, unless the DATABASES entry says (mutasi.lib.env.database_from_url).
DEFAULT_HEALTH_CHECK_TIMEOUT = 3


class TimedConnection(psycopg.Connection):
    """A psycopg connection whose waits for the server end after ``wait_timeout`` seconds."""

    wait_timeout: float | None = None

    def wait(self, gen, interval=0.1, timeout=None):
        if timeout is not None or self.wait_timeout is None:
            # psycopg's own limits (LISTEN/NOTIFY) keep their meaning.
            return super().wait(gen, interval=interval, timeout=timeout)
        try:
            return super().wait(gen, interval=interval, timeout=self.wait_timeout)
        except psycopg.errors._WaitTimeout:
            # The query may still be in flight: the connection cannot be used again.
            self.pgconn.finish()
            raise psycopg.OperationalError(
                f"the database server did not answer within {self.wait_timeout:g} s"
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
        if isinstance(connection, TimedConnection):  # (not from a pool)
            connection.wait_timeout = self.settings_dict.get("CLIENT_TIMEOUT")
        return connection

    def is_usable(self):
        if not isinstance(self.connection, TimedConnection):
            return super().is_usable()
        normal = self.connection.wait_timeout
        self.connection.wait_timeout = self.settings_dict.get(
            "HEALTH_CHECK_TIMEOUT", DEFAULT_HEALTH_CHECK_TIMEOUT
        )
        try:
            return super().is_usable()
        finally:
            self.connection.wait_timeout = normal
