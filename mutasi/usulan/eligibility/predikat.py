"""The rules' arithmetic as plain predicates: the checklist calls them, and matching repeats them
for thousands of employees at once."""

import datetime

from django.conf import settings

from instansi.choices import JenisJabatan, RumpunJabatan
from mutasi.lib.settings_cache import settings_cached
from mutasi.usulan.eligibility.syarat import memblokir, tahun_penuh
from pegawai.choices import PredikatSkp
from pegawai.nip import add_years

# Matching (issue 7) checks thousands of employees before any proposal exists. It runs the
# same rule functions, split into what depends on the employee alone (once per employee) and
# what depends on the target jabatan; the two predicates below are the only arithmetic it
# repeats in bulk, and the rules themselves call them.


def golongan_memenuhi(golongan: int | None, minimal: int) -> bool:
    """A PPPK (no golongan/ruang) never passes: matching proposes PNS only, a PPPK's move is
    filed by hand within their agency."""
    return golongan is not None and golongan >= minimal


def setara(jenis_asal, jenjang_asal, jenis_tujuan, jenjang_tujuan) -> bool:
    """The same kind of post (jabatan setara): structural of the same level (eselon),
    functional of the same jenjang, pelaksana to pelaksana."""
    if jenis_asal != jenis_tujuan:
        return False
    return jenis_asal == JenisJabatan.PELAKSANA or jenjang_asal == jenjang_tujuan


def kelas_memenuhi(asal: int, tujuan: int, naik_maks: int | None = None) -> bool:
    """The job class never drops and rises by at most ``MUTASI_KELAS_NAIK_MAKS``."""
    naik_maks = settings.MUTASI_KELAS_NAIK_MAKS if naik_maks is None else naik_maks
    return asal <= tujuan <= asal + naik_maks


# General administration and management: every post's work includes it, so its posts are
# open to every family (the education and class rules still apply).
RUMPUN_UMUM = RumpunJabatan.ADMINISTRASI


def serumpun(tujuan: str, asal: str, pendidikan: str) -> bool | None:
    """Whether the target post's job family is the general one (``RUMPUN_UMUM``), or that of
    the employee's current post or of their field of study; None when it cannot be told (a
    family not recorded)."""
    if tujuan == RUMPUN_UMUM:
        return True
    if not tujuan or not (asal or pendidikan):
        return None
    return tujuan in (asal, pendidikan)


def asal_terlindungi(kebutuhan: int, bezetting: int) -> bool:
    """Moving one holder out would leave the origin formasi below its need, or the employee
    holds the post alone in the unit."""
    return bezetting - 1 < kebutuhan or bezetting <= 1


def tmt_pensiun(tanggal_lahir: datetime.date, bup: int) -> datetime.date:
    """The day a civil servant's pension starts: the first day of the month after the one in
    which they reach the retirement age (BUP); the day before is their last in post."""
    reached = add_years(tanggal_lahir, bup)
    return (reached.replace(day=1) + datetime.timedelta(days=31)).replace(day=1)


def pensiun_memenuhi(tanggal_lahir: datetime.date, bup: int, on: datetime.date, jarak=None) -> bool:
    """A move on ``on`` leaves at least ``jarak`` years before the pension starts, and is
    not on or after that day."""
    jarak = settings.MUTASI_TAHUN_SEBELUM_PENSIUN if jarak is None else jarak
    pensiun = tmt_pensiun(tanggal_lahir, bup)
    return on < pensiun and add_years(on, jarak) <= pensiun


def masa_jabatan_memenuhi(tmt_jabatan: datetime.date, today: datetime.date, minimal=None) -> bool:
    minimal = settings.MUTASI_MIN_TAHUN_JABATAN if minimal is None else minimal
    return tahun_penuh(tmt_jabatan, today) >= minimal


@settings_cached
def tahun_skp(today: datetime.date, jumlah: int | None = None) -> tuple[int, ...]:
    """The years whose SKP counts, oldest first: the last ``MUTASI_TAHUN_SKP`` complete years,
    last year's only from ``MUTASI_BULAN_SKP_TERSEDIA`` on (its rating is set in the first
    months of the year; before that the years before it count)."""
    last = today.year - 1 if today.month >= settings.MUTASI_BULAN_SKP_TERSEDIA else today.year - 2
    jumlah = settings.MUTASI_TAHUN_SKP if jumlah is None else jumlah
    return tuple(range(last - jumlah + 1, last + 1))


def skp_kurang(predikat: int) -> bool:
    """Below Baik: fails the SKP rule (so does a missing year)."""
    return predikat < PredikatSkp.BAIK


def skp_gagal(predikat_per_tahun: dict, years) -> bool:
    """The SKP rule fails: a counted year below Baik or missing."""
    return any(y not in predikat_per_tahun or skp_kurang(predikat_per_tahun[y]) for y in years)


def pendidikan_memenuhi(tingkat, bidang_id, minimal, bidang_wajib: set) -> bool:
    """The employee's education reaches the jabatan's level and, where fields are named,
    is in one of them."""
    if minimal and (tingkat or 0) < minimal:
        return False
    return not bidang_wajib or bidang_id in bidang_wajib


def ikatan_dinas_berlaku(sampai: datetime.date | None, today: datetime.date) -> bool:
    return bool(sampai) and sampai >= today


def pegawai_terhalang(pegawai, today: datetime.date) -> bool:
    """Whether any rule of ``periksa_pegawai`` blocks, without building its texts: the same
    predicates, for thousands of employees at once."""
    if memblokir("masa_jabatan") and not masa_jabatan_memenuhi(pegawai.tmt_jabatan, today):
        return True
    predikat = {s.tahun: s.predikat for s in pegawai.skp.all()}
    if memblokir("skp") and skp_gagal(predikat, tahun_skp(today)):
        return True
    if memblokir("disiplin") and (
        pegawai.dalam_proses_hukum
        or any(h.berlaku_pada(today) for h in pegawai.hukuman_disiplin.all())
    ):
        return True
    return memblokir("tugas_belajar") and (
        pegawai.tugas_belajar or ikatan_dinas_berlaku(pegawai.ikatan_dinas_sampai, today)
    )
