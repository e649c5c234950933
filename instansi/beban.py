"""Workload figures (docs/domain.md §5) computed in one place: need, holders (bezetting), gap,
job efficiency EJ and its band, with the words and colours every page shows them in.

The needs-analysis page (``instansi.services.hasil_analisis``), the workload-balance view
(``instansi.keseimbangan``), a proposal's workload box (``mutasi.usulan.dampak``), the review panel
(``mutasi.panel``) and the matching and redistribution plan (``mutasi.pencocokan``) all read
their figures from a ``Beban``; none computes a gap, an EJ or a band of its own.

What is counted:

- need is the formasi's need; holders are the active employees whose unit and jabatan are
  those of the formasi (``FormasiQuerySet.with_bezetting``); someone in a post without a
  formasi is counted in no unit;
- gap = holders − need, over every formasi counted: negative "kekurangan", positive
  "kelebihan", zero "sesuai kebutuhan";
- EJ = workload hours / (holders × effective hours per year), the holders being those of the
  formasi that have a workload: the holders of a formasi nobody has analysed do work nobody
  measured, and counting them would make a unit look idle only because its analysis is
  incomplete. No workload, or nobody holding an analysed formasi: no EJ;
- the band is that of EJ rounded to two decimals, as every page prints it: A above 1,00
  beban berlebih, B 0,90–1,00 beban penuh, C 0,70–0,89 beban cukup, D 0,50–0,69 beban
  kurang, E below 0,50 beban sangat kurang.

Gap and band answer two questions and need not agree: need is rounded per jabatan (a third
of a person's work still needs one person), so a formasi filled exactly to its need can have
"beban kurang", and a unit short of people on the staffing map can still have "beban
cukup". Colours follow the meaning: red for too few people for the work (a shortage, band
A), amber for more people than work (a surplus, bands D–E), green for B–C.
"""

import dataclasses
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from instansi.choices import KategoriEJ
from mutasi.lib.angka import angka

WARNA_KATEGORI = {
    KategoriEJ.A: "text-bg-danger",
    KategoriEJ.B: "text-bg-success",
    KategoriEJ.C: "text-bg-success",
    KategoriEJ.D: "text-bg-warning",
    KategoriEJ.E: "text-bg-warning",
}

RENTANG = {
    KategoriEJ.A: "> 1,00",
    KategoriEJ.B: "0,90–1,00",
    KategoriEJ.C: "0,70–0,89",
    KategoriEJ.D: "0,50–0,69",
    KategoriEJ.E: "< 0,50",
}


def legenda() -> list[dict]:
    """The bands with their words, EJ range and colour, for the legends on the pages."""
    return [
        {"kode": k, "kata": k.label, "rentang": RENTANG[k], "warna": WARNA_KATEGORI[k]}
        for k in KategoriEJ
    ]


def efisiensi(jam, bezetting: int, jam_efektif: int) -> Decimal | None:
    if jam is None or bezetting <= 0:
        return None
    return Decimal(jam) / (Decimal(bezetting) * Decimal(jam_efektif))


def dibulatkan(ej) -> Decimal:
    """EJ as printed: two decimals, half up."""
    return Decimal(ej).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def kategori(ej) -> KategoriEJ | None:
    """The band of an EJ value rounded to two decimals."""
    if ej is None:
        return None
    ej = dibulatkan(ej)
    if ej > Decimal("1.00"):
        return KategoriEJ.A
    if ej >= Decimal("0.90"):
        return KategoriEJ.B
    if ej >= Decimal("0.70"):
        return KategoriEJ.C
    if ej >= Decimal("0.50"):
        return KategoriEJ.D
    return KategoriEJ.E


def kata_selisih(selisih: int) -> str:
    if selisih < 0:
        return _("kekurangan %(n)s pegawai") % {"n": _angka(-selisih)}
    if selisih > 0:
        return _("kelebihan %(n)s pegawai") % {"n": _angka(selisih)}
    return _("sesuai kebutuhan")


def kalimat_perubahan(subjek: str, sebelum: int, sesudah: int) -> str:
    """The change of a gap in words: "unit asal menjadi kekurangan 1 pegawai"."""
    if sebelum == sesudah:
        return _("%(s)s tetap %(k)s") % {"s": subjek, "k": kata_selisih(sesudah)}
    if sesudah == 0:
        if sebelum < 0:
            return _("%(s)s menjadi sesuai kebutuhan (kekurangan terpenuhi)") % {"s": subjek}
        return _("%(s)s menjadi sesuai kebutuhan (kelebihan habis)") % {"s": subjek}
    if (sesudah < 0) != (sebelum < 0) or sebelum == 0:
        return _("%(s)s menjadi %(k)s") % {"s": subjek, "k": kata_selisih(sesudah)}
    naik = abs(sesudah) > abs(sebelum)
    text = (
        _("kekurangan %(s)s %(v)s dari %(a)s menjadi %(b)s pegawai")
        if sesudah < 0
        else _("kelebihan %(s)s %(v)s dari %(a)s menjadi %(b)s pegawai")
    )
    return text % {
        "s": subjek,
        "v": _("bertambah") if naik else _("berkurang"),
        "a": _angka(abs(sebelum)),
        "b": _angka(abs(sesudah)),
    }


def _angka(n) -> str:
    return angka(n)


@dataclass
class Beban:
    """The workload figures of one formasi or of a sum of formasi (a unit, an agency...)."""

    kebutuhan: int = 0
    bezetting: int = 0
    beban_jam: Decimal | None = None
    # The holders of the formasi that have a workload: the denominator of EJ.
    bezetting_beban: int = 0
    jam_efektif: int = 0

    def __post_init__(self):
        self.jam_efektif = self.jam_efektif or settings.ABK_JAM_EFEKTIF

    @classmethod
    def dari_formasi(cls, kebutuhan, bezetting, beban_jam, **kwargs):
        """One formasi's figures (``kwargs``: further fields of a subclass)."""
        return cls(
            kebutuhan=kebutuhan,
            bezetting=bezetting,
            beban_jam=None if beban_jam is None else Decimal(beban_jam),
            bezetting_beban=0 if beban_jam is None else bezetting,
            **kwargs,
        )

    @property
    def selisih(self) -> int:
        return self.bezetting - self.kebutuhan

    @property
    def ej(self) -> Decimal | None:
        return efisiensi(self.beban_jam, self.bezetting_beban, self.jam_efektif)

    @property
    def kategori(self) -> KategoriEJ | None:
        return kategori(self.ej)

    @property
    def kata_kategori(self) -> str:
        """The band in words, or why there is none."""
        if self.kategori:
            return str(self.kategori.label)
        if self.beban_jam is None:
            return _("belum dianalisis")
        return _("tanpa pemangku")

    @property
    def warna_kategori(self) -> str:
        return WARNA_KATEGORI.get(self.kategori, "text-bg-light border")

    @property
    def ej_teks(self) -> str:
        return "—" if self.ej is None else angka(dibulatkan(self.ej), 2)

    @property
    def ej_kalimat(self) -> str:
        """ "0,85 (C · beban cukup)", or "tidak dihitung (belum dianalisis)"."""
        if self.ej is None:
            return _("tidak dihitung (%(a)s)") % {"a": self.kata_kategori}
        return f"{self.ej_teks} ({self.kategori} · {self.kata_kategori})"

    @property
    def kata_selisih(self) -> str:
        return kata_selisih(self.selisih)

    @property
    def arah_selisih(self) -> str:
        """The gap in a word, for a table cell beside its number."""
        if self.selisih < 0:
            return _("kekurangan")
        return _("kelebihan") if self.selisih > 0 else _("sesuai kebutuhan")

    @property
    def selisih_teks(self) -> str:
        return ("+" if self.selisih > 0 else "") + _angka(self.selisih)

    @property
    def warna_selisih(self) -> str:
        """Red for a shortage, amber for a surplus, as the bands are coloured."""
        if self.selisih < 0:
            return "text-danger fw-semibold"
        return "text-warning-emphasis" if self.selisih else ""

    def tambah(self, other: "Beban") -> "Beban":
        """Add ``other``'s figures to these (both counted with the same effective hours)."""
        self.kebutuhan += other.kebutuhan
        self.bezetting += other.bezetting
        self.bezetting_beban += other.bezetting_beban
        if other.beban_jam is not None:
            self.beban_jam = (self.beban_jam or Decimal(0)) + other.beban_jam
        return self

    def geser(self, bezetting: int = 0, bezetting_beban: int = 0) -> "Beban":
        """These figures with holders moved in (positive) or out (negative)."""
        return dataclasses.replace(
            self,
            bezetting=max(self.bezetting + bezetting, 0),
            bezetting_beban=max(self.bezetting_beban + bezetting_beban, 0),
        )


def jumlah(rows, jam_efektif: int = 0) -> Beban:
    total = Beban(jam_efektif=jam_efektif)
    for row in rows:
        total.tambah(row)
    return total


def per(formasi, kunci: str) -> dict:
    """``{value of kunci: Beban}`` summed over ``formasi`` (e.g. per ``"unit_id"``), one query.

    ``bezetting`` comes from one grouped count of the employees joined to the formasi
    (``with_bezetting_grouped``); it is annotated before ``values()`` so that ``Sum`` adds it
    up instead of grouping by it.
    """
    rows = (
        formasi.with_bezetting_grouped()
        .order_by()
        .values(kunci)
        .annotate(
            sum_kebutuhan=Sum("kebutuhan"),
            sum_bezetting=Sum("bezetting"),
            sum_beban=Sum("beban_kerja_jam"),
            sum_bezetting_beban=Sum("bezetting", filter=Q(beban_kerja_jam__isnull=False)),
        )
    )
    return {
        row[kunci]: Beban(
            kebutuhan=row["sum_kebutuhan"] or 0,
            bezetting=row["sum_bezetting"] or 0,
            beban_jam=None if row["sum_beban"] is None else Decimal(row["sum_beban"]),
            bezetting_beban=row["sum_bezetting_beban"] or 0,
        )
        for row in rows
    }
