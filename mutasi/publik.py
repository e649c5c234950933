"""What the public may know of published decisions (DESIGN.md §8), and nothing more.

Every public page and the open data read their rows through ``keputusan`` and ``baris_publik``:
the letter's number and date, the employee's name and masked NIP, old and new unit and jabatan,
type, reason category and public reason. The full NIP is read only to mask it; birth date, SKP,
discipline, 9-box, objections and private notes are never selected.

Public pages are cached per query string under a version that every publication changes, so a
new letter shows at once and a busy page costs one small query and one cache read.
"""

import datetime
import hashlib
from dataclasses import asdict, dataclass

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.db.models.functions import TruncMonth

from mutasi.choices import JenisMutasi, KategoriAlasan
from mutasi.models import StatusSK, SuratKeputusan, SuratKeputusanUsulan
from pegawai.nip import mask_nip

DETIK_CACHE = 300

# The columns read for a public row: each letter row as copied at publication, so later edits
# of names, ranks or units change nothing published; the full NIP only to mask it.
_KOLOM = {
    "nomor_sk": "sk__nomor",
    "tanggal_sk": "sk__tanggal_terbit",
    "kode": "sk__kode_verifikasi",
    "nama": "nama",
    "nip": "nip",
    "jabatan_lama": "jabatan_lama",
    "unit_lama": "unit_lama",
    "perangkat_daerah_lama": "opd_lama",
    "jabatan_baru": "jabatan_baru",
    "unit_baru": "unit_baru",
    "perangkat_daerah_baru": "opd_baru",
    "jenis": "jenis",
    "alasan": "alasan",
    "alasan_publik": "alasan_publik",
}


@dataclass(frozen=True)
class Keputusan:
    """One published decision as the public sees it; its fields are the open data."""

    nomor_sk: str
    tanggal_sk: datetime.date
    nama: str
    nip_samaran: str
    jabatan_lama: str
    unit_lama: str
    perangkat_daerah_lama: str
    jabatan_baru: str
    unit_baru: str
    perangkat_daerah_baru: str
    jenis_mutasi: str
    kategori_alasan: str
    alasan: str
    status_sk: str

    def as_dict(self) -> dict:
        data = asdict(self)
        data["tanggal_sk"] = self.tanggal_sk.isoformat()
        return data


FIELDS = [name for name in Keputusan.__dataclass_fields__]


def keputusan():
    """Rows of every published letter, newest first, each marked whether still in force.

    A revoked letter keeps its rows (inactive) so the public sees what was revoked; the
    correction that revoked it restates them.
    """
    dicabut = SuratKeputusan.objects.filter(mencabut=OuterRef("sk"), status=StatusSK.TERBIT)
    return (
        SuratKeputusanUsulan.objects.filter(sk__status=StatusSK.TERBIT)
        .annotate(dicabut=Exists(dicabut))
        .order_by("-sk__tanggal_terbit", "-sk__urut", "urutan", "pk")
    )


def saring(queryset, *, q="", opd=None, jenis="", alasan="", dari=None, sampai=None):
    """The public filters; every value has been validated by the caller's form."""
    if q:
        queryset = queryset.filter(Q(nama__icontains=q) | Q(sk__nomor__icontains=q))
    if opd is not None:
        queryset = queryset.filter(Q(perangkat_daerah_lama=opd) | Q(perangkat_daerah_baru=opd))
    if jenis:
        queryset = queryset.filter(jenis=jenis)
    if alasan:
        queryset = queryset.filter(alasan=alasan)
    if dari:
        queryset = queryset.filter(sk__tanggal_terbit__gte=dari)
    if sampai:
        queryset = queryset.filter(sk__tanggal_terbit__lte=sampai)
    return queryset


_JENIS = dict(JenisMutasi.choices)
_ALASAN = dict(KategoriAlasan.choices)


def baris_publik(queryset) -> list[Keputusan]:
    """The public rows of ``queryset`` (from ``keputusan``), in one query."""
    rows = queryset.values(*_KOLOM.values(), "dicabut")
    return [_keputusan(row) for row in rows]


def _keputusan(row) -> Keputusan:
    get = {name: row[column] for name, column in _KOLOM.items()}
    return Keputusan(
        nomor_sk=get["nomor_sk"],
        tanggal_sk=get["tanggal_sk"],
        nama=get["nama"],
        nip_samaran=mask_nip(get["nip"]),
        jabatan_lama=get["jabatan_lama"],
        unit_lama=get["unit_lama"],
        perangkat_daerah_lama=get["perangkat_daerah_lama"],
        jabatan_baru=get["jabatan_baru"],
        unit_baru=get["unit_baru"],
        perangkat_daerah_baru=get["perangkat_daerah_baru"],
        jenis_mutasi=str(_JENIS.get(get["jenis"], get["jenis"])),
        kategori_alasan=str(_ALASAN.get(get["alasan"], get["alasan"])),
        alasan=get["alasan_publik"],
        status_sk="dicabut" if row["dicabut"] else "berlaku",
    )


def statistik(queryset) -> dict:
    """Counts of the decisions in force by agency (destination), type, reason and month.

    Each is a list of (label, count); by agency (name, abbreviation, count).
    """
    berlaku = queryset.filter(dicabut=False)

    def by(field):
        return list(berlaku.values_list(field).annotate(n=Count("pk")).order_by("-n", field))

    per_opd = [
        (name or "Di luar pemerintah daerah", short or name or "Luar", n)
        for name, short, n in berlaku.values_list("opd_baru", "opd_baru_singkatan")
        .annotate(n=Count("pk"))
        .order_by("-n", "opd_baru")
    ]
    per_bulan = (
        berlaku.annotate(bulan=TruncMonth("sk__tanggal_terbit"))
        .values_list("bulan")
        .annotate(n=Count("pk"))
        .order_by("bulan")
    )
    return {
        "jumlah": berlaku.count(),
        "opd": per_opd,
        "jenis": [(str(_JENIS.get(k, k)), n) for k, n in by("jenis")],
        "alasan": [(str(_ALASAN.get(k, k)), n) for k, n in by("alasan")],
        "bulan": [(bulan, n) for bulan, n in per_bulan],
    }


def versi() -> str:
    """Changes with every publication (also in other processes and on other servers): part of
    every public cache key, so a new or revoked letter shows at once. One indexed query."""
    latest = SuratKeputusan.objects.filter(status=StatusSK.TERBIT).aggregate(
        t=Max("diterbitkan_pada")
    )["t"]
    return latest.isoformat() if latest else "0"


def kunci_cache(nama: str, request) -> str:
    """The cache key of a public page or export: its name, the version and the query."""
    query = request.GET.urlencode()
    return f"publik:{nama}:{versi()}:{hashlib.sha256(query.encode()).hexdigest()[:32]}"
