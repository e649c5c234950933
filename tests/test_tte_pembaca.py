"""A standard PDF reader's view of a signed letter: poppler's ``pdfsig`` (the signature
validator of Evince, Okular and the other poppler readers), with the demo CA trusted in an NSS
database, says the signature of a published letter and its petikan is valid, made by the
official, and covers the whole file; and says a tampered copy or an unsigned file is not. An
SPMT the receiving head signs reads as theirs.

pdfsig checks the certificate on the clock of its own process, not the suite's frozen day, so
it runs under ``faketime`` at the suite's moment. Without poppler-utils, libnss3-tools or
faketime these tests are skipped on a laptop; in CI (``CI`` set) they fail instead.
"""

import datetime
import os
import re
import shutil
import subprocess

import pytest
import time_machine
from django.utils import timezone

from mutasi.models import Petikan, Spmt, SuratKeputusan
from mutasi.sk import tanda_tangan, ttd
from tests.factories import terbitkan_sk
from tests.test_sk import draft, make_approved
from tests.test_sk_spmt import kepala, pindah, post_spmt  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

ALAT = ("pdfsig", "certutil", "faketime")


@pytest.fixture
def pdfsig(tmp_path):
    """Runs pdfsig on a PDF with the demo CA trusted, at the suite's moment; its output."""
    missing = [tool for tool in ALAT if shutil.which(tool) is None]
    if missing and not os.environ.get("CI"):
        pytest.skip(
            f"{', '.join(missing)} not found: apt-get install poppler-utils libnss3-tools faketime"
        )
    assert not missing, f"{missing} not found, and CI is set: the reader check must run in CI"
    nss = tmp_path / "nss"
    nss.mkdir()
    ca = tmp_path / "ca.pem"
    ca.write_bytes(tanda_tangan.bahan_demo()[0])
    subprocess.run(["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"], check=True)
    subprocess.run(
        ["certutil", "-A", "-d", f"sql:{nss}", "-n", "CA Demo", "-t", "CT,C,C", "-i", ca],
        check=True,
    )

    def run(data: bytes) -> str:
        path = tmp_path / "surat.pdf"
        path.write_bytes(data)
        moment = timezone.now().astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")
        result = subprocess.run(
            ["faketime", "-f", f"@{moment}", "pdfsig", "-nssdir", f"sql:{nss}", path],
            capture_output=True,
            text=True,
            env={**os.environ, "TZ": "UTC"},
            timeout=60,
        )
        return result.stdout + result.stderr

    return run


@pytest.fixture
def signed(operator_bkd, pejabat, django_capture_on_commit_callbacks):
    """A letter of two employees, published and signed the way the official does."""
    sk = draft(operator_bkd, make_approved(operator_bkd, 2))
    with django_capture_on_commit_callbacks(execute=True):
        terbitkan_sk(sk.pk, pejabat)
    unsigned = SuratKeputusan.objects.get(pk=sk.pk).berkas.read()
    ttd.tandatangani(sk.pk, pejabat, passphrase="mutasi-demo")
    sk = SuratKeputusan.objects.get(pk=sk.pk)
    return sk, unsigned, sk.berkas.read()


def covered(output: str, size: int) -> bool:
    """Whether pdfsig's signed ranges are the whole file but the signature's own bytes."""
    ranges = [tuple(map(int, r)) for r in re.findall(r"\[(\d+) - (\d+)\]", output)]
    return len(ranges) == 2 and ranges[0][0] == 0 and ranges[1][1] == size


def test_the_reader_finds_the_letter_signed_by_the_official_and_whole(signed, pdfsig):
    _sk, _unsigned, data = signed
    output = pdfsig(data)
    assert "Signature Field Name: TTE" in output
    assert "Signer Certificate Common Name: Pejabat Penetap (sertifikat demo)" in output
    assert "Signature Validation: Signature is Valid." in output
    assert "Certificate Validation: Certificate is Trusted." in output
    assert "Total document signed" in output
    assert covered(output, len(data))


def test_the_reader_finds_every_petikan_signed_too(signed, pdfsig):
    sk, _unsigned, _data = signed
    extracts = list(Petikan.objects.filter(baris__sk=sk))
    assert len(extracts) == 2
    for item in extracts:
        output = pdfsig(item.berkas.read())
        assert "Signature is Valid." in output and "Certificate is Trusted." in output


def test_the_reader_reports_a_tampered_copy(signed, pdfsig):
    _sk, _unsigned, data = signed
    tampered = bytearray(data)
    start = data.index(b"stream", 200) + 40  # inside the first content stream: signed bytes
    tampered[start] ^= 0x01
    output = pdfsig(bytes(tampered))
    assert "Signature is Valid." not in output
    assert "Signature Validation: Digest Mismatch." in output


def test_the_reader_reports_an_unsigned_file(signed, pdfsig):
    _sk, unsigned, _data = signed
    assert "does not contain any signatures" in pdfsig(unsigned)


def test_the_reader_does_not_trust_another_ca(signed, pdfsig):
    _sk, unsigned, _data = signed
    other = tanda_tangan.buat_sertifikat("lain", "Pemalsu", demo=False)
    forged = tanda_tangan.PenandaP12(other.p12).tandatangani([unsigned], passphrase="lain")[0]
    output = pdfsig(forged)
    assert "Signature is Valid." in output  # intact, but by whom?
    assert "Certificate is Trusted." not in output
    assert "Signer Certificate Common Name: Pemalsu" in output


def test_the_reader_finds_the_spmt_signed_by_the_receiving_head(
    pindah,  # noqa: F811
    kepala,  # noqa: F811
    login,
    pdfsig,
):
    sk, usulan, _akun = pindah
    tmt = sk.baris.get().tmt
    with time_machine.travel(tmt + datetime.timedelta(days=1), tick=True):
        post_spmt(login(kepala), sk, usulan, tmt)
        output = pdfsig(Spmt.objects.get().berkas.read())
    assert "Signer Certificate Common Name: Dr. Rina Kartika (sertifikat demo)" in output
    assert "Signature is Valid." in output and "Certificate is Trusted." in output
    assert "Total document signed" in output
