"""Fairness audit (docs/domain.md §6): who is moved, by gender, golongan, age band and agency,
against who could have been; and people moved again and again.

For each group the selection rate is the share of its eligible people who are moved. A group
is flagged by the four-fifths rule (the rate of a group below 4/5 of the highest group's
rate: adverse impact), and only when both groups have at least ``MIN_KELOMPOK`` eligible
people: with fewer, a difference of one or two people looks large and means nothing. A
person is flagged as moved repeatedly at two or more moves within ``TAHUN_ULANG`` years,
the move audited included.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutasi.models import Usulan
from mutasi.pencocokan import data
from mutasi.usulan.choices import StatusUsulan
from pegawai.models import Pegawai
from pegawai.nip import add_years

# The four-fifths rule: a selection rate below this share of the highest one is flagged.
AMBANG_RASIO = 0.8
# A group is compared only with at least this many eligible people (and so is the one it
# is compared with).
MIN_KELOMPOK = 20
TAHUN_ULANG = 3
# Decided, not yet carried out: the move is coming and is counted as one.
AKAN_PINDAH = (StatusUsulan.DISETUJUI, StatusUsulan.DITETAPKAN)
DIPUTUSKAN = (*AKAN_PINDAH, StatusUsulan.DILAKSANAKAN)

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
        "golongan": "PPPK"
        if p.pppk
        else _("Golongan %(g)s") % {"g": ["I", "II", "III", "IV"][p.golongan // 10 - 1]},
        "usia": kelompok_usia(p.usia(today)),
        "opd": p.unit.perangkat_daerah.singkatan or p.unit.perangkat_daerah.nama,
    }


@dataclass
class Baris:
    kelompok: str
    populasi: int
    dipindah: int
    rasio: float | None = None  # this rate ÷ the highest compared rate, when compared

    @property
    def tingkat(self) -> float:
        """Selection rate: the share of this group's eligible people who are moved."""
        return self.dipindah / self.populasi if self.populasi else 0.0

    @property
    def dibandingkan(self) -> bool:
        return self.populasi >= MIN_KELOMPOK

    @property
    def ditandai(self) -> bool:
        return self.rasio is not None and self.rasio < AMBANG_RASIO


@dataclass
class Audit:
    jumlah_populasi: int
    jumlah_dipindah: int
    dimensi: dict = field(default_factory=dict)  # label -> [Baris]
    peringatan: list = field(default_factory=list)
    berulang: list = field(default_factory=list)  # (pegawai, fact)
    min_kelompok: int = MIN_KELOMPOK
    ambang_persen: int = round(AMBANG_RASIO * 100)
    tahun_ulang: int = TAHUN_ULANG
    populasi: str = gettext_lazy("pegawai yang dapat dipindah")


def _persen(x: float) -> str:
    return f"{x * 100:.0f}%"


def audit(populasi_ids, dipindah_ids, today=None, rencana=True) -> Audit:
    """Compare those moved with the eligible pool; both are collections of employee ids.
    ``rencana``: the moves are planned (each counts as one more move of its person); else
    they are decisions, counted from the records."""
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
        rows = [Baris(k, n, sel[d][k]) for k, n in sorted(pop[d].items())]
        compared = [r for r in rows if r.dibandingkan]
        top = max(compared, key=lambda r: r.tingkat, default=None)
        if top is not None and top.tingkat > 0:
            for r in compared:
                r.rasio = r.tingkat / top.tingkat
                if r.ditandai:
                    result.peringatan.append(
                        _(
                            "%(d)s %(k)s: %(a)s dari %(n)s pegawai terpilih, kurang dari empat "
                            "per lima tingkat kelompok %(t)s (%(b)s dari %(m)s)."
                        )
                        % {
                            "d": label,
                            "k": r.kelompok,
                            "a": _persen(r.tingkat),
                            "n": r.populasi,
                            "t": top.kelompok,
                            "b": _persen(top.tingkat),
                            "m": top.populasi,
                        }
                    )
        result.dimensi[label] = rows
    result.berulang = pindah_berulang(dipindah_ids, today, rencana)
    for p, fact in result.berulang:
        result.peringatan.append(
            _("%(p)s dipindah berulang: %(f)s.") % {"p": p.nama_lengkap, "f": fact}
        )
    return result


def pindah_berulang(pegawai_ids, today, rencana=True) -> list:
    """Employees with two or more moves within the last ``TAHUN_ULANG`` years, counting the
    audited move: carried-out moves (a post in the history after another, a letter's
    row carried out), a decided move still to come, and (``rencana``) the planned one."""
    since = add_years(today, -TAHUN_ULANG)
    moves = {pk: set() for pk in pegawai_ids}
    # A carried-out move is both a history row and a letter row of the same day: one move.
    for pk, day in data.hari_pindah(since, today, pegawai_ids):
        moves[pk].add(day)
    coming = Counter(
        Usulan.objects.filter(pegawai__in=pegawai_ids, status__in=AKAN_PINDAH).values_list(
            "pegawai_id", flat=True
        )
    )
    counts = {pk: len(days) + coming[pk] + (1 if rencana else 0) for pk, days in moves.items()}
    flagged = {pk: n for pk, n in counts.items() if n >= 2}
    out = []
    for p in Pegawai.objects.filter(pk__in=flagged).order_by("nama", "pk"):
        out.append(
            (
                p,
                _("%(n)s kali pindah dalam %(t)s tahun terakhir, termasuk yang diaudit")
                % {"n": flagged[p.pk], "t": TAHUN_ULANG},
            )
        )
    return out


def audit_keputusan(today=None) -> Audit:
    """Actual decisions: employees with a decided proposal against every active employee."""
    moved = Usulan.objects.filter(status__in=DIPUTUSKAN).values_list("pegawai_id", flat=True)
    everyone = Pegawai.objects.filter(Q(aktif=True)).values_list("pk", flat=True)
    result = audit(everyone, moved, today, rencana=False)
    result.populasi = gettext_lazy("pegawai aktif")
    return result
