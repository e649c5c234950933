"""The public pages: transparency list, statistics, open data, verification, revocation."""

import datetime
import gzip
import hashlib
import json
import re
from collections import Counter
from dataclasses import replace

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from mutasi.lib.tanggal import BULAN, tanggal_indonesia
from mutasi.models import StatusSK, SuratKeputusan, SuratKeputusanUsulan, Usulan
from mutasi.publik import data as publik
from mutasi.publik.data import FIELDS
from mutasi.sk import services
from mutasi.templatetags import publik_html
from mutasi.usulan.choices import JenisMutasi, KategoriAlasan, StatusUsulan
from pegawai.access import Role
from pegawai.nip import mask_nip
from tests.factories import UnitKerjaFactory, UserFactory, terbitkan_sk
from tests.test_sk import draft, make_approved

PDF = b"%PDF-1.7 surat uji"
TRANSPARANSI = reverse("publik:transparansi")
CSV = reverse("publik:data_csv")
JSON = reverse("publik:data_json")
PAKET = reverse("publik:datapackage")


@pytest.fixture
def terbitkan(pejabat, django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", lambda sk, baris=None: PDF)

    def _terbitkan(sk):
        with django_capture_on_commit_callbacks(execute=True):
            terbitkan_sk(sk.pk, pejabat)
        return SuratKeputusan.objects.get(pk=sk.pk)

    return _terbitkan


@pytest.fixture
def letter(operator_bkd, terbitkan):
    return terbitkan(draft(operator_bkd, make_approved(operator_bkd, 2)))


def test_the_page_lists_published_decisions_with_masked_nip(client, letter):
    usulan = Usulan.objects.filter(sk_baris__sk=letter).select_related("pegawai")
    response = client.get(TRANSPARANSI)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public")
    page = response.content.decode()
    assert letter.nomor in page
    for u in usulan:
        assert u.pegawai.nama in page
        assert mask_nip(u.pegawai.nip) in page
        assert u.pegawai.nip not in page
    assert "Mengisi kekurangan tenaga." in page
    # Dates the Indonesian way, the month in full (4 Desember 2026, not 4 Des 2026).
    assert tanggal_indonesia(letter.tanggal_terbit) in page


def test_no_page_abbreviates_a_month():
    roots = ("templates", "mutasi", "pegawai", "instansi", "evaluasi")
    files = [f for root in roots for f in (settings.BASE_DIR / root).rglob("*")]
    files = [f for f in files if f.suffix in (".html", ".py") and "migrations" not in f.parts]
    assert [str(f) for f in files if re.search(r"j M Y|%d %b", f.read_text())] == []


def test_drafts_never_show(client, operator_bkd):
    approved = make_approved(operator_bkd, 1)
    draft(operator_bkd, approved)
    page = client.get(TRANSPARANSI).content.decode()
    assert approved[0].pegawai.nama not in page
    assert "Tidak ada keputusan" in page


def test_a_new_letter_shows_at_once_despite_the_cache(client, operator_bkd, letter, terbitkan):
    client.get(TRANSPARANSI)
    second = terbitkan(draft(operator_bkd, make_approved(operator_bkd, 1)))
    assert second.nomor in client.get(TRANSPARANSI).content.decode()


def test_a_cached_page_costs_one_query(client, letter, django_assert_num_queries):
    client.get(TRANSPARANSI + "?jenis=antar_opd")
    with django_assert_num_queries(1):
        response = client.get(TRANSPARANSI + "?jenis=antar_opd")
    assert letter.nomor in response.content.decode()


def test_the_uncached_page_has_a_constant_query_count(
    client, operator_bkd, letter, terbitkan, django_assert_num_queries
):
    # The version (cache key), the statistics with every count, the page's rows, the
    # agencies of the filter, and the service quality (surveys, complaints): the same with 2
    # or 7 decisions, searched or not.
    with django_assert_num_queries(6):
        client.get(TRANSPARANSI + "?a=1")
    terbitkan(draft(operator_bkd, make_approved(operator_bkd, 5)))
    with django_assert_num_queries(6):
        client.get(TRANSPARANSI + "?a=2")
    with django_assert_num_queries(6):
        response = client.get(TRANSPARANSI, {"q": letter.nomor})
    assert response.context["jumlah"]["total"] == 2


@pytest.mark.django_db
def test_filters_by_type_reason_agency_name_and_period(client, operator_bkd, terbitkan):
    asal, tujuan = UnitKerjaFactory(nama="Bidang A"), UnitKerjaFactory(nama="Bidang B")
    first = make_approved(operator_bkd, 1, unit_asal=asal, unit_tujuan=tujuan)[0]
    other = make_approved(operator_bkd, 1)[0]
    Usulan.objects.filter(pk=other.pk).update(
        jenis=JenisMutasi.DALAM_OPD, alasan=KategoriAlasan.PENGEMBANGAN_KARIER
    )
    letter = terbitkan(draft(operator_bkd, [first, other]))

    def names(query):
        page = client.get(TRANSPARANSI + query).content.decode()
        return {n for n in (first.pegawai.nama, other.pegawai.nama) if n in page}

    assert names("") == {first.pegawai.nama, other.pegawai.nama}
    assert names("?jenis=dalam_opd") == {other.pegawai.nama}
    assert names("?alasan=kebutuhan_organisasi") == {first.pegawai.nama}
    assert names(f"?opd={tujuan.perangkat_daerah_id}") == {first.pegawai.nama}
    # Part of the name ("Uji 1630" of "Pegawai Uji 1630"; text starting with a digit is a number).
    assert names(f"?q={first.pegawai.nama.split(' ', 1)[1]}") == {first.pegawai.nama}
    day = letter.tanggal_terbit
    assert names(f"?dari={day:%Y-%m-%d}&sampai={day:%Y-%m-%d}") == {
        first.pegawai.nama,
        other.pegawai.nama,
    }
    assert names(f"?dari={day + datetime.timedelta(days=366):%Y-%m-%d}") == set()


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=-1",
        "?page=999999",
        "?opd=abc",
        "?opd=99999999999999999999",
        "?jenis=<script>alert(1)</script>",
        "?dari=2026-13-45",
        "?q=" + "x" * 5000,
        "?q=%00%01'; DROP TABLE x;--",
        "?alasan[]=1&alasan=2",
    ],
)
def test_hostile_queries_never_break_the_page(client, letter, query):
    for url in (TRANSPARANSI, CSV, JSON):
        response = client.get(url + query)
        assert response.status_code == 200, (url, query)
        assert b"<script>alert(1)</script>" not in response.content


def test_statistics_count_the_decisions_in_force(client, operator_bkd, letter):
    page = client.get(TRANSPARANSI)
    stats = page.context["stats"]
    assert stats["jumlah"] == 2
    assert dict(stats["jenis"]) == {str(JenisMutasi.ANTAR_OPD.label): 2}
    assert sum(n for _m, n in stats["bulan"]) == 2
    assert 'data-chart="grafik-opd"' in page.content.decode()


def test_open_data_has_exactly_the_public_fields(client, letter):
    rows = json.loads(client.get(JSON).content)
    assert rows["fields"] == FIELDS
    assert len(rows["data"]) == 2
    assert all(list(row) == FIELDS for row in rows["data"])
    assert rows["data"][0]["nomor_sk"] == letter.nomor
    assert rows["data"][0]["status_sk"] == "berlaku"

    response = client.get(CSV)
    assert response["Content-Disposition"].startswith("attachment")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].split(",") == FIELDS
    assert len(lines) == 3


def test_open_data_follows_the_filters(client, letter):
    assert json.loads(client.get(JSON + "?jenis=dalam_opd").content)["data"] == []
    assert len(client.get(CSV + "?jenis=dalam_opd").content.decode().splitlines()) == 1


# --- Verification -----------------------------------------------------------------------


def test_verify_by_number_redirects_to_the_letter(client, letter):
    response = client.get(reverse("publik:verifikasi"), {"nomor": f" {letter.nomor} "})
    assert response.status_code == 302
    assert response["Location"] == reverse("publik:verifikasi_kode", args=[letter.kode_verifikasi])
    page = client.get(response["Location"]).content.decode()
    assert "Asli dan berlaku" in page
    assert letter.sha256 in page
    assert "Rotasi" in page or letter.baris.count() == 2


def test_the_verification_page_is_cached_until_the_letter_is_revoked(
    client, letter, operator_bkd, terbitkan, django_assert_num_queries
):
    url = reverse("publik:verifikasi_kode", args=[letter.kode_verifikasi])
    client.get(url)
    with django_assert_num_queries(1):
        assert "Asli dan berlaku" in client.get(url).content.decode()
    correction = services.buat_pembetulan(letter.pk, operator_bkd)
    services.ubah_draf(correction.pk, operator_bkd, alasan_pembetulan="Pertimbangan keliru.")
    terbitkan(correction)
    page = client.get(url).content.decode()
    assert "sudah dicabut" in page
    assert "Pertimbangan keliru." in page


def test_an_unknown_number_says_so(client, letter):
    response = client.get(reverse("publik:verifikasi"), {"nomor": "800.1.3/999/BKD/2000"})
    assert response.status_code == 404
    assert "SK nomor 800.1.3/999/BKD/2000 tidak ditemukan" in response.content.decode()


@pytest.mark.parametrize("kode", ["x", "a" * 16, "../../etc/passwd", "%00" * 6, "A" * 200])
def test_malformed_or_unknown_codes_are_404(client, letter, kode):
    response = client.get(f"/verifikasi/{kode}/")
    assert response.status_code == 404


def test_a_draft_cannot_be_verified(client, operator_bkd):
    sk = draft(operator_bkd, make_approved(operator_bkd, 1))
    assert client.get(f"/verifikasi/{sk.kode_verifikasi}/").status_code == 404
    assert (
        client.get(reverse("publik:verifikasi"), {"nomor": sk.kode_verifikasi}).status_code == 404
    )


def test_the_hash_check_tells_a_genuine_file_from_a_changed_one(client, letter):
    url = reverse("publik:verifikasi_kode", args=[letter.kode_verifikasi])
    assert letter.sha256 == hashlib.sha256(PDF).hexdigest()
    genuine = client.post(url, {"berkas": SimpleUploadedFile("sk.pdf", PDF)})
    assert "Cocok" in genuine.content.decode()
    changed = client.post(url, {"berkas": SimpleUploadedFile("sk.pdf", PDF + b" ")})
    assert "Tidak cocok" in changed.content.decode()
    empty = client.post(url, {})
    assert empty.status_code == 200
    assert "Cocok" not in empty.content.decode()


# --- Revocation ------------------------------------------------------------------------


@pytest.fixture
def corrected(letter, operator_bkd, terbitkan):
    correction = services.buat_pembetulan(letter.pk, operator_bkd)
    services.ubah_draf(
        correction.pk,
        operator_bkd,
        judul="Pembetulan Pemindahan PNS",
        alasan_pembetulan="Judul SK yang dicabut keliru.",
    )
    return terbitkan(correction)


def test_a_correction_restates_the_rows_and_revokes_the_letter(letter, corrected):
    assert corrected.mencabut_id == letter.pk
    old = list(letter.baris.order_by("urutan").values_list("usulan_id", "aktif"))
    new = list(corrected.baris.order_by("urutan").values_list("usulan_id", "aktif"))
    assert [u for u, _a in old] == [u for u, _a in new]
    assert not any(a for _u, a in old)
    assert all(a for _u, a in new)
    assert letter.dicabut and not corrected.dicabut
    statuses = set(Usulan.objects.filter(sk_baris__sk=corrected).values_list("status", flat=True))
    assert statuses == {StatusUsulan.DITETAPKAN}


def test_the_public_sees_both_letters_and_which_is_revoked(client, letter, corrected):
    rows = json.loads(client.get(JSON).content)["data"]
    assert {(r["nomor_sk"], r["status_sk"]) for r in rows} == {
        (letter.nomor, "dicabut"),
        (corrected.nomor, "berlaku"),
    }
    assert client.get(TRANSPARANSI).context["stats"]["jumlah"] == 2
    old = client.get(reverse("publik:verifikasi_kode", args=[letter.kode_verifikasi]))
    assert "sudah dicabut" in old.content.decode()
    assert corrected.nomor in old.content.decode()
    new = client.get(reverse("publik:verifikasi_kode", args=[corrected.kode_verifikasi]))
    assert "Asli dan berlaku" in new.content.decode()
    assert letter.nomor in new.content.decode()


def test_a_revoked_letter_cannot_be_revoked_again(letter, corrected, operator_bkd):
    with pytest.raises(Exception, match="sudah dicabut"):
        services.buat_pembetulan(letter.pk, operator_bkd)


def test_a_second_draft_correction_is_refused(letter, operator_bkd):
    services.buat_pembetulan(letter.pk, operator_bkd)
    with pytest.raises(Exception, match="Sudah ada draf pembetulan"):
        services.buat_pembetulan(letter.pk, operator_bkd)


def test_the_correction_draft_shows_the_rows_it_will_restate(login, letter, operator_bkd):
    correction = services.buat_pembetulan(letter.pk, operator_bkd)
    page = login(operator_bkd).get(correction.get_absolute_url()).content.decode()
    names = Usulan.objects.filter(sk_baris__sk=letter).values_list("pegawai__nama", flat=True)
    for name in names:
        assert name in page
    assert "Draf pembetulan" in page
    assert SuratKeputusan.objects.get(pk=letter.pk).status == StatusSK.TERBIT


def test_revoking_through_the_page(login, letter, operator_bkd, pejabat):
    client = login(operator_bkd)
    response = client.post(reverse("mutasi:sk_pembetulan", args=[letter.pk]))
    correction = SuratKeputusan.objects.get(mencabut=letter)
    assert response["Location"] == correction.get_absolute_url()
    client = login(pejabat)
    client.post(reverse("mutasi:sk_pembetulan", args=[letter.pk]))
    assert SuratKeputusan.objects.filter(mencabut=letter).count() == 1


# --- Who may open the full PDF ------------------------------------------------------------


@pytest.fixture
def letter_for_a(operator_bkd, unit_a, terbitkan):
    usulan = make_approved(operator_bkd, 1, unit_asal=unit_a)[0]
    sk = terbitkan(draft(operator_bkd, [usulan]))
    # Signed by hand (the PDF here is a stand-in; tests/test_sk_tte.py signs for real): the
    # agencies and the employee get the letter once it is signed.
    SuratKeputusan.objects.filter(pk=sk.pk).update(ditandatangani_pada=timezone.now())
    sk.refresh_from_db()
    return sk, usulan


def test_the_pdf_is_for_bkd_the_agencies_and_the_employee_named(
    client, login, letter_for_a, kepala_opd_a, operator_opd_b, operator_bkd
):
    sk, usulan = letter_for_a
    url = reverse("mutasi:sk_unduh", args=[sk.pk])
    assert client.get(url).status_code == 302
    assert login(operator_opd_b).get(url).status_code == 404
    assert login(kepala_opd_a).get(url).status_code == 200
    assert login(operator_bkd).get(url).status_code == 200
    employee = UserFactory(username="asn.dipindah", pegawai=usulan.pegawai, roles=[Role.ASN])
    response = login(employee).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    stranger = UserFactory(
        username="asn.lain", pegawai=make_approved(operator_bkd)[0].pegawai, roles=[Role.ASN]
    )
    assert login(stranger).get(url).status_code == 404


def test_the_proposal_page_links_its_letter(login, letter_for_a, kepala_opd_a):
    sk, usulan = letter_for_a
    page = login(kepala_opd_a).get(usulan.get_absolute_url()).content.decode()
    assert sk.nomor in page
    assert reverse("mutasi:sk_unduh", args=[sk.pk]) in page
    assert reverse("publik:verifikasi_kode", args=[sk.kode_verifikasi]) in page


def test_rows_stay_in_force_until_revoked(letter):
    assert set(SuratKeputusanUsulan.objects.filter(sk=letter).values_list("aktif", flat=True)) == {
        True
    }


# --- Saying so instead of silently showing nothing ------------------------------------------


def test_a_reversed_date_range_says_so_and_offers_the_swap(client, letter):
    response = client.get(TRANSPARANSI, {"dari": "2026-06-01", "sampai": "2026-01-01"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "jatuh sesudah" in page
    assert "1 Juni 2026" in page and "1 Januari 2026" in page
    assert "dari=2026-01-01" in page and "sampai=2026-06-01" in page  # the swap link
    # The range is shown, not used: the decisions are still listed.
    assert letter.nomor in page
    assert response.context["jumlah"]["total"] == 2


def test_filters_that_match_nothing_say_which_filters(client, letter):
    page = client.get(TRANSPARANSI, {"q": "Tak Ada Nama Ini", "jenis": "dalam_opd"})
    body = page.content.decode()
    assert "Tidak ada keputusan yang cocok dengan saringan ini" in body
    assert "Tak Ada Nama Ini" in body
    assert str(JenisMutasi.DALAM_OPD.label) in body
    assert reverse("publik:verifikasi") in body  # a letter is checked there
    assert letter.nomor not in body


def test_with_nothing_published_the_page_says_so(client, db):
    body = client.get(TRANSPARANSI).content.decode()
    assert "Belum ada keputusan mutasi yang diterbitkan" in body


def test_a_search_for_a_revoked_letter_does_not_say_none_in_force_above_its_rows(
    client, letter, corrected
):
    response = client.get(TRANSPARANSI, {"q": letter.nomor})
    body = response.content.decode()
    assert [r.status_sk for r in response.context["rows"]] == ["dicabut", "dicabut"]
    assert "0 keputusan berlaku" not in body
    assert "2 keputusan sesuai saringan, semuanya sudah dicabut" in body
    everything = client.get(TRANSPARANSI).content.decode()
    assert "4 keputusan sesuai saringan: 2 berlaku, 2 sudah dicabut." in everything


# --- Statistics: every category, every month --------------------------------------------


def test_charts_list_every_category_or_say_lainnya(client, operator_bkd, terbitkan):
    usulan = [make_approved(operator_bkd, 1)[0] for _ in range(12)]  # 12 destination agencies
    first = terbitkan(draft(operator_bkd, usulan[:6]))
    second = terbitkan(draft(operator_bkd, usulan[6:]))
    # Two letters three months apart: the months between count 0, not skipped.
    SuratKeputusan.objects.filter(pk=first.pk).update(tanggal_terbit=datetime.date(2025, 11, 20))
    SuratKeputusan.objects.filter(pk=second.pk).update(tanggal_terbit=datetime.date(2026, 2, 3))
    response = client.get(TRANSPARANSI)
    grafik, tabel = response.context["grafik"], response.context["tabel"]

    assert len(tabel["opd"]) == 12
    assert len(grafik["opd"]["labels"]) == 10
    assert " ".join(grafik["opd"]["labels"][-1]) == "Lainnya (3 perangkat daerah)"
    assert sum(grafik["opd"]["datasets"][0]["data"]) == 12

    assert {name for name, _n in tabel["jenis"]} == {str(j.label) for j in JenisMutasi}
    assert {name for name, _n in tabel["alasan"]} == {str(a.label) for a in KategoriAlasan}
    assert len(grafik["alasan"]["labels"]) == len(KategoriAlasan)
    # A long label is drawn on lines, not cut.
    assert ["Kebutuhan organisasi", "/ kekurangan pegawai"] in grafik["alasan"]["labels"]

    months = [(b.year, b.month, n) for b, n in tabel["bulan"]]
    assert months == [(2025, 11, 6), (2025, 12, 0), (2026, 1, 0), (2026, 2, 6)]
    assert grafik["bulan"]["labels"] == ["Nov 2025", "Des 2025", "Jan 2026", "Feb 2026"]
    assert "Desember 2025" in response.content.decode()  # the table lists the empty month


# --- The public file check ----------------------------------------------------------------


def test_the_file_check_refuses_a_file_over_the_upload_limit(client, letter, settings):
    settings.MAX_UPLOAD_MB = 1
    url = reverse("publik:verifikasi_kode", args=[letter.kode_verifikasi])
    big = SimpleUploadedFile("sk.pdf", PDF + b"0" * (1024 * 1024 + 1))
    body = client.post(url, {"berkas": big}).content.decode()
    assert "lebih besar dari batas 1 MB" in body
    assert "Cocok" not in body
    assert "Paling besar 1 MB" in client.get(url).content.decode()


def test_a_300_mb_upload_is_refused_before_it_is_read(client, letter, monkeypatch):
    def never(self):
        raise AssertionError("the body was read")

    monkeypatch.setattr("django.http.request.HttpRequest._load_post_and_files", never)
    url = reverse("publik:verifikasi_kode", args=[letter.kode_verifikasi])
    response = client.post(
        url, {"berkas": SimpleUploadedFile("sk.pdf", PDF)}, CONTENT_LENGTH=str(300 * 1024**2)
    )
    assert response.status_code == 413
    body = response.content.decode()
    assert "300,0 MB, lebih besar dari batas 10 MB" in body
    assert "Asli dan berlaku" in body  # the page itself still answers


# --- Search served by indexes, one query for the counts ------------------------------------


def nomor_ditulis(sk, urut):
    return f"800.1.3/{urut}/BKD/{sk.tahun}"


def test_a_letter_number_is_found_in_any_form_or_by_its_beginning(
    client, operator_bkd, letter, terbitkan
):
    other = terbitkan(draft(operator_bkd, make_approved(operator_bkd, 1)))
    assert letter.nomor == nomor_ditulis(letter, letter.urut)  # the default pattern

    def numbers(q):
        rows = client.get(TRANSPARANSI, {"q": q}).context["rows"]
        return {r.nomor_sk for r in rows}

    assert numbers(letter.nomor) == {letter.nomor}
    assert numbers(f"800.1.3/0{letter.urut}/bkd/{letter.tahun}") == {letter.nomor}
    assert numbers(f" 800.1.3 / {letter.urut} / BKD / {letter.tahun} ") == {letter.nomor}
    assert numbers("800.1.3/") == {letter.nomor, other.nomor}
    assert numbers(f"800.1.3/{other.urut}/") == {other.nomor}
    assert numbers("800.1.3/999/BKD/2000") == set()
    assert numbers("801") == set()


def test_the_search_reads_a_name_as_part_of_a_name(client, letter):
    nama = letter.baris.first().nama
    rows = client.get(TRANSPARANSI, {"q": nama[2:-1].lower()}).context["rows"]
    assert nama in {r.nama for r in rows}
    # A name never starts with a digit nor holds a slash; the middle of a number is no name.
    assert client.get(TRANSPARANSI, {"q": "BKD"}).context["rows"] == []


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # With a handful of rows a scan is cheaper; forbidding scans (whole tables, and whole
        # btree indexes read in order) leaves only an index whose condition fits the query.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_indexonlyscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the indexes are PostgreSQL's")
def test_each_search_can_be_served_by_its_index(letter):
    # A name: the trigram index on the copied name.
    assert "mutasi_skusulan_nama_trgm" in plan(
        SuratKeputusanUsulan.objects.filter(publik.cari("Uji"))
    )
    # A number, exactly or by its beginning: the lookups ``cari`` makes on the letter's number.
    assert publik.cari("800.1.3/1") == Q(sk__nomor__istartswith="800.1.3/1")
    for lookup in ("nomor__istartswith", "nomor__iexact"):
        found = SuratKeputusan.objects.filter(**{lookup: letter.nomor})
        assert "mutasi_sk_nomor_upper" in plan(found), lookup


def test_the_counts_in_one_query_are_those_of_the_rows(client, operator_bkd, corrected, terbitkan):
    third = make_approved(operator_bkd, 2)
    Usulan.objects.filter(pk=third[0].pk).update(
        jenis=JenisMutasi.DALAM_OPD, alasan=KategoriAlasan.PENGEMBANGAN_KARIER
    )
    later = terbitkan(draft(operator_bkd, third))
    SuratKeputusan.objects.filter(pk=later.pk).update(tanggal_terbit=datetime.date(2026, 9, 1))
    rows = publik.baris_publik(publik.keputusan())
    berlaku = [r for r in rows if r.status_sk == "berlaku"]
    stats = publik.statistik(publik.keputusan())
    assert (stats["total"], stats["jumlah"]) == (len(rows), len(berlaku)) == (6, 4)
    assert dict(stats["jenis"]) == Counter(r.jenis_mutasi for r in berlaku)
    assert dict(stats["alasan"]) == Counter(r.kategori_alasan for r in berlaku)
    assert {name: n for name, _short, n in stats["opd"]} == Counter(
        r.perangkat_daerah_baru for r in berlaku
    )
    months = Counter(r.tanggal_sk.replace(day=1) for r in berlaku)
    assert stats["bulan"] == sorted(months.items())
    page = client.get(TRANSPARANSI)
    assert page.context["jumlah"] == {"total": 6, "berlaku": 4, "dicabut": 2}
    assert page.context["page"].paginator.count == 6


def test_a_page_past_the_last_shows_the_last(client, letter):
    response = client.get(TRANSPARANSI, {"page": "9"})
    assert response.context["page"].number == 1
    assert letter.nomor in response.content.decode()


def test_the_rows_written_in_python_are_the_templates_markup(letter, corrected):
    rows = publik.baris_publik(publik.keputusan())
    assert {r.status_sk for r in rows} == {"berlaku", "dicabut"}
    odd = replace(
        rows[0],
        nama="<b>Budi</b> & 'Ani' \"Tono\"",
        jabatan_baru="",
        perangkat_daerah_baru="",
        alasan="",
    )
    for r in [*rows, odd]:
        for dengan_sk in (True, False):
            kartu = render_to_string(
                "publik/inc/keputusan_kartu.html", {"r": r, "dengan_sk": dengan_sk}
            )
            assert publik_html.kartu_keputusan(r, dengan_sk).strip() == kartu.strip()
        sel = render_to_string("publik/inc/pegawai_sel.html", {"r": r})
        assert publik_html.sel_pegawai(r).strip() == sel.strip()
    assert "&lt;b&gt;Budi&lt;/b&gt; &amp; &#x27;Ani&#x27;" in publik_html.sel_pegawai(odd)


def test_the_statistics_rows_written_in_python(client, letter):
    stats = client.get(TRANSPARANSI).context["tabel"]
    html = publik_html.baris_statistik(stats["bulan"], True)
    month = stats["bulan"][0][0]
    assert f"<td>{BULAN[month.month - 1]} {month.year}</td>" in html
    opd = publik_html.baris_statistik([("Dinas <X>", "DX", 3), ("Sama", "Sama", 1)])
    assert opd == (
        '<tr><td>Dinas &lt;X&gt; (DX)</td><td class="text-end">3</td></tr>'
        '<tr><td>Sama</td><td class="text-end">1</td></tr>'
    )


# --- Open data: compressed, described, naming the revoking letter ----------------------------


@pytest.mark.parametrize("url", [CSV, JSON])
def test_open_data_is_sent_compressed_to_clients_that_accept_gzip(client, letter, url):
    plain = client.get(url)
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content)
    assert int(packed["Content-Length"]) == len(packed.content)
    for response in (plain, packed):
        assert "Accept-Encoding" in response["Vary"]
        assert response["Cache-Control"].startswith("public")
    assert letter.nomor in plain.content.decode("utf-8-sig")


def test_the_compressed_file_is_made_once_per_publication(
    client, operator_bkd, letter, terbitkan, django_assert_num_queries
):
    client.get(JSON, HTTP_ACCEPT_ENCODING="gzip")
    with django_assert_num_queries(1):  # when the last letter was published: the version
        client.get(JSON, HTTP_ACCEPT_ENCODING="gzip")
    second = terbitkan(draft(operator_bkd, make_approved(operator_bkd, 1)))
    body = gzip.decompress(client.get(JSON, HTTP_ACCEPT_ENCODING="gzip").content)
    assert second.nomor in body.decode()


def test_open_data_answers_if_modified_since(client, letter):
    last = client.get(CSV)["Last-Modified"]
    assert last == http_date(letter.diterbitkan_pada.timestamp())
    assert client.get(CSV, HTTP_IF_MODIFIED_SINCE=last).status_code == 304
    earlier = http_date(letter.diterbitkan_pada.timestamp() - 3600)
    assert client.get(CSV, HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200


def test_revoked_rows_name_the_letter_that_revoked_them_and_why(client, letter, corrected):
    rows = json.loads(client.get(JSON).content)["data"]
    by_letter = {r["nomor_sk"]: r for r in rows}
    assert by_letter[letter.nomor]["dicabut_dengan_sk"] == corrected.nomor
    assert by_letter[letter.nomor]["alasan_pencabutan"] == "Judul SK yang dicabut keliru."
    assert by_letter[corrected.nomor]["dicabut_dengan_sk"] == ""
    assert by_letter[corrected.nomor]["alasan_pencabutan"] == ""
    lines = client.get(CSV).content.decode("utf-8-sig").splitlines()
    assert lines[0].endswith("status_sk,dicabut_dengan_sk,alasan_pencabutan")
    assert any(
        line.endswith(f"dicabut,{corrected.nomor},Judul SK yang dicabut keliru.") for line in lines
    )
    page = client.get(TRANSPARANSI).content.decode()
    assert f"oleh SK {corrected.nomor}" in page


def test_the_data_package_describes_every_field_licence_source_and_time(client, letter, settings):
    settings.SITE_URL = "https://mutasi.asemrowo.go.id"
    response = client.get(PAKET)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    paket = json.loads(response.content)
    csv, data_json = paket["resources"]
    assert csv["path"] == "https://mutasi.asemrowo.go.id" + CSV
    assert data_json["path"] == "https://mutasi.asemrowo.go.id" + JSON
    fields = csv["schema"]["fields"]
    assert [f["name"] for f in fields] == FIELDS
    assert all(len(f["description"]) > 15 for f in fields)
    assert {f["name"]: f["type"] for f in fields}["tanggal_sk"] == "date"
    assert paket["licenses"][0]["name"] == "CC-BY-4.0"
    assert paket["licenses"][0]["path"].startswith("https://creativecommons.org/")
    assert paket["sources"][0]["path"] == "https://mutasi.asemrowo.go.id" + TRANSPARANSI
    waktu = letter.diterbitkan_pada.isoformat(timespec="seconds")
    assert paket["created"] == paket["lastModified"] == waktu
    assert response["Last-Modified"] == http_date(letter.diterbitkan_pada.timestamp())
    # The CSV's header is the schema's, in its order.
    header = client.get(CSV).content.decode(csv["encoding"]).splitlines()[0]
    assert header.split(",") == FIELDS
    assert PAKET in client.get(TRANSPARANSI).content.decode()


def test_the_data_package_before_anything_is_published(client, db):
    paket = json.loads(client.get(PAKET).content)
    assert "created" not in paket
    assert paket["resources"][0]["schema"]["fields"]
