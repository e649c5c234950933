"""Electronic signature (TTE) of letters as PAdES: one small interface, four signers.

``penanda()`` gives the signer the settings name (``SK_TTE``):

- ``PenandaP12``: a PKCS#12 key held by the region (its own CA, or an HSM export), unlocked
  by the passphrase the official types when signing; signed here with pyHanko.
- ``PenandaPkcs11``: a key that never leaves an HSM or smart card, reached through its
  PKCS#11 module; the passphrase the official types is the token's user PIN.
- the demo: a ``PenandaP12`` with a demo CA and signer certificate the app makes under
  MEDIA_ROOT (``tte-demo/``, passphrase ``mutasi-demo``); the letter says it is a demo one.
- ``PenandaBsre``: a BSrE-style signing service: the PDF, the signer's NIK and passphrase are
  sent, the signed PDF comes back (the key never leaves the service).

The passphrase is an argument of one call and nothing else: it is not stored, logged or
queued (a task's arguments are kept in the database), which is why a letter is signed in the
request of the official who types it, never in the background (``mutasi.sk.ttd``).
"""

import datetime
import functools
import io
import json
import os
import secrets
import tempfile
import urllib.error
import urllib.request
from base64 import b64encode
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

DEMO_SANDI = "mutasi-demo"
DEMO_DIR = "tte-demo"
# The signature field every letter and extract carries.
NAMA_FIELD = "TTE"


class GagalTandaTangan(Exception):
    """Signing did not happen (wrong passphrase, service refused or unreachable); the
    message is for the official and says what to do."""


class Penanda:
    """Signs PDFs. ``butuh_nik``: the service needs the signer's NIK besides the passphrase."""

    jenis = ""
    butuh_nik = False
    demo = False

    def tandatangani(self, dokumen: list[bytes], *, passphrase: str, nik: str = "", **info):
        """Each PDF of ``dokumen`` signed, in order; all or nothing."""
        raise NotImplementedError


# --- Local PKCS#12 ---------------------------------------------------------------------------


class PenandaP12(Penanda):
    """A PKCS#12 key file; the passphrase unlocks it for this call only."""

    jenis = "p12"

    def __init__(self, berkas: bytes, *, demo: bool = False):
        self.berkas = berkas
        self.demo = demo
        if demo:
            self.jenis = "demo"

    def _signer(self, passphrase: str):
        from pyhanko.sign import signers

        if not passphrase:
            raise GagalTandaTangan(_("Masukkan passphrase sertifikat elektronik Anda."))
        try:
            return signers.SimpleSigner.load_pkcs12_data(
                self.berkas, other_certs=None, passphrase=passphrase.encode()
            )
        except ValueError:
            raise GagalTandaTangan(
                _("Passphrase salah: kunci sertifikat elektronik tidak dapat dibuka.")
            ) from None

    def tandatangani(self, dokumen, *, passphrase, nik="", alasan="", lokasi="", **info):
        return _pades(self._signer(passphrase), dokumen, alasan, lokasi)


def _pades(signer, dokumen, alasan, lokasi):
    """Each PDF of ``dokumen`` signed by pyHanko's ``signer`` in the field every letter has."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields, signers

    timestamper = stempel_waktu()
    meta = signers.PdfSignatureMetadata(
        field_name=NAMA_FIELD,
        reason=alasan or None,
        location=lokasi or None,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    hasil = []
    for data in dokumen:
        try:
            writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
            out = signers.sign_pdf(writer, meta, signer=signer, timestamper=timestamper)
        except (PdfError, ValueError, KeyError, TypeError) as error:
            raise GagalTandaTangan(
                _("Berkas PDF tidak dapat ditandatangani (%(e)s); buat ulang PDF-nya.")
                % {"e": type(error).__name__}
            ) from None
        hasil.append(out.getvalue())
    return hasil


# --- A key in an HSM (PKCS#11) ------------------------------------------------------------------


class PenandaPkcs11(Penanda):
    """A key in a PKCS#11 token (an HSM, a smart card): the PDF's digest goes to the token,
    the signature comes back, the key stays inside. The passphrase is the token's user PIN,
    which opens a session for this call only."""

    jenis = "pkcs11"

    def __init__(self, modul: str, token: str, kunci: str, sertifikat: str = ""):
        self.modul, self.token, self.kunci = modul, token, kunci
        self.sertifikat = sertifikat or kunci

    def tandatangani(self, dokumen, *, passphrase, nik="", alasan="", lokasi="", **info):
        from pkcs11 import exceptions as p11
        from pyhanko.config.errors import ConfigurationError
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.sign.general import SigningError
        from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

        if not passphrase:
            raise GagalTandaTangan(_("Masukkan PIN token HSM Anda."))
        try:
            session = open_pkcs11_session(
                self.modul, token_criteria=TokenCriteria(label=self.token), user_pin=passphrase
            )
        except (p11.PinIncorrect, p11.PinInvalid, p11.PinLenRange):
            raise GagalTandaTangan(_("PIN salah: token HSM tidak dapat dibuka.")) from None
        except p11.PinLocked:
            raise GagalTandaTangan(_("PIN token HSM terkunci; hubungi admin.")) from None
        except (RuntimeError, OSError):  # no such module or token (p11.PKCS11Error among them)
            raise GagalTandaTangan(
                _("Token HSM %(t)s tidak ditemukan atau tidak dapat dibuka; hubungi admin.")
                % {"t": self.token}
            ) from None
        try:
            signer = PKCS11Signer(session, key_label=self.kunci, cert_label=self.sertifikat)
            return _pades(signer, dokumen, alasan, lokasi)
        except (RuntimeError, SigningError, ConfigurationError):
            raise GagalTandaTangan(
                _(
                    "Kunci atau sertifikat %(k)s tidak ada di token HSM, atau token menolak "
                    "menandatangani; hubungi admin."
                )
                % {"k": self.kunci}
            ) from None
        finally:
            session.close()


def stempel_waktu():
    """The time-stamping authority of ``SK_TTE_TSA`` (RFC 3161 over HTTP), or None."""
    if not settings.SK_TTE_TSA:
        return None
    from pyhanko.sign.timestamps import HTTPTimeStamper

    return HTTPTimeStamper(settings.SK_TTE_TSA, timeout=settings.SK_TTE_BATAS_DETIK)


# --- The demo certificate --------------------------------------------------------------------


@dataclass
class Bahan:
    """A CA and a signer's key and certificate issued by it."""

    ca_pem: bytes
    p12: bytes
    ca: object  # cryptography's Certificate
    ca_key: object
    cert: object


def _nama_x509(cn: str, demo: bool):
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, settings.NAMA_INSTANSI[:64]),
            x509.NameAttribute(
                NameOID.ORGANIZATIONAL_UNIT_NAME, "DEMO - tidak sah" if demo else "TTE"
            ),
            x509.NameAttribute(NameOID.COMMON_NAME, cn[:64]),
        ]
    )


def _pemakaian(ca: bool):
    from cryptography import x509

    return x509.KeyUsage(
        digital_signature=not ca,
        content_commitment=not ca,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def terbitkan_sertifikat(ca, ca_key, penanda: str, sandi: str, *, demo: bool = True):
    """A signer's key and certificate issued by ``ca``: the certificate and a PKCS#12 of
    both (with the CA) locked with ``sandi``."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import ExtendedKeyUsageOID

    now = datetime.datetime.now(datetime.UTC)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_nama_x509(penanda, demo))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=400))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_pemakaian(False), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    p12 = pkcs12.serialize_key_and_certificates(
        b"penanda", key, cert, [ca], serialization.BestAvailableEncryption(sandi.encode())
    )
    return cert, p12


def buat_sertifikat(
    sandi: str, penanda: str = "Pejabat Penetap (sertifikat demo)", *, demo: bool = True
) -> Bahan:
    """A new CA and signer certificate, the key in a PKCS#12 locked with ``sandi``: the
    demo's, and the tests' (which also revoke it)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    now = datetime.datetime.now(datetime.UTC)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = _nama_x509("CA Demo Mutasi ASN", demo)
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=400))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_pemakaian(True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    cert, p12 = terbitkan_sertifikat(ca, ca_key, penanda, sandi, demo=demo)
    return Bahan(ca.public_bytes(serialization.Encoding.PEM), p12, ca, ca_key, cert)


@functools.lru_cache(maxsize=1)
def _bahan_demo() -> tuple[bytes, bytes, bytes]:
    """The demo CA (PEM), signer PKCS#12 and CA key (PEM, locked with the demo passphrase),
    made once per process."""
    from cryptography.hazmat.primitives import serialization

    bahan = buat_sertifikat(DEMO_SANDI)
    ca_key = bahan.ca_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(DEMO_SANDI.encode()),
    )
    return bahan.ca_pem, bahan.p12, ca_key


def demo_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / DEMO_DIR


def bahan_demo() -> tuple[bytes, bytes]:
    """The demo CA and signer key of this installation, made on first use and kept, so that
    letters signed yesterday still verify tomorrow."""
    folder = demo_dir()
    if not (folder / "ca.pem").exists():
        folder.parent.mkdir(parents=True, exist_ok=True)
        ca, p12, ca_key = _bahan_demo()
        # Written aside and renamed into place: two processes racing keep one pair.
        tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".tte-"))
        (tmp / "penanda.p12").write_bytes(p12)
        (tmp / "ca-kunci.pem").write_bytes(ca_key)
        (tmp / "ca.pem").write_bytes(ca)
        try:
            os.rename(tmp, folder)
        except OSError:
            for f in tmp.iterdir():
                f.unlink()
            tmp.rmdir()
    return (folder / "ca.pem").read_bytes(), (folder / "penanda.p12").read_bytes()


def penanda_demo(nama: str) -> "PenandaP12":
    """A demo signer in ``nama``'s own name, its certificate issued by this installation's
    demo CA (a head of agency signing an SPMT): it verifies like the official's."""
    ca_pem, _p12 = bahan_demo()
    try:
        ca_key = (demo_dir() / "ca-kunci.pem").read_bytes()
    except OSError:
        # A demo folder made before heads signed keeps no CA key: delete it to start afresh.
        raise GagalTandaTangan(
            _("CA demo ini tidak dapat menerbitkan sertifikat baru; hubungi admin.")
        ) from None
    return PenandaP12(_p12_demo(ca_pem, ca_key, nama), demo=True)


@functools.lru_cache(maxsize=16)
def _p12_demo(ca_pem: bytes, ca_key_pem: bytes, nama: str) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    ca = x509.load_pem_x509_certificate(ca_pem)
    ca_key = serialization.load_pem_private_key(ca_key_pem, DEMO_SANDI.encode())
    return terbitkan_sertifikat(ca, ca_key, f"{nama} (sertifikat demo)", DEMO_SANDI)[1]


# --- BSrE-style signing service --------------------------------------------------------------


class PenandaBsre(Penanda):
    """A remote signing service in the way of BSrE's: ``POST {url}/api/sign/pdf`` with the
    PDF, the signer's NIK and passphrase (multipart), the app's own account in HTTP Basic
    auth; the answer is the signed PDF, or JSON ``{"error": "..."}``."""

    jenis = "bsre"
    butuh_nik = True

    def __init__(self, url: str, pengguna: str = "", sandi: str = "", batas: int = 60):
        self.url, self.pengguna, self.sandi, self.batas = url, pengguna, sandi, batas

    def tandatangani(self, dokumen, *, passphrase, nik="", **info):
        if not passphrase:
            raise GagalTandaTangan(_("Masukkan passphrase sertifikat elektronik Anda."))
        if not (nik.isdigit() and len(nik) == 16):
            raise GagalTandaTangan(_("NIK penandatangan harus 16 angka."))
        return [self._satu(data, nik, passphrase) for data in dokumen]

    def _satu(self, data: bytes, nik: str, passphrase: str) -> bytes:
        body, content_type = _multipart(
            {"nik": nik, "passphrase": passphrase, "tampilan": "invisible"},
            {"file": ("surat.pdf", data, "application/pdf")},
        )
        request = urllib.request.Request(f"{self.url}/api/sign/pdf", data=body, method="POST")
        request.add_header("Content-Type", content_type)
        if self.pengguna:
            token = b64encode(f"{self.pengguna}:{self.sandi}".encode()).decode()
            request.add_header("Authorization", f"Basic {token}")
        try:
            with urllib.request.urlopen(request, timeout=self.batas) as response:  # noqa: S310
                answer = response.read()
        except urllib.error.HTTPError as error:
            raise GagalTandaTangan(
                _("Layanan TTE menolak permintaan: %(p)s") % {"p": _pesan(error.read())}
            ) from None
        except (urllib.error.URLError, TimeoutError, OSError):
            raise GagalTandaTangan(
                _("Layanan TTE tidak dapat dihubungi. Coba lagi beberapa saat lagi.")
            ) from None
        if not answer.startswith(b"%PDF"):
            raise GagalTandaTangan(
                _("Layanan TTE tidak mengembalikan PDF: %(p)s") % {"p": _pesan(answer)}
            )
        return answer


def _pesan(body: bytes) -> str:
    try:
        data = json.loads(body)
    except ValueError:
        return body[:200].decode("utf-8", "replace") or _("tanpa keterangan")
    if isinstance(data, dict):
        return str(data.get("error") or data.get("message") or data)[:300]
    return str(data)[:300]


def _multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = "----mutasi" + secrets.token_hex(12)
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.write(str(value).encode() + b"\r\n")
    for name, (filename, data, ctype) in files.items():
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {ctype}\r\n\r\n'.encode()
        )
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


# --- Choosing ---------------------------------------------------------------------------------


def penanda() -> Penanda:
    """The signer the settings name."""
    if settings.SK_TTE == "bsre":
        return PenandaBsre(
            settings.SK_TTE_URL,
            settings.SK_TTE_PENGGUNA,
            settings.SK_TTE_SANDI,
            settings.SK_TTE_BATAS_DETIK,
        )
    if settings.SK_TTE == "pkcs11":
        return PenandaPkcs11(
            settings.SK_TTE_PKCS11_MODUL,
            settings.SK_TTE_PKCS11_TOKEN,
            settings.SK_TTE_PKCS11_KUNCI,
            settings.SK_TTE_PKCS11_SERTIFIKAT,
        )
    if settings.SK_TTE == "p12":
        try:
            return PenandaP12(Path(settings.SK_TTE_P12).read_bytes())
        except OSError:
            raise GagalTandaTangan(
                _("Berkas kunci sertifikat elektronik tidak dapat dibaca; hubungi admin.")
            ) from None
    return PenandaP12(bahan_demo()[1], demo=True)


def penanda_spmt(nama: str) -> Penanda | None:
    """Who signs a head's SPMT: the head's own certificate (in the demo one issued in their
    name by the demo CA; with a BSrE-style service the head's, by their NIK). A region's one
    PKCS#12 (``p12``) or HSM token (``pkcs11``) holds the official's key, not the head's: then
    None, and the SPMT is signed on paper."""
    if settings.SK_TTE in ("p12", "pkcs11"):
        return None
    if settings.SK_TTE == "bsre":
        return penanda()
    return penanda_demo(nama)


def penanda_demo_aktif() -> bool:
    return settings.SK_TTE == "demo"


def spmt_bertanda_tangan() -> bool:
    """Whether a head signs the SPMT electronically (the form asks for the passphrase)."""
    return settings.SK_TTE not in ("p12", "pkcs11")


def penanda_pin() -> bool:
    """Whether the signer types a token's PIN (an HSM) rather than a passphrase."""
    return settings.SK_TTE == "pkcs11"


def penanda_butuh_nik() -> bool:
    """Whether the signing form asks for the NIK (without reading any key file)."""
    return settings.SK_TTE == "bsre"


def catatan_tte() -> str:
    """The sentence printed on every page of a signed letter."""
    if settings.SK_TTE == "demo":
        return _(
            "Dokumen ini ditandatangani secara elektronik dengan sertifikat DEMO yang dibuat "
            "aplikasi Mutasi ASN, bukan sertifikat BSrE: tidak sah untuk keperluan resmi."
        )
    return settings.SK_TTE_CATATAN
