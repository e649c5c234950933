"""Checking the electronic signature in a PDF: what was checked, and what was found.

Four questions, each answered on its own so the verification page can say plainly what it
did: is there a signature; is the signed content intact and is nothing added after it; does
the signer's certificate chain to a trusted root (``SK_TTE_AKAR``, plus the demo CA in demo
mode); is the certificate revoked — answered only where revocation data is at hand (the CRL
files in ``SK_TTE_CRL``, or fetched online when ``SK_TTE_DARING`` is on), otherwise said to be
unchecked rather than guessed.
"""

import datetime
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

# pyHanko logs every untrusted path at ERROR with a traceback; the result says it already.
logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)


@dataclass
class HasilTTE:
    terbaca: bool = True  # a PDF that could be read
    ada: bool = False  # it holds an electronic signature
    utuh: bool = False  # the signed bytes are unchanged and the signature is correct
    seluruh: bool = False  # the signature covers the file (nothing but validation data after)
    dipercaya: bool = False  # the certificate chains to a configured root
    akar: list[str] = field(default_factory=list)  # the roots it was checked against
    pencabutan: str = "tidak_diperiksa"  # "tidak_dicabut", "dicabut" or "tidak_diperiksa"
    sumber_pencabutan: str = ""
    penanda: str = ""
    penerbit: str = ""
    nomor_seri: str = ""
    berlaku_sampai: datetime.datetime | None = None
    waktu: datetime.datetime | None = None  # the time the signer's software stated
    stempel_waktu: bool | None = None  # a TSA time-stamp: valid, invalid, or none
    demo: bool = False

    @property
    def sah(self) -> bool:
        return (
            self.ada
            and self.utuh
            and self.seluruh
            and self.dipercaya
            and self.pencabutan != "dicabut"
            and self.stempel_waktu is not False
        )

    def ringkas(self) -> dict:
        """What a letter keeps about its signature (JSON)."""
        return {
            "penanda": self.penanda,
            "penerbit": self.penerbit,
            "nomor_seri": self.nomor_seri,
            "berlaku_sampai": self.berlaku_sampai.isoformat() if self.berlaku_sampai else "",
            "stempel_waktu": self.stempel_waktu,
            "demo": self.demo,
        }


def _baca_sertifikat(data: bytes):
    from asn1crypto import pem, x509

    if pem.detect(data):
        return [x509.Certificate.load(der) for _t, _h, der in pem.unarmor(data, multiple=True)]
    return [x509.Certificate.load(data)]


def akar_tepercaya() -> list:
    roots = []
    for path in settings.SK_TTE_AKAR:
        roots += _baca_sertifikat(Path(path).read_bytes())
    if settings.SK_TTE == "demo":
        from mutasi.sk.tanda_tangan import bahan_demo

        roots += _baca_sertifikat(bahan_demo()[0])
    return roots


def akar_pem() -> str:
    """The trusted roots as PEM, for anyone to add to their PDF reader's trusted
    certificates (then the reader's signature panel says valid too)."""
    from asn1crypto import pem

    return "".join(
        pem.armor("CERTIFICATE", root.dump()).decode("ascii") for root in akar_tepercaya()
    )


def daftar_pencabutan() -> list:
    from asn1crypto import crl, pem

    lists = []
    for path in settings.SK_TTE_CRL:
        data = Path(path).read_bytes()
        if pem.detect(data):
            data = pem.unarmor(data)[2]
        lists.append(crl.CertificateList.load(data))
    return lists


def _nama(name) -> str:
    try:
        return name.native.get("common_name") or name.human_friendly
    except (AttributeError, ValueError):
        return ""


def periksa(data: bytes) -> HasilTTE:
    """The signature of the PDF ``data`` (the last one, if several), checked."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    hasil = HasilTTE()
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, TypeError, AttributeError):
        hasil.terbaca = False
        return hasil
    if not signatures:
        return hasil
    hasil.ada = True
    roots = akar_tepercaya()
    crls = daftar_pencabutan()
    hasil.akar = [_nama(root.subject) for root in roots]
    signature = signatures[-1]
    try:
        issuer = signature.signer_cert.issuer
    except (ValueError, KeyError, TypeError, AttributeError):
        return hasil
    # A certificate that names no CRL or OCSP address is checked against a configured CRL
    # of its issuer only when revocation data is required; without one, soft-fail.
    dengan_crl = any(c["tbs_cert_list"]["issuer"] == issuer for c in crls)
    context = ValidationContext(
        trust_roots=roots,
        crls=crls,
        allow_fetching=settings.SK_TTE_DARING,
        revocation_mode="require" if dengan_crl else "soft-fail",
    )
    try:
        status = validate_pdf_signature(signature, context)
    except (PdfError, ValueError, KeyError, TypeError):
        return hasil
    cert = status.signing_cert
    hasil.penanda = _nama(cert.subject)
    hasil.penerbit = _nama(cert.issuer)
    hasil.nomor_seri = format(cert.serial_number, "X")
    hasil.berlaku_sampai = cert["tbs_certificate"]["validity"]["not_after"].native
    hasil.demo = "DEMO" in (cert.subject.native.get("organizational_unit_name") or "")
    hasil.waktu = status.signer_reported_dt
    hasil.utuh = bool(status.intact and status.valid)
    level = getattr(status, "modification_level", None)
    # Bytes after the last "%%EOF" are no revision a reader would show, but they were added.
    ujung_bersih = data.rstrip().endswith(b"%%EOF")
    hasil.seluruh = ujung_bersih and (
        status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        or (
            status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
            and level is not None
            and level <= ModificationLevel.LTA_UPDATES
        )
    )
    hasil.dipercaya = bool(status.trusted)
    if status.timestamp_validity is not None:
        hasil.stempel_waktu = bool(status.timestamp_validity.valid)
    if status.revoked:
        hasil.pencabutan = "dicabut"
        hasil.dipercaya = False
    elif dengan_crl and hasil.dipercaya:
        hasil.pencabutan = "tidak_dicabut"
        hasil.sumber_pencabutan = _("daftar pencabutan (CRL) penerbit sertifikat")
    elif settings.SK_TTE_DARING and hasil.dipercaya:
        hasil.pencabutan = "tidak_dicabut"
        hasil.sumber_pencabutan = _("layanan OCSP/CRL penerbit, daring bila dapat dihubungi")
    return hasil
