"""The hand-over to SIASN / I-MUT: the export round-trips, is filtered by period, holds only
signed letters, and is recorded so that nothing is sent twice or forgotten."""

import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from mutasi.models import AuditLog, EksporSiasn, SuratKeputusan
from mutasi.siasn import ekspor
from mutasi.sk import pelaksanaan, services, ttd
from tests.factories import UnitKerjaFactory, terbitkan_sk
from tests.test_sk import draft, make_approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_letter(operator_bkd, pejabat, django_capture_on_commit_callbacks):
    def _letter(n=2, sign=True):
        usulan = make_approved(operator_bkd, n, UnitKerjaFactory(), UnitKerjaFactory())
        sk = draft(operator_bkd, usulan)
        with django_capture_on_commit_callbacks(execute=True):
            terbitkan_sk(sk.pk, pejabat)
        if sign:
            ttd.tandatangani(sk.pk, pejabat, passphrase="mutasi-demo")
        return SuratKeputusan.objects.get(pk=sk.pk)

    return _letter


def post(client, dari, sampai, fmt="csv", hanya_baru=True):
    data = {"dari": dari.isoformat(), "sampai": sampai.isoformat(), "format": fmt}
    if hanya_baru:
        data["hanya_baru"] = "on"
    return client.post(reverse("mutasi:ekspor_siasn"), data)


def test_the_export_round_trips_every_field_of_each_move(
    signed_letter, operator_bkd, login, django_capture_on_commit_callbacks
):
    sk = signed_letter(2)
    rows = list(sk.baris.order_by("urutan"))
    # One has reported (SPMT recorded), the other not yet.
    with time_machine.travel(rows[0].tmt + datetime.timedelta(days=1), tick=True):
        pelaksanaan.laksanakan(sk.pk, rows[0].usulan_id, operator_bkd, rows[0].tmt, "SPMT/7")
    client = login(operator_bkd)
    day = sk.tanggal_terbit
    response = post(client, day, day)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    read = ekspor.baca_csv(b"".join([response.content]))
    assert list(read[0]) == list(ekspor.KOLOM)
    assert [r["nip"] for r in read] == [r.nip for r in rows]
    first = read[0]
    usulan = rows[0].usulan
    assert first["nama"] == rows[0].nama
    assert first["jabatan_lama"] == rows[0].jabatan_lama
    assert first["kode_unit_lama"] == usulan.unit_asal.kode
    assert first["kode_unit_baru"] == usulan.formasi_tujuan.unit.kode
    assert first["kode_perangkat_daerah_baru"] == rows[0].perangkat_daerah_baru.kode
    assert first["nomor_sk"] == sk.nomor and first["tanggal_sk"] == day.isoformat()
    assert first["tmt_sk"] == rows[0].tmt.isoformat()
    assert first["tanggal_spmt"] == rows[0].tmt.isoformat() and first["nomor_spmt"] == "SPMT/7"
    assert read[1]["tanggal_spmt"] == "" and read[1]["nomor_spmt"] == ""
    assert first["berkas_sk"] == ekspor.nama_berkas_sk(sk.nomor) and first["sha256_sk"] == sk.sha256
    # The file named is the one the letter's page hands out.
    download = client.get(reverse("mutasi:sk_unduh", args=[sk.pk]))
    assert first["berkas_sk"] in download["Content-Disposition"]

    record = EksporSiasn.objects.get()
    assert record.jumlah == 2 and set(record.baris.all()) == set(rows)
    assert AuditLog.objects.filter(action="mutasi.sk.ekspor_siasn").count() == 1


def test_nothing_is_sent_twice_and_a_new_letter_is_not_forgotten(
    signed_letter, operator_bkd, login
):
    first = signed_letter(1)
    client = login(operator_bkd)
    day = first.tanggal_terbit
    assert len(ekspor.baca_csv(post(client, day, day).content)) == 1
    # Again: nothing new, said so, nothing recorded.
    response = post(client, day, day)
    assert "Tidak ada baris untuk diekspor" in response.content.decode()
    assert EksporSiasn.objects.count() == 1
    second = signed_letter(2)
    page = client.get(
        reverse("mutasi:ekspor_siasn"), {"dari": day, "sampai": day, "hanya_baru": "on"}
    ).content.decode()
    assert "2 baris belum pernah diekspor" in page and "3 baris seluruhnya" in page
    read = ekspor.baca_csv(post(client, day, day).content)
    assert {r["nomor_sk"] for r in read} == {second.nomor}
    # Everything again, on purpose: recorded as such.
    assert len(ekspor.baca_csv(post(client, day, day, hanya_baru=False).content)) == 3
    assert list(EksporSiasn.objects.values_list("jumlah", "hanya_baru")) == [
        (3, False),
        (2, True),
        (1, True),
    ]


def test_only_signed_letters_of_the_period_are_exported(signed_letter, operator_bkd, login):
    signed_letter(1, sign=False)
    client = login(operator_bkd)
    day = SuratKeputusan.objects.get().tanggal_terbit
    page = client.get(
        reverse("mutasi:ekspor_siasn"), {"dari": day, "sampai": day, "hanya_baru": "on"}
    ).content.decode()
    assert "1 baris dari SK yang belum ditandatangani" in page
    assert "Tidak ada baris" in post(client, day, day).content.decode()
    signed_letter(1)
    before = day - datetime.timedelta(days=10)
    assert "Tidak ada baris" in post(client, before, before).content.decode()
    assert len(ekspor.baca_csv(post(client, before, day).content)) == 1


def test_the_xlsx_export_has_the_same_columns(signed_letter, operator_bkd, login):
    sk = signed_letter(1)
    response = post(login(operator_bkd), sk.tanggal_terbit, sk.tanggal_terbit, fmt="xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert list(values[0]) == list(ekspor.KOLOM)
    assert values[1][0] == sk.baris.get().nip and values[1][13] == sk.nomor


def test_a_bad_period_is_refused_plainly(operator_bkd, login):
    client = login(operator_bkd)
    today = datetime.date.today()
    page = post(client, today, today - datetime.timedelta(days=1)).content.decode()
    assert "sebelum tanggal awalnya" in page
    page = post(client, today - datetime.timedelta(days=500), today).content.decode()
    assert "paling panjang 400 hari" in page
    assert not EksporSiasn.objects.exists()


def test_a_correction_of_a_carried_out_move_keeps_its_spmt_in_the_export(
    signed_letter, operator_bkd, pejabat, login, django_capture_on_commit_callbacks
):
    sk = signed_letter(1)
    row = sk.baris.get()
    with time_machine.travel(row.tmt + datetime.timedelta(days=2), tick=True):
        pelaksanaan.laksanakan(sk.pk, row.usulan_id, operator_bkd, row.tmt, "SPMT/9")
        correction = services.buat_pembetulan(sk.pk, operator_bkd)
        services.ubah_draf(correction.pk, operator_bkd, alasan_pembetulan="Judul keliru.")
        with django_capture_on_commit_callbacks(execute=True):
            terbitkan_sk(correction.pk, pejabat)
        ttd.tandatangani(correction.pk, pejabat, passphrase="mutasi-demo")
        correction.refresh_from_db()
        day = correction.tanggal_terbit
        read = ekspor.baca_csv(post(login(operator_bkd), day, day).content)
    assert [(r["nomor_sk"], r["mencabut_sk"]) for r in read] == [(correction.nomor, sk.nomor)]
    assert read[0]["tanggal_spmt"] == row.tmt.isoformat() and read[0]["nomor_spmt"] == "SPMT/9"
