"""Electronic signature with a key that never leaves an HSM (``SK_TTE=pkcs11``): SoftHSM2 plays
the HSM. The letter is signed through the signing page and checked by the project's verifier;
a wrong PIN or a missing token says so and signs nothing.

SoftHSM2 (Debian ``softhsm2``) is needed: without it these tests are skipped, except in CI
(``CI`` set), where they fail."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from django.urls import reverse

from mutasi.models import AuditLog, Petikan
from mutasi.sk import periksa_tte, tanda_tangan
from tests import test_sk_tte
from tests.test_sk_tte import sign_page

pytestmark = pytest.mark.django_db
terbit = test_sk_tte.terbit  # the fixture: a published letter, not yet signed

MODUL = Path("/usr/lib/softhsm/libsofthsm2.so")
TOKEN, KUNCI, PIN = "BKD-TTE", "pejabat-penetap", "Pin-Token-2468"

if not (MODUL.exists() and shutil.which("softhsm2-util")):
    if os.environ.get("CI"):
        pytest.fail(
            f"{MODUL} or softhsm2-util not found, and CI is set: HSM tests must run in CI",
            pytrace=False,
        )
    pytest.skip(f"{MODUL} not found: apt-get install softhsm2", allow_module_level=True)


@pytest.fixture(scope="session")
def hsm(tmp_path_factory):
    """A SoftHSM2 token holding a signer's key and certificate issued by a test CA; the CA's
    certificate file to trust. A PKCS#11 module is loaded once per process and reads its
    configuration then, so the token is made once, before anything loads it."""
    import pkcs11
    from pkcs11 import Attribute
    from pkcs11.util.rsa import decode_rsa_private_key
    from pkcs11.util.x509 import decode_x509_certificate

    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", TOKEN]
        + ["--pin", PIN, "--so-pin", "So-Pin-1357"],
        check=True,
        capture_output=True,
    )
    bahan = tanda_tangan.buat_sertifikat("tidak-dipakai", "Gubernur Asemrowo", demo=False)
    key, cert, _ca = serialization.pkcs12.load_key_and_certificates(bahan.p12, b"tidak-dipakai")
    der_key = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    token = pkcs11.lib(str(MODUL)).get_token(token_label=TOKEN)
    with token.open(rw=True, user_pin=PIN) as session:
        common = {Attribute.TOKEN: True, Attribute.LABEL: KUNCI, Attribute.ID: b"\x01"}
        session.create_object(
            {
                **decode_rsa_private_key(der_key),
                **common,
                Attribute.SIGN: True,
                Attribute.SENSITIVE: True,
                Attribute.EXTRACTABLE: False,
            }
        )
        session.create_object(
            {**decode_x509_certificate(cert.public_bytes(serialization.Encoding.DER)), **common}
        )
    (folder / "akar.pem").write_bytes(bahan.ca_pem)
    return folder / "akar.pem"


@pytest.fixture
def tte_hsm(hsm, settings):
    settings.SK_TTE = "pkcs11"
    settings.SK_TTE_PKCS11_MODUL, settings.SK_TTE_PKCS11_TOKEN = str(MODUL), TOKEN
    settings.SK_TTE_PKCS11_KUNCI = settings.SK_TTE_PKCS11_SERTIFIKAT = KUNCI
    settings.SK_TTE_AKAR = [str(hsm)]


def test_the_official_signs_with_the_key_in_the_hsm(
    tte_hsm, terbit, pejabat, login, django_capture_on_commit_callbacks
):
    sk = terbit(1)
    client = login(pejabat)
    response = sign_page(client, sk, django_capture_on_commit_callbacks, passphrase=PIN)
    assert response.status_code == 302
    assert sk.ditandatangani and sk.ditandatangani_oleh == pejabat
    assert sk.tte["jenis"] == "pkcs11" and not sk.tte["demo"]
    hasil = periksa_tte.periksa(sk.berkas.read())
    assert hasil.sah and hasil.penanda == "Gubernur Asemrowo"
    assert hasil.penerbit == "CA Demo Mutasi ASN"
    extract = Petikan.objects.get(baris__sk=sk)
    assert periksa_tte.periksa(extract.berkas.read()).penanda == "Gubernur Asemrowo"
    assert AuditLog.objects.get(action="mutasi.sk.ditandatangani").data["jenis"] == "pkcs11"


@pytest.mark.parametrize(
    ("setting", "pin", "pesan"),
    [
        ({}, "Pin-Salah-000", "PIN salah: token HSM tidak dapat dibuka."),
        ({"SK_TTE_PKCS11_TOKEN": "TOKEN-LAIN"}, PIN, "Token HSM TOKEN-LAIN tidak ditemukan"),
        ({"SK_TTE_PKCS11_KUNCI": "kunci-lain"}, PIN, "Kunci atau sertifikat kunci-lain tidak ada"),
    ],
)
def test_a_wrong_pin_a_missing_token_or_key_signs_nothing(
    tte_hsm,
    terbit,
    pejabat,
    login,
    django_capture_on_commit_callbacks,
    settings,
    setting,
    pin,
    pesan,
):
    for name, value in setting.items():
        setattr(settings, name, value)
    sk = terbit(1)
    before = (sk.sha256, sk.berkas.name)
    client = login(pejabat)
    response = sign_page(client, sk, django_capture_on_commit_callbacks, passphrase=pin)
    assert response.status_code == 302
    assert pesan in client.get(response.url).content.decode()
    assert not sk.ditandatangani and (sk.sha256, sk.berkas.name) == before
    assert not Petikan.objects.filter(baris__sk=sk, ditandatangani_pada__isnull=False).exists()
    log = AuditLog.objects.get(action="mutasi.sk.ttd_gagal")
    assert log.data["jenis"] == "pkcs11" and pin not in str(log.data)


def test_the_signing_form_asks_for_the_tokens_pin_only(tte_hsm, terbit, pejabat, login):
    sk = terbit(1)
    page = login(pejabat).get(sk.get_absolute_url()).content.decode()
    assert 'name="passphrase"' in page and 'name="nik"' not in page
    assert "PIN token HSM" in page and "Passphrase" not in page
    assert reverse("mutasi:sk_tandatangani", args=[sk.pk]) in page
