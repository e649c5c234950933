"""The benchmark commands run, and each prints its anchor and the load average beside its
figures (issue 17: a figure measured on shared cores means little without them)."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", pegawai=40, force=True, verbosity=0)


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def test_page_benchmark_times_the_admin_changelist_before_and_after(seeded):
    out = run("bench", runs=1, halaman=["Daftar perangkat daerah"])
    assert out.count("Jangkar: admin daftar pegawai") == 2
    assert "Daftar perangkat daerah" in out
    assert out.count("load") >= 3
    assert "n/a" not in out


def test_import_benchmark_prints_the_copy_anchor_and_the_load(seeded):
    out = run("bench_impor", baris=5, format=["csv"], jenis=["ubah", "baru"], gaya=["templat"])
    lines = [line for line in out.splitlines() if line.startswith(("ubah", "baru"))]
    assert len(lines) == 2
    assert "jangkar s" in out and "load" in out
    if connection.vendor == "postgresql":  # the anchor is PostgreSQL's COPY
        assert all("n/a" not in line for line in lines)


def test_letter_benchmark_prints_the_bare_table_and_the_load():
    out = run("bench_sk", ukuran=[1], ulang=1)
    assert "tabel (s)" in out and "load" in out


def test_dashboard_benchmark_prints_a_raw_sql_anchor(seeded):
    out = run("bench_evaluasi", mutasi=0, runs=1)
    assert "Jangkar: SQL mentah" in out
    assert "load" in out.splitlines()[-1]


def test_archive_benchmark_asks_for_the_demo_first():
    with pytest.raises(CommandError, match="seed_demo"):
        call_command("bench_arsip", usulan=5, verbosity=0)


def test_page_benchmark_times_the_later_features_main_pages(seeded):
    """Evaluation, matching, service quality and rules are timed with the rest, each as a
    page that answers (not n/a, not an error)."""
    pages = ["Evaluasi", "Dasbor evaluasi", "Pencocokan", "Kualitas layanan", "Ketentuan"]
    out = run("bench", runs=1, halaman=pages)
    rows = [line for line in out.splitlines() if line.split("  ")[0] in pages]
    assert {line.split("  ")[0] for line in rows} == set(pages)
    assert all(line.split()[-1] == "200" for line in rows), rows
