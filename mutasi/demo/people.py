"""The demo employees: who they are, where they sit, and their records.

Employee ``i`` is generated from its own random stream and from the catalogue only, never from
the database or from ``--pegawai``, so a larger run reproduces the smaller one and adds people
after it. The parts of a NIP (birth date, TMT CPNS, gender, serial) are drawn before anything
that depends on the reference date, so the NIPs stay the same whenever the seed runs, and an
employee already in the database is recognised by NIP and left alone.
"""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field, fields
from functools import cache
from itertools import accumulate

from django.db import connection
from django.utils.text import slugify

from evaluasi.services import add_months
from instansi.choices import BUP_BY_JENJANG, BUP_DEFAULT, JenisJabatan, Jenjang
from mutasi.demo import catalogue
from mutasi.demo.context import BATCH_SIZE, SEED, Context, stable_fraction
from mutasi.lib.models import analyze, insert_in_bulk
from pegawai.choices import Golongan, JenisKelamin, PredikatSkp
from pegawai.choices import TingkatPendidikan as T
from pegawai.models import HukumanDisiplin, Pegawai, RiwayatJabatan, Skp


def _baca(value):
    """Data with the names of education levels, golongan and SKP ratings made their values."""
    if isinstance(value, dict):
        return {_baca(k): _baca(v) for k, v in value.items()}
    if isinstance(value, list):
        return tuple(_baca(v) for v in value)
    for enum in (T, Golongan, PredikatSkp):
        if isinstance(value, str) and value in enum.__members__:
            return enum[value]
    return value


DATA = _baca(catalogue.read("pegawai.toml"))  # data/pegawai.toml
GOLONGAN = sorted(Golongan.values)
# Birth dates and TMT CPNS are counted back from this year, whatever the date of the run.
NIP_EPOCH_YEAR = 2026
# The latest TMT CPNS handed out: the 2024 intake, appointed in 2025.
LAST_CPNS = (2025, 6)
DINKES = "1.02.01"
# Every fifth employee after the agency heads fills the next structural post, until all are.
STRUCTURAL_EVERY = 5
# Share of structural posts below the agency head left vacant on purpose (a Plt. in office).
VACANT_POSTS = 0.06
EMAIL_DOMAIN = "asemrowoprov.example"

# Share of women per functional family or position (data/jabatan.toml), else DEFAULT_FEMALE.
FEMALE_SHARE = catalogue.female_share()
DEFAULT_FEMALE = 0.47
STRUCTURAL_FEMALE = {Jenjang.JPT_MADYA: 0.2, Jenjang.JPT_PRATAMA: 0.25}

# Disciplinary penalties by level (data/kata.toml): [penalty, months in force].
HUKDIS = catalogue.KATA["hukuman_disiplin"]
# The first employees are the people behind the demo accounts (see accounts.py).
PERSONAS = list(DATA["persona"])
KEPALA_DINKES, ASN_DINKES = PERSONAS


@dataclass
class PersonPlan:
    """One employee as generated, before it becomes rows."""

    nip: str
    nama: str
    gelar_depan: str
    gelar_belakang: str
    jenis_kelamin: str
    tanggal_lahir: datetime.date
    golongan: int
    unit: str  # unit kode
    jabatan: str  # jabatan nama
    tmt_jabatan: datetime.date
    tingkat_pendidikan: int
    bidang_pendidikan: str | None
    domisili: str
    email: str
    kompetensi: tuple[str, ...] = ()
    tugas_belajar: bool = False
    ikatan_dinas_sampai: datetime.date | None = None
    dalam_proses_hukum: bool = False
    skp: list = field(default_factory=list)  # (tahun, predikat)
    riwayat: list = field(default_factory=list)  # (jabatan, unit kode, mulai, selesai, nomor SK)
    hukdis: list = field(default_factory=list)  # (tingkat, jenis, mulai, selesai, nomor SK)


class Placement:
    """Which post employee ``i`` fills: the personas, the agency heads, then the other
    structural posts interleaved with staff drawn by the catalogue's weights."""

    def __init__(self):
        self.units = {u.kode: u for u in catalogue.walk_units()}
        self.jabatan = {j.nama: j for j in catalogue.all_jabatan()}
        self.by_name = {(u.opd_kode, u.nama): u.kode for u in self.units.values()}
        persona_posts = [(self.by_name[(p["opd"], p["unit"])], p["jabatan"]) for p in PERSONAS]
        roots = [(u.kode, u.kepala) for u in self.units.values() if u.depth == 0]
        self.fixed = persona_posts + [post for post in roots if post not in persona_posts]
        self.structural = self._structural_posts(exclude=set(self.fixed))
        # For job histories: the units of each agency, and where each structural post is.
        self.opd_units = {}
        self.posts = {}
        for unit in self.units.values():
            if unit.depth:
                self.opd_units.setdefault(unit.opd_kode, []).append(unit.kode)
            if unit.kepala:
                self.posts.setdefault((unit.opd_kode, unit.kepala), []).append(unit.kode)
        slots = defaultdict(float)
        for unit in self.units.values():
            for jabatan, weight in unit.staff:
                slots[(unit.kode, jabatan)] += weight
        self.slots = [key for key, weight in slots.items() if weight > 0]
        self.cumulative = list(accumulate(slots[key] for key in self.slots))

    def _structural_posts(self, exclude):
        """Below the heads, level by level, one agency after another, so a small demo still
        has a secretary in every agency before any agency has its section heads."""
        opd_order = {agency["kode"]: n for n, agency in enumerate(catalogue.OPD)}
        rank = {}
        posts = []
        for unit in self.units.values():
            if not unit.kepala or (unit.kode, unit.kepala) in exclude:
                continue
            if stable_fraction("lowong", unit.kode) < VACANT_POSTS:
                continue
            n = rank.get((unit.opd_kode, unit.depth), 0)
            rank[(unit.opd_kode, unit.depth)] = n + 1
            posts.append(((unit.depth, n, opd_order[unit.opd_kode]), (unit.kode, unit.kepala)))
        return [post for _, post in sorted(posts)]

    def post(self, i: int, rng: random.Random) -> tuple[str, str]:
        if i < len(self.fixed):
            return self.fixed[i]
        k = i - len(self.fixed)
        if k % STRUCTURAL_EVERY == 0 and k // STRUCTURAL_EVERY < len(self.structural):
            return self.structural[k // STRUCTURAL_EVERY]
        return rng.choices(self.slots, cum_weights=self.cumulative)[0]


@cache
def placement() -> Placement:
    return Placement()


def _weighted(rng, table):
    """Pick a key of ``table`` ({value: weight})."""
    return rng.choices(list(table), weights=list(table.values()))[0]


NAMA = catalogue.read("nama.toml")  # names, without titles
# (D-III, S-1 or D-IV, S-2) titles and the title in front, by field of study.
_bidang = catalogue.read("pendidikan.toml")["bidang"]
TITLES = {nama: b["gelar"] for nama, b in _bidang.items()}
FRONT_TITLES = {nama: b["gelar_depan"] for nama, b in _bidang.items() if "gelar_depan" in b}


def _person_name(rng, jenis_kelamin: str) -> str:
    """A plausible full name (without titles) for a man ("1") or a woman ("2")."""
    sex = "male" if jenis_kelamin == "1" else "female"

    def pick(kind):
        return rng.choice(NAMA[f"{kind}_{sex}"])

    roll = rng.random()
    if roll < 0.05:
        return f"{pick('bali')} {pick('bali_given')}"
    parts = [pick("first")]
    if roll < 0.17:
        parts.append(rng.choice(NAMA["marga"]))
    else:
        if rng.random() < 0.35:
            parts.append(pick("middle"))
        if rng.random() < 0.9:
            parts.append(pick("last"))
    # "Dwi Dwi" or "Nur Nurhayati" read as typing errors: drop the repeat.
    names = []
    for part in parts:
        if not any(part.startswith(seen) or seen.startswith(part) for seen in names):
            names.append(part)
    if len(names) == 1:
        names.append(pick("last"))
    return " ".join(names)


def _academic_titles(rng, bidang: str | None, tingkat: int) -> tuple[str, str]:
    """(gelar depan, gelar belakang) for a field of study and a TingkatPendidikan value."""
    if bidang is None or tingkat < 6:  # below D-III: no title
        return "", ""
    d3, s1, s2 = TITLES[bidang]
    front = FRONT_TITLES.get(bidang, "")
    if tingkat == 6:
        return "", rng.choice(d3 or ["A.Md."])
    back = [rng.choice(s1)]
    if tingkat >= 9:
        back.append(rng.choice(s2))
    if tingkat >= 10:
        front = f"Dr. {front}".strip()
    return front, ", ".join(b for b in back if b)


def _tingkat(rng, jd: catalogue.JabatanDef) -> int:
    if jd.family in ("Dokter", "Dokter Gigi", "Medik Veteriner"):
        return T.S2 if jd.jenjang == Jenjang.AHLI_MADYA and rng.random() < 0.7 else T.S1
    pelaksana = DATA["pendidikan_pelaksana"]
    table = DATA["pendidikan"].get(jd.jenjang) or pelaksana.get(
        jd.golongan_minimal, pelaksana["lainnya"]
    )
    return _weighted(rng, table) if len(table) > 1 else next(iter(table))


def _bidang(rng, jd: catalogue.JabatanDef, tingkat: int) -> str | None:
    if tingkat < T.D3:
        return None
    if jd.bidang and (rng.random() < 0.9 or jd.family in ("Dokter", "Dokter Gigi")):
        return rng.choice(jd.bidang)
    return rng.choice(catalogue.BIDANG_UMUM)


def _female_share(jd: catalogue.JabatanDef) -> float:
    if jd.jenis == JenisJabatan.STRUKTURAL:
        return STRUCTURAL_FEMALE.get(jd.jenjang, 0.4)
    return FEMALE_SHARE.get(jd.family or jd.nama, DEFAULT_FEMALE)


def generate(i: int, serials: dict, reference: datetime.date) -> PersonPlan:
    """Employee number ``i``. ``serials`` ({NIP prefix: serials used}) keeps the NIPs of one
    run's sequence unique."""
    rng = random.Random(SEED * 1_000_003 + i)
    where = placement()
    unit_kode, jabatan = where.post(i, rng)
    unit = where.units[unit_kode]
    jd = where.jabatan[jabatan]
    persona = PERSONAS[i] if i < len(PERSONAS) else {}

    # Identity and NIP: nothing here may depend on the reference date.
    if persona:
        jk, nama, tingkat, bidang = (
            persona[k] for k in ("jenis_kelamin", "nama", "tingkat", "bidang")
        )
    else:
        jk = JenisKelamin.PEREMPUAN if rng.random() < _female_share(jd) else "1"
        nama = _person_name(rng, jk)
        tingkat = _tingkat(rng, jd)
        bidang = _bidang(rng, jd, tingkat)
    gelar_depan, gelar_belakang = _academic_titles(rng, bidang, tingkat)
    if persona:
        gelar_depan, gelar_belakang = persona["gelar_depan"], persona["gelar_belakang"]

    entry = DATA["golongan_masuk"][tingkat]
    steps_needed = max(0, GOLONGAN.index(jd.golongan_minimal) - GOLONGAN.index(entry))
    typical_least, typical_most = DATA["masa_kerja"].get(jd.jenjang, (1, 40))
    needed = max(steps_needed * 4 - 2, typical_least, 1)
    low, high = DATA["usia_cpns"].get(tingkat, DATA["usia_cpns"]["lainnya"])
    cpns_age = rng.randint(low, high)
    bup = BUP_BY_JENJANG.get(jd.jenjang, BUP_DEFAULT)
    most = max(1, min(bup - 1 - cpns_age, typical_most))
    least = min(needed, most)
    service = least + int((most - least) * rng.random() ** 1.4)
    service = persona.get("masa_kerja", service)
    cpns_year = NIP_EPOCH_YEAR - service
    cpns_month = _weighted(rng, {1: 40, 3: 20, 4: 15, 2: 5, 5: 5, 6: 5, 7: 3, 10: 3, 12: 4})
    if (cpns_year, cpns_month) > LAST_CPNS:
        cpns_year, cpns_month = LAST_CPNS
    tmt_cpns = datetime.date(cpns_year, cpns_month, 1)
    lahir = datetime.date(cpns_year - cpns_age, 1, 1) + datetime.timedelta(rng.randrange(365))
    # Serials are small numbers in practice (001, 002, ...); take the next free one.
    serial = _weighted(rng, {1: 60, 2: 20, 3: 10, 4: 5, 5: 5})
    while True:
        prefix = f"{lahir:%Y%m%d}{tmt_cpns:%Y%m}{jk}"
        taken = serials.setdefault(prefix, set())
        while serial in taken:
            serial += 1
        if serial <= 999:
            break
        lahir += datetime.timedelta(days=1)
        serial = 1
    taken.add(serial)
    nip = f"{prefix}{serial:03d}"

    # Career, measured against the reference date.
    years = max(0.0, (reference - tmt_cpns).days / 365.25)
    drift = _weighted(rng, {0: 80, 1: 10, -1: 10})
    index = GOLONGAN.index(entry) + max(0, int(years // 4) + drift)
    top = DATA["golongan_puncak"][tingkat]
    cap = DATA["golongan_maks"].get(jd.jenjang, top)
    index = min(index, GOLONGAN.index(top), GOLONGAN.index(cap))
    minimum = GOLONGAN.index(jd.golongan_minimal)
    if index < minimum:
        # Mostly promoted far enough for the post; a few are not, and the checks will say so.
        index = minimum if (persona or rng.random() < 0.94) else max(minimum - 1, 0)
    golongan = GOLONGAN[index]

    roll = rng.random()
    least, most = next((low, high) for below, low, high in DATA["masa_jabatan"] if roll < below)
    tenure = persona.get("masa_jabatan") or rng.uniform(least, most)
    tmt_jabatan = (reference - datetime.timedelta(days=int(tenure * 365.25))).replace(day=1)
    tmt_jabatan = min(max(tmt_jabatan, tmt_cpns), reference)

    plan = PersonPlan(
        nip=nip,
        nama=nama,
        gelar_depan=gelar_depan,
        gelar_belakang=gelar_belakang,
        jenis_kelamin=jk,
        tanggal_lahir=lahir,
        golongan=golongan,
        unit=unit_kode,
        jabatan=jabatan,
        tmt_jabatan=tmt_jabatan,
        tingkat_pendidikan=tingkat,
        bidang_pendidikan=bidang,
        domisili=unit.kota
        if rng.random() < 0.75
        else rng.choices(catalogue.KOTA, catalogue.KOTA_WEIGHTS)[0],
        email=f"{slugify(nama.split()[0])}.{slugify(nama.split()[-1])}{nip[-3:]}@{EMAIL_DOMAIN}",
    )
    required = [k for k in jd.kompetensi if rng.random() < 0.8]
    extra = rng.sample(catalogue.MANAJERIAL, rng.randint(1, 2))
    plan.kompetensi = tuple(dict.fromkeys(required + extra))
    plan.riwayat = _riwayat(rng, plan, tmt_cpns, jd)
    plan.skp = _skp(rng, tmt_cpns, reference, clean=bool(persona))
    if not persona:
        age = reference.year - lahir.year
        plan.tugas_belajar = age < 45 and rng.random() < 0.012
        if rng.random() < 0.02:
            plan.ikatan_dinas_sampai = reference + datetime.timedelta(days=rng.randint(60, 1500))
        plan.dalam_proses_hukum = rng.random() < 0.006
        if rng.random() < 0.03:
            plan.hukdis = [_hukdis(rng, tmt_cpns, reference)]
    return plan


def _previous_jabatan(rng, jd: catalogue.JabatanDef, unit: catalogue.PlacedUnit) -> str:
    """The post someone held before this one: a lower level of the same function, a lower
    structural post, or the same post elsewhere."""
    if jd.family:
        levels = [level.nama for level in catalogue.LEVELS[jd.family]]
        n = levels.index(jd.nama)
        return levels[n - 1] if n > 0 else jd.nama
    if jd.jenis == JenisJabatan.STRUKTURAL:
        if jd.jenjang in (Jenjang.JPT_MADYA, Jenjang.JPT_PRATAMA):
            return rng.choice(["Sekretaris", "Kepala Bidang", "Kepala Biro"])
        if jd.jenjang == Jenjang.ADMINISTRATOR:
            return rng.choice(["Kepala Seksi", "Kepala Subbagian"])
        fungsional = [j for j, _ in unit.staff if placement().jabatan[j].family]
        return rng.choice(fungsional) if fungsional else "Penata Layanan Operasional"
    return jd.nama


def _nomor_sk(rng, kode: str, day: datetime.date) -> str:
    return f"{kode}/{rng.randint(100, 9999)}/BKD/{day.year}"


def _riwayat(rng, plan: PersonPlan, tmt_cpns, jd) -> list:
    where = placement()
    unit = where.units[plan.unit]
    span = (plan.tmt_jabatan - tmt_cpns).days / 365.25
    earlier = 0
    if span >= 1:
        earlier = 2 if span > 6 and rng.random() < 0.6 else 1
    starts = [tmt_cpns]
    if earlier == 2:
        middle = tmt_cpns + datetime.timedelta(days=int(rng.uniform(0.3, 0.7) * span * 365.25))
        starts.append(middle.replace(day=1))
    rows = []
    jabatan = jd.nama
    previous = []
    for _ in range(earlier):
        jabatan = _previous_jabatan(rng, where.jabatan[jabatan], unit)
        previous.append(jabatan)
    same_opd = where.opd_units.get(unit.opd_kode, [])
    for start, jabatan in zip(starts, reversed(previous), strict=False):
        posts = where.posts.get((unit.opd_kode, jabatan))
        if posts:
            unit_kode = rng.choice(posts)
        elif rng.random() < 0.5 or not same_opd:
            unit_kode = plan.unit
        else:
            unit_kode = rng.choice(same_opd)
        rows.append([jabatan, unit_kode, start, None, ""])
    rows.append([plan.jabatan, plan.unit, plan.tmt_jabatan, None, ""])
    for n, row in enumerate(rows):
        row[4] = _nomor_sk(rng, "813.3" if n == 0 else "821.2", row[2])
        if n + 1 < len(rows):
            row[3] = rows[n + 1][2] - datetime.timedelta(days=1)
    return [tuple(row) for row in rows]


def _skp(rng, tmt_cpns, reference, clean: bool) -> list:
    """Ratings of the last five finished years: mostly Baik, some Sangat Baik, a few low.
    Five, so the moves of the evaluation stories (up to two years back) pass the SKP rule on
    their own days."""
    tendency = rng.random()
    kind = "rendah" if tendency < 0.05 else "tinggi" if tendency > 0.7 else "biasa"
    table = DATA["skp"]["persona" if clean else kind]
    # The two oldest drawn apart, so the rest of the person is as it was with three years.
    older = random.Random(tendency)
    rows = [
        (year, _weighted(older, table)) for year in range(reference.year - 5, reference.year - 3)
    ]
    rows += [(year, _weighted(rng, table)) for year in range(reference.year - 3, reference.year)]
    return [(year, predikat) for year, predikat in rows if year >= tmt_cpns.year]


def _hukdis(rng, tmt_cpns, reference) -> tuple:
    tingkat = _weighted(rng, DATA["hukdis"])
    jenis, months = rng.choice(HUKDIS[tingkat])
    in_force = rng.random() < 0.4 or (reference - tmt_cpns).days < 2 * 365
    if in_force:
        mulai = reference - datetime.timedelta(days=rng.randint(15, months * 30 - 15))
    else:
        mulai = reference - datetime.timedelta(days=rng.randint(550, 8 * 365))
        mulai = max(mulai, tmt_cpns + datetime.timedelta(days=180))
    selesai = add_months(mulai, months)
    return (tingkat, jenis, mulai, selesai, _nomor_sk(rng, "862", mulai))


# PersonPlan fields that are not Pegawai fields as they are.
NOT_PEGAWAI = ("unit", "jabatan", "bidang_pendidikan", "kompetensi", "skp", "riwayat", "hukdis")


def plan_pegawai(ctx: Context) -> None:
    """Generate the employees in memory; the staffing map is drawn from where they sit."""
    serials = {}
    ctx.people = [generate(i, serials, ctx.reference) for i in range(ctx.pegawai)]


def build_pegawai(ctx: Context) -> None:
    """Employees not yet in the database (by NIP), with their SKP, history, penalties and
    competencies, inserted in batches."""
    existing = set(Pegawai.objects.values_list("nip", flat=True))
    new = [p for p in ctx.people if p.nip not in existing]
    units, jabatan = ctx.units, ctx.jabatan
    bidang, kompetensi = ctx.bidang, ctx.kompetensi
    direct = [f.name for f in fields(PersonPlan) if f.name not in NOT_PEGAWAI]
    objects = [
        Pegawai(
            **{name: getattr(p, name) for name in direct},
            unit_id=units[p.unit].pk,
            jabatan_id=jabatan[p.jabatan].pk,
            bidang_pendidikan_id=bidang[p.bidang_pendidikan].pk if p.bidang_pendidikan else None,
        )
        for p in new
    ]
    insert_in_bulk(objects, BATCH_SIZE)  # sets their ids

    skp, riwayat, hukdis, kompetensi_rows = [], [], [], []
    Through = Pegawai.kompetensi.through
    for plan, obj in zip(new, objects, strict=True):
        pk = obj.pk
        skp.extend(Skp(pegawai_id=pk, tahun=t, predikat=p) for t, p in plan.skp)
        riwayat.extend(
            RiwayatJabatan(
                pegawai_id=pk,
                jabatan_id=jabatan[j].pk,
                unit_id=units[u].pk,
                mulai=mulai,
                selesai=selesai,
                nomor_sk=sk,
            )
            for j, u, mulai, selesai, sk in plan.riwayat
        )
        hukdis.extend(
            HukumanDisiplin(
                pegawai_id=pk, tingkat=t, jenis=j, mulai=mulai, selesai=selesai, nomor_sk=sk
            )
            for t, j, mulai, selesai, sk in plan.hukdis
        )
        kompetensi_rows.extend(
            Through(pegawai_id=pk, kompetensi_id=kompetensi[k].pk) for k in plan.kompetensi
        )
    for rows in (skp, riwayat, hukdis, kompetensi_rows):
        insert_in_bulk(rows, BATCH_SIZE)
    ctx.created["pegawai"] = len(objects)
    if objects and connection.vendor == "postgresql":
        # Fresh statistics, so the planner knows the tables just grew (autovacuum would get
        # there too, but only after the first pages were served with the old plans).
        analyze(Pegawai, Skp, RiwayatJabatan, HukumanDisiplin, Through)
