"""What the demo province looks like, read from the plain data in ``data/``: its vocabulary,
positions, agencies and units. No database: master.py makes rows of it, people.py places
employees in it. Unit codes follow the order of the data (see perangkat_daerah.toml).
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
# What people write: reasons, notes, remarks, objections and their answers (to each objection,
# in order), decisions, trainings, public services, penalties.
KATA = read("kata.toml")
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
JENJANG = _jabatan["jenjang"]


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


def _jabatan_def(row: dict, jenis: str, jenjang: str = "") -> JabatanDef:
    """A position of the data; ``jenjang``: the level of a functional family's ``row``."""
    level = JENJANG[jenjang] if jenjang else row
    return JabatanDef(
        nama=f"{row['nama']} {level['nama']}" if jenjang else row["nama"],
        jenis=jenis,
        jenjang=jenjang or row.get("jenjang", jenis),
        kelas=level["kelas"],
        golongan_minimal=GOLONGAN[level["golongan_minimal"]],
        bidang=tuple(row.get("bidang", ())),
        kompetensi=tuple(row.get("kompetensi", ())),
        family=row["nama"] if jenjang else "",
        rumpun=row["rumpun"],
    )


# A functional position at several levels ("Perawat Terampil", "Perawat Ahli Muda"): its levels.
LEVELS = {
    f["nama"]: [_jabatan_def(f, JenisJabatan.FUNGSIONAL, j) for j in f["jenjang"]]
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
    jabatan += [level for levels in LEVELS.values() for level in levels]
    return jabatan + [_jabatan_def(row, JenisJabatan.PELAKSANA) for row in _jabatan["pelaksana"]]


# --- Agencies and their units -----------------------------------------------------------------

U = JenisUnit
KEPALA_BY_JENIS = _wilayah["kepala"]  # "": no head of its own
KOTA = list(_wilayah["kota"])
KOTA_WEIGHTS = list(_wilayah["kota"].values())
OPD = _wilayah["opd"]  # kode, nama, singkatan, jenis, kepala, units


def _staff(value) -> tuple[tuple[str, float], ...]:
    """A ``staf`` entry: a table of its own, or the name of a set under [staf]."""
    return tuple((_wilayah["staf"][value] if isinstance(value, str) else value).items())


def _unit(data: dict, plain: bool = False) -> dict:
    """A unit of the data and its children, with the people every unit of its kind has
    besides its own (the rules at the head of perangkat_daerah.toml); ``plain``: as written."""
    jenis = data.get("jenis", U.BIDANG)
    staff = _staff(data.get("staf", {}))
    children = [_unit(child, plain) for child in data.get("unit", ())]
    if plain:
        pass
    elif jenis in (U.UPT, U.PUSKESMAS, U.SEKOLAH):
        staff += _staff("sekolah" if jenis == U.SEKOLAH else "upt")
    elif data.get("seksi"):
        seksi = {
            "jenis": data.get("jenis_seksi", U.SEKSI),
            "kepala": data.get("kepala_seksi", ""),
            "staf": tuple((n, w * 0.5) for n, w in staff) + _staff("seksi"),
        }
        children = [seksi | {"nama": nama} for nama in data["seksi"]]
        staff = tuple((n, w * 0.3) for n, w in staff) + _staff("administrasi")
    else:
        staff += _staff("administrasi")
    return data | {"jenis": jenis, "staf": staff, "unit": children}


def expand_staff(staff) -> list[tuple[str, float]]:
    """Staff entries as (jabatan name, weight): a family spreads over its levels."""
    rows = []
    for name, weight in staff:
        levels = LEVELS.get(name)
        if levels is None:
            rows.append((name, weight))
            continue
        shares = [JENJANG[level.jenjang]["bobot"] for level in levels]
        rows += [(lv.nama, weight * s / sum(shares)) for lv, s in zip(levels, shares, strict=True)]
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
    kepala: str  # jabatan name of the unit's head, "" if it has none
    staff: tuple[tuple[str, float], ...]  # (jabatan name, weight)
    kota: str


@cache
def walk_units() -> list[PlacedUnit]:
    """Every unit, parents before children. The agency itself is the root unit ("<kode>.00"),
    where its head sits; children number 01, 02, ... in the data's order."""
    placed = []

    def visit(unit: dict, kode: str, opd_kode: str, parent: str | None, depth: int):
        kepala = unit.get("kepala") or KEPALA_BY_JENIS[unit["jenis"]]
        staff = tuple(expand_staff(unit["staf"]))
        where = (unit["nama"], unit["jenis"], parent, depth, kepala, staff)
        placed.append(PlacedUnit(kode, opd_kode, *where, unit.get("kota") or IBU_KOTA))
        for n, child in enumerate(unit.get("unit", ()), start=1):
            code = f"{kode}.{n:02d}" if depth else f"{opd_kode}.{n:02d}"
            visit(child, code, opd_kode, kode, depth + 1)

    sekretariat = _unit(_wilayah["sekretariat"], plain=True)
    for agency in OPD:
        units = [sekretariat] if agency.get("sekretariat", True) else []
        units += [_unit(unit) for unit in agency.get("unit", ())]
        staff = _staff(agency.get("staf", {}))
        kode = agency["kode"]
        root = {"nama": agency["nama"], "jenis": U.PIMPINAN, "kepala": agency["kepala"]}
        visit(root | {"staf": staff, "unit": units}, f"{kode}.00", kode, None, 0)
    return placed
