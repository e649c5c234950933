"""What is in force for a proposal on a day: each threshold's value with the version it comes
from, and the regional extra rules that apply.

``Berlaku(hari)`` reads every setting and rule in force that day (two queries, however many
proposals are then checked); ``untuk(...)`` picks, in Python, what applies to one proposal.
A threshold's value is that of the most specific scope (family of the current post, then type
of move, then origin agency, then the kind of ASN, then the whole government), the latest
effective date within it; with none, the environment's variable (``nama_lingkungan``), shown
as "bawaan (lingkungan)".

The matching weights and the evaluation months are set for the whole government only:
``seluruh_pemerintah(hari)`` reads those in one query.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from mutasi.ketentuan.choices import (
    KEKHUSUSAN,
    KUNCI_BOBOT,
    KUNCI_DAFTAR,
    KUNCI_SYARAT,
    KunciKetentuan,
    Lingkup,
)
from mutasi.lib.pilihan import nama
from mutasi.lib.settings_cache import settings_cached
from mutasi.models import AturanDaerah, KetentuanMutasi
from pegawai.choices import JenisAsn

_BAGIAN_BOBOT = {kunci: bagian for bagian, kunci in KUNCI_BOBOT.items()}


def nama_lingkungan(kunci: str) -> str:
    """The environment variable that gives a key's default."""
    if kunci in _BAGIAN_BOBOT:
        return f"PENCOCOKAN_{kunci.upper()}"
    if kunci == KunciKetentuan.EVALUASI_BULAN:
        return "EVALUASI_BULAN"
    return f"MUTASI_{kunci.upper()}"


@settings_cached
def bawaan(kunci: str) -> int | tuple[int, ...]:
    """The environment's default of a key: a number, or the months of the evaluations."""
    if kunci in _BAGIAN_BOBOT:
        return settings.PENCOCOKAN_BOBOT[_BAGIAN_BOBOT[kunci]]
    if kunci == KunciKetentuan.EVALUASI_BULAN:
        return tuple(sorted(set(settings.EVALUASI_BULAN)))
    return getattr(settings, nama_lingkungan(kunci))


def baca_daftar(teks: str) -> tuple[int, ...]:
    """A list value as stored ("3, 6, 12"), checked when saved."""
    return tuple(int(n) for n in teks.split(",") if n.strip())


def _nilai(k: KetentuanMutasi):
    return baca_daftar(k.nilai_daftar) if k.kunci in KUNCI_DAFTAR else k.nilai


@dataclass(frozen=True)
class Nilai:
    kunci: str
    nilai: int | tuple[int, ...]
    ketentuan: KetentuanMutasi | None = None

    @property
    def sumber(self) -> str:
        return self.ketentuan.versi if self.ketentuan else _("bawaan (lingkungan)")

    @property
    def teks(self) -> str:
        """The value as the pages show it: 7, or 3, 6, 12."""
        if isinstance(self.nilai, tuple):
            return ", ".join(str(n) for n in self.nilai)
        return str(self.nilai)

    @property
    def catatan(self) -> str:
        """'Masa minimal dalam jabatan (tahun) 3: Ketentuan #12 berlaku …' for the checklist."""
        return f"{nama(KunciKetentuan, self.kunci)} {self.nilai}: {self.sumber}"

    def simpanan(self) -> dict:
        """As kept in the decision snapshot."""
        return {
            "nilai": self.nilai,
            "ketentuan": self.ketentuan.pk if self.ketentuan else None,
            "sumber": self.sumber,
        }


@dataclass
class Terapan:
    """The thresholds and extra rules that apply to one proposal on one day."""

    nilai: dict[str, Nilai] = field(default_factory=dict)
    aturan: list[AturanDaerah] = field(default_factory=list)

    def angka(self, kunci: str) -> int:
        return self[kunci].nilai

    def __getitem__(self, kunci: str) -> Nilai:
        return self.nilai.get(kunci) or Nilai(kunci, bawaan(kunci))

    def catatan(self, *kunci: str) -> str:
        return "; ".join(self[k].catatan for k in kunci)

    def simpanan(self) -> dict:
        return {
            "ketentuan": {k: self[k].simpanan() for k in KUNCI_SYARAT},
            "aturan_daerah": [{"id": a.pk, "versi": a.versi} for a in self.aturan],
        }


# The environment alone: what matching and the bulk predicates use.
BAWAAN = Terapan()


def pilih(rows) -> Terapan:
    """Of the rows in force that apply, each key's most specific scope's latest version."""
    terpilih = {}
    for k in rows:
        # A row not saved yet (a change being checked) is the latest of its day.
        urutan = (KEKHUSUSAN[k.lingkup], k.berlaku_mulai, k.pk or float("inf"))
        if k.kunci not in terpilih or urutan > terpilih[k.kunci][0]:
            terpilih[k.kunci] = (urutan, k)
    return Terapan(nilai={kunci: Nilai(kunci, _nilai(k), k) for kunci, (_u, k) in terpilih.items()})


def seluruh_pemerintah(hari: datetime.date | None = None) -> Terapan:
    """The government-wide values in force on ``hari`` (today), in one query: the matching
    weights and the evaluation months, and what applies where no narrower scope does."""
    hari = hari or timezone.localdate()
    return pilih(KetentuanMutasi.objects.berlaku_pada(hari).filter(lingkup=Lingkup.PEMERINTAH))


def bobot(terapan: Terapan) -> dict[str, int]:
    """The matching weights of ``terapan``, by the score's part."""
    return {bagian: terapan.angka(kunci) for bagian, kunci in KUNCI_BOBOT.items()}


class Berlaku:
    """Every setting and extra rule in force on ``hari``."""

    def __init__(self, hari: datetime.date | None = None):
        self.hari = hari or timezone.localdate()
        self.ketentuan = list(
            KetentuanMutasi.objects.berlaku_pada(self.hari).select_related("perangkat_daerah")
        )
        self.aturan = list(
            AturanDaerah.objects.berlaku_pada(self.hari).select_related("perangkat_daerah")
        )

    def pemerintah(self) -> Terapan:
        """The government-wide values (``seluruh_pemerintah``) from what is already read."""
        return pilih(k for k in self.ketentuan if k.lingkup == Lingkup.PEMERINTAH)

    def untuk(self, perangkat_daerah_id, jenis_mutasi, rumpun, jenis_asn=JenisAsn.PNS) -> Terapan:
        """What applies to a proposal from that agency, of that type, from a post of that
        family, for an employee of that kind (PNS or PPPK)."""
        terapan = pilih(
            k
            for k in self.ketentuan
            if k.cocok(perangkat_daerah_id, jenis_mutasi, rumpun, jenis_asn)
        )
        aturan = [
            a for a in self.aturan if a.cocok(perangkat_daerah_id, jenis_mutasi, rumpun, jenis_asn)
        ]
        terapan.aturan = sorted(aturan, key=lambda a: a.pk)
        return terapan

    def untuk_usulan(self, usulan, asal) -> Terapan:
        """For a proposal moving the employee from the post ``asal`` (None: no post here)."""
        unit = usulan.unit_asal if usulan.unit_asal_id else usulan.pegawai.unit
        return self.untuk(
            unit.perangkat_daerah_id if unit else None,
            usulan.jenis,
            asal.rumpun if asal else "",
            usulan.pegawai.jenis_asn,
        )
