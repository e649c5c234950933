"""Indexes for the public search (/transparansi/?q=) on PostgreSQL.

A name is searched as ``UPPER(nama) LIKE UPPER('%…%')`` (``icontains``) on the row copied into
the letter at publication: a trigram index (pg_trgm, GIN) on that expression serves it. A letter
number is searched exactly or by its beginning (``iexact``/``istartswith``): a pattern-ops
B-tree on ``UPPER(nomor)`` serves both. SQLite has neither and reads the tables, which is fast
at its sizes; the indexes are not part of the model state, so nothing else changes.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

CREATE = [
    "CREATE INDEX IF NOT EXISTS mutasi_skusulan_nama_trgm ON mutasi_suratkeputusanusulan "
    "USING gin (UPPER(nama::text) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS mutasi_sk_nomor_upper ON mutasi_suratkeputusan "
    "(UPPER(nomor::text) text_pattern_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS mutasi_skusulan_nama_trgm",
    "DROP INDEX IF EXISTS mutasi_sk_nomor_upper",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("mutasi", "0010_pengingat_pelaksanaan")]

    operations = [
        # Created by pegawai 0002 already; stated here so this migration stands on its own.
        TrigramExtension(),
        migrations.RunPython(run(CREATE), run(DROP)),
    ]
