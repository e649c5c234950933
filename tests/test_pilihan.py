"""``mutasi.lib.pilihan.label``: the label ``get_FOO_display()`` shows, translated once."""

import pytest
from django.utils import translation

from instansi.choices import RumpunJabatan
from mutasi.ketentuan.choices import KunciKetentuan
from mutasi.lib.pilihan import label, nama
from mutasi.models import Usulan
from mutasi.usulan.choices import JenisMutasi, StatusUsulan
from pegawai.choices import Golongan, JenisAsn, PredikatSkp
from pegawai.models import Pegawai, Skp


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_label_is_what_get_display_shows(language):
    with translation.override(language):
        for status in [*StatusUsulan.values, "tidak_ada", ""]:
            usulan = Usulan(status=status)
            assert label(usulan, "status") == usulan.get_status_display()
        for jenis in [*JenisMutasi.values, "lain"]:
            usulan = Usulan(jenis=jenis)
            assert label(usulan, "jenis") == usulan.get_jenis_display()
        for predikat in [*PredikatSkp.values, 9, None]:
            skp = Skp(predikat=predikat)
            assert label(skp, "predikat") == skp.get_predikat_display()


@pytest.mark.parametrize("language", ["id", "en"])
def test_nama_is_the_label_of_the_choice(language):
    with translation.override(language):
        for choices in (KunciKetentuan, RumpunJabatan, PredikatSkp):
            for value in choices.values:
                assert nama(choices, value) == str(choices(value).label)
                assert type(nama(choices, value)) is str


def test_a_models_own_get_display_is_kept():
    # Pegawai writes its own get_golongan_display: "PPPK IX" for a PPPK.
    pppk = Pegawai(jenis_asn=JenisAsn.PPPK, golongan_pppk=9)
    assert label(pppk, "golongan") == pppk.get_golongan_display() == "PPPK IX"
    assert label(Pegawai(golongan=Golongan.III_C), "golongan") == "III/c"


def test_a_label_is_plain_text_of_the_value():
    skp = Skp(predikat=PredikatSkp.SANGAT_BAIK)
    assert label(skp, "predikat") == "Sangat Baik"
    assert type(label(skp, "predikat")) is str
    assert label(Skp(predikat=None), "predikat") is None
