"""Electronic signature (TTE, PAdES): signing a published letter and its extracts, the local
PKCS#12 and the remote BSrE-style signers, the passphrase kept nowhere, and the verification
page checking a signature (integrity, chain, revocation) besides the hash."""

import datetime
import email.parser
import hashlib
import io
import json
import threading
from base64 import b64encode
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pypdf import PdfReader

from mutasi.models import AuditLog, Petikan, StatusRender, SuratKeputusan
from mutasi.sk import periksa_tte, tanda_tangan
from mutasi.sk.forms import TandaTanganForm
from tests.factories import terbitkan_sk
from tests.test_sk import draft, make_approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def terbit(operator_bkd, pejabat, django_capture_on_commit_callbacks):
    """A published letter of two employees, its PDF and extracts made, not yet signed."""

    def _terbit(n=2):
        sk = draft(operator_bkd, make_approved(operator_bkd, n))
        with django_capture_on_commit_callbacks(execute=True):
            terbitkan_sk(sk.pk, pejabat)
        sk = SuratKeputusan.objects.get(pk=sk.pk)
        assert sk.render_status == StatusRender.SELESAI
        return sk

    return _terbit


def sign_page(client, sk, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mutasi:sk_tandatangani", args=[sk.pk]), data)
    sk.refresh_from_db()
    return response


def text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def verify(client, kode, data: bytes) -> str:
    berkas = io.BytesIO(data)
    berkas.name = "surat.pdf"
    response = client.post(reverse("publik:verifikasi_kode", args=[kode]), {"berkas": berkas})
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


# --- Signing -----------------------------------------------------------------------------------


def test_the_official_signs_the_letter_and_every_extract_as_pades(
    terbit, pejabat, login, django_capture_on_commit_callbacks
):
    sk = terbit()
    unsigned = sk.berkas.read()
    assert periksa_tte.periksa(unsigned).ada is False
    client = login(pejabat)
    page = client.get(sk.get_absolute_url()).content.decode()
    assert "Tandatangani" in page and "Passphrase demo: mutasi-demo" in page

    response = sign_page(client, sk, django_capture_on_commit_callbacks, passphrase="mutasi-demo")
    assert response.status_code == 302
    assert sk.ditandatangani and sk.ditandatangani_oleh == pejabat
    data = sk.berkas.read()
    assert data.startswith(unsigned[:8]) and data != unsigned
    assert sk.sha256 == hashlib.sha256(data).hexdigest()
    hasil = periksa_tte.periksa(data)
    assert hasil.sah and hasil.demo and hasil.utuh and hasil.seluruh and hasil.dipercaya
    assert hasil.penanda == "Pejabat Penetap (sertifikat demo)"
    assert sk.tte["jenis"] == "demo" and sk.tte["nomor_seri"] == hasil.nomor_seri
    # The letter says how it is signed, and that the certificate is a demo one.
    words = text(data)
    assert "Ditandatangani secara elektronik" in words
    assert "sertifikat DEMO" in words and "bukan sertifikat BSrE" in words

    extracts = list(Petikan.objects.filter(baris__sk=sk))
    assert len(extracts) == 2
    for item in extracts:
        signed = item.berkas.read()
        assert item.ditandatangani_pada and item.sha256 == hashlib.sha256(signed).hexdigest()
        assert periksa_tte.periksa(signed).sah
    log = AuditLog.objects.get(action="mutasi.sk.ditandatangani")
    assert log.data["petikan"] == 2 and log.data["nomor_seri"] == hasil.nomor_seri


@pytest.mark.parametrize(
    ("tte", "label", "kosong"),
    [
        (
            "demo",
            "Passphrase sertifikat elektronik",
            "Masukkan passphrase sertifikat elektronik Anda.",
        ),
        ("pkcs11", "PIN token HSM", "Masukkan PIN token HSM Anda."),
    ],
)
def test_the_signing_form_names_what_the_signer_types(settings, tte, label, kosong):
    settings.SK_TTE = tte
    form = TandaTanganForm(data={})
    assert form.fields["passphrase"].label == label
    assert not form.is_valid() and form.errors["passphrase"] == [kosong]


def test_a_wrong_passphrase_changes_nothing_and_is_kept_nowhere(
    terbit, pejabat, login, django_capture_on_commit_callbacks
):
    sk = terbit()
    before = (sk.sha256, sk.berkas.name)
    client = login(pejabat)
    response = sign_page(
        client, sk, django_capture_on_commit_callbacks, passphrase="Salah-Sekali-987"
    )
    assert response.status_code == 302
    # Not in the session, where a refused form's values wait for the next page...
    assert Session.objects.exists()
    assert all("Salah-Sekali-987" not in str(s.get_decoded()) for s in Session.objects.all())
    page = client.get(response.url).content.decode()
    assert "Passphrase salah" in page
    assert not sk.ditandatangani and (sk.sha256, sk.berkas.name) == before
    assert AuditLog.objects.filter(action="mutasi.sk.ttd_gagal").count() == 1
    # ...nor in the audit log, a notice, or anywhere else.
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    assert "Salah-Sekali-987" not in dump.getvalue()


def test_the_right_passphrase_is_not_stored_either(
    terbit, pejabat, login, django_capture_on_commit_callbacks, settings, tmp_path
):
    bahan = tanda_tangan.buat_sertifikat("Kunci-Gubernur-2026", "Gubernur Asemrowo", demo=False)
    (tmp_path / "penanda.p12").write_bytes(bahan.p12)
    (tmp_path / "akar.pem").write_bytes(bahan.ca_pem)
    settings.SK_TTE, settings.SK_TTE_P12 = "p12", str(tmp_path / "penanda.p12")
    settings.SK_TTE_AKAR = [str(tmp_path / "akar.pem")]
    sk = terbit(1)
    sign_page(
        login(pejabat), sk, django_capture_on_commit_callbacks, passphrase="Kunci-Gubernur-2026"
    )
    assert sk.ditandatangani and sk.tte["jenis"] == "p12" and not sk.tte["demo"]
    hasil = periksa_tte.periksa(sk.berkas.read())
    assert hasil.sah and hasil.penanda == "Gubernur Asemrowo"
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    assert "Kunci-Gubernur-2026" not in dump.getvalue()


def test_only_the_official_signs_and_only_a_finished_pdf(
    terbit, operator_bkd, pejabat, login, django_capture_on_commit_callbacks
):
    sk = terbit(1)
    response = sign_page(
        login(operator_bkd), sk, django_capture_on_commit_callbacks, passphrase="mutasi-demo"
    )
    assert response.status_code == 403 and not sk.ditandatangani
    SuratKeputusan.objects.filter(pk=sk.pk).update(render_status=StatusRender.GAGAL)
    client = login(pejabat)
    response = sign_page(client, sk, django_capture_on_commit_callbacks, passphrase="mutasi-demo")
    assert "belum selesai dibuat" in client.get(response.url).content.decode()
    assert not sk.ditandatangani


def test_a_signed_letter_is_neither_signed_again_nor_made_again(
    terbit, operator_bkd, pejabat, login, django_capture_on_commit_callbacks
):
    sk = terbit(1)
    client = login(pejabat)
    sign_page(client, sk, django_capture_on_commit_callbacks, passphrase="mutasi-demo")
    signed = sk.sha256
    response = sign_page(client, sk, django_capture_on_commit_callbacks, passphrase="mutasi-demo")
    assert "sudah ditandatangani" in client.get(response.url).content.decode()
    client = login(operator_bkd)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mutasi:sk_render_ulang", args=[sk.pk]))
    assert "tidak dibuat ulang" in client.get(response.url).content.decode()
    sk.refresh_from_db()
    assert sk.sha256 == signed and periksa_tte.periksa(sk.berkas.read()).sah


def test_a_render_queued_before_signing_leaves_the_signed_letter_alone(
    terbit, pejabat, login, django_capture_on_commit_callbacks
):
    from mutasi.sk.tasks import render_sk

    sk = terbit(1)
    sign_page(login(pejabat), sk, django_capture_on_commit_callbacks, passphrase="mutasi-demo")
    attempts = sk.render_percobaan
    assert render_sk.call(sk.pk) == sk.sha256
    sk.refresh_from_db()
    assert sk.render_percobaan == attempts and periksa_tte.periksa(sk.berkas.read()).sah


def test_employees_and_agencies_download_the_letter_once_it_is_signed(
    terbit, pejabat, login, django_capture_on_commit_callbacks
):
    from pegawai.access import Role
    from tests.factories import UserFactory

    sk = terbit(1)
    pegawai = sk.baris.get().usulan.pegawai
    asn = UserFactory(username="asn.sk", pegawai=pegawai, roles=[Role.ASN])
    url = reverse("mutasi:sk_unduh", args=[sk.pk])
    assert login(asn).get(url).status_code == 404
    sign_page(login(pejabat), sk, django_capture_on_commit_callbacks, passphrase="mutasi-demo")
    response = login(asn).get(url)
    assert response.status_code == 200
    assert periksa_tte.periksa(b"".join(response.streaming_content)).sah


# --- The remote signing service ----------------------------------------------------------------


class FakeBsre:
    """A BSrE-style service on a local port: checks the app's account, the NIK and the
    passphrase, signs with a key only it holds, answers as the real one does."""

    NIK = "3578012345670001"
    PASSPHRASE = "Rahasia-BSrE-55"

    def __init__(self):
        self.bahan = tanda_tangan.buat_sertifikat("kunci-layanan", "Kepala Daerah (BSrE uji)")
        self.requests = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                message = email.parser.BytesParser().parsebytes(
                    f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode() + body
                )
                parts = {
                    p.get_param("name", header="content-disposition"): p.get_payload(decode=True)
                    for p in message.get_payload()
                }
                fake.requests.append(
                    {"path": self.path, "auth": self.headers.get("Authorization"), **parts}
                )
                if parts["passphrase"].decode() != FakeBsre.PASSPHRASE:
                    return self._answer(400, b'{"error": "Passphrase anda salah"}', "json")
                signer = tanda_tangan.PenandaP12(fake.bahan.p12)
                signed = signer.tandatangani([parts["file"]], passphrase="kunci-layanan")[0]
                self._answer(200, signed, "pdf")

            def _answer(self, status, body, kind):
                self.send_response(status)
                self.send_header("Content-Type", f"application/{kind}")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def bsre(settings, tmp_path):
    fake = FakeBsre()
    (tmp_path / "akar-bsre.pem").write_bytes(fake.bahan.ca_pem)
    settings.SK_TTE, settings.SK_TTE_URL = "bsre", fake.url
    settings.SK_TTE_PENGGUNA, settings.SK_TTE_SANDI = "mutasi-app", "kata-sandi-aplikasi"
    settings.SK_TTE_AKAR = [str(tmp_path / "akar-bsre.pem")]
    yield fake
    fake.close()


def test_the_remote_service_signs_with_the_nik_and_passphrase_typed(
    bsre, terbit, pejabat, login, django_capture_on_commit_callbacks
):
    sk = terbit(2)
    client = login(pejabat)
    page = client.get(sk.get_absolute_url()).content.decode()
    assert "NIK penandatangan" in page
    sign_page(
        client,
        sk,
        django_capture_on_commit_callbacks,
        nik=FakeBsre.NIK,
        passphrase=FakeBsre.PASSPHRASE,
    )
    assert sk.ditandatangani and sk.tte["jenis"] == "bsre"
    # The letter and both extracts, each sent with the NIK, the passphrase and the app's account.
    assert len(bsre.requests) == 3
    token = b64encode(b"mutasi-app:kata-sandi-aplikasi").decode()
    for request in bsre.requests:
        assert request["path"] == "/api/sign/pdf" and request["auth"] == f"Basic {token}"
        assert request["nik"].decode() == FakeBsre.NIK
        assert request["file"].startswith(b"%PDF")
    hasil = periksa_tte.periksa(sk.berkas.read())
    assert hasil.sah and hasil.penanda == "Kepala Daerah (BSrE uji)"
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    assert FakeBsre.PASSPHRASE not in dump.getvalue()


def test_the_remote_services_refusal_is_shown_and_changes_nothing(
    bsre, terbit, pejabat, login, django_capture_on_commit_callbacks
):
    sk = terbit(1)
    client = login(pejabat)
    response = sign_page(
        client, sk, django_capture_on_commit_callbacks, nik=FakeBsre.NIK, passphrase="keliru"
    )
    assert "Layanan TTE menolak permintaan: Passphrase anda salah" in (
        client.get(response.url).content.decode()
    )
    assert not sk.ditandatangani
    # A NIK that is not one is refused before anything is sent.
    response = sign_page(
        client, sk, django_capture_on_commit_callbacks, nik="12345", passphrase="x"
    )
    assert "NIK terdiri atas 16 angka" in client.get(response.url).content.decode()
    assert len(bsre.requests) == 1


def test_an_unreachable_service_is_said_so(
    bsre, terbit, pejabat, login, django_capture_on_commit_callbacks, settings
):
    sk = terbit(1)
    bsre.close()
    client = login(pejabat)
    response = sign_page(
        client,
        sk,
        django_capture_on_commit_callbacks,
        nik=FakeBsre.NIK,
        passphrase=FakeBsre.PASSPHRASE,
    )
    assert "tidak dapat dihubungi" in client.get(response.url).content.decode()
    assert not sk.ditandatangani


# --- Verification ------------------------------------------------------------------------------


@pytest.fixture
def signed(terbit, pejabat, login, django_capture_on_commit_callbacks):
    sk = terbit(1)
    unsigned = sk.berkas.read()
    sign_page(login(pejabat), sk, django_capture_on_commit_callbacks, passphrase="mutasi-demo")
    return sk, unsigned, sk.berkas.read()


def test_verification_says_a_signed_letter_is_valid_and_what_it_checked(signed, client):
    sk, _unsigned, data = signed
    page = verify(client, sk.kode_verifikasi, data)
    assert "Cocok: berkas ini sama persis" in page
    assert "Tanda tangan elektronik sah menurut pemeriksaan di bawah." in page
    assert "isi yang ditandatangani tidak berubah" in page
    assert "sampai ke sertifikat akar tepercaya (CA Demo Mutasi ASN)" in page
    assert "tidak diperiksa: tidak ada data pencabutan (CRL/OCSP)" in page
    assert "sertifikat demo, tidak sah untuk keperluan resmi" in page


def test_verification_reports_a_tampered_file(signed, client):
    sk, _unsigned, data = signed
    tampered = bytearray(data)
    start = data.index(b"stream", 200) + 40  # inside the first content stream: signed bytes
    tampered[start] ^= 0x01
    page = verify(client, sk.kode_verifikasi, bytes(tampered))
    assert "Tidak cocok" in page
    assert "Tanda tangan elektronik tidak sah" in page
    assert "isi berubah setelah ditandatangani, atau tanda tangannya rusak." in page


def test_verification_reports_a_change_added_after_signing(signed, client):
    sk, _unsigned, data = signed
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    writer.root["/Ubah"] = generic.NameObject("/Sesudah")
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    page = verify(client, sk.kode_verifikasi, out.getvalue())
    assert "Tidak cocok" in page and "Tanda tangan elektronik tidak sah" in page
    assert "ada perubahan yang ditambahkan setelah tanda tangan." in page


def test_bytes_appended_after_the_signed_file_are_reported(signed, client):
    sk, _unsigned, data = signed
    page = verify(client, sk.kode_verifikasi, data + b"\n% ditambahkan kemudian\n")
    assert "Tidak cocok" in page
    assert "ada perubahan yang ditambahkan setelah tanda tangan." in page
    assert "Tambahan setelah ditandatangani: tidak ada" not in page


def test_verification_reports_an_unsigned_file(signed, client):
    sk, unsigned, _data = signed
    page = verify(client, sk.kode_verifikasi, unsigned)
    assert "Tidak cocok" in page
    assert "Tidak ada tanda tangan elektronik dalam berkas ini." in page


def test_verification_reports_a_signature_from_an_untrusted_ca(signed, client, tmp_path):
    sk, unsigned, _data = signed
    other = tanda_tangan.buat_sertifikat("lain", "Pemalsu", demo=False)
    forged = tanda_tangan.PenandaP12(other.p12).tandatangani([unsigned], passphrase="lain")[0]
    page = verify(client, sk.kode_verifikasi, forged)
    assert "Tanda tangan elektronik tidak sah" in page
    assert "tidak sampai ke sertifikat akar yang dipercaya situs ini" in page
    assert "Pemalsu" in page


def _crl(bahan, revoked: bool) -> bytes:
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(bahan.ca.subject)
        .last_update(now - datetime.timedelta(days=2))
        .next_update(now + datetime.timedelta(days=7))
    )
    if revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(bahan.cert.serial_number)
            .revocation_date(now - datetime.timedelta(days=1))
            .build()
        )
    return builder.sign(bahan.ca_key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM)


@pytest.mark.parametrize("revoked", [False, True])
def test_verification_checks_revocation_against_the_configured_crl(
    revoked, terbit, pejabat, login, client, settings, tmp_path, django_capture_on_commit_callbacks
):
    bahan = tanda_tangan.buat_sertifikat("sandi-daerah", "Gubernur Asemrowo", demo=False)
    (tmp_path / "k.p12").write_bytes(bahan.p12)
    (tmp_path / "akar.pem").write_bytes(bahan.ca_pem)
    (tmp_path / "daftar.crl").write_bytes(_crl(bahan, revoked))
    settings.SK_TTE, settings.SK_TTE_P12 = "p12", str(tmp_path / "k.p12")
    settings.SK_TTE_AKAR, settings.SK_TTE_CRL = [str(tmp_path / "akar.pem")], []
    sk = terbit(1)
    sign_page(login(pejabat), sk, django_capture_on_commit_callbacks, passphrase="sandi-daerah")
    assert sk.ditandatangani
    settings.SK_TTE_CRL = [str(tmp_path / "daftar.crl")]
    page = verify(client, sk.kode_verifikasi, sk.berkas.read())
    if revoked:
        assert "DICABUT oleh penerbitnya." in page
        assert "Tanda tangan elektronik tidak sah" in page
    else:
        assert "tidak dicabut (menurut daftar pencabutan (CRL) penerbit sertifikat)" in page
        assert "Tanda tangan elektronik sah" in page


def test_the_public_page_says_whether_the_letter_is_signed(signed, client, terbit):
    sk, _unsigned, _data = signed
    page = client.get(reverse("publik:verifikasi_kode", args=[sk.kode_verifikasi]))
    assert "Ditandatangani pada" in page.content.decode()
    other = terbit(1)
    page = client.get(reverse("publik:verifikasi_kode", args=[other.kode_verifikasi]))
    assert "Belum ditandatangani secara elektronik" in page.content.decode()


def test_a_service_answer_that_is_not_json_is_reported_plainly():
    assert tanda_tangan._pesan(b"<html>Bad gateway</html>").startswith("<html>")
    assert tanda_tangan._pesan(json.dumps({"message": "NIK tidak terdaftar"}).encode()) == (
        "NIK tidak terdaftar"
    )
    assert timezone.now()  # the suite's clock runs


class FakeTsa:
    """An RFC 3161 time-stamping authority on a local port, its certificate issued by the
    region's CA (so it chains to the same root)."""

    def __init__(self, bahan):
        from asn1crypto import keys, tsp
        from asn1crypto import x509 as asn1_x509
        from cryptography.hazmat.primitives.asymmetric import rsa
        from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
        from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

        now = datetime.datetime.now(datetime.UTC)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        cert = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "TSA Uji")]))
            .issuer_name(bahan.ca.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=30))
            .not_valid_after(now + datetime.timedelta(days=365))
            .add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
            )
            .sign(bahan.ca_key, hashes.SHA256())
        )
        stamper = DummyTimeStamper(
            tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
            tsa_key=keys.PrivateKeyInfo.load(
                key.private_bytes(
                    serialization.Encoding.DER,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            ),
        )
        self.requests = 0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                fake.requests += 1
                answer = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_a_configured_tsa_time_stamps_the_signature(
    terbit, pejabat, login, client, settings, tmp_path, django_capture_on_commit_callbacks
):
    bahan = tanda_tangan.buat_sertifikat("sandi-tsa", "Gubernur Asemrowo", demo=False)
    (tmp_path / "k.p12").write_bytes(bahan.p12)
    (tmp_path / "akar.pem").write_bytes(bahan.ca_pem)
    tsa = FakeTsa(bahan)
    settings.SK_TTE, settings.SK_TTE_P12 = "p12", str(tmp_path / "k.p12")
    settings.SK_TTE_AKAR, settings.SK_TTE_TSA = [str(tmp_path / "akar.pem")], tsa.url
    try:
        sk = terbit(1)
        sign_page(login(pejabat), sk, django_capture_on_commit_callbacks, passphrase="sandi-tsa")
    finally:
        tsa.close()
    # The letter and its extract (pyHanko asks once more to size the signature).
    assert sk.ditandatangani and tsa.requests >= 2
    data = sk.berkas.read()
    hasil = periksa_tte.periksa(data)
    assert hasil.stempel_waktu is True and hasil.sah
    page = verify(client, sk.kode_verifikasi, data)
    assert "Stempel waktu (TSA): ada dan sah." in page


def test_the_trusted_roots_are_downloadable_to_trust_them_in_a_pdf_reader(client, settings):
    response = client.get(reverse("publik:akar_pem"))
    assert response.status_code == 200
    pem = response.content
    assert pem.startswith(b"-----BEGIN CERTIFICATE-----")
    cert = x509.load_pem_x509_certificate(pem)
    assert cert == x509.load_pem_x509_certificate(tanda_tangan.bahan_demo()[0])
    assert "CA Demo Mutasi ASN" in cert.subject.rfc4514_string()
    assert b"PRIVATE KEY" not in pem


def test_a_missing_key_file_is_a_message_not_an_error(
    terbit, pejabat, login, settings, tmp_path, django_capture_on_commit_callbacks
):
    sk = terbit(1)
    settings.SK_TTE, settings.SK_TTE_P12 = "p12", str(tmp_path / "hilang.p12")
    client = login(pejabat)
    response = sign_page(client, sk, django_capture_on_commit_callbacks, passphrase="apa-saja")
    assert "tidak dapat dibaca" in client.get(response.url).content.decode()
    assert not sk.ditandatangani
