"""The eligibility checklist of a proposal (DESIGN.md §4), computed from the data.

Each rule gives pass (``lulus``), fail (``gagal``) or needs review (``tinjau``) with the fact
behind it. A failing hard rule blocks the proposal unless BKD recorded an exception for it.
Thresholds are settings (``MUTASI_*``).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from instansi.models import Formasi
from mutasi.choices import JenisMutasi, KategoriAlasan
from pegawai.choices import PANGKAT, Golongan, PredikatSkp
from pegawai.models import Pegawai
from pegawai.nip import add_years

LULUS, GAGAL, TINJAU = "lulus", "gagal", "tinjau"

NAMA_SYARAT = {
    "masa_jabatan": gettext_lazy("Masa dalam jabatan sekarang"),
    "skp": gettext_lazy("Predikat SKP"),
    "disiplin": gettext_lazy("Bebas hukuman disiplin dan proses hukum"),
    "tugas_belajar": gettext_lazy("Tidak tugas belajar atau terikat ikatan dinas"),
    "pns_baru": gettext_lazy("Masa kerja untuk pindah atas permintaan sendiri"),
    "golongan": gettext_lazy("Golongan minimal jabatan tujuan"),
    "pendidikan": gettext_lazy("Bidang pendidikan jabatan tujuan"),
    "pensiun": gettext_lazy("Jarak ke batas usia pensiun"),
    "lowongan": gettext_lazy("Lowongan pada formasi tujuan"),
    "unit_asal": gettext_lazy("Unit asal tidak jatuh di bawah kebutuhan"),
    "dokumen": gettext_lazy("Dokumen wajib"),
}


@dataclass
class Syarat:
    kode: str
    status: str
    fakta: str
    wajib: bool = True
    pengecualian: object = None

    @property
    def nama(self):
        return NAMA_SYARAT[self.kode]

    @property
    def menghalangi(self) -> bool:
        return self.status == GAGAL and self.wajib and self.pengecualian is None


def lama(start: datetime.date, end: datetime.date) -> str:
    """'3 tahun 2 bulan' between two dates."""
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    months = max(months, 0)
    years, months = divmod(months, 12)
    parts = []
    if years:
        parts.append(_("%(n)s tahun") % {"n": years})
    if months or not years:
        parts.append(_("%(n)s bulan") % {"n": months})
    return " ".join(parts)


def tahun_penuh(start: datetime.date, end: datetime.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def periksa(usulan, today: datetime.date | None = None) -> list[Syarat]:
    """Every rule for this proposal, with the facts, as of ``today``."""
    today = today or timezone.localdate()
    pegawai = usulan.pegawai
    target = usulan.formasi_tujuan
    jabatan = target.jabatan if target else None
    results = [
        _masa_jabatan(pegawai, today),
        _skp(pegawai, today),
        _disiplin(pegawai, today),
        _tugas_belajar(pegawai, today),
        _pns_baru(usulan, pegawai, today),
    ]
    if jabatan is not None:
        results += [
            _golongan(pegawai, jabatan),
            _pendidikan(pegawai, jabatan),
            _pensiun(pegawai, jabatan, usulan.tanggal_rencana or today),
            _lowongan(usulan, target),
        ]
    results += [_unit_asal(usulan), _dokumen(usulan)]
    exceptions = {p.syarat: p for p in usulan.pengecualian.all()} if usulan.pk else {}
    for syarat in results:
        syarat.pengecualian = exceptions.get(syarat.kode)
    return results


def menghalangi(results: list[Syarat]) -> list[Syarat]:
    return [s for s in results if s.menghalangi]


# Matching (issue 7) checks thousands of employees before any proposal exists. It runs the
# same rule functions, split into what depends on the employee alone (once per employee) and
# what depends on the target jabatan; the two predicates below are the only arithmetic it
# repeats in bulk, and the rules themselves call them.


def golongan_memenuhi(golongan: int, minimal: int) -> bool:
    return golongan >= minimal


def pensiun_memenuhi(tanggal_lahir: datetime.date, bup: int, on: datetime.date) -> bool:
    return add_years(on, settings.MUTASI_TAHUN_SEBELUM_PENSIUN) <= add_years(tanggal_lahir, bup)


def masa_jabatan_memenuhi(tmt_jabatan: datetime.date, today: datetime.date) -> bool:
    return tahun_penuh(tmt_jabatan, today) >= settings.MUTASI_MIN_TAHUN_JABATAN


def tahun_skp(today: datetime.date) -> list[int]:
    """The years whose SKP counts, oldest first."""
    return list(range(today.year - settings.MUTASI_TAHUN_SKP, today.year))


def skp_kurang(predikat: int) -> bool:
    """Below Baik: fails the SKP rule. A missing year only needs review (never blocks)."""
    return predikat < PredikatSkp.BAIK


def ikatan_dinas_berlaku(sampai: datetime.date | None, today: datetime.date) -> bool:
    return bool(sampai) and sampai >= today


def pegawai_terhalang(pegawai, today: datetime.date) -> bool:
    """Whether any rule of ``periksa_pegawai`` blocks, without building its texts: the same
    predicates, for thousands of employees at once."""
    if not masa_jabatan_memenuhi(pegawai.tmt_jabatan, today):
        return True
    years = tahun_skp(today)
    if any(s.tahun in years and skp_kurang(s.predikat) for s in pegawai.skp.all()):
        return True
    if pegawai.dalam_proses_hukum or any(
        h.berlaku_pada(today) for h in pegawai.hukuman_disiplin.all()
    ):
        return True
    return pegawai.tugas_belajar or ikatan_dinas_berlaku(pegawai.ikatan_dinas_sampai, today)


def periksa_pegawai(pegawai, today: datetime.date) -> list[Syarat]:
    """The rules that depend on the employee alone (a proposal for keseimbangan/kebutuhan
    organisasi is never an own request, so the new-PNS rule passes)."""
    return [
        _masa_jabatan(pegawai, today),
        _skp(pegawai, today),
        _disiplin(pegawai, today),
        _tugas_belajar(pegawai, today),
    ]


def periksa_jabatan_tujuan(pegawai, jabatan, today: datetime.date) -> list[Syarat]:
    """The rules that depend on the employee and the target jabatan."""
    return [
        _golongan(pegawai, jabatan),
        _pendidikan(pegawai, jabatan),
        _pensiun(pegawai, jabatan, today),
    ]


def _masa_jabatan(pegawai, today):
    fakta = _("%(d)s dalam jabatan (sejak %(t)s)") % {
        "d": lama(pegawai.tmt_jabatan, today),
        "t": pegawai.tmt_jabatan.strftime("%d-%m-%Y"),
    }
    years = tahun_penuh(pegawai.tmt_jabatan, today)
    if not masa_jabatan_memenuhi(pegawai.tmt_jabatan, today):
        minimum = _("minimal %(n)s tahun") % {"n": settings.MUTASI_MIN_TAHUN_JABATAN}
        return Syarat("masa_jabatan", GAGAL, f"{fakta}; {minimum}")
    if years >= settings.MUTASI_MAX_TAHUN_JABATAN:
        note = _("lebih dari %(n)s tahun: prioritas rotasi") % {
            "n": settings.MUTASI_MAX_TAHUN_JABATAN
        }
        return Syarat("masa_jabatan", LULUS, f"{fakta}; {note}")
    return Syarat("masa_jabatan", LULUS, fakta)


def _skp(pegawai, today):
    years = tahun_skp(today)
    found = {s.tahun: s for s in pegawai.skp.all() if s.tahun in years}
    parts = [
        f"SKP {y}: {found[y].get_predikat_display() if y in found else _('tidak ada')}"
        for y in years
    ]
    fakta = ", ".join(parts)
    if any(y in found and skp_kurang(found[y].predikat) for y in years):
        return Syarat("skp", GAGAL, fakta + _("; minimal Baik"))
    if len(found) < len(years):
        return Syarat("skp", TINJAU, fakta)
    return Syarat("skp", LULUS, fakta)


def _disiplin(pegawai, today):
    active = [h for h in pegawai.hukuman_disiplin.all() if h.berlaku_pada(today)]
    if active:
        h = active[0]
        fakta = _("Hukuman disiplin %(t)s berlaku sampai %(d)s") % {
            "t": h.get_tingkat_display().lower(),
            "d": h.selesai.strftime("%d-%m-%Y"),
        }
        return Syarat("disiplin", GAGAL, fakta)
    if pegawai.dalam_proses_hukum:
        return Syarat("disiplin", GAGAL, _("Sedang dalam proses disiplin atau pidana"))
    return Syarat("disiplin", LULUS, _("Tidak ada hukuman disiplin yang berlaku"))


def _tugas_belajar(pegawai, today):
    if pegawai.tugas_belajar:
        return Syarat("tugas_belajar", GAGAL, _("Sedang tugas belajar"))
    if ikatan_dinas_berlaku(pegawai.ikatan_dinas_sampai, today):
        fakta = _("Terikat ikatan dinas sampai %(d)s") % {
            "d": pegawai.ikatan_dinas_sampai.strftime("%d-%m-%Y")
        }
        return Syarat("tugas_belajar", GAGAL, fakta)
    return Syarat("tugas_belajar", LULUS, _("Tidak tugas belajar, tidak terikat ikatan dinas"))


def _pns_baru(usulan, pegawai, today):
    fakta = _("Masa kerja %(d)s sejak CPNS") % {"d": lama(pegawai.tmt_cpns, today)}
    own_request_out = (
        usulan.alasan == KategoriAlasan.PERMINTAAN_SENDIRI and usulan.jenis != JenisMutasi.DALAM_OPD
    )
    if not own_request_out:
        return Syarat("pns_baru", LULUS, fakta + _("; bukan permintaan sendiri ke instansi lain"))
    if tahun_penuh(pegawai.tmt_cpns, today) < settings.MUTASI_MASA_KERJA_PERMINTAAN_SENDIRI:
        minimum = _("minimal %(n)s tahun untuk pindah instansi atas permintaan sendiri") % {
            "n": settings.MUTASI_MASA_KERJA_PERMINTAAN_SENDIRI
        }
        return Syarat("pns_baru", GAGAL, f"{fakta}; {minimum}")
    return Syarat("pns_baru", LULUS, fakta)


def _golongan(pegawai, jabatan):
    fakta = _("Golongan %(g)s; jabatan tujuan minimal %(m)s (%(p)s)") % {
        "g": pegawai.get_golongan_display(),
        "m": Golongan(jabatan.golongan_minimal).label,
        "p": PANGKAT[jabatan.golongan_minimal],
    }
    ok = golongan_memenuhi(pegawai.golongan, jabatan.golongan_minimal)
    return Syarat("golongan", LULUS if ok else GAGAL, fakta)


def _pendidikan(pegawai, jabatan):
    required = list(jabatan.bidang_pendidikan.all())
    held = pegawai.bidang_pendidikan
    if not required:
        return Syarat("pendidikan", LULUS, _("Jabatan tujuan tidak mensyaratkan bidang tertentu"))
    names = ", ".join(b.nama for b in required)
    fakta = _("Pendidikan %(h)s; disyaratkan %(r)s") % {
        "h": held or _("tidak tercatat"),
        "r": names,
    }
    if held and held.pk in {b.pk for b in required}:
        return Syarat("pendidikan", LULUS, fakta)
    return Syarat("pendidikan", TINJAU, fakta, wajib=False)


def _pensiun(pegawai, jabatan, on):
    bup = jabatan.batas_usia_pensiun
    pensiun = add_years(pegawai.tanggal_lahir, bup)
    fakta = _("Usia %(u)s tahun; pensiun (BUP %(b)s) pada %(d)s, %(s)s lagi") % {
        "u": pegawai.usia(on),
        "b": bup,
        "d": pensiun.strftime("%d-%m-%Y"),
        "s": lama(on, pensiun),
    }
    if not pensiun_memenuhi(pegawai.tanggal_lahir, bup, on):
        minimum = _("minimal %(n)s tahun sebelum pensiun") % {
            "n": settings.MUTASI_TAHUN_SEBELUM_PENSIUN
        }
        return Syarat("pensiun", GAGAL, f"{fakta}; {minimum}")
    return Syarat("pensiun", LULUS, fakta)


def _holders(unit_id, jabatan_id) -> int:
    return Pegawai.objects.filter(unit_id=unit_id, jabatan_id=jabatan_id, aktif=True).count()


def _lowongan(usulan, target):
    # A formasi read with ``with_bezetting()`` brings its holders; else count them now.
    bezetting = getattr(target, "bezetting", None)
    if bezetting is None:
        bezetting = _holders(target.unit_id, target.jabatan_id)
    fakta = _("Formasi tujuan: kebutuhan %(k)s, terisi %(b)s") % {
        "k": target.kebutuhan,
        "b": bezetting,
    }
    if target.kebutuhan > bezetting:
        return Syarat("lowongan", LULUS, fakta)
    if usulan.justifikasi_tujuan.strip():
        return Syarat("lowongan", TINJAU, fakta + _("; tidak lowong, ada justifikasi"), wajib=False)
    return Syarat("lowongan", GAGAL, fakta + _("; tidak lowong dan tanpa justifikasi"))


def _unit_asal(usulan):
    # Lists of many proposals annotate both figures (``mutasi.panel.kandidat_queryset``).
    if hasattr(usulan, "bezetting_asal"):
        kebutuhan, bezetting = usulan.kebutuhan_asal or 0, usulan.bezetting_asal
    else:
        formasi = Formasi.objects.filter(
            unit_id=usulan.unit_asal_id, jabatan_id=usulan.jabatan_asal_id
        )
        kebutuhan = formasi.values_list("kebutuhan", flat=True).first() or 0
        bezetting = _holders(usulan.unit_asal_id, usulan.jabatan_asal_id)
    fakta = _("Formasi asal: kebutuhan %(k)s, terisi %(b)s, sesudah pindah %(s)s") % {
        "k": kebutuhan,
        "b": bezetting,
        "s": bezetting - 1,
    }
    if bezetting - 1 >= kebutuhan:
        return Syarat("unit_asal", LULUS, fakta)
    return Syarat("unit_asal", TINJAU, fakta + _("; unit asal akan kekurangan"), wajib=False)


def _dokumen(usulan):
    required = usulan.dokumen_wajib
    present = {d.jenis for d in usulan.dokumen.all()} if usulan.pk else set()
    missing = [d for d in required if d not in present]
    fakta = _("%(a)s dari %(b)s dokumen wajib diunggah") % {
        "a": len(required) - len(missing),
        "b": len(required),
    }
    if missing:
        return Syarat("dokumen", GAGAL, fakta)
    return Syarat("dokumen", LULUS, fakta)
