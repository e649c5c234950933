"""Fairness audit (DESIGN.md §6): who is moved, by gender, golongan, age band and agency,
against who could have been; and people moved again and again.

A group is flagged when its share among those moved differs from its share of the eligible
population by at least ``AMBANG_SELISIH`` (absolute), once at least ``MIN_DIPINDAH`` people
are moved (with fewer, shares say nothing).
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutasi.choices import StatusUsulan
from mutasi.models import Usulan
from pegawai.models import Pegawai, RiwayatJabatan
from pegawai.nip import add_years

AMBANG_SELISIH = 0.20
MIN_DIPINDAH = 5
TAHUN_ULANG = 3
DIPUTUSKAN = (StatusUsulan.DISETUJUI, StatusUsulan.DITETAPKAN, StatusUsulan.DILAKSANAKAN)

DIMENSI = {
    "jenis_kelamin": gettext_lazy("Jenis kelamin"),
    "golongan": gettext_lazy("Golongan"),
    "usia": gettext_lazy("Kelompok usia"),
    "opd": gettext_lazy("Perangkat daerah"),
}


def kelompok_usia(usia: int) -> str:
    if usia < 30:
        return _("di bawah 30")
    if usia < 40:
        return "30–39"
    if usia < 50:
        return "40–49"
    return _("50 ke atas")


def _kunci(p, today):
    return {
        "jenis_kelamin": p.get_jenis_kelamin_display(),
        "golongan": _("Golongan %(g)s") % {"g": ["I", "II", "III", "IV"][p.golongan // 10 - 1]},
        "usia": kelompok_usia(p.usia(today)),
        "opd": p.unit.perangkat_daerah.singkatan or p.unit.perangkat_daerah.nama,
    }


@dataclass
class Baris:
    kelompok: str
    populasi: int
    porsi_populasi: float
    dipindah: int
    porsi_dipindah: float

    @property
    def selisih(self) -> float:
        return self.porsi_dipindah - self.porsi_populasi


@dataclass
class Audit:
    jumlah_populasi: int
    jumlah_dipindah: int
    dimensi: dict = field(default_factory=dict)  # label -> [Baris]
    peringatan: list = field(default_factory=list)
    berulang: list = field(default_factory=list)  # (pegawai, fact)


def audit(populasi_ids, dipindah_ids, today=None) -> Audit:
    """Compare those moved with the population; both are collections of employee ids."""
    today = today or timezone.localdate()
    dipindah_ids = set(dipindah_ids)
    populasi_ids = set(populasi_ids) | dipindah_ids
    people = list(
        Pegawai.objects.filter(pk__in=populasi_ids).select_related("unit__perangkat_daerah")
    )
    result = Audit(len(people), len(dipindah_ids))
    pop, sel = {d: Counter() for d in DIMENSI}, {d: Counter() for d in DIMENSI}
    for p in people:
        for d, k in _kunci(p, today).items():
            pop[d][k] += 1
            if p.pk in dipindah_ids:
                sel[d][k] += 1
    for d, label in DIMENSI.items():
        rows = []
        for k, n in sorted(pop[d].items()):
            row = Baris(
                k,
                n,
                n / len(people) if people else 0.0,
                sel[d][k],
                sel[d][k] / len(dipindah_ids) if dipindah_ids else 0.0,
            )
            rows.append(row)
            if len(dipindah_ids) >= MIN_DIPINDAH and abs(row.selisih) >= AMBANG_SELISIH:
                result.peringatan.append(
                    _(
                        "%(d)s %(k)s: %(a).0f%% dari yang dipindah, padahal %(b).0f%% dari "
                        "yang memenuhi syarat (%(arah)s)."
                    )
                    % {
                        "d": label,
                        "k": k,
                        "a": row.porsi_dipindah * 100,
                        "b": row.porsi_populasi * 100,
                        "arah": _("terlalu banyak") if row.selisih > 0 else _("terlalu sedikit"),
                    }
                )
        result.dimensi[label] = rows
    result.berulang = pindah_berulang(dipindah_ids, today)
    for p, fact in result.berulang:
        result.peringatan.append(
            _("%(p)s dipindah berulang: %(f)s.") % {"p": p.nama_lengkap, "f": fact}
        )
    return result


def pindah_berulang(pegawai_ids, today) -> list:
    """Employees who moved within the last ``TAHUN_ULANG`` years or have more than one
    decided proposal: moving them again deserves a second look."""
    since = add_years(today, -TAHUN_ULANG)
    recent = dict(
        RiwayatJabatan.objects.filter(pegawai__in=pegawai_ids, mulai__gte=since, mulai__lte=today)
        .values("pegawai")
        .annotate(n=Count("pk"))
        .values_list("pegawai", "n")
    )
    decided = dict(
        Usulan.objects.filter(pegawai__in=pegawai_ids, status__in=DIPUTUSKAN)
        .values("pegawai")
        .annotate(n=Count("pk"))
        .filter(n__gte=2)
        .values_list("pegawai", "n")
    )
    flagged = set(recent) | set(decided)
    out = []
    for p in Pegawai.objects.filter(pk__in=flagged).order_by("nama"):
        facts = []
        if p.pk in recent:
            facts.append(
                _("%(n)s kali pindah jabatan dalam %(t)s tahun terakhir")
                % {"n": recent[p.pk], "t": TAHUN_ULANG}
            )
        if p.pk in decided:
            facts.append(_("%(n)s usulan mutasi yang sudah diputuskan") % {"n": decided[p.pk]})
        out.append((p, "; ".join(facts)))
    return out


def audit_keputusan(today=None) -> Audit:
    """Actual decisions: employees with a decided proposal against every active employee."""
    moved = Usulan.objects.filter(status__in=DIPUTUSKAN).values_list("pegawai_id", flat=True)
    everyone = Pegawai.objects.filter(Q(aktif=True)).values_list("pk", flat=True)
    return audit(everyone, moved, today)
