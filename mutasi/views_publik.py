"""Public pages, no log-in: the transparency page, its open data, and letter verification.

They show only what ``mutasi.publik`` selects. The transparency page and the open data are
cached (see ``mutasi.publik.kunci_cache``) and send ``Cache-Control: public`` so a reverse
proxy may cache them too; the verification pages are per letter and cheap.
"""

import hashlib
import io
import json
import re

from django import forms
from django.core.cache import cache
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from instansi.models import PerangkatDaerah
from mutasi import publik
from mutasi.choices import JenisMutasi, KategoriAlasan
from mutasi.lib import csv_aman
from mutasi.lib.batas import batasi
from mutasi.models import StatusSK, SuratKeputusan

PER_HALAMAN = 25
KODE = re.compile(r"^[A-Za-z0-9_-]{16}$")


class SaringForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Cari nama atau nomor SK"), required=False, max_length=100
    )
    opd = forms.ModelChoiceField(
        label=gettext_lazy("Perangkat daerah"),
        queryset=PerangkatDaerah.objects.order_by("nama"),
        required=False,
        empty_label=gettext_lazy("Semua"),
    )
    jenis = forms.ChoiceField(
        label=gettext_lazy("Jenis mutasi"),
        choices=[("", gettext_lazy("Semua"))] + JenisMutasi.choices,
        required=False,
    )
    alasan = forms.ChoiceField(
        label=gettext_lazy("Kategori alasan"),
        choices=[("", gettext_lazy("Semua"))] + KategoriAlasan.choices,
        required=False,
    )
    dari = forms.DateField(
        label=gettext_lazy("SK sejak"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sampai = forms.DateField(
        label=gettext_lazy("SK sampai"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if select else "form-control"

    def clean_q(self):
        # Control characters never match a name or a number.
        return "".join(ch for ch in self.cleaned_data["q"] if ch.isprintable()).strip()


def _tersaring(request):
    """The public rows narrowed by the valid filters; an invalid filter is shown, not used."""
    form = SaringForm(request.GET)
    form.is_valid()
    values = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
    return form, publik.saring(publik.keputusan(), **values)


def _cached(name, request, build, content_type="text/html; charset=utf-8"):
    key = publik.kunci_cache(name, request)
    body = cache.get(key)
    if body is None:
        body = build()
        cache.set(key, body, publik.DETIK_CACHE)
    response = HttpResponse(body, content_type=content_type)
    response["Cache-Control"] = f"public, max-age={min(publik.DETIK_CACHE, 60)}"
    return response


@require_GET
@batasi("transparansi", "BATAS_TRANSPARANSI")
def transparansi(request):
    def build():
        form, queryset = _tersaring(request)
        page = Paginator(queryset, PER_HALAMAN).get_page(request.GET.get("page"))
        stats = publik.statistik(queryset)
        context = {
            "form": form,
            "page": page,
            "rows": publik.baris_publik(page.object_list),
            "stats": stats,
            "grafik": _grafik(stats),
            "query": request.GET.urlencode(),
        }
        return render(request, "publik/transparansi.html", context).content

    return _cached("transparansi", request, build)


def _grafik(stats) -> dict:
    def bar(rows, label, horizontal=True):
        spec = {
            "type": "bar",
            "labels": [str(name) for name, _n in rows],
            "datasets": [{"label": label, "data": [n for _name, n in rows]}],
            "options": {"plugins": {"legend": {"display": False}}},
        }
        if horizontal:
            spec["options"]["indexAxis"] = "y"
        return spec

    bulan = [(b.strftime("%m/%Y"), n) for b, n in stats["bulan"]]
    return {
        "opd": bar([(short, n) for _name, short, n in stats["opd"][:15]], _("Keputusan")),
        "jenis": bar(stats["jenis"], _("Keputusan")),
        "alasan": bar(stats["alasan"], _("Keputusan")),
        "bulan": bar(bulan, _("Keputusan"), horizontal=False),
    }


@require_GET
@batasi("data", "BATAS_DATA_TERBUKA")
def data_csv(request):
    def build():
        _form, queryset = _tersaring(request)
        buffer = io.StringIO()
        writer = csv_aman.writer(buffer)
        writer.writerow(publik.FIELDS)
        writer.writerows(row.as_dict().values() for row in publik.baris_publik(queryset))
        # With a BOM, Excel opens the names with their accents intact.
        return buffer.getvalue().encode("utf-8-sig")

    response = _cached("csv", request, build, "text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="keputusan-mutasi.csv"'
    return response


@require_GET
@batasi("data", "BATAS_DATA_TERBUKA")
def data_json(request):
    def build():
        _form, queryset = _tersaring(request)
        data = {
            "fields": publik.FIELDS,
            "data": [row.as_dict() for row in publik.baris_publik(queryset)],
        }
        return json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).encode()

    return _cached("json", request, build, "application/json; charset=utf-8")


# --- Verification ----------------------------------------------------------------------------


class CariSkForm(forms.Form):
    nomor = forms.CharField(
        label=gettext_lazy("Nomor SK atau kode verifikasi"),
        max_length=100,
        help_text=gettext_lazy("Contoh: 800.1.3/12/BKD/2026, atau kode di bawah kode QR surat."),
    )


class PeriksaBerkasForm(forms.Form):
    berkas = forms.FileField(
        label=gettext_lazy("Berkas PDF yang Anda terima"),
        help_text=gettext_lazy("Berkas tidak disimpan; hanya sidik jarinya yang dihitung."),
    )


@require_GET
@batasi("verifikasi", "BATAS_VERIFIKASI")
def verifikasi(request):
    form = CariSkForm(request.GET or None)
    tidak_ditemukan = False
    if form.is_valid():
        nomor = form.cleaned_data["nomor"].strip()
        terbit = SuratKeputusan.objects.filter(status=StatusSK.TERBIT)
        sk = terbit.filter(nomor=nomor).only("kode_verifikasi").first()
        if sk is None and KODE.match(nomor):
            sk = terbit.filter(kode_verifikasi=nomor).only("kode_verifikasi").first()
        if sk is not None:
            return redirect("publik:verifikasi_kode", kode=sk.kode_verifikasi)
        tidak_ditemukan = True
    status = 404 if tidak_ditemukan else 200
    return render(
        request,
        "publik/verifikasi.html",
        {"form": form, "tidak_ditemukan": tidak_ditemukan},
        status=status,
    )


def _sk_publik(kode):
    if not KODE.match(kode):
        raise Http404(_("Kode verifikasi tidak dikenal."))
    sk = (
        SuratKeputusan.objects.filter(status=StatusSK.TERBIT, kode_verifikasi=kode)
        .select_related("mencabut")
        .first()
    )
    if sk is None:
        raise Http404(_("Kode verifikasi tidak dikenal."))
    return sk


# The file check changes nothing and needs no session, so it needs no CSRF token, and the page
# (the same for everyone) can be cached like the transparency page: a QR code on a letter that
# is passed around is scanned by many people at once.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@batasi("verifikasi", "BATAS_VERIFIKASI")
def verifikasi_kode(request, kode):
    if not KODE.match(kode):
        raise Http404(_("Kode verifikasi tidak dikenal."))
    if request.method == "GET":
        return _cached(f"verifikasi:{kode}", request, lambda: _verifikasi_kode(request, kode))
    return HttpResponse(_verifikasi_kode(request, kode))


def _verifikasi_kode(request, kode) -> bytes:
    sk = _sk_publik(kode)
    periksa = PeriksaBerkasForm(request.POST or None, request.FILES or None)
    cocok = None
    if request.method == "POST" and periksa.is_valid():
        digest = hashlib.sha256()
        for chunk in periksa.cleaned_data["berkas"].chunks():
            digest.update(chunk)
        cocok = bool(sk.sha256) and digest.hexdigest() == sk.sha256
        hash_berkas = digest.hexdigest()
    else:
        hash_berkas = ""
    dicabut_oleh = (
        SuratKeputusan.objects.filter(mencabut=sk, status=StatusSK.TERBIT)
        .only("nomor", "kode_verifikasi", "tanggal_terbit")
        .first()
    )
    rows = publik.baris_publik(publik.keputusan().filter(sk=sk))
    return render(
        request,
        "publik/verifikasi_kode.html",
        {
            "sk": sk,
            "rows": rows,
            "dicabut_oleh": dicabut_oleh,
            "periksa": periksa,
            "cocok": cocok,
            "hash_berkas": hash_berkas,
        },
    ).content
