"""What a proposal does to the workload of the units it leaves and enters (DESIGN.md §5).

Each side (origin, target) is shown for its formasi — the jabatan in that unit — and for the
whole unit, before and after the move: holders, gap (holders − needed, negative is a
shortage), and job efficiency EJ with its category.

The unit figures follow the workload-balance view (``instansi.keseimbangan``): a unit's
holders are the holders of its formasi, and its EJ divides the workload by the holders of
the formasi that have a workload. So moving someone out of a jabatan nobody has analysed
changes the unit's holders but not its EJ, exactly as the balance view would show it after
the move.

Once a proposal is carried out (Dilaksanakan) the employee already sits in the target, so
today's counts are the "after" and the "before" is worked back from them.

``dampak_semua`` computes many proposals in three queries in all (the review-panel
comparison); ``dampak_usulan`` is the one-proposal shortcut.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from instansi import abk
from instansi.keseimbangan import agregat
from instansi.models import Formasi
from mutasi.choices import StatusUsulan
from pegawai.models import Pegawai

ASAL, TUJUAN = "asal", "tujuan"


def kalimat_selisih(subjek: str, sebelum: int, sesudah: int) -> str:
    """The change of a gap in words: "unit asal menjadi kekurangan 1 pegawai"."""
    if sebelum == sesudah:
        if sesudah < 0:
            return _("%(s)s tetap kekurangan %(n)s pegawai") % {"s": subjek, "n": -sesudah}
        if sesudah > 0:
            return _("%(s)s tetap kelebihan %(n)s pegawai") % {"s": subjek, "n": sesudah}
        return _("%(s)s tetap pas sesuai kebutuhan") % {"s": subjek}
    if sesudah < 0:
        if sebelum >= 0:
            return _("%(s)s menjadi kekurangan %(n)s pegawai") % {"s": subjek, "n": -sesudah}
        verb = _("bertambah") if sesudah < sebelum else _("berkurang")
        return _("kekurangan %(s)s %(v)s dari %(a)s menjadi %(b)s pegawai") % {
            "s": subjek,
            "v": verb,
            "a": -sebelum,
            "b": -sesudah,
        }
    if sesudah == 0:
        if sebelum < 0:
            return _("%(s)s menjadi pas sesuai kebutuhan (kekurangan terpenuhi)") % {"s": subjek}
        return _("%(s)s menjadi pas sesuai kebutuhan (kelebihan habis)") % {"s": subjek}
    if sebelum <= 0:
        return _("%(s)s menjadi kelebihan %(n)s pegawai") % {"s": subjek, "n": sesudah}
    verb = _("bertambah") if sesudah > sebelum else _("berkurang")
    return _("kelebihan %(s)s %(v)s dari %(a)s menjadi %(b)s pegawai") % {
        "s": subjek,
        "v": verb,
        "a": sebelum,
        "b": sesudah,
    }


def arti_kategori(kategori) -> str:
    """What an EJ category means for staffing, as the balance view words it."""
    if not kategori:
        return _("tidak dihitung")
    if kategori == "A":
        return _("kurang pegawai")
    if kategori in ("B", "C"):
        return _("seimbang")
    return _("lebih pegawai")


@dataclass
class Sisi:
    """One side of a move (origin or target): its formasi and its unit, before and after."""

    judul: str
    formasi_label: str
    kebutuhan: int
    bezetting_sebelum: int
    bezetting_sesudah: int
    beban_jam: Decimal | None
    unit_ej_sebelum: Decimal | None
    unit_ej_sesudah: Decimal | None
    peran: str = ASAL
    unit_nama: str = ""
    jabatan_nama: str = ""
    # Whether the unit has a formasi for this jabatan at all (otherwise need is 0).
    ada_formasi: bool = True
    unit_kebutuhan: int = 0
    unit_bezetting_sebelum: int = 0
    unit_bezetting_sesudah: int = 0
    unit_beban_jam: Decimal | None = None
    sudah_dilaksanakan: bool = False

    @property
    def selisih_sebelum(self) -> int:
        return self.bezetting_sebelum - self.kebutuhan

    @property
    def selisih_sesudah(self) -> int:
        return self.bezetting_sesudah - self.kebutuhan

    @property
    def unit_selisih_sebelum(self) -> int:
        return self.unit_bezetting_sebelum - self.unit_kebutuhan

    @property
    def unit_selisih_sesudah(self) -> int:
        return self.unit_bezetting_sesudah - self.unit_kebutuhan

    @property
    def ej_sebelum(self):
        return self._ej(self.bezetting_sebelum)

    @property
    def ej_sesudah(self):
        return self._ej(self.bezetting_sesudah)

    def _ej(self, bezetting):
        if self.beban_jam is None:
            return None
        return abk.efisiensi(self.beban_jam, bezetting, settings.ABK_JAM_EFEKTIF)

    @property
    def kategori_sebelum(self):
        return abk.kategori(self.ej_sebelum)

    @property
    def kategori_sesudah(self):
        return abk.kategori(self.ej_sesudah)

    @property
    def unit_kategori_sebelum(self):
        return abk.kategori(self.unit_ej_sebelum)

    @property
    def unit_kategori_sesudah(self):
        return abk.kategori(self.unit_ej_sesudah)

    @property
    def kategori_sebelum_arti(self) -> str:
        return arti_kategori(self.kategori_sebelum)

    @property
    def kategori_sesudah_arti(self) -> str:
        return arti_kategori(self.kategori_sesudah)

    @property
    def unit_kategori_sebelum_arti(self) -> str:
        return arti_kategori(self.unit_kategori_sebelum)

    @property
    def unit_kategori_sesudah_arti(self) -> str:
        return arti_kategori(self.unit_kategori_sesudah)

    @property
    def kalimat_formasi(self) -> str:
        subjek = _("formasi asal") if self.peran == ASAL else _("formasi tujuan")
        return kalimat_selisih(subjek, self.selisih_sebelum, self.selisih_sesudah)

    @property
    def kalimat_unit(self) -> str:
        subjek = _("unit asal") if self.peran == ASAL else _("unit tujuan")
        return kalimat_selisih(subjek, self.unit_selisih_sebelum, self.unit_selisih_sesudah)


def _ej(beban, holders):
    if beban is None:
        return None
    return abk.efisiensi(Decimal(beban), holders, settings.ABK_JAM_EFEKTIF)


def dampak_semua(usulan_list) -> list[list[Sisi]]:
    """The sides of each proposal in ``usulan_list``, in order; three queries in all.

    The proposals should come with ``unit_asal``, ``jabatan_asal`` and
    ``formasi_tujuan__unit``/``__jabatan`` selected, or each costs a few lookups more.
    """
    usulan_list = list(usulan_list)
    wanted = []  # per proposal: [(role, unit_id, jabatan_id, unit, jabatan, delta)]
    for usulan in usulan_list:
        sides = [(ASAL, usulan.unit_asal, usulan.jabatan_asal, -1)]
        if usulan.formasi_tujuan_id:
            target = usulan.formasi_tujuan
            sides.append((TUJUAN, target.unit, target.jabatan, +1))
        wanted.append(sides)
    keys = {(unit.pk, jabatan.pk) for sides in wanted for _r, unit, jabatan, _d in sides}
    if not keys:
        return []
    pairs = Q()
    for unit_id, jabatan_id in keys:
        pairs |= Q(unit_id=unit_id, jabatan_id=jabatan_id)
    formasi = {
        (f.unit_id, f.jabatan_id): f
        for f in Formasi.objects.filter(pairs).only(
            "pk", "unit_id", "jabatan_id", "kebutuhan", "beban_kerja_jam"
        )
    }
    holders = {
        (row["unit_id"], row["jabatan_id"]): row["n"]
        for row in Pegawai.objects.filter(pairs, aktif=True)
        .order_by()
        .values("unit_id", "jabatan_id")
        .annotate(n=Count("pk"))
    }
    units = agregat(Formasi.objects.filter(unit_id__in={u for u, _j in keys}), "unit_id")

    results = []
    for usulan, sides in zip(usulan_list, wanted, strict=True):
        done = usulan.status == StatusUsulan.DILAKSANAKAN
        # Net change of each unit's counted holders: a move inside one unit changes nothing.
        unit_delta = defaultdict(int)
        unit_delta_beban = defaultdict(int)
        for _r, unit, jabatan, delta in sides:
            f = formasi.get((unit.pk, jabatan.pk))
            if f is not None:
                unit_delta[unit.pk] += delta
                if f.beban_kerja_jam is not None:
                    unit_delta_beban[unit.pk] += delta
        result = []
        for role, unit, jabatan, delta in sides:
            f = formasi.get((unit.pk, jabatan.pk))
            now = holders.get((unit.pk, jabatan.pk), 0)
            row = units.get(unit.pk) or {}
            unit_now = row.get("sum_bezetting") or 0
            unit_beban_now = row.get("sum_bezetting_beban") or 0
            d, du, dub = delta, unit_delta[unit.pk], unit_delta_beban[unit.pk]
            # Before = now (or now minus the move once carried out); after = before + move.
            sebelum = now - d if done else now
            unit_sebelum = unit_now - du if done else unit_now
            unit_beban_sebelum = unit_beban_now - dub if done else unit_beban_now
            unit_beban = row.get("sum_beban")
            result.append(
                Sisi(
                    judul=_("Unit asal") if role == ASAL else _("Unit tujuan"),
                    formasi_label=f"{jabatan} — {unit}",
                    kebutuhan=f.kebutuhan if f else 0,
                    bezetting_sebelum=sebelum,
                    bezetting_sesudah=sebelum + d,
                    beban_jam=f.beban_kerja_jam if f else None,
                    unit_ej_sebelum=_ej(unit_beban, unit_beban_sebelum),
                    unit_ej_sesudah=_ej(unit_beban, unit_beban_sebelum + dub),
                    peran=role,
                    unit_nama=str(unit),
                    jabatan_nama=str(jabatan),
                    ada_formasi=f is not None,
                    unit_kebutuhan=row.get("sum_kebutuhan") or 0,
                    unit_bezetting_sebelum=unit_sebelum,
                    unit_bezetting_sesudah=unit_sebelum + du,
                    unit_beban_jam=None if unit_beban is None else Decimal(unit_beban),
                    sudah_dilaksanakan=done,
                )
            )
        results.append(result)
    return results


def dampak_usulan(usulan) -> list[Sisi]:
    """Origin and (when inside this government) target, before and after the move."""
    return dampak_semua([usulan])[0]
