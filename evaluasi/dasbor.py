"""The programme dashboard (docs/domain.md §9): how the moves of a period went, for BKD.

A *move* is an implemented proposal: an active row of a decision letter with a reporting
date (``SuratKeputusanUsulan.dilaksanakan_pada``, the new TMT). Every figure is one grouped
query over those rows, narrowed by the filter (period of the TMT, agency touched, type,
reason), so the number of queries does not grow with the data:

- time from filing (``diajukan_pada``, else creation) to the letter's date: median and
  p90 in days, with PostgreSQL's ``percentile_cont``; SQLite has no percentile aggregate,
  so there the day counts come back as one column and ``mutasi.laporan.hitung.persentil`` (the
  same interpolation) computes them;
- performance after: the last SKP predicate of a year *before* the TMT's year against the
  last of a year *after* it (the year of the move mixes both posts); a move counts only
  once both exist;
- workload balance: the EJ spread of ``instansi.keseimbangan`` now, and as it would be
  with the period's moves undone (each move gives its holder back to the origin unit);
- repeated moves: employees with another implemented move within ``SINGKAT_BULAN``."""

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import (
    Aggregate,
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    Max,
    Q,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, ExtractYear, Lag, Lead, TruncDate, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from evaluasi.choices import StatusPelatihan
from evaluasi.dasbor_grafik import tabel_dasbor
from evaluasi.models import Evaluasi, Pelatihan
from instansi import beban
from instansi.keseimbangan import hitung_sebaran
from instansi.models import Formasi, PerangkatDaerah
from mutasi.laporan.hitung import Tabel, persentil
from mutasi.models import SuratKeputusanUsulan
from mutasi.usulan.choices import SikapPegawai, StatusUsulan
from pegawai.choices import Golongan, JenisKelamin
from pegawai.models import Pegawai, Skp
from pegawai.nip import add_years

# An employee moved again within this many months was moved "more than once in a short
# period": PP 11/2017 expects at least two years in a post before a move.
SINGKAT_BULAN = 24
PITA_USIA = [(None, 30), (30, 40), (40, 50), (50, None)]
# Work memory of the dashboard's transaction on PostgreSQL: the grouped queries hash and
# sort a few hundred thousand rows in memory.
WORK_MEM = "64MB"


# --- Database helpers ----------------------------------------------------------------------


class SelisihHari(Func):
    """Whole days from the second date to the first, in SQL."""

    output_field = IntegerField()
    arity = 2

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ")

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
        )


class PercentileCont(Aggregate):
    """PostgreSQL's ordered-set aggregate ``percentile_cont(p) WITHIN GROUP (ORDER BY x)``."""

    function = "percentile_cont"
    output_field = FloatField()
    template = "%(function)s(%(p)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression, p: float, **extra):
        super().__init__(expression, p=float(p), **extra)


def mutasi_terlaksana():
    """Every implemented move: one active letter row with a reporting date."""
    return SuratKeputusanUsulan.objects.filter(
        aktif=True,
        dilaksanakan_pada__isnull=False,
        usulan__status=StatusUsulan.DILAKSANAKAN,
    )


# --- Figures ------------------------------------------------------------------------------


@dataclass
class Dasbor:
    jumlah: int = 0
    durasi_median: float | None = None
    durasi_p90: float | None = None
    kinerja: dict = field(default_factory=dict)
    skor: dict = field(default_factory=dict)
    skor_per_tahap: list = field(default_factory=list)
    evaluasi: dict = field(default_factory=dict)
    keberatan: dict = field(default_factory=dict)
    pelatihan: dict = field(default_factory=dict)
    sebaran_sebelum: object = None
    sebaran_sesudah: object = None
    per_bulan: list = field(default_factory=list)
    keadilan: list = field(default_factory=list)
    berulang_jumlah: int = 0
    berulang: list = field(default_factory=list)

    @property
    def tabel(self) -> list[Tabel]:
        return tabel_dasbor(self)


def _hari():
    """Days from filing (else creation) to the letter's date."""
    return SelisihHari(
        F("sk__tanggal_terbit"), TruncDate(Coalesce("usulan__diajukan_pada", "usulan__created"))
    )


def _durasi(moves) -> tuple[float | None, float | None]:
    moves = moves.filter(sk__tanggal_terbit__isnull=False).order_by()
    if connection.vendor == "postgresql":
        row = moves.aggregate(p50=PercentileCont(_hari(), 0.5), p90=PercentileCont(_hari(), 0.9))
        return row["p50"], row["p90"]
    values = sorted(float(v) for v in moves.annotate(d=_hari()).values_list("d", flat=True))
    return persentil(values, 50), persentil(values, 90)


def _kinerja(per_tahun) -> dict:
    """The SKP comparison: for each move the last predicate of a year before the TMT's
    year against the last of a year after it.

    ``per_tahun`` counts the moves per employee and TMT year (a few thousand rows however
    many moves, ``_kelompok_mutasi``); the predicates are looked up in Python: this
    replaces two correlated subqueries per move."""
    pegawai_ids = {pegawai_id for pegawai_id, _tahun, _n in per_tahun}
    skp = Skp.objects.order_by("pegawai_id", "tahun")
    if len(pegawai_ids) <= 500:
        skp = skp.filter(pegawai_id__in=pegawai_ids)
    predikat: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for pegawai_id, tahun, nilai in skp.values_list("pegawai_id", "tahun", "predikat"):
        if pegawai_id in pegawai_ids:
            predikat[pegawai_id].append((tahun, nilai))
    row = {"lebih_baik": 0, "sama": 0, "lebih_buruk": 0}
    for pegawai_id, tahun, n in per_tahun:
        tahun = int(tahun)
        sebelum = sesudah = None
        for skp_tahun, nilai in predikat.get(pegawai_id, ()):  # ordered by year
            if skp_tahun < tahun:
                sebelum = nilai
            elif skp_tahun > tahun:
                sesudah = nilai
        if sebelum is None or sesudah is None:
            continue
        if sesudah > sebelum:
            row["lebih_baik"] += n
        elif sesudah == sebelum:
            row["sama"] += n
        else:
            row["lebih_buruk"] += n
    return row


def percentile_cont(values: list[float], p: float) -> float | None:
    """PostgreSQL's ``percentile_cont(p)`` (0–1) over sorted ``values``, with its very
    arithmetic (``float8_lerp``), so that the figure is the same to the last bit."""
    if not values:
        return None
    position = p * (len(values) - 1)
    first, second = math.floor(position), math.ceil(position)
    if first == second:
        return values[first]
    low, high = values[first], values[second]
    return low + (high - low) * (position - first)


def _ringkasan(kelompok) -> tuple[int, float | None, float | None, dict]:
    """The number of moves, the proposal-to-letter median and p90, and the SKP comparison,
    from the moves counted per day count (``_kelompok_mutasi``; NULL for letters without
    a date, left out of the percentiles). On PostgreSQL the percentiles are computed like
    ``percentile_cont``, elsewhere with ``mutasi.laporan.hitung.persentil`` (the same
    interpolation)."""
    jumlah = sum(n for _hari, n in kelompok.per_hari)
    days = sorted(float(h) for h, n in kelompok.per_hari if h is not None for _i in range(n))
    if connection.vendor == "postgresql":
        p50, p90 = percentile_cont(days, 0.5), percentile_cont(days, 0.9)
    else:
        p50, p90 = persentil(days, 50), persentil(days, 90)
    row = _kinerja(kelompok.per_tahun)
    total = sum(row.values())
    row["dibandingkan"] = total
    for key in ("lebih_baik", "sama", "lebih_buruk"):
        row[f"porsi_{key}"] = row[key] / total if total else None
    return jumlah, p50, p90, row


def _keberatan(usulan) -> dict:
    keberatan = Q(sikap=SikapPegawai.KEBERATAN)
    row = usulan.order_by().aggregate(
        usulan=Count("pk"),
        bersikap=Count("pk", filter=~Q(sikap="")),
        keberatan=Count("pk", filter=keberatan),
        dijawab=Count("pk", filter=keberatan & ~Q(jawaban_keberatan="")),
        tetap_dilaksanakan=Count(
            "pk",
            filter=keberatan
            & Q(
                status__in=[
                    StatusUsulan.DISETUJUI,
                    StatusUsulan.DITETAPKAN,
                    StatusUsulan.DILAKSANAKAN,
                ]
            ),
        ),
        ditolak=Count("pk", filter=keberatan & Q(status=StatusUsulan.DITOLAK)),
        dibatalkan=Count("pk", filter=keberatan & Q(status=StatusUsulan.DIBATALKAN)),
    )
    row["masih_proses"] = (
        row["keberatan"] - row["tetap_dilaksanakan"] - row["ditolak"] - row["dibatalkan"]
    )
    row["porsi"] = row["keberatan"] / row["usulan"] if row["usulan"] else None
    return row


def _pelatihan(moves, today) -> dict:
    row = (
        Pelatihan.objects.filter(evaluasi__usulan_id__in=moves.values("usulan_id"))
        .order_by()
        .aggregate(
            jumlah=Count("pk"),
            selesai=Count("pk", filter=Q(status=StatusPelatihan.SELESAI)),
            dibatalkan=Count("pk", filter=Q(status=StatusPelatihan.DIBATALKAN)),
            terbuka=Count("pk", filter=Q(status=StatusPelatihan.DIRENCANAKAN)),
            terlambat=Count("pk", filter=Q(status=StatusPelatihan.DIRENCANAKAN, tenggat__lt=today)),
        )
    )
    target = row["jumlah"] - row["dibatalkan"]
    row["porsi_selesai"] = row["selesai"] / target if target else None
    return row


# The moves grouped four ways: (name, columns).
PENGELOMPOKAN = [
    ("per_hari", ("hari",)),
    ("per_bulan", ("bulan",)),
    ("per_tahun", ("pegawai", "tahun")),
    ("kelompok", ("jk", "gol", "usia", "opd", "unit")),
    ("asal", ("asal", "dalam")),
]


@dataclass
class KelompokMutasi:
    """The moves counted per number of days from filing to letter (the median and p90);
    per month of the TMT; per employee and TMT year (the SKP
    comparison); per gender, golongan, age band, receiving agency and receiving unit (the
    fairness table per dimension, the workload spread per receiving unit: a move out of
    this government has none); per origin unit and whether it stayed inside (the spread)."""

    per_hari: list = field(default_factory=list)
    per_bulan: list = field(default_factory=list)
    per_tahun: list = field(default_factory=list)
    kelompok: list = field(default_factory=list)
    asal: list = field(default_factory=list)


def _kolom_mutasi(today) -> dict:
    return {
        "hari": _hari(),
        "bulan": TruncMonth("dilaksanakan_pada"),
        "pegawai": F("usulan__pegawai_id"),
        "tahun": ExtractYear("dilaksanakan_pada"),
        "jk": F("usulan__pegawai__jenis_kelamin"),
        "gol": F("usulan__pegawai__golongan"),
        "usia": _pita_usia("usulan__pegawai__", today),
        "opd": F("usulan__formasi_tujuan__unit__perangkat_daerah_id"),
        "unit": F("usulan__formasi_tujuan__unit_id"),
        "asal": F("usulan__unit_asal_id"),
        "dalam": ExpressionWrapper(
            Q(usulan__formasi_tujuan__isnull=False), output_field=BooleanField()
        ),
    }


def _kelompok_mutasi(moves, today) -> KelompokMutasi:
    """On PostgreSQL one pass over the moves with ``GROUPING SETS``; elsewhere one grouped
    query per grouping."""
    kolom = _kolom_mutasi(today)
    base = moves.order_by().annotate(**kolom)
    if connection.vendor != "postgresql":
        hasil = KelompokMutasi()
        for name, cols in PENGELOMPOKAN:
            rows = base.values(*cols).annotate(n=Count("pk"))
            setattr(hasil, name, [{**{c: r[c] for c in cols}, "n": r["n"]} for r in rows])
        return _rapikan(hasil)
    sql, params = base.values(*kolom).query.sql_with_params()
    q = connection.ops.quote_name
    flags = ", ".join(
        f"GROUPING({', '.join(f't.{q(c)}' for c in cols)})" for _n, cols in PENGELOMPOKAN
    )
    sets = ", ".join(f"({', '.join(f't.{q(c)}' for c in cols)})" for _n, cols in PENGELOMPOKAN)
    columns = ", ".join(f"t.{q(c)}" for c in kolom)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {flags}, {columns}, COUNT(*) FROM ({sql}) t GROUP BY GROUPING SETS ({sets})",
            params,
        )
        rows = cursor.fetchall()
    hasil = KelompokMutasi()
    names = list(kolom)
    k = len(PENGELOMPOKAN)
    for row in rows:
        which = [i for i in range(k) if row[i] == 0][0]
        name, cols = PENGELOMPOKAN[which]
        values = dict(zip(names, row[k:-1], strict=True))
        getattr(hasil, name).append({**{c: values[c] for c in cols}, "n": row[-1]})
    return _rapikan(hasil)


def _rapikan(hasil: KelompokMutasi) -> KelompokMutasi:
    """Months as dates in order, years as integers, origin units of moves inside only."""
    hasil.per_hari = [(r["hari"], r["n"]) for r in hasil.per_hari]
    hasil.per_bulan = sorted(
        (r["bulan"].date() if isinstance(r["bulan"], datetime.datetime) else r["bulan"], r["n"])
        for r in hasil.per_bulan
    )
    hasil.per_tahun = [(r["pegawai"], int(r["tahun"]), r["n"]) for r in hasil.per_tahun]
    hasil.asal = [(r["asal"], r["n"]) for r in hasil.asal if r["dalam"]]
    return hasil


def _sebaran(kelompok: KelompokMutasi):
    """EJ spread now, and with the period's moves inside this government undone: the
    workload per unit is summed once and both spreads computed from it."""
    delta: dict[int, int] = defaultdict(int)
    for row in kelompok.kelompok:
        if row["unit"] is not None:
            delta[row["unit"]] -= row["n"]
    for unit, n in kelompok.asal:
        delta[unit] += n
    sums = beban.per(Formasi.objects.all(), "unit_id")

    def spread(change):
        return hitung_sebaran(
            b.geser(bezetting_beban=change.get(unit_id, 0)) for unit_id, b in sums.items()
        )

    return spread(delta), spread({})


def _pita_usia(prefix: str, today):
    """An age band label computed in SQL from the birth date."""
    whens = []
    for low, high in PITA_USIA:
        q = Q()
        if low is not None:  # at least ``low`` years old: born on or before today − low years
            q &= Q(**{f"{prefix}tanggal_lahir__lte": add_years(today, -low)})
        if high is not None:
            q &= Q(**{f"{prefix}tanggal_lahir__gt": add_years(today, -high)})
        whens.append(When(q, then=Value(label_usia(low, high))))
    return Case(*whens, default=Value("?"))


def label_usia(low, high) -> str:
    if low is None:
        return _("< %(n)s tahun") % {"n": high}
    if high is None:
        return _("≥ %(n)s tahun") % {"n": low}
    return _("%(a)s–%(b)s tahun") % {"a": low, "b": high - 1}


# The scores averaged on the dashboard: (key, field of the evaluation).
# The assessments' scores are copied onto the evaluation (``evaluasi.models.salin_skor``):
# no join of the two assessment tables.
SKOR = {
    "kinerja": "skor_kinerja",
    "adaptasi_atasan": "skor_adaptasi_atasan",
    "kepuasan": "skor_kepuasan",
    "adaptasi_diri": "skor_adaptasi_diri",
    "beban_kerja": "skor_beban_kerja",
}
# Which count each score is averaged over.
SKOR_DARI = {
    "kinerja": "atasan",
    "adaptasi_atasan": "atasan",
    "kepuasan": "diri",
    "adaptasi_diri": "diri",
    "beban_kerja": "diri",
}
HITUNG = ("jumlah", "jatuh_tempo", "atasan", "diri", "terlambat")
# The fairness dimensions: (title, key in the grouped rows).
DIMENSI = [
    (gettext_lazy("Jenis kelamin"), "jk"),
    (gettext_lazy("Golongan"), "gol"),
    (gettext_lazy("Kelompok usia"), "usia"),
    (gettext_lazy("Perangkat daerah tujuan"), "opd"),
]


def _grup_evaluasi(moves, today) -> list[dict]:
    """The evaluations of ``moves`` counted and summed per stage and per group of
    employee (gender, golongan, age band, receiving agency): one grouped query whose few
    thousand rows at most are rolled up in Python into every table that needs them."""
    return list(
        Evaluasi.objects.filter(usulan_id__in=moves.values("usulan_id"))
        .order_by()
        .annotate(
            jk=F("pegawai__jenis_kelamin"),
            gol=F("pegawai__golongan"),
            usia=_pita_usia("pegawai__", today),
            opd=F("perangkat_daerah_id"),
        )
        .values("bulan", "jk", "gol", "usia", "opd")
        .annotate(
            jumlah=Count("pk"),
            jatuh_tempo=Count("pk", filter=Q(jatuh_tempo__lte=today)),
            # A part is there exactly when its first score is (the scores are required).
            atasan=Count("skor_kinerja"),
            diri=Count("skor_kepuasan"),
            terlambat=Count("pk", filter=Q(tenggat__lt=today, lengkap=False)),
            **{f"sum_{key}": Sum(field) for key, field in SKOR.items()},
        )
    )


def _roll_up(rows, key=None) -> dict:
    """Counts and score averages of ``rows`` per value of ``key`` (None: all together)."""
    out: dict = {}
    sums = [f"sum_{k}" for k in SKOR]
    for row in rows:
        value = row[key] if key else None
        group = out.get(value)
        if group is None:
            group = out[value] = {**dict.fromkeys(HITUNG, 0), **dict.fromkeys(sums, 0)}
        for name in HITUNG:
            group[name] += row[name]
        for name in sums:
            group[name] += row[name] or 0
    for group in out.values():
        for name, over in SKOR_DARI.items():
            group[name] = group[f"sum_{name}"] / group[over] if group[over] else None
    return out


def _evaluasi(rows) -> tuple[dict, list, dict]:
    per_tahap = [{"bulan": bulan, **g} for bulan, g in sorted(_roll_up(rows, "bulan").items())]
    total = _roll_up(rows).get(None) or {
        **dict.fromkeys(HITUNG, 0),
        **dict.fromkeys(SKOR),
    }
    return {k: total[k] for k in SKOR}, per_tahap, {k: total[k] for k in HITUNG}


def _keadilan(moved, rows, today) -> list[dict]:
    """Per gender, golongan, age band and receiving agency: moves against the active
    workforce, and the average supervisor and satisfaction scores of those moved. Three
    grouped queries (moves, workforce, evaluations) over all four dimensions at once;
    ``moved`` comes from ``_kelompok_mutasi``."""
    staff = list(
        Pegawai.objects.filter(aktif=True)
        .order_by()
        .annotate(
            jk=F("jenis_kelamin"),
            gol=F("golongan"),
            usia=_pita_usia("", today),
            opd=F("unit__perangkat_daerah_id"),
        )
        .values("jk", "gol", "usia", "opd")
        .annotate(n=Count("pk"))
    )
    names = {
        "jk": dict(JenisKelamin.choices),
        "gol": {**dict(Golongan.choices), None: "PPPK"},
        "opd": dict(PerangkatDaerah.objects.values_list("pk", "nama")),
    }
    ages = [label_usia(lo, hi) for lo, hi in PITA_USIA]
    total = sum(r["n"] for r in moved)
    result = []
    for judul, key in DIMENSI:
        n_moves, n_staff = defaultdict(int), defaultdict(int)
        for r in moved:
            n_moves[r[key]] += r["n"]
        for r in staff:
            n_staff[r[key]] += r["n"]
        scores = _roll_up(rows, key)
        if key == "usia":
            keys = ages
        elif key == "opd":
            keys = sorted((k for k in n_moves if k is not None), key=lambda k: names["opd"][k])
        else:
            keys = sorted(k for k in set(n_moves) | set(n_staff) if k is not None)
        baris = []
        for k in keys:
            n, pop = n_moves.get(k, 0), n_staff.get(k, 0)
            score = scores.get(k, {})
            baris.append(
                {
                    "label": str(names[key].get(k, k)) if key in names else str(k),
                    "mutasi": n,
                    "porsi": n / total if total else None,
                    "pegawai": pop,
                    "per_100": 100 * n / pop if pop else None,
                    "kinerja": score.get("kinerja"),
                    "kepuasan": score.get("kepuasan"),
                }
            )
        result.append({"judul": str(judul), "baris": baris})
    return result


def _berulang(moves) -> tuple[int, list]:
    """Employees with two implemented moves less than ``SINGKAT_BULAN`` apart. Among all
    implemented moves (not only the filtered ones) ordered per employee by date, another
    move is that close if and only if the previous or the next one is: one window pass
    instead of a correlated EXISTS per move."""
    window = datetime.timedelta(days=round(SINGKAT_BULAN * 30.44))
    urutan = [F("dilaksanakan_pada").asc(), F("pk").asc()]
    per_pegawai = {"partition_by": [F("usulan__pegawai_id")], "order_by": urutan}
    dekat = (
        mutasi_terlaksana()
        .order_by()
        .annotate(
            sebelumnya=Window(Lag("dilaksanakan_pada"), **per_pegawai),
            berikutnya=Window(Lead("dilaksanakan_pada"), **per_pegawai),
        )
        .filter(
            Q(sebelumnya__gt=F("dilaksanakan_pada") - window)
            | Q(berikutnya__lt=F("dilaksanakan_pada") + window)
        )
    )
    repeated = moves.order_by().filter(pk__in=dekat.values("pk"))
    # One query: every repeatedly moved employee, newest first; the page shows 20.
    rows = list(
        repeated.values("usulan__pegawai_id", "usulan__pegawai__nama", "usulan__pegawai__nip")
        .annotate(n=Count("pk"), terakhir=Max("dilaksanakan_pada"))
        .order_by("-terakhir", "usulan__pegawai__nama")
    )
    jumlah, rows = len(rows), rows[:20]
    return jumlah, rows


def hitung(moves, usulan, today: datetime.date | None = None) -> Dasbor:
    """Every figure of the dashboard over ``moves`` (filtered implemented moves) and
    ``usulan`` (the filtered proposals, for objections)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # These are a dozen one-off aggregates: PostgreSQL's JIT compilation costs more
            # than it saves on them (seconds against milliseconds on 100,000 moves), and
            # the default 4 MB of work memory sends the grouping of the evaluations to
            # sorts on disk. Both for this transaction only, in one statement.
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('jit', 'off', true), set_config('work_mem', %s, true)",
                    [WORK_MEM],
                )
        return _hitung(moves, usulan, today)


def _hitung(moves, usulan, today) -> Dasbor:
    d = Dasbor()
    kelompok = _kelompok_mutasi(moves, today)
    d.jumlah, d.durasi_median, d.durasi_p90, d.kinerja = _ringkasan(kelompok)
    d.per_bulan = kelompok.per_bulan
    rows = _grup_evaluasi(moves, today)
    d.skor, d.skor_per_tahap, d.evaluasi = _evaluasi(rows)
    d.keberatan = _keberatan(usulan)
    d.pelatihan = _pelatihan(moves, today)
    d.sebaran_sebelum, d.sebaran_sesudah = _sebaran(kelompok)
    d.keadilan = _keadilan(kelompok.kelompok, rows, today)
    d.berulang_jumlah, d.berulang = _berulang(moves)
    return d
