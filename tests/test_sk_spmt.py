"""SPMT: the receiving head states when the employee reported; the move is carried out on it,
its date the actual TMT; the employee and BKD are told; a move past its TMT without an SPMT
waits in the head's inbox."""

import datetime
import hashlib
import io

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from mutasi.models import AuditLog, Notifikasi, Spmt, SuratKeputusan, Usulan
from mutasi.sk import pelaksanaan, periksa_tte, spmt, ttd
from mutasi.usulan.choices import StatusUsulan
from pegawai.access import Role
from pegawai.models import RiwayatJabatan
from tests.factories import PegawaiFactory, UnitKerjaFactory, UserFactory, terbitkan_sk
from tests.test_sk import draft, make_approved

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


@pytest.fixture
def kepala(opd_a, unit_a):
    """The head of agency A, the receiving agency, with their own employee record."""
    pegawai = PegawaiFactory(unit=unit_a, nama="Dr. Rina Kartika")
    return UserFactory(
        username="kepala.penerima",
        pegawai=pegawai,
        perangkat_daerah=opd_a,
        roles=[Role.KEPALA_OPD],
    )


@pytest.fixture
def pindah(operator_bkd, pejabat, unit_a, django_capture_on_commit_callbacks):
    """One move into agency A in a published and signed letter, TMT in 14 days; the
    employee has an account."""
    usulan = make_approved(operator_bkd, 1, UnitKerjaFactory(nama="Bidang Asal"), unit_a)[0]
    akun = UserFactory(username="asn.pindah", pegawai=usulan.pegawai, roles=[Role.ASN])
    sk = draft(operator_bkd, [usulan])
    with django_capture_on_commit_callbacks(execute=True):
        terbitkan_sk(sk.pk, pejabat)
    ttd.tandatangani(sk.pk, pejabat, passphrase="mutasi-demo")
    sk = SuratKeputusan.objects.get(pk=sk.pk)
    assert sk.ditandatangani
    return sk, Usulan.objects.get(pk=usulan.pk), akun


def post_spmt(client, sk, usulan, tanggal, nomor="800/12/SPMT/2026", passphrase="mutasi-demo"):
    url = reverse("mutasi:spmt_terbitkan", args=[sk.pk, usulan.pk])
    data = {"tanggal": tanggal.isoformat(), "nomor": nomor, "passphrase": passphrase}
    return client.post(url, data)


def test_the_receiving_head_issues_the_spmt_and_its_date_is_the_actual_tmt(
    pindah, kepala, login, operator_bkd
):
    sk, usulan, akun = pindah
    tmt = sk.baris.get().tmt
    lapor = tmt + datetime.timedelta(days=3)
    with time_machine.travel(lapor + datetime.timedelta(days=1), tick=True):
        client = login(kepala)
        page = client.get(usulan.get_absolute_url()).content.decode()
        assert "Terbitkan SPMT" in page
        response = post_spmt(client, sk, usulan, lapor)
        assert response.status_code == 302
        page = client.get(response.url).content.decode()
    assert "SPMT diterbitkan" in page
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.DILAKSANAKAN
    pegawai = usulan.pegawai
    pegawai.refresh_from_db()
    # The day they reported, not the letter's TMT, is when the new post began.
    assert pegawai.tmt_jabatan == lapor and pegawai.unit == usulan.formasi_tujuan.unit
    assert RiwayatJabatan.objects.get(pegawai=pegawai, selesai__isnull=True).mulai == lapor
    spmt = Spmt.objects.get(baris__usulan=usulan)
    assert spmt.tanggal_melapor == lapor and spmt.nomor == "800/12/SPMT/2026"
    assert spmt.kepala_nama == "Dr. Rina Kartika" and not spmt.dicatat_bkd
    assert sk.baris.get().dilaksanakan_pada == lapor
    log = AuditLog.objects.get(action="mutasi.usulan.spmt")
    assert log.data["tanggal"] == lapor.isoformat() and log.data["tmt_sk"] == tmt.isoformat()
    assert Notifikasi.objects.filter(penerima=akun, judul="SPMT Anda diterbitkan").exists()
    assert Notifikasi.objects.filter(penerima=operator_bkd, judul="SPMT diterbitkan").exists()


def test_only_the_receiving_head_issues_it_and_a_refusal_changes_nothing(
    pindah, kepala, login, opd_b, operator_bkd
):
    sk, usulan, _akun = pindah
    lain = UserFactory(username="kepala.lain", perangkat_daerah=opd_b, roles=[Role.KEPALA_OPD])
    with time_machine.travel(sk.baris.get().tmt + datetime.timedelta(days=2), tick=True):
        today = timezone.localdate()
        assert post_spmt(login(lain), sk, usulan, today).status_code == 404
        assert post_spmt(login(operator_bkd), sk, usulan, today).status_code == 403
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.DITETAPKAN and not Spmt.objects.exists()


@pytest.mark.parametrize(
    ("hari_ini", "lapor", "pesan"),
    [
        (-1, -1, "Pelaksanaan baru dapat dicatat mulai TMT"),
        (5, -2, "Tanggal melapor harus antara TMT"),
        (5, 7, "Tanggal melapor harus antara TMT"),
    ],
)
def test_an_spmt_before_the_tmt_or_in_the_future_is_refused(
    pindah, kepala, login, hari_ini, lapor, pesan
):
    sk, usulan, _akun = pindah
    tmt = sk.baris.get().tmt
    with time_machine.travel(tmt + datetime.timedelta(days=hari_ini), tick=True):
        client = login(kepala)
        response = post_spmt(client, sk, usulan, tmt + datetime.timedelta(days=lapor))
        assert pesan in client.get(response.url).content.decode()
    assert not Spmt.objects.exists()


def test_no_spmt_before_the_letter_is_signed(
    operator_bkd, pejabat, unit_a, kepala, login, django_capture_on_commit_callbacks
):
    usulan = make_approved(operator_bkd, 1, UnitKerjaFactory(), unit_a)[0]
    sk = draft(operator_bkd, [usulan])
    with django_capture_on_commit_callbacks(execute=True):
        terbitkan_sk(sk.pk, pejabat)
    tmt = sk.baris.get().tmt
    with time_machine.travel(tmt + datetime.timedelta(days=1), tick=True):
        client = login(kepala)
        assert "Terbitkan SPMT" not in client.get(usulan.get_absolute_url()).content.decode()
        response = post_spmt(client, sk, usulan, tmt)
        assert "belum ditandatangani" in client.get(response.url).content.decode()
    assert not Spmt.objects.exists()


def test_a_move_past_its_tmt_without_spmt_waits_in_the_heads_inbox(pindah, kepala, login):
    sk, usulan, _akun = pindah
    tmt = sk.baris.get().tmt
    url = reverse("mutasi:tugas")
    with time_machine.travel(tmt - datetime.timedelta(days=1), tick=True):
        assert usulan.kode not in login(kepala).get(url).content.decode()
    with time_machine.travel(tmt + datetime.timedelta(days=2), tick=True):
        page = login(kepala).get(url).content.decode()
        assert "SPMT yang belum diterbitkan" in page and usulan.kode in page
        post_spmt(login(kepala), sk, usulan, tmt)
        page = login(kepala).get(url).content.decode()
        assert usulan.kode not in page


def test_bkd_recording_a_paper_spmt_carries_out_the_move_too(pindah, operator_bkd):
    sk, usulan, _akun = pindah
    tmt = sk.baris.get().tmt
    with time_machine.travel(tmt + datetime.timedelta(days=1), tick=True):
        pelaksanaan.laksanakan(sk.pk, usulan.pk, operator_bkd, tmt, nomor_spmt="SPMT/kertas/1")
    spmt = Spmt.objects.get(baris__usulan=usulan)
    assert spmt.dicatat_bkd and spmt.nomor == "SPMT/kertas/1" and spmt.tanggal_melapor == tmt


def test_the_receiving_head_is_reminded_when_the_tmt_comes(pindah, kepala, opd_b):
    sk, usulan, _akun = pindah
    lain = UserFactory(username="kepala.lain", perangkat_daerah=opd_b, roles=[Role.KEPALA_OPD])
    pelaksanaan.ingatkan_pelaksanaan(sk.baris.get().tmt)
    judul = f"Terbitkan SPMT: {usulan.pegawai.nama}"
    assert Notifikasi.objects.filter(penerima=kepala, judul=judul).count() == 1
    assert not Notifikasi.objects.filter(penerima=lain).exists()


def test_the_spmt_prints_as_a_pdf_for_those_concerned(pindah, kepala, login, opd_b):
    from io import BytesIO

    from pypdf import PdfReader

    sk, usulan, akun = pindah
    tmt = sk.baris.get().tmt
    with time_machine.travel(tmt + datetime.timedelta(days=1), tick=True):
        post_spmt(login(kepala), sk, usulan, tmt)
    item = Spmt.objects.get()
    url = reverse("mutasi:spmt_unduh", args=[item.pk])
    page = login(akun).get(usulan.get_absolute_url()).content.decode()
    assert url in page
    response = login(akun).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages).split()
    )
    assert "SURAT PERNYATAAN MELAKSANAKAN TUGAS" in text and "800/12/SPMT/2026" in text
    assert usulan.pegawai.nip in text and "Dr. Rina Kartika" in text and sk.nomor in text
    lain = UserFactory(username="op.lain", perangkat_daerah=opd_b, roles=[Role.OPERATOR_OPD])
    assert login(lain).get(url).status_code == 404


# --- Signed electronically by the head ---------------------------------------------------------


def test_the_head_signs_the_spmt_with_their_own_certificate(pindah, kepala, login):
    sk, usulan, akun = pindah
    tmt = sk.baris.get().tmt
    with time_machine.travel(tmt + datetime.timedelta(days=1), tick=True):
        client = login(kepala)
        page = client.get(usulan.get_absolute_url()).content.decode()
        assert 'name="passphrase"' in page and "Passphrase demo: mutasi-demo" in page
        response = post_spmt(client, sk, usulan, tmt)
    assert response.status_code == 302
    item = Spmt.objects.get()
    data = item.berkas.read()
    assert item.ditandatangani and item.sha256 == hashlib.sha256(data).hexdigest()
    hasil = periksa_tte.periksa(data)
    assert hasil.sah and hasil.demo and hasil.penanda == "Dr. Rina Kartika (sertifikat demo)"
    # The head's certificate comes from the same demo CA as the official's.
    assert hasil.penerbit == sk.tte["penerbit"] == "CA Demo Mutasi ASN"
    assert item.tte["penanda"] == hasil.penanda and item.tte["jenis"] == "demo"
    text = pdf_text(data)
    assert "Ditandatangani secara elektronik" in text and "sertifikat DEMO" in text
    assert AuditLog.objects.get(action="mutasi.usulan.spmt").data["tte"]["penanda"] == hasil.penanda
    # The employee downloads exactly the signed file and sees that it is signed.
    employee = login(akun)
    page = employee.get(usulan.get_absolute_url()).content.decode()
    assert "Ditandatangani secara elektronik pada" in page
    assert "Dr. Rina Kartika (sertifikat demo)" in page
    download = employee.get(reverse("mutasi:spmt_unduh", args=[item.pk]))
    assert download.content == data


@pytest.mark.parametrize(
    ("passphrase", "pesan"),
    [
        ("Salah-Sekali-987", "Passphrase salah"),
        ("", "Masukkan passphrase sertifikat elektronik Anda."),
    ],
)
def test_a_wrong_or_missing_passphrase_issues_nothing(pindah, kepala, login, passphrase, pesan):
    sk, usulan, _akun = pindah
    tmt = sk.baris.get().tmt
    with time_machine.travel(tmt + datetime.timedelta(days=1), tick=True):
        client = login(kepala)
        response = post_spmt(client, sk, usulan, tmt, passphrase=passphrase)
        page = client.get(response.url).content.decode()
    assert pesan in page
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.DITETAPKAN and not Spmt.objects.exists()
    assert not RiwayatJabatan.objects.filter(pegawai=usulan.pegawai, nomor_sk=sk.nomor).exists()
    if passphrase:
        log = AuditLog.objects.get(action="mutasi.usulan.spmt_ttd_gagal")
        assert log.actor == kepala and passphrase not in str(log.data)


@pytest.mark.parametrize("jenis", ["p12", "pkcs11"])
def test_with_the_regions_single_key_the_spmt_is_signed_on_paper(
    pindah, kepala, login, settings, jenis
):
    # The region's one PKCS#12 or HSM token holds the official's key, not the head's.
    settings.SK_TTE = jenis
    sk, usulan, _akun = pindah
    tmt = sk.baris.get().tmt
    with time_machine.travel(tmt + datetime.timedelta(days=1), tick=True):
        client = login(kepala)
        assert 'name="passphrase"' not in client.get(usulan.get_absolute_url()).content.decode()
        post_spmt(client, sk, usulan, tmt, passphrase="")
    item = Spmt.objects.get()
    assert not item.ditandatangani and not item.berkas
    assert "Dr. Rina Kartika" in pdf_text(spmt.pdf_spmt(item))
