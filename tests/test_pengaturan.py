"""Settings read from the environment fail loudly, naming the variable and what it takes."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from mutasi.lib import env

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("name", "value", "read", "message"),
    [
        ("EVALUASI_BULAN", "x,y", lambda: env.envints("EVALUASI_BULAN", [3]), "'x' is not an"),
        ("EVALUASI_BULAN", "6,6", lambda: env.envints("EVALUASI_BULAN", [3]), "twice"),
        ("EVALUASI_BULAN", "0,6", lambda: env.envints("EVALUASI_BULAN", [3]), "at least 1"),
        ("EVALUASI_BULAN", " , ", lambda: env.envints("EVALUASI_BULAN", [3]), "names no"),
        (
            "ABK_PEMBULATAN",
            "keatas",
            lambda: env.envchoice("ABK_PEMBULATAN", "ke_atas", {"ke_atas", "matematis"}),
            "must be one of ke_atas, matematis",
        ),
        ("BATAS_VERIFIKASI", "30", lambda: env.envrate("BATAS_VERIFIKASI", "30/m"), "60/m"),
        ("BATAS_VERIFIKASI", "0/m", lambda: env.envrate("BATAS_VERIFIKASI", "30/m"), "rate"),
        ("SK_SERI", "x" * 31, lambda: env.envtext("SK_SERI", "mutasi", 30), "1 to 30"),
        (
            "SK_NOMOR_POLA",
            "800/{nomor}/{tahun}",
            lambda: env.envtemplate("SK_NOMOR_POLA", "", {"urut", "tahun"}, {"urut", "tahun"}),
            "must use {tahun}, {urut}",
        ),
        (
            "SK_NOMOR_POLA",
            "800/{urut/{tahun}",
            lambda: env.envtemplate("SK_NOMOR_POLA", "", {"urut"}, {"urut", "tahun"}),
            "not a valid pattern",
        ),
    ],
)
def test_a_value_that_makes_no_sense_is_refused_by_name(monkeypatch, name, value, read, message):
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=name) as refused:
        read()
    assert message in str(refused.value)


def test_good_values_are_read(monkeypatch):
    monkeypatch.setenv("EVALUASI_BULAN", "12, 3,6")
    monkeypatch.setenv("BATAS_VERIFIKASI", "100/5m")
    monkeypatch.setenv("SK_NOMOR_POLA", "B-{urut}/{seri}/KPTS/{tahun}")
    assert env.envints("EVALUASI_BULAN", [1]) == [3, 6, 12]
    assert env.envrate("BATAS_VERIFIKASI", "30/m") == "100/5m"
    pola = env.envtemplate("SK_NOMOR_POLA", "", {"urut", "tahun"}, {"urut", "tahun", "seri"})
    assert pola.format(urut=7, seri="mutasi", tahun=2026) == "B-7/mutasi/KPTS/2026"


def test_the_app_does_not_start_with_a_bad_setting():
    """What an operator sees: the command stops with the variable named, not a traceback
    from deep inside the evaluation scheduler on the first move carried out."""
    environ = {**os.environ, "EVALUASI_BULAN": "3,enam"}
    environ.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: EVALUASI_BULAN: 'enam' is not an integer" in result.stderr


def test_a_role_setting_must_name_real_roles(settings):
    from pegawai.access import Role, roles_setting

    settings.WAJIB_2FA_PERAN = ["Pejabat Penetap", "Admin"]
    assert roles_setting("WAJIB_2FA_PERAN") == (Role.PEJABAT_PENETAP, Role.ADMIN)
    settings.WAJIB_2FA_PERAN = ["pejabat penetap"]  # a typo would silently drop 2FA
    with pytest.raises(ImproperlyConfigured, match="WAJIB_2FA_PERAN=.*must be one of"):
        roles_setting("WAJIB_2FA_PERAN")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"SK_TTE_PKCS11_TOKEN": "BKD"}, "SK_TTE=pkcs11 needs SK_TTE_PKCS11_MODUL"),
        (
            {"SK_TTE_PKCS11_TOKEN": "BKD", "SK_TTE_PKCS11_KUNCI": "pejabat"},
            "SK_TTE_PKCS11_MODUL: '/tidak/ada.so' is not a readable file",
        ),
    ],
)
def test_an_hsm_signer_needs_its_module_token_and_key(extra, message):
    environ = {**os.environ, "SK_TTE": "pkcs11", "SK_TTE_PKCS11_MODUL": "/tidak/ada.so", **extra}
    environ.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and message in result.stderr
