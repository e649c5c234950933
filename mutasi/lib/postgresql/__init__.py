"""Django's PostgreSQL backend that never waits forever on a database that stopped answering."""
