"""What counts as the database being away (as opposed to a bug), for the 503 page and the
task worker."""

from django.db import InterfaceError, OperationalError

# Raised when the server cannot be reached, stops answering or drops the connection.
DATABASE_AWAY = (OperationalError, InterfaceError)


def database_away(error: BaseException | None) -> bool:
    """Whether ``error``, or an error it was raised from, is the database being away.

    Django turns some of them into other errors on the way: a session that cannot be saved
    becomes ``SessionInterrupted`` (a 400), raised while handling the database's error.
    """
    return any(isinstance(link, DATABASE_AWAY) for link in _chain(error))


def connection_lost(error: BaseException | None) -> bool:
    """Whether the connection itself failed (server unreachable, hung, restarting), rather
    than the server refusing one query (a statement timeout, a deadlock): only then does doing
    the same work again later help."""
    for link in _chain(error):
        if isinstance(link, DATABASE_AWAY):
            # Errors psycopg raises itself have no SQLSTATE; the server's own say 08xxx
            # (connection exception) or 57Pxx (shutting down, starting up) for these.
            state = getattr(link.__cause__, "sqlstate", None)
            if state is None or state.startswith(("08", "57P")):
                return True
    return False


def _chain(error):
    seen = set()
    while error is not None and id(error) not in seen:
        yield error
        seen.add(id(error))
        error = error.__cause__ or error.__context__
