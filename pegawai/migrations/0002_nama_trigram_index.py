"""On PostgreSQL, a trigram index makes the name search (icontains) use an index.

SQLite has no such index and searches the table, which is fast enough at its sizes.
"""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS pegawai_nama_trgm ON pegawai_pegawai "
    "USING gin (UPPER(nama::text) gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS pegawai_nama_trgm"]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("pegawai", "0001_initial")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]
