"""What the demo province looks like, read from the plain data in ``data/``: its vocabulary
(pendidikan.toml, jabatan.toml), its positions (jabatan.toml) and its agencies and units
(perangkat_daerah.toml).

No database: master.py turns it into rows and people.py places employees in it. Unit codes are
derived from the order of the agencies and units in the data, so new ones go at the end of
their list (see the head of perangkat_daerah.toml).
"""

import csv
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from instansi.choices import JenisJabatan, JenisUnit
from pegawai.choices import Golongan

DATA = Path(__file__).resolve().parent / "data"


@cache
def read(name: str):
    """A data file: TOML as a dict, CSV as a list of rows (the header row left out)."""
    path = DATA / name
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.reader(handle))[1:]
    with path.open("rb") as handle:
        return tomllib.load(handle)


_pendidikan = read("pendidikan.toml")
_jabatan = read("jabatan.toml")
_wilayah = read("perangkat_daerah.toml")

INSTANSI = _wilayah["instansi"]
IBU_KOTA = INSTANSI["ibu_kota"]

# --- Vocabulary -------------------------------------------------------------------------------

BIDANG_PENDIDIKAN = list(_pendidikan["bidang"])
RUMPUN_BIDANG = {nama: b["rumpun"] for nama, b in _pendidikan["bidang"].items()}
BIDANG_UMUM = _pendidikan["bidang_umum"]
MANAJERIAL = _jabatan["kompetensi"]["manajerial"]
KOMPETENSI = [
    (nama, kategori) for kategori, names in _jabatan["kompetensi"].items() for nama in names
]

# --- Positions --------------------------------------------------------------------------------

GOLONGAN = {label: value for value, label in Golongan.choices}


@dataclass(frozen=True)
class JabatanDef:
    nama: str
    jenis: str
    jenjang: str
    kelas: int
    golongan_minimal: int
    bidang: tuple[str, ...] = ()
    kompetensi: tuple[str, ...] = ()
    family: str = ""  # functional family ("Perawat") for every level of one function
    rumpun: str = ""  # job family (``RumpunJabatan``)


def _jabatan_def(row: dict, jenis: str) -> JabatanDef:
    return JabatanDef(
        nama=row["nama"],
        jenis=jenis,
        jenjang=row.get("jenjang", jenis),
        kelas=row["kelas"],
        golongan_minimal=GOLONGAN[row["golongan_minimal"]],
        bidang=tuple(row.get("bidang", ())),
        kompetensi=tuple(row.get("kompetensi", ())),
        rumpun=row["rumpun"],
    )


@dataclass(frozen=True)
class Family:
    """A functional position at several levels: "Perawat Terampil", "Perawat Ahli Muda"."""

    nama: str
    jenjang: tuple[str, ...]
    bidang: tuple[str, ...]
    kompetensi: tuple[str, ...]
    rumpun: str

    def levels(self) -> list[JabatanDef]:
        return [
            JabatanDef(
                nama=f"{self.nama} {JENJANG[j]['nama']}",
                jenis=JenisJabatan.FUNGSIONAL,
                jenjang=j,
                kelas=JENJANG[j]["kelas"],
                golongan_minimal=GOLONGAN[JENJANG[j]["golongan_minimal"]],
                bidang=self.bidang,
                kompetensi=self.kompetensi,
                family=self.nama,
                rumpun=self.rumpun,
            )
            for j in self.jenjang
        ]


JENJANG = _jabatan["jenjang"]
FAMILY_BY_NAME = {
    f["nama"]: Family(
        f["nama"], tuple(f["jenjang"]), tuple(f["bidang"]), tuple(f["kompetensi"]), f["rumpun"]
    )
    for f in _jabatan["fungsional"]
}


def female_share() -> dict[str, float]:
    """The share of women per functional family or position, where the data gives one."""
    rows = _jabatan["fungsional"] + _jabatan["pelaksana"]
    return {row["nama"]: row["perempuan"] for row in rows if "perempuan" in row}


@cache
def all_jabatan() -> list[JabatanDef]:
    """Every position: structural, then each functional family's levels, then pelaksana."""
    jabatan = [_jabatan_def(row, JenisJabatan.STRUKTURAL) for row in _jabatan["struktural"]]
    for family in FAMILY_BY_NAME.values():
        jabatan += family.levels()
    return jabatan + [_jabatan_def(row, JenisJabatan.PELAKSANA) for row in _jabatan["pelaksana"]]


# --- Agencies and their units -----------------------------------------------------------------

U = JenisUnit
# The head of a unit by its kind, unless the unit names one; a school has none of its own.
KEPALA_BY_JENIS = {
    U.SEKRETARIAT: "Sekretaris",
    U.BIDANG: "Kepala Bidang",
    U.BAGIAN: "Kepala Bagian",
    U.SUBBAGIAN: "Kepala Subbagian",
    U.SEKSI: "Kepala Seksi",
    U.UPT: "Kepala UPT",
    U.PUSKESMAS: "Kepala Puskesmas",
    U.SEKOLAH: None,
}
KOTA = list(_wilayah["kota"])
KOTA_WEIGHTS = list(_wilayah["kota"].values())


@dataclass(frozen=True)
class Agency:
    kode: str
    nama: str
    singkatan: str
    jenis: str


OPD = [Agency(a["kode"], a["nama"], a["singkatan"], a["jenis"]) for a in _wilayah["opd"]]


@dataclass(frozen=True)
class UnitDef:
    nama: str
    jenis: str
    staff: tuple[tuple[str, float], ...] = ()
    children: tuple["UnitDef", ...] = ()
    kepala: str | None = ""  # "" = by jenis (KEPALA_BY_JENIS), None = no head
    kota: str = ""  # where the unit is, if not in the capital


def _staff(value) -> tuple[tuple[str, float], ...]:
    """A ``staf`` entry: a table of its own, or the name of a set under [staf]."""
    return tuple((_wilayah["staf"][value] if isinstance(value, str) else value).items())


def _unit(data: dict, plain: bool = False) -> UnitDef:
    """A unit of the data with the people every unit of its kind has besides its own (the
    rules at the head of perangkat_daerah.toml); ``plain``: its staff as written."""
    jenis = data.get("jenis", U.BIDANG)
    staff = _staff(data.get("staf", {}))
    children = tuple(_unit(child, plain) for child in data.get("unit", ()))
    if not plain and jenis in (U.UPT, U.PUSKESMAS, U.SEKOLAH):
        staff += _staff("sekolah" if jenis == U.SEKOLAH else "upt")
    elif not plain and data.get("seksi"):
        sub_staff = tuple((n, w * 0.5) for n, w in staff) + _staff("seksi")
        kepala = data.get("kepala_seksi", "")
        sub = data.get("jenis_seksi", U.SEKSI)
        children = tuple(UnitDef(s, sub, sub_staff, kepala=kepala) for s in data["seksi"])
        staff = tuple((n, w * 0.3) for n, w in staff) + _staff("administrasi")
    elif not plain:
        staff += _staff("administrasi")
    return UnitDef(
        data["nama"], jenis, staff, children, data.get("kepala", ""), data.get("kota", "")
    )


def expand_staff(staff) -> list[tuple[str, float]]:
    """Staff entries as (jabatan name, weight): a family spreads over its levels."""
    rows = []
    for name, weight in staff:
        family = FAMILY_BY_NAME.get(name)
        if family is None:
            rows.append((name, weight))
            continue
        shares = [JENJANG[j]["bobot"] for j in family.jenjang]
        total = sum(shares)
        for level, share in zip(family.levels(), shares, strict=True):
            rows.append((level.nama, weight * share / total))
    return rows


@dataclass(frozen=True)
class PlacedUnit:
    """A unit of the catalogue with its code, parent and agency worked out."""

    kode: str
    opd_kode: str
    nama: str
    jenis: str
    parent_kode: str | None
    depth: int
    kepala: str | None  # jabatan name of the unit's head, if it has one
    staff: tuple[tuple[str, float], ...]  # (jabatan name, weight)
    kota: str


@cache
def walk_units() -> list[PlacedUnit]:
    """Every unit, parents before children. The agency itself is the root unit ("<kode>.00"),
    where its head sits; children number 01, 02, ... in the data's order."""
    placed = []

    def visit(unit: UnitDef, kode: str, opd_kode: str, parent: str | None, depth: int):
        placed.append(
            PlacedUnit(
                kode=kode,
                opd_kode=opd_kode,
                nama=unit.nama,
                jenis=unit.jenis,
                parent_kode=parent,
                depth=depth,
                kepala=KEPALA_BY_JENIS[unit.jenis] if unit.kepala == "" else unit.kepala,
                staff=tuple(expand_staff(unit.staff)),
                kota=unit.kota or IBU_KOTA,
            )
        )
        for n, child in enumerate(unit.children, start=1):
            visit(
                child,
                f"{kode}.{n:02d}" if depth else f"{opd_kode}.{n:02d}",
                opd_kode,
                kode,
                depth + 1,
            )

    sekretariat = _unit(_wilayah["sekretariat"], plain=True)
    for agency in _wilayah["opd"]:
        units = (sekretariat,) if agency.get("sekretariat", True) else ()
        units += tuple(_unit(unit) for unit in agency.get("unit", ()))
        root = UnitDef(
            agency["nama"], U.PIMPINAN, _staff(agency.get("staf", {})), units, agency["kepala"]
        )
        visit(root, f"{agency['kode']}.00", agency["kode"], None, 0)
    return placed
