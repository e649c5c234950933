"""Master data of the demo province (catalogue.py): the government, its vocabulary,
positions, agencies, units and staffing map; looked up by natural key, only what is missing
inserted, so running again changes nothing.
"""

from collections import defaultdict

from instansi.choices import batas_usia_pensiun
from instansi.models import (
    BidangPendidikan,
    Formasi,
    Instansi,
    Jabatan,
    Kompetensi,
    PerangkatDaerah,
    UnitKerja,
)
from mutasi.demo import catalogue
from mutasi.demo.context import BATCH_SIZE, Context, stable_fraction
from mutasi.lib.models import update_in_bulk


def ensure(model, key: str, wanted: dict) -> dict:
    """Rows of ``model`` keyed by field ``key``: those that exist, plus the missing ones of
    ``wanted`` ({key value: other fields}) inserted."""
    rows = {getattr(obj, key): obj for obj in model.objects.filter(**{f"{key}__in": list(wanted)})}
    missing = [
        model(**{key: value}, **fields) for value, fields in wanted.items() if value not in rows
    ]
    model.objects.bulk_create(missing, batch_size=BATCH_SIZE)  # sets their ids (SQLite, PostgreSQL)
    rows.update((getattr(obj, key), obj) for obj in missing)
    return rows


def build_instansi(ctx: Context) -> None:
    data = catalogue.INSTANSI
    ctx.instansi, _ = Instansi.objects.get_or_create(
        nama=data["nama"], defaults={"daerah": data["daerah"], "ibu_kota": data["ibu_kota"]}
    )


def build_vocabulary(ctx: Context) -> None:
    ctx.bidang = ensure(
        BidangPendidikan,
        "nama",
        {n: {"rumpun": catalogue.RUMPUN_BIDANG[n]} for n in catalogue.BIDANG_PENDIDIKAN},
    )
    ctx.kompetensi = ensure(
        Kompetensi, "nama", {n: {"kategori": k} for n, k in catalogue.KOMPETENSI}
    )


def build_jabatan(ctx: Context) -> None:
    """The positions with their required fields of study and competencies."""
    defs = catalogue.all_jabatan()
    wanted = {
        d.nama: {
            "jenis": d.jenis,
            "jenjang": d.jenjang,
            "kelas": d.kelas,
            "rumpun": d.rumpun,
            "golongan_minimal": d.golongan_minimal,
            # bulk_create skips Jabatan.save(), which derives the retirement age.
            "batas_usia_pensiun": batas_usia_pensiun(d.jenis, d.jenjang, d.nama),
        }
        for d in defs
    }
    ctx.jabatan = ensure(Jabatan, "nama", wanted)
    for relation, vocabulary, attribute in (
        (Jabatan.bidang_pendidikan, ctx.bidang, "bidang"),
        (Jabatan.kompetensi, ctx.kompetensi, "kompetensi"),
    ):
        through = relation.through
        target = relation.rel.model._meta.model_name + "_id"
        rows = [
            through(jabatan_id=ctx.jabatan[d.nama].pk, **{target: vocabulary[name].pk})
            for d in defs
            for name in getattr(d, attribute)
        ]
        # The pairs already there (a row per pair: the through table's unique constraint).
        through.objects.bulk_create(rows, batch_size=BATCH_SIZE, ignore_conflicts=True)


def build_units(ctx: Context) -> None:
    """The agencies, then their unit trees level by level (a child needs its parent's id)."""
    fields = ("nama", "singkatan", "jenis")
    wanted = {
        agency["kode"]: {"instansi": ctx.instansi} | {f: agency[f] for f in fields}
        for agency in catalogue.OPD
    }
    ctx.opd = ensure(PerangkatDaerah, "kode", wanted)
    by_depth = defaultdict(list)
    for unit in catalogue.walk_units():
        by_depth[unit.depth].append(unit)
    for depth in sorted(by_depth):
        wanted = {
            unit.kode: {
                "perangkat_daerah": ctx.opd[unit.opd_kode],
                "parent": ctx.units[unit.parent_kode] if unit.parent_kode else None,
                "nama": unit.nama,
                "jenis": unit.jenis,
            }
            for unit in by_depth[depth]
        }
        ctx.units.update(ensure(UnitKerja, "kode", wanted))


# How a unit's staff compares with its needs: about a third short, a quarter over.
KURANG, LEBIH, SEIMBANG = "kurang", "lebih", "seimbang"
# Posts on the map of a short unit that nobody holds yet.
VACANCIES_PER_SHORT_UNIT = 2


def balance_of(unit_kode: str) -> str:
    roll = stable_fraction("neraca", unit_kode)
    return KURANG if roll < 0.35 else LEBIH if roll < 0.6 else SEIMBANG


def kebutuhan_for(bezetting: int, balance: str, roll: float) -> int:
    """The need of a staff post, from the people in it and the unit's balance."""
    if bezetting == 0:
        return 1  # on the map and held by nobody: a vacancy
    if balance == KURANG and roll < 0.7:
        return bezetting + max(1, round(bezetting * (0.15 + 0.3 * roll)))
    if balance == LEBIH and (bezetting > 1 or roll < 0.3):
        return bezetting - max(1, round(bezetting * (0.1 + 0.25 * roll)))
    return bezetting


def build_formasi(ctx: Context) -> None:
    """The staffing map: every unit's head post, the posts the planned employees hold, and a
    few vacant posts in the units that are short. Needs are set by build_kebutuhan once the
    employees are in."""
    held = {(p.unit, p.jabatan) for p in ctx.people}
    wanted = {}
    for unit in catalogue.walk_units():
        if unit.kepala:
            wanted[(unit.kode, unit.kepala)] = 1
        staff = sorted(
            {jabatan for jabatan, _ in unit.staff},
            key=lambda jabatan, kode=unit.kode: stable_fraction("lowongan", kode, jabatan),
        )
        vacancies = VACANCIES_PER_SHORT_UNIT if balance_of(unit.kode) == KURANG else 0
        for jabatan in staff:
            if (unit.kode, jabatan) in held:
                wanted.setdefault((unit.kode, jabatan), 0)
            elif vacancies:
                wanted.setdefault((unit.kode, jabatan), 1)
                vacancies -= 1
    wanted = {
        (ctx.units[kode].pk, ctx.jabatan[jabatan].pk): need
        for (kode, jabatan), need in wanted.items()
    }
    unit_ids = [u.pk for u in ctx.units.values()]
    existing = {(f.unit_id, f.jabatan_id): f for f in Formasi.objects.filter(unit_id__in=unit_ids)}
    missing = [
        Formasi(unit_id=u, jabatan_id=j, kebutuhan=need)
        for (u, j), need in wanted.items()
        if (u, j) not in existing
    ]
    Formasi.objects.bulk_create(missing, batch_size=BATCH_SIZE)  # sets their ids
    existing.update(((f.unit_id, f.jabatan_id), f) for f in missing)
    # Posts of earlier, larger runs stay on the map and in the balance.
    ctx.formasi = existing
    ctx.created["formasi"] = len(missing)


def bezetting(ctx: Context) -> dict:
    """How many people hold each post of the demo's units now: (unit id, jabatan id) -> n."""
    units = [u.pk for u in ctx.units.values()]
    formasi = Formasi.objects.filter(unit_id__in=units).with_bezetting_grouped()
    return {(f.unit_id, f.jabatan_id): f.bezetting for f in formasi}


def build_kebutuhan(ctx: Context) -> None:
    """Set each staff post's need from the people now in it, so that some units are short,
    some over and some balanced. Only after this run added posts or people: a re-run leaves
    needs that someone has since edited alone."""
    if not (ctx.created["formasi"] or ctx.created["pegawai"]):
        return
    units = {u.kode: u for u in catalogue.walk_units()}
    kode_of = {ctx.units[k].pk: k for k in units}
    nama_of = {j.pk: n for n, j in ctx.jabatan.items()}
    held_now = bezetting(ctx)
    changed = []
    for (unit_id, jabatan_id), formasi in ctx.formasi.items():
        kode, jabatan = kode_of[unit_id], nama_of.get(jabatan_id)
        if jabatan is None:  # a post someone added by hand: not ours to set
            continue
        held = held_now[(unit_id, jabatan_id)]
        if units[kode].kepala == jabatan:
            need = 1
        else:
            roll = stable_fraction("kebutuhan", kode, jabatan)
            need = kebutuhan_for(held, balance_of(kode), roll)
        if formasi.kebutuhan != need:
            formasi.kebutuhan = need
            changed.append(formasi)
    update_in_bulk(changed, ["kebutuhan"], BATCH_SIZE)
