"""What a proposal does to the workload of the units it leaves and enters (docs/domain.md §5).

Each side (origin, target) is shown for its formasi — the jabatan in that unit — and for the
whole unit, before and after the move, as ``instansi.beban`` figures: holders, gap and EJ
with its band, counted exactly as the workload-balance view counts them. So moving someone
out of a jabatan nobody has analysed changes the unit's holders but not its EJ, and the
unit's "before" is the row the balance view shows for it today.

Once a proposal is carried out (Dilaksanakan) the employee already sits in the target, so
today's counts are the "after" and the "before" is worked back from them.

``dampak_semua`` computes many proposals in three queries in all (the review-panel
comparison); ``dampak_usulan`` is the one-proposal shortcut. The proposal page and the panel
both say it with ``Sisi.kalimat``.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from instansi import beban
from instansi.beban import Beban, kalimat_perubahan
from instansi.models import Formasi
from mutasi.usulan.choices import StatusUsulan
from pegawai.models import Pegawai

ASAL, TUJUAN = "asal", "tujuan"


@dataclass
class Sisi:
    """One side of a move (origin or target): its formasi and its unit, before and after."""

    peran: str
    unit_nama: str
    jabatan_nama: str
    formasi_sebelum: Beban
    formasi_sesudah: Beban
    unit_sebelum: Beban
    unit_sesudah: Beban
    # Whether the unit has a formasi for this jabatan at all (otherwise need is 0).
    ada_formasi: bool = True
    sudah_dilaksanakan: bool = False

    @property
    def judul(self) -> str:
        return _("Unit asal") if self.peran == ASAL else _("Unit tujuan")

    def _kalimat(self, subjek, sebelum: Beban, sesudah: Beban) -> str:
        return _("%(gap)s; EJ %(a)s → %(b)s") % {
            "gap": kalimat_perubahan(subjek, sebelum.selisih, sesudah.selisih),
            "a": sebelum.ej_kalimat,
            "b": sesudah.ej_kalimat,
        }

    @property
    def kalimat_formasi(self) -> str:
        subjek = _("formasi asal") if self.peran == ASAL else _("formasi tujuan")
        return self._kalimat(subjek, self.formasi_sebelum, self.formasi_sesudah)

    @property
    def kalimat_unit(self) -> str:
        subjek = _("unit asal") if self.peran == ASAL else _("unit tujuan")
        return self._kalimat(subjek, self.unit_sebelum, self.unit_sesudah)

    @property
    def pasangan(self) -> list[tuple[Beban, Beban]]:
        """(before, after) of the formasi, then of the unit: the columns of the table."""
        return [
            (self.formasi_sebelum, self.formasi_sesudah),
            (self.unit_sebelum, self.unit_sesudah),
        ]

    @property
    def kalimat(self) -> list[str]:
        """The move in words, the same on the proposal page and in the panel's comparison."""
        return [self.kalimat_formasi, self.kalimat_unit]


def dampak_semua(usulan_list, isi_asal=False) -> list[list[Sisi]]:
    """The sides of each proposal in ``usulan_list``, in order; three queries in all.

    The proposals should come with ``unit_asal``, ``jabatan_asal`` and
    ``formasi_tujuan__unit``/``__jabatan`` selected, or each costs a few lookups more. With
    ``isi_asal`` each proposal from a unit here also gets its origin formasi's need (None
    without a formasi) and active holders as they stand, ``kebutuhan_asal`` and
    ``bezetting_asal``: what the checklist's origin rule reads on a list of proposals.
    """
    usulan_list = list(usulan_list)
    wanted = []  # per proposal: [(role, unit_id, jabatan_id, unit, jabatan, delta)]
    for usulan in usulan_list:
        # An incoming move's origin is another government: only its target side is here.
        sides = [(ASAL, usulan.unit_asal, usulan.jabatan_asal, -1)] if usulan.unit_asal_id else []
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
    units = beban.per(Formasi.objects.filter(unit_id__in={u for u, _j in keys}), "unit_id")
    if isi_asal:
        for usulan in usulan_list:
            if usulan.unit_asal_id:
                key = (usulan.unit_asal_id, usulan.jabatan_asal_id)
                usulan.kebutuhan_asal = formasi[key].kebutuhan if key in formasi else None
                usulan.bezetting_asal = holders.get(key, 0)

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
            now = Beban.dari_formasi(
                f.kebutuhan if f else 0,
                holders.get((unit.pk, jabatan.pk), 0),
                f.beban_kerja_jam if f else None,
            )
            unit_now = units.get(unit.pk) or Beban()
            d, du, dub = delta, unit_delta[unit.pk], unit_delta_beban[unit.pk]
            d_beban = d if now.beban_jam is not None else 0
            # Before = now (or now minus the move once carried out); after = before + move.
            if done:
                sebelum = now.geser(-d, -d_beban)
                unit_sebelum = unit_now.geser(-du, -dub)
            else:
                sebelum, unit_sebelum = now, unit_now
            result.append(
                Sisi(
                    peran=role,
                    unit_nama=str(unit),
                    jabatan_nama=str(jabatan),
                    formasi_sebelum=sebelum,
                    formasi_sesudah=sebelum.geser(d, d_beban),
                    unit_sebelum=unit_sebelum,
                    unit_sesudah=unit_sebelum.geser(du, dub),
                    ada_formasi=f is not None,
                    sudah_dilaksanakan=done,
                )
            )
        results.append(result)
    return results


def dampak_usulan(usulan) -> list[Sisi]:
    """Origin and (when inside this government) target, before and after the move."""
    return dampak_semua([usulan])[0]
