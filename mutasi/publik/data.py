"""What the public may know of published decisions (docs/domain.md §8), and nothing more.

Every public page and the open data read their rows through ``keputusan`` and ``baris_publik``:
the letter's number and date, the employee's name and masked NIP, old and new unit and jabatan,
type, reason category and public reason, and for a revoked row the letter that revoked it and
why. The full NIP is read only to mask it; birth date, SKP, discipline, 9-box, objections and
private notes are never selected.

The search is served by indexes on PostgreSQL (migration ``0009_cari_publik_trigram``): a name
by the trigram index on the copied name, a letter number exactly or by its beginning by the
index on the number. A page is one query for its rows and one for every count and statistic.

Public pages are cached per query string under a version that every publication changes, so a
new letter shows at once and a busy page costs one small query and one cache read.
"""

import datetime
import hashlib
from collections import Counter
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db.models import BooleanField, Count, ExpressionWrapper, Max, OuterRef, Q, Subquery
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from mutasi.lib import kode_verifikasi
from mutasi.models import StatusSK, SuratKeputusan, SuratKeputusanUsulan
from mutasi.publik.verifikasi import nomor_kanonik
from mutasi.usulan.choices import JenisMutasi, KategoriAlasan
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
    dicabut_dengan_sk: str
    alasan_pencabutan: str

    def as_dict(self) -> dict:
        data = asdict(self)
        data["tanggal_sk"] = self.tanggal_sk.isoformat()
        return data


FIELDS = [name for name in Keputusan.__dataclass_fields__]

# What each open-data field means (the data package descriptor, ``paket_data``).
KETERANGAN = {
    "nomor_sk": _("Nomor surat keputusan (SK) yang menetapkan mutasi."),
    "tanggal_sk": _("Tanggal SK ditetapkan (TTTT-BB-HH)."),
    "nama": _("Nama pegawai sebagaimana tertulis dalam SK."),
    "nip_samaran": _(
        "NIP pegawai yang disamarkan: tanggal lahir dan TMT CPNS diganti bintang, hanya kode "
        "jenis kelamin dan nomor urut yang tampil."
    ),
    "jabatan_lama": _("Jabatan sebelum mutasi."),
    "unit_lama": _("Unit kerja sebelum mutasi."),
    "perangkat_daerah_lama": _("Perangkat daerah (OPD) sebelum mutasi."),
    "jabatan_baru": _("Jabatan sesudah mutasi."),
    "unit_baru": _("Unit kerja sesudah mutasi."),
    "perangkat_daerah_baru": _(
        "Perangkat daerah (OPD) sesudah mutasi; kosong bila pindah ke luar pemerintah daerah."
    ),
    "jenis_mutasi": _("Jenis mutasi, misalnya rotasi dalam perangkat daerah atau antar-OPD."),
    "kategori_alasan": _("Kategori alasan mutasi."),
    "alasan": _("Alasan mutasi dalam satu kalimat untuk publik."),
    "status_sk": _(
        "“berlaku” bila SK masih berlaku; “dicabut” bila SK sudah dicabut oleh SK pembetulan."
    ),
    "dicabut_dengan_sk": _(
        "Untuk SK yang dicabut: nomor SK yang mencabutnya; kosong bila berlaku."
    ),
    "alasan_pencabutan": _(
        "Untuk SK yang dicabut: alasan pembetulan yang dinyatakan dalam SK yang mencabutnya."
    ),
}


def keputusan():
    """Rows of every published letter, newest first, each marked whether still in force.

    A revoked letter keeps its rows (inactive) so the public sees what was revoked; the
    correction that revoked it restates them. Publishing the correction makes the revoked
    letter's rows inactive (``SuratKeputusanUsulan.aktif``, in the same transaction): a column
    of the row, so counting those in force needs no look-up of the correcting letter.
    """
    return (
        SuratKeputusanUsulan.objects.filter(sk__status=StatusSK.TERBIT)
        .annotate(dicabut=ExpressionWrapper(Q(aktif=False), output_field=BooleanField()))
        .order_by("-sk__tanggal_terbit", "-sk__urut", "urutan", "pk")
    )


def saring(queryset, *, q="", opd=None, jenis="", alasan="", dari=None, sampai=None):
    """The public filters; every value has been validated by the caller's form."""
    if q:
        queryset = queryset.filter(cari(q))
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


def cari(q: str) -> Q:
    """What the search box ``q`` matches: a letter number, or part of a name.

    Text that starts with a digit or holds a slash is a letter number (a name does neither):
    the number as ``SK_NOMOR_POLA`` writes it (any case, leading zeros, spaces) exactly, or any
    number beginning with what was typed. Anything else is part of a name. Both are index
    look-ups on PostgreSQL. The middle of a number ("12/BKD") is not searched: the
    verification page reads a number in any form.
    """
    rapi = kode_verifikasi.tidy(q)
    if "/" in rapi or rapi[:1].isdigit():
        nomor = nomor_kanonik(rapi)
        awal = Q(sk__nomor__istartswith=rapi)
        return (Q(sk__nomor__iexact=nomor) | awal) if nomor else awal
    return Q(nama__icontains=q)


_JENIS = dict(JenisMutasi.choices)
_ALASAN = dict(KategoriAlasan.choices)


def baris_publik(queryset) -> list[Keputusan]:
    """The public rows of ``queryset`` (from ``keputusan``), in one query, a revoked row with
    the number of the letter that revoked it and the reason that letter gives."""
    pencabut = SuratKeputusan.objects.filter(mencabut=OuterRef("sk"), status=StatusSK.TERBIT)
    rows = queryset.annotate(
        dicabut_dengan=Subquery(pencabut.values("nomor")[:1]),
        alasan_pencabutan=Subquery(pencabut.values("alasan_pembetulan")[:1]),
    ).values(*_KOLOM.values(), "dicabut", "dicabut_dengan", "alasan_pencabutan")
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
        dicabut_dengan_sk=row["dicabut_dengan"] or "",
        alasan_pencabutan=row["alasan_pencabutan"] or "",
    )


def statistik(queryset) -> dict:
    """How many decisions ``queryset`` holds (``total``) and how many are in force
    (``jumlah``), and the decisions in force by agency (destination), type, reason and month.

    One query: the rows counted per combination of the five, summed here (a few thousand
    groups at province scale). Each statistic is a list of (label, count), most first (months
    in order); by agency (name, abbreviation, count).
    """
    total = 0
    opd, jenis, alasan, bulan = Counter(), Counter(), Counter(), Counter()
    for dicabut, opd_baru, singkatan, j, a, b, n in _kelompok(queryset):
        total += n
        if dicabut:
            continue
        opd[opd_baru, singkatan] += n
        jenis[j] += n
        alasan[a] += n
        bulan[b] += n

    def most(counter):
        return sorted(counter.items(), key=lambda item: (-item[1], item[0]))

    return {
        "total": total,
        "jumlah": sum(jenis.values()),
        "opd": [
            (name or "Di luar pemerintah daerah", short or name or "Luar", n)
            for (name, short), n in most(opd)
        ],
        "jenis": [(str(_JENIS.get(k, k)), n) for k, n in most(jenis)],
        "alasan": [(str(_ALASAN.get(k, k)), n) for k, n in most(alasan)],
        "bulan": sorted(bulan.items()),
    }


def _kelompok(queryset):
    return (
        queryset.order_by()
        .annotate(bulan=TruncMonth("sk__tanggal_terbit"))
        .values_list("dicabut", "opd_baru", "opd_baru_singkatan", "jenis", "alasan", "bulan")
        .annotate(n=Count("pk"))
    )


def sql_statistik(queryset) -> tuple[str, tuple]:
    """The SQL and parameters of ``statistik``'s one query (the benchmark's anchor)."""
    return _kelompok(queryset).query.sql_with_params()


def terakhir_terbit() -> datetime.datetime | None:
    """When the last letter was published: what the open data is as of. One indexed query."""
    return SuratKeputusan.objects.filter(status=StatusSK.TERBIT).aggregate(
        t=Max("diterbitkan_pada")
    )["t"]


def versi(terakhir: datetime.datetime | None = None, *, dibaca: bool = False) -> str:
    """Changes with every publication (also in other processes and on other servers): part of
    every public cache key, so a new or revoked letter shows at once. One indexed query, none
    when the caller has read ``terakhir_terbit`` already (``dibaca``)."""
    if not dibaca:
        terakhir = terakhir_terbit()
    return terakhir.isoformat() if terakhir else "0"


def kunci_cache(nama: str, request, versi_data: str | None = None) -> str:
    """The cache key of a public page or export: its name, the version and the query."""
    query = request.GET.urlencode()
    versi_data = versi_data or versi()
    return f"publik:{nama}:{versi_data}:{hashlib.sha256(query.encode()).hexdigest()[:32]}"


def paket_data(alamat, terakhir: datetime.datetime | None) -> dict:
    """The Frictionless Data Package descriptor of the open data (datapackage.json).

    ``alamat(name)`` is the absolute URL of a public view; ``terakhir`` the last publication,
    as of which the data is.
    """
    instansi = settings.NAMA_INSTANSI
    waktu = terakhir.isoformat(timespec="seconds") if terakhir else None
    fields = [
        {
            "name": name,
            "type": "date" if name == "tanggal_sk" else "string",
            "description": str(KETERANGAN[name]),
        }
        for name in FIELDS
    ]
    for field in fields:
        if field["name"] == "status_sk":
            field["constraints"] = {"required": True, "enum": ["berlaku", "dicabut"]}
        elif field["name"] in ("nomor_sk", "tanggal_sk", "nama"):
            field["constraints"] = {"required": True}
    paket = {
        "profile": "data-package",
        "name": "keputusan-mutasi-asn",
        "title": str(_("Keputusan mutasi ASN — %(instansi)s") % {"instansi": instansi}),
        "description": str(
            _(
                "Setiap baris adalah satu pegawai dalam satu surat keputusan (SK) mutasi yang "
                "telah diterbitkan, termasuk SK yang kemudian dicabut (status_sk “dicabut”, "
                "dengan SK yang mencabutnya). Hanya data yang boleh diketahui publik menurut "
                "UU 14/2008 dan UU 27/2022: NIP disamarkan; tanggal lahir, nilai kinerja, "
                "status disiplin dan keberatan tidak dimuat. Diperbarui setiap kali SK "
                "diterbitkan. Saringan halaman transparansi (?q=, ?opd=, ?jenis=, ?alasan=, "
                "?dari=, ?sampai=) berlaku juga pada berkas data."
            )
        ),
        "homepage": alamat("publik:transparansi"),
        "keywords": ["mutasi", "ASN", "PNS", "kepegawaian", "surat keputusan", "transparansi"],
        "licenses": [
            {
                "name": settings.DATA_TERBUKA_LISENSI,
                "path": settings.DATA_TERBUKA_LISENSI_URL,
                "title": settings.DATA_TERBUKA_LISENSI_JUDUL,
            }
        ],
        "sources": [
            {
                "title": str(
                    _("Badan Kepegawaian Daerah, %(instansi)s: SK mutasi yang diterbitkan")
                    % {"instansi": instansi}
                ),
                "path": alamat("publik:transparansi"),
            }
        ],
        "contributors": [
            {
                "title": str(_("Badan Kepegawaian Daerah, %(i)s") % {"i": instansi}),
                "role": "publisher",
            }
        ],
        "resources": [
            {
                "name": "keputusan-mutasi",
                "profile": "tabular-data-resource",
                "path": alamat("publik:data_csv"),
                "title": str(_("Keputusan mutasi (CSV)")),
                "format": "csv",
                "mediatype": "text/csv",
                # Written with a byte order mark, so that Excel reads the names' accents.
                "encoding": "utf-8-sig",
                "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
                "schema": {"fields": fields, "missingValues": [""]},
            },
            {
                "name": "keputusan-mutasi-json",
                "profile": "data-resource",
                "path": alamat("publik:data_json"),
                "title": str(_("Keputusan mutasi (JSON)")),
                "description": str(
                    _(
                        'Isi yang sama dengan CSV: {"fields": [nama kolom], "data": '
                        "[satu objek per baris]}, kolom seperti skema sumber CSV."
                    )
                ),
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
            },
        ],
    }
    if waktu:
        # "created" is the standard property: this package is the data as of the last
        # publication; "lastModified" says so in plain words for harvesters that look for it.
        paket["created"] = waktu
        paket["lastModified"] = waktu
    return paket
