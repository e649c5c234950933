"""The eligibility checklist of a proposal (docs/domain.md §4), computed from the data.

Each rule passes or fails, with the fact behind it. What a failure does is the rule's level
(``MUTASI_TINGKAT_SYARAT``): ``blokir`` stops the proposal (``gagal``) unless an exception was
asked for by one person and granted by another, ``tinjau`` asks for review, ``info`` only
informs. Some rules are never waivable (``TIDAK_DAPAT_DIKECUALIKAN``). Thresholds are settings
(``MUTASI_*``). The services re-check the list at every decision and store it as it stood
(``mutasi.usulan.jejak``).

The thresholds may also be set in the app, by scope and from an effective date, and the
region may add extra rules (``mutasi.ketentuan``): ``periksa`` reads what is in force and each
line that depends on one names the version applied (``Syarat.ketentuan``).

One module per part: what a line is (``syarat``), the rules' arithmetic (``predikat``), the
checklist and its general rules (``periksa``), the settings in force and the region's extra
rules (``daerah``) and the PPPK rules (``pppk``). Import from here.
"""

from mutasi.usulan.eligibility.daerah import ketentuan_usulan
from mutasi.usulan.eligibility.periksa import (
    DARI_DOKUMEN_ASAL,
    SYARAT_JABATAN_TUJUAN,
    SYARAT_PELAKSANAAN,
    kursi_usulan,
    menghalangi,
    periksa,
    periksa_jabatan_tujuan,
    periksa_pegawai,
)
from mutasi.usulan.eligibility.pppk import SYARAT_PPPK
from mutasi.usulan.eligibility.predikat import (
    RUMPUN_UMUM,
    asal_terlindungi,
    golongan_memenuhi,
    ikatan_dinas_berlaku,
    kelas_memenuhi,
    masa_jabatan_memenuhi,
    pegawai_terhalang,
    pendidikan_memenuhi,
    pensiun_memenuhi,
    serumpun,
    setara,
    skp_gagal,
    skp_kurang,
    tahun_skp,
    tmt_pensiun,
)
from mutasi.usulan.eligibility.syarat import (
    BLOKIR,
    GAGAL,
    INFO,
    LULUS,
    NAMA_ATURAN_DAERAH,
    NAMA_SYARAT,
    SEBELUM_PUTUSAN,
    TIDAK_DAPAT_DIKECUALIKAN,
    TINJAU,
    Syarat,
    _jenis_jenjang,
    lama,
    memblokir,
    tahun_penuh,
)

__all__ = [
    "SYARAT_PPPK",
    "ketentuan_usulan",
    "BLOKIR",
    "DARI_DOKUMEN_ASAL",
    "GAGAL",
    "INFO",
    "LULUS",
    "NAMA_ATURAN_DAERAH",
    "NAMA_SYARAT",
    "RUMPUN_UMUM",
    "SEBELUM_PUTUSAN",
    "SYARAT_JABATAN_TUJUAN",
    "SYARAT_PELAKSANAAN",
    "Syarat",
    "TIDAK_DAPAT_DIKECUALIKAN",
    "TINJAU",
    "_jenis_jenjang",
    "asal_terlindungi",
    "golongan_memenuhi",
    "ikatan_dinas_berlaku",
    "kelas_memenuhi",
    "ketentuan_usulan",
    "kursi_usulan",
    "lama",
    "masa_jabatan_memenuhi",
    "memblokir",
    "menghalangi",
    "pegawai_terhalang",
    "pendidikan_memenuhi",
    "pensiun_memenuhi",
    "periksa",
    "periksa_jabatan_tujuan",
    "periksa_pegawai",
    "serumpun",
    "setara",
    "skp_gagal",
    "skp_kurang",
    "tahun_penuh",
    "tahun_skp",
    "tmt_pensiun",
]
