"""Forms of the proposal pages, one module per feature: choosing a formasi and an employee
(``pilihan``), the proposal itself (``usulan``), the small forms of each action (``aksi``)
and moves across governments (``antar_instansi``). Import them from here."""

from mutasi.usulan.forms.aksi import (
    CatatanForm,
    CatatanWajibForm,
    PengecualianForm,
    PeriksaDokumenForm,
    PutusanPengecualianForm,
    SikapForm,
    UnggahForm,
)
from mutasi.usulan.forms.antar_instansi import PertekForm, SkLuarForm, UsulanMasukForm
from mutasi.usulan.forms.pilihan import (
    BATAS_SARAN,
    BATAS_SARAN_GALAT,
    FormasiChoiceField,
    PegawaiChoiceField,
    cari_nip,
    cari_pegawai,
    dapat_diusulkan,
    formasi_pilihan,
    masalah_nip,
    seperti_nama,
)
from mutasi.usulan.forms.usulan import DALAM_PEMDA, UsulanForm

__all__ = [
    "BATAS_SARAN",
    "BATAS_SARAN_GALAT",
    "DALAM_PEMDA",
    "CatatanForm",
    "CatatanWajibForm",
    "FormasiChoiceField",
    "PegawaiChoiceField",
    "PengecualianForm",
    "PeriksaDokumenForm",
    "PertekForm",
    "PutusanPengecualianForm",
    "SikapForm",
    "SkLuarForm",
    "UnggahForm",
    "UsulanForm",
    "UsulanMasukForm",
    "cari_nip",
    "cari_pegawai",
    "dapat_diusulkan",
    "formasi_pilihan",
    "masalah_nip",
    "seperti_nama",
]
