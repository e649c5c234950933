"""Public pages, no log-in: the transparency page, its open data, and letter verification.

They show only what ``mutasi.publik`` selects. The transparency page and the open data are
cached (see ``mutasi.publik.data.kunci_cache``) and send ``Cache-Control: public`` so a reverse
proxy may cache them too; the verification pages are per letter and cheap. The open data is
compressed once per publication and kept so (gzip), sent as it is to every client that
accepts gzip, with its Data Package descriptor beside it.
"""

import datetime
import gzip
import hashlib
import io
import json
import re
import textwrap

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Max, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.formats import date_format
from django.utils.http import http_date
from django.utils.text import _lazy_re_compile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from instansi.models import PerangkatDaerah
from mutasi.ketentuan.berlaku import seluruh_pemerintah
from mutasi.ketentuan.choices import KunciKetentuan
from mutasi.lib import csv_aman
from mutasi.lib.angka import angka
from mutasi.lib.batas import batasi
from mutasi.lib.replika import reads_replica
from mutasi.lib.tanggal import tanggal_indonesia
from mutasi.lib.views import pk_from
from mutasi.lib.widgets import DateInput, QuickSelect
from mutasi.models import Petikan, StatusSK, SuratKeputusan
from mutasi.publik import data as publik
from mutasi.publik import penjelasan
from mutasi.publik.layanan import tren_layanan
from mutasi.publik.verifikasi import cari as cari_sk
from mutasi.publik.verifikasi import cari_kode
from mutasi.sk import periksa_tte
from mutasi.usulan.choices import JenisMutasi, KategoriAlasan

PER_HALAMAN = 25


class SaringForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Cari nama atau nomor SK"), required=False, max_length=100
    )
    opd = forms.ModelChoiceField(
        label=gettext_lazy("Perangkat daerah"),
        queryset=PerangkatDaerah.objects.order_by("nama"),
        required=False,
        empty_label=gettext_lazy("Semua"),
        widget=QuickSelect,
    )
    jenis = forms.ChoiceField(
        label=gettext_lazy("Jenis mutasi"),
        choices=[("", gettext_lazy("Semua"))] + JenisMutasi.choices,
        required=False,
        widget=QuickSelect,
    )
    alasan = forms.ChoiceField(
        label=gettext_lazy("Kategori alasan"),
        choices=[("", gettext_lazy("Semua"))] + KategoriAlasan.choices,
        required=False,
        widget=QuickSelect,
    )
    dari = forms.DateField(
        label=gettext_lazy("SK sejak"),
        required=False,
        widget=DateInput,
    )
    sampai = forms.DateField(
        label=gettext_lazy("SK sampai"),
        required=False,
        widget=DateInput,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if select else "form-control"

    def clean_q(self):
        # Control characters never match a name or a number.
        return "".join(ch for ch in self.cleaned_data["q"] if ch.isprintable()).strip()

    def clean(self):
        data = super().clean()
        dari, sampai = data.get("dari"), data.get("sampai")
        if dari and sampai and dari > sampai:
            # Shown, not used: a reversed range would silently match nothing.
            del data["dari"], data["sampai"]
            self.tukar = {"dari": sampai.isoformat(), "sampai": dari.isoformat()}
            raise forms.ValidationError(
                _(
                    "Tanggal “SK sejak” (%(dari)s) jatuh sesudah “SK sampai” (%(sampai)s): "
                    "tidak ada hari di antaranya. Saringan tanggal tidak dipakai; tukar kedua "
                    "tanggal untuk melihat keputusan di antara keduanya."
                )
                % {"dari": tanggal_indonesia(dari), "sampai": tanggal_indonesia(sampai)},
                code="tanggal_terbalik",
            )
        return data

    def aktif(self) -> list[tuple[str, str]]:
        """The filters in use, as (label, value shown), to say what matched nothing."""
        shown = []
        for name, value in self.cleaned_data.items():
            if value in (None, ""):
                continue
            field = self.fields[name]
            if isinstance(value, datetime.date):
                value = tanggal_indonesia(value)
            elif isinstance(field, forms.ChoiceField) and not hasattr(field, "queryset"):
                value = dict(field.choices).get(value, value)
            shown.append((str(field.label), str(value)))
        return shown


def _tersaring(request):
    """The public rows narrowed by the valid filters; an invalid filter is shown, not used."""
    form = SaringForm(request.GET)
    form.is_valid()
    values = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
    return form, publik.saring(publik.keputusan(), **values)


def _cached(name, request, build, content_type="text/html; charset=utf-8", versi=None):
    key = publik.kunci_cache(name, request, versi)
    body = cache.get(key)
    if body is None:
        body = build()
        cache.set(key, body, publik.DETIK_CACHE)
    response = HttpResponse(body, content_type=content_type)
    response["Cache-Control"] = f"public, max-age={min(publik.DETIK_CACHE, 60)}"
    return response


# As Django's GZipMiddleware reads Accept-Encoding.
_TERIMA_GZIP = _lazy_re_compile(r"\bgzip\b")
# Compressed once per publication (a second or two at province scale), then served as is.
TINGKAT_GZIP = 9


def _data_terbuka(name, request, build, content_type):
    """An open-data file: built and gzip-compressed once per publication and query, kept in the
    cache compressed, sent compressed to every client that accepts gzip (decompressed for the
    rare one that does not). Last-Modified is the last publication; If-Modified-Since is
    answered with 304."""
    terakhir = publik.terakhir_terbit()
    last_modified = terakhir.timestamp() if terakhir else None
    if last_modified is not None:
        response = get_conditional_response(request, last_modified=int(last_modified))
        if response is not None:
            return response
    key = publik.kunci_cache(name, request, publik.versi(terakhir, dibaca=True))
    body = cache.get(key)
    if body is None:
        body = gzip.compress(build(), compresslevel=TINGKAT_GZIP, mtime=0)
        cache.set(key, body, publik.DETIK_CACHE)
    if _TERIMA_GZIP.search(request.headers.get("Accept-Encoding", "")):
        response = HttpResponse(body, content_type=content_type)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(body), content_type=content_type)
    response["Content-Length"] = str(len(response.content))
    patch_vary_headers(response, ["Accept-Encoding"])
    response["Cache-Control"] = f"public, max-age={min(publik.DETIK_CACHE, 60)}"
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    return response


@require_GET
@batasi("transparansi", "BATAS_TRANSPARANSI")
@reads_replica
def transparansi(request):
    def build():
        form, queryset = _tersaring(request)
        stats = publik.statistik(queryset)
        paginator = Paginator(queryset, PER_HALAMAN)
        # Counted with the statistics, in the same query: the paginator need not count again.
        paginator.count = stats["total"]
        page = paginator.get_page(request.GET.get("page"))
        tabel = _tabel_statistik(stats)
        context = {
            "form": form,
            "page": page,
            "rows": publik.baris_publik(page.object_list),
            "jumlah": {
                "total": stats["total"],
                "berlaku": stats["jumlah"],
                "dicabut": stats["total"] - stats["jumlah"],
            },
            "saringan": form.aktif(),
            "tukar": getattr(form, "tukar", None),
            "stats": stats,
            "tabel": tabel,
            "grafik": _grafik(tabel),
            "query": request.GET.urlencode(),
        }
        context["tahun_layanan"], context["layanan"] = tren_layanan(timezone.localdate())
        return render(request, "publik/transparansi.html", context).content

    return _cached("transparansi", request, build)


# A chart shows at most this many bars; the rest are one "Lainnya" bar (the table lists all).
GRAFIK_BATANG = 10
# Characters per line of a bar's label: long names wrap instead of squeezing the bars.
GRAFIK_LEBAR_LABEL = 20


def _tabel_statistik(stats) -> dict:
    """The statistics as the page lists them: every type and reason category (none counted is
    0, not missing), and every month from the first to the last (an empty month is 0)."""
    return {
        "opd": stats["opd"],
        "jenis": _setiap_kategori(stats["jenis"], JenisMutasi),
        "alasan": _setiap_kategori(stats["alasan"], KategoriAlasan),
        "bulan": _setiap_bulan(stats["bulan"]),
    }


def _setiap_kategori(rows, choices) -> list[tuple[str, int]]:
    counted = dict(rows)
    every = [(str(label), counted.pop(str(label), 0)) for label in choices.labels]
    every += counted.items()  # a value no longer among the choices still counts
    return sorted(every, key=lambda row: -row[1])


def _setiap_bulan(rows) -> list[tuple[datetime.date, int]]:
    if not rows:
        return []
    counted = {(bulan.year, bulan.month): n for bulan, n in rows}
    first, last = min(counted), max(counted)
    months = []
    year, month = first
    while (year, month) <= last:
        months.append((datetime.date(year, month, 1), counted.get((year, month), 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _grafik(tabel) -> dict:
    def bar(rows, horizontal=True):
        labels = [_label_grafik(str(name)) if horizontal else str(name) for name, _n in rows]
        spec = {
            "type": "bar",
            "labels": labels,
            "datasets": [{"label": _("Keputusan"), "data": [n for _name, n in rows]}],
            "options": {"plugins": {"legend": {"display": False}}},
        }
        if horizontal:
            spec["options"]["indexAxis"] = "y"
        return spec

    opd = [(short, n) for _name, short, n in tabel["opd"]]
    if len(opd) > GRAFIK_BATANG:
        rest = opd[GRAFIK_BATANG - 1 :]
        lainnya = ngettext(
            "Lainnya (%(n)s perangkat daerah)", "Lainnya (%(n)s perangkat daerah)", len(rest)
        ) % {"n": len(rest)}
        opd = opd[: GRAFIK_BATANG - 1] + [(lainnya, sum(n for _short, n in rest))]
    bulan = [(date_format(b, "M Y"), n) for b, n in tabel["bulan"]]
    return {
        "opd": bar(opd),
        "jenis": bar(tabel["jenis"]),
        "alasan": bar(tabel["alasan"]),
        "bulan": bar(bulan, horizontal=False),
    }


def _label_grafik(label: str) -> str | list[str]:
    """A bar's label in lines Chart.js draws one under another."""
    lines = textwrap.wrap(label, GRAFIK_LEBAR_LABEL, break_long_words=False) or [label]
    return lines[0] if len(lines) == 1 else lines


@require_GET
@batasi("data", "BATAS_DATA_TERBUKA")
@reads_replica
def data_csv(request):
    def build():
        _form, queryset = _tersaring(request)
        buffer = io.StringIO()
        writer = csv_aman.writer(buffer)
        writer.writerow(publik.FIELDS)
        writer.writerows(row.as_dict().values() for row in publik.baris_publik(queryset))
        # With a BOM, Excel opens the names with their accents intact.
        return buffer.getvalue().encode("utf-8-sig")

    response = _data_terbuka("csv", request, build, "text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="keputusan-mutasi.csv"'
    return response


@require_GET
@batasi("data", "BATAS_DATA_TERBUKA")
@reads_replica
def data_json(request):
    def build():
        _form, queryset = _tersaring(request)
        data = {
            "fields": publik.FIELDS,
            "data": [row.as_dict() for row in publik.baris_publik(queryset)],
        }
        return json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).encode()

    return _data_terbuka("json", request, build, "application/json; charset=utf-8")


@require_GET
@batasi("data", "BATAS_DATA_TERBUKA")
@reads_replica
def datapackage(request):
    """The open data's Frictionless Data Package descriptor: what each field means, the
    licence, the source and when the data last changed."""
    terakhir = publik.terakhir_terbit()
    paket = publik.paket_data(lambda name: settings.SITE_URL + reverse(name), terakhir)
    response = HttpResponse(
        json.dumps(paket, ensure_ascii=False, indent=2).encode(),
        content_type="application/json; charset=utf-8",
    )
    response["Cache-Control"] = f"public, max-age={min(publik.DETIK_CACHE, 60)}"
    if terakhir:
        response["Last-Modified"] = http_date(terakhir.timestamp())
    return response


# --- How decisions are made ---------------------------------------------------------------


@require_GET
@reads_replica
def bagaimana(request):
    """How a mutation decision is made, in plain Indonesian: the same for everyone, no data.
    The objection window and the evaluation months are those in force today for the whole
    government, as the proposals filed today are given them."""
    umum = seluruh_pemerintah()
    response = render(
        request,
        "publik/bagaimana.html",
        {
            "syarat": penjelasan.syarat(),
            "tetap": penjelasan.tidak_dapat_dikecualikan(),
            "alasan": penjelasan.alasan(),
            "jenis": penjelasan.jenis(),
            "bulan_evaluasi": penjelasan.bulan_evaluasi(umum),
            "jendela_sikap": umum.angka(KunciKetentuan.JENDELA_SIKAP_HARI),
            "contoh_nomor": contoh_nomor(),
            "alamat_bkd": settings.SK_ALAMAT,
            "situs": settings.SITE_URL,
        },
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


# --- Verification ----------------------------------------------------------------------------

# A code in its stored form, old (token_urlsafe) or new (grouped Crockford): only these reach the
# page cache, whose keys must stay short and plain.
KODE = re.compile(r"^(?:[A-Za-z0-9_-]{16}|[0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})$")


def contoh_nomor() -> str:
    return settings.SK_NOMOR_POLA.format(urut=12, tahun=2026, seri=settings.SK_SERI)


class CariSkForm(forms.Form):
    nomor = forms.CharField(
        label=gettext_lazy("Nomor SK, kode verifikasi, atau tautan kode QR"),
        max_length=300,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomor"].help_text = _(
            "Contoh: %(nomor)s, atau kode di bawah kode QR surat seperti 7KQ2-M9XC-4HTR-B8NZ. "
            "Huruf besar-kecil, spasi dan tanda hubung tidak berpengaruh."
        ) % {"nomor": contoh_nomor()}


class PeriksaBerkasForm(forms.Form):
    berkas = forms.FileField(
        label=gettext_lazy("Berkas PDF yang Anda terima"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["berkas"].help_text = _(
            "Paling besar %(mb)s MB. Berkas tidak disimpan; hanya sidik jarinya yang dihitung."
        ) % {"mb": settings.MAX_UPLOAD_MB}

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > batas_unggah():
            raise forms.ValidationError(terlalu_besar(berkas.size))
        return berkas


def batas_unggah() -> int:
    return settings.MAX_UPLOAD_MB * 1024 * 1024


def terlalu_besar(ukuran: int) -> str:
    return _(
        "Berkas ini %(n)s MB, lebih besar dari batas %(mb)s MB, sehingga tidak diperiksa. "
        "Surat keputusan dalam PDF biasanya jauh lebih kecil: pastikan berkasnya benar."
    ) % {"n": angka(ukuran / 1024 / 1024, 1), "mb": settings.MAX_UPLOAD_MB}


@require_GET
@batasi("verifikasi", "BATAS_VERIFIKASI")
@reads_replica
def verifikasi(request):
    form = CariSkForm(request.GET or None)
    pencarian = None
    if form.is_valid():
        pencarian = cari_sk(form.cleaned_data["nomor"])
        if pencarian.sk is not None:
            return redirect("publik:verifikasi_kode", kode=pencarian.kode_tujuan)
    # Something that reads as a number or a code and names no letter is "not found"; text
    # that is neither is a question to answer on the page, not a missing letter.
    status = 404 if pencarian and pencarian.terbaca else 200
    return render(
        request,
        "publik/verifikasi.html",
        {
            "form": form,
            "pencarian": pencarian,
            "contoh_nomor": contoh_nomor(),
            "situs": settings.SITE_URL,
            "alamat_bkd": settings.SK_ALAMAT,
        },
        status=status,
    )


def _sk_publik(kode):
    """The published letter with code ``kode``, or the letter of the extract with that code
    (then with ``sk.petikan_publik`` set)."""
    sk = (
        SuratKeputusan.objects.filter(status=StatusSK.TERBIT, kode_verifikasi=kode)
        .select_related("mencabut")
        .first()
    )
    petikan = None
    if sk is None:
        petikan = (
            Petikan.objects.filter(kode_verifikasi=kode, baris__sk__status=StatusSK.TERBIT)
            .select_related("baris__sk__mencabut")
            .first()
        )
        sk = petikan.baris.sk if petikan else None
    if sk is None:
        raise Http404(_("Kode verifikasi tidak dikenal."))
    sk.petikan_publik = petikan
    return sk


# The file check changes nothing and needs no session, so it needs no CSRF token, and the page
# (the same for everyone) can be cached like the transparency page: a QR code on a letter that
# is passed around is scanned by many people at once.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@batasi("verifikasi", "BATAS_VERIFIKASI")
@reads_replica
def verifikasi_kode(request, kode):
    try:
        if not KODE.match(kode):
            raise Http404(_("Kode verifikasi tidak dikenal."))
        if request.method == "GET":
            return _cached(
                f"verifikasi:{kode}",
                request,
                lambda: _verifikasi_kode(request, kode),
                versi=_versi_kode(kode),
            )
        return _periksa_berkas(request, kode)
    except Http404:
        # A link typed by hand (lower case, hyphens dropped, l for 1): the letter's own page.
        found = cari_kode(kode)
        if found.sk is None or found.kode_tujuan == kode:
            raise
        return redirect("publik:verifikasi_kode", kode=found.kode_tujuan)


@require_GET
def akar_pem(request):
    """The root certificates the verification page trusts (public certificates only)."""
    response = HttpResponse(periksa_tte.akar_pem(), content_type="application/x-pem-file")
    response["Content-Disposition"] = 'attachment; filename="akar-tte.pem"'
    response["Cache-Control"] = "public, max-age=3600"
    return response


def _versi_kode(kode) -> str:
    """The public pages' version and when this letter last changed (its PDF made, signed), in
    one query: the page's cache key, so a signature shows at once."""
    terbit = SuratKeputusan.objects.filter(status=StatusSK.TERBIT)
    letter = terbit.filter(kode_verifikasi=kode).values("updated")[:1]
    extract = Petikan.objects.filter(kode_verifikasi=kode).values("baris__sk__updated")[:1]
    row = terbit.aggregate(
        t=Max("diterbitkan_pada"), u=Max(Coalesce(Subquery(letter), Subquery(extract)))
    )
    terakhir = row["t"].isoformat() if row["t"] else "0"
    return f"{terakhir}:{row['u'].isoformat() if row['u'] else '0'}"


def _periksa_berkas(request, kode):
    # Refused before the body is read: a 300 MB upload is not received to be refused.
    ukuran = pk_from(request.META.get("CONTENT_LENGTH")) or 0
    if ukuran > batas_unggah() + 64 * 1024:
        sk = _sk_publik(kode)
        return HttpResponse(_verifikasi_kode(request, kode, sk=sk, ditolak=ukuran), status=413)
    return HttpResponse(_verifikasi_kode(request, kode))


def _verifikasi_kode(request, kode, sk=None, ditolak=0) -> bytes:
    sk = sk or _sk_publik(kode)
    if ditolak:
        periksa = PeriksaBerkasForm()
        galat_berkas = terlalu_besar(ditolak)
    else:
        periksa = PeriksaBerkasForm(request.POST or None, request.FILES or None)
        galat_berkas = ""
    petikan = sk.petikan_publik
    tercatat = petikan.sha256 if petikan else sk.sha256
    cocok = tte = None
    if request.method == "POST" and not ditolak and periksa.is_valid():
        data = b"".join(periksa.cleaned_data["berkas"].chunks())
        hash_berkas = hashlib.sha256(data).hexdigest()
        cocok = bool(tercatat) and hash_berkas == tercatat
        tte = periksa_tte.periksa(data)
    else:
        hash_berkas = ""
    dicabut_oleh = (
        SuratKeputusan.objects.filter(mencabut=sk, status=StatusSK.TERBIT)
        .only("nomor", "kode_verifikasi", "tanggal_terbit", "alasan_pembetulan", "mencabut")
        .first()
    )
    rows = publik.keputusan().filter(sk=sk)
    if petikan is not None:
        rows = rows.filter(pk=petikan.baris_id)
    rows = publik.baris_publik(rows)
    # What a correction changed, and why: on the correction and on the letter it revoked.
    pembetulan = dicabut_oleh or (sk if sk.mencabut_id else None)
    return render(
        request,
        "publik/verifikasi_kode.html",
        {
            "sk": sk,
            "rows": rows,
            "dicabut_oleh": dicabut_oleh,
            "pembetulan": pembetulan,
            "perubahan": pembetulan.perubahan() if pembetulan else [],
            "periksa": periksa,
            "galat_berkas": galat_berkas,
            "cocok": cocok,
            "hash_berkas": hash_berkas,
            "petikan": petikan,
            "sha256": tercatat,
            "tte": tte,
        },
    ).content
