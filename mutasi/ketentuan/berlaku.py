"""What is in force for a proposal on a day: each threshold's value with the version it comes
from, and the regional extra rules that apply.

``Berlaku(hari)`` reads every setting and rule in force that day (two queries, however many
proposals are then checked); ``untuk(...)`` picks, in Python, what applies to one proposal.
A threshold's value is that of the most specific scope (family of the current post, then type
of move, then origin agency, then the kind of ASN, then the whole government), the latest
effective date within it; with none, the environment's ``MUTASI_<KUNCI>``, shown as
"bawaan (lingkungan)".
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from mutasi.ketentuan.choices import KEKHUSUSAN, KunciKetentuan
from mutasi.models import AturanDaerah, KetentuanMutasi
from pegawai.choices import JenisAsn


def bawaan(kunci: str) -> int:
    """The environment's default of a threshold."""
    return getattr(settings, f"MUTASI_{kunci.upper()}")


@dataclass(frozen=True)
class Nilai:
    kunci: str
    nilai: int
    ketentuan: KetentuanMutasi | None = None

    @property
    def sumber(self) -> str:
        return self.ketentuan.versi if self.ketentuan else _("bawaan (lingkungan)")

    @property
    def catatan(self) -> str:
        """'Masa minimal dalam jabatan (tahun) 3: Ketentuan #12 berlaku …' for the checklist."""
        return f"{KunciKetentuan(self.kunci).label} {self.nilai}: {self.sumber}"

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
            "ketentuan": {k: self[k].simpanan() for k in KunciKetentuan.values},
            "aturan_daerah": [{"id": a.pk, "versi": a.versi} for a in self.aturan],
        }


# The environment alone: what matching and the bulk predicates use.
BAWAAN = Terapan()


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

    def untuk(self, perangkat_daerah_id, jenis_mutasi, rumpun, jenis_asn=JenisAsn.PNS) -> Terapan:
        """What applies to a proposal from that agency, of that type, from a post of that
        family, for an employee of that kind (PNS or PPPK)."""
        terpilih = {}
        for k in self.ketentuan:
            if not k.cocok(perangkat_daerah_id, jenis_mutasi, rumpun, jenis_asn):
                continue
            urutan = (KEKHUSUSAN[k.lingkup], k.berlaku_mulai, k.pk)
            if k.kunci not in terpilih or urutan > terpilih[k.kunci][0]:
                terpilih[k.kunci] = (urutan, k)
        aturan = [
            a for a in self.aturan if a.cocok(perangkat_daerah_id, jenis_mutasi, rumpun, jenis_asn)
        ]
        return Terapan(
            nilai={kunci: Nilai(kunci, k.nilai, k) for kunci, (_u, k) in terpilih.items()},
            aturan=sorted(aturan, key=lambda a: a.pk),
        )

    def untuk_usulan(self, usulan, asal) -> Terapan:
        """For a proposal moving the employee from the post ``asal``."""
        unit = usulan.unit_asal if usulan.unit_asal_id else usulan.pegawai.unit
        return self.untuk(
            unit.perangkat_daerah_id if unit else None,
            usulan.jenis,
            asal.rumpun,
            usulan.pegawai.jenis_asn,
        )
