"""Pages of post-mutation evaluation: the list, one evaluation with both assessments, the
training follow-up, and the programme dashboard.

Evaluations are found through ``get_evaluasi_for_user`` (404 for what the user may not
see); each action goes through ``evaluasi.services``, which decides for real: a refusal is
a 403, a problem of state or timing a message on the page with nothing changed.
"""

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from evaluasi import dasbor as dash
from evaluasi import hitungan, layanan, services
from evaluasi.choices import JANGKAR, StatusEvaluasi, StatusPelatihan
from evaluasi.dasbor_grafik import grafik
from evaluasi.filters import DasborFilter
from evaluasi.forms import (
    PelatihanForm,
    PelatihanSelesaiForm,
    PenilaianAtasanForm,
    PenilaianDiriForm,
)
from evaluasi.models import Evaluasi, Pelatihan
from mutasi.laporan.hitung import ekspor_xlsx
from mutasi.lib.isian import isi_kembali
from mutasi.lib.unduhan import berkas_pribadi
from mutasi.lib.views import role_required
from mutasi.sk import pdf
from pegawai.access import GOVERNMENT_WIDE, Role, has_role
from pegawai.models import Skp

PER_HALAMAN = 25
# Who follows every due evaluation, whoever's part is missing.
PEMANTAU = (Role.OPERATOR_BKD, Role.VERIFIKATOR_BKD, Role.ADMIN)
# How long the dashboard figures are kept when nothing is logged meanwhile.


def get_evaluasi_for_user(user, pk) -> Evaluasi:
    return get_object_or_404(
        Evaluasi.objects.for_user(user).select_related(
            "pegawai",
            "perangkat_daerah",
            "unit",
            "jabatan",
            "usulan__unit_asal",
            "usulan__jabatan_asal",
            "penilaian_atasan__penilai",
            "penilaian_diri",
        ),
        pk=pk,
    )


# --- List ------------------------------------------------------------------------------------


def _saring_status(queryset, status, today):
    if status == StatusEvaluasi.SELESAI:
        return queryset.filter(lengkap=True)
    if status == StatusEvaluasi.BELUM_JATUH_TEMPO:
        return queryset.belum_lengkap().filter(jatuh_tempo__gt=today)
    if status == StatusEvaluasi.JATUH_TEMPO:
        return queryset.belum_lengkap().filter(jatuh_tempo__lte=today, tenggat__gte=today)
    if status == StatusEvaluasi.TERLAMBAT:
        return queryset.terlambat(today)
    return queryset


@login_required
def evaluasi_list(request):
    """Evaluations the user may see; by default those waiting (due or overdue)."""
    today = timezone.localdate()
    status = request.GET.get("status", "menunggu")
    queryset = Evaluasi.objects.for_user(request.user).select_related(
        "pegawai", "perangkat_daerah", "unit", "penilaian_atasan", "penilaian_diri"
    )
    if status == "menunggu":
        # BKD follows every due evaluation; everyone else sees the ones whose part is theirs.
        if has_role(request.user, *PEMANTAU):
            queryset = queryset.jatuh_tempo(today)
        else:
            queryset = queryset.perlu_diisi_oleh(request.user, today)
    elif status in StatusEvaluasi.values:
        queryset = _saring_status(queryset, status, today)
    queryset = queryset.order_by("jatuh_tempo", "pk")
    page = Paginator(queryset, PER_HALAMAN).get_page(request.GET.get("page"))
    tabs = [("menunggu", _("Perlu diisi"))] + [
        (StatusEvaluasi.TERLAMBAT, StatusEvaluasi.TERLAMBAT.label),
        (StatusEvaluasi.BELUM_JATUH_TEMPO, StatusEvaluasi.BELUM_JATUH_TEMPO.label),
        (StatusEvaluasi.SELESAI, StatusEvaluasi.SELESAI.label),
        ("semua", _("Semua")),
    ]
    return render(
        request,
        "evaluasi/evaluasi_list.html",
        {"page": page, "status": status, "tabs": tabs, "today": today},
    )


# --- One evaluation ------------------------------------------------------------------------


def _skp_sebelum_sesudah(evaluasi) -> list[dict]:
    year = evaluasi.tmt.year
    rows = Skp.objects.filter(pegawai_id=evaluasi.pegawai_id).order_by("tahun")
    return [
        {
            "skp": skp,
            "saat": _("sebelum")
            if skp.tahun < year
            else (_("tahun mutasi") if skp.tahun == year else _("sesudah")),
        }
        for skp in rows
    ]


def _detail(request, evaluasi, form_atasan=None, form_diri=None, form_pelatihan=None, status=200):
    user = request.user
    today = timezone.localdate()
    can_atasan = (
        services.adalah_atasan(user, evaluasi)
        and not evaluasi.atasan_terisi
        and today >= evaluasi.jatuh_tempo
    )
    can_diri = (
        services.adalah_pegawai(user, evaluasi)
        and not evaluasi.diri_terisi
        and today >= evaluasi.jatuh_tempo
    )
    if can_atasan and form_atasan is None:
        form_atasan = PenilaianAtasanForm(evaluasi=evaluasi)
    if can_diri and form_diri is None:
        form_diri = PenilaianDiriForm()
    context = {
        "evaluasi": evaluasi,
        "status": evaluasi.status(today),
        "is_atasan": services.adalah_atasan(user, evaluasi),
        "is_pegawai": services.adalah_pegawai(user, evaluasi),
        "form_atasan": form_atasan if can_atasan else None,
        "form_diri": form_diri if can_diri else None,
        "teks_diri": services.boleh_baca_teks_diri(user, evaluasi),
        "kesenjangan": (
            list(evaluasi.penilaian_atasan.kesenjangan.order_by("nama"))
            if evaluasi.atasan_terisi
            else []
        ),
        "skp": _skp_sebelum_sesudah(evaluasi),
        "pelatihan": list(evaluasi.pelatihan.order_by("tenggat", "pk")),
        "boleh_tambah_pelatihan": services.boleh_kelola_pelatihan(user, evaluasi),
        "boleh_selesaikan": services.boleh_selesaikan_pelatihan(user, evaluasi),
        # Refused by the service after a redirect: what was typed comes back (mutasi.lib.isian).
        "form_pelatihan": form_pelatihan
        or isi_kembali(
            request, PelatihanForm(), reverse("evaluasi:pelatihan_tambah", args=[evaluasi.pk])
        ),
        "form_selesai": PelatihanSelesaiForm(initial={"tanggal": today}),
        "jangkar": JANGKAR,
        "lainnya": list(
            Evaluasi.objects.filter(usulan_id=evaluasi.usulan_id)
            .exclude(pk=evaluasi.pk)
            .select_related("penilaian_atasan", "penilaian_diri")
        ),
    }
    return render(request, "evaluasi/evaluasi_detail.html", context, status=status)


@login_required
def evaluasi_detail(request, pk):
    return _detail(request, get_evaluasi_for_user(request.user, pk))


def _jalankan(request, evaluasi, action, success):
    try:
        action()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(evaluasi)


@require_POST
@login_required
def nilai_atasan(request, pk):
    evaluasi = get_evaluasi_for_user(request.user, pk)
    if not services.adalah_atasan(request.user, evaluasi):
        raise PermissionDenied(_("Hanya Kepala OPD tujuan yang menilai."))
    form = PenilaianAtasanForm(request.POST, evaluasi=evaluasi)
    if not form.is_valid():
        messages.error(request, _("Periksa isian penilaian; belum ada yang disimpan."))
        return _detail(request, evaluasi, form_atasan=form, status=400)
    return _jalankan(
        request,
        evaluasi,
        lambda: services.nilai_atasan(
            evaluasi.pk,
            request.user,
            form.penilaian(),
            form.cleaned_data["kesenjangan"],
            form.pelatihan(),
        ),
        _("Penilaian atasan disimpan."),
    )


@require_POST
@login_required
def nilai_diri(request, pk):
    evaluasi = get_evaluasi_for_user(request.user, pk)
    if not services.adalah_pegawai(request.user, evaluasi):
        raise PermissionDenied(_("Hanya pegawai yang bersangkutan yang mengisi."))
    form = PenilaianDiriForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Periksa isian evaluasi diri; belum ada yang disimpan."))
        return _detail(request, evaluasi, form_diri=form, status=400)
    return _jalankan(
        request,
        evaluasi,
        lambda: services.nilai_diri(evaluasi.pk, request.user, form.cleaned_data),
        _("Evaluasi diri disimpan. Terima kasih."),
    )


# --- Training follow-up ------------------------------------------------------------------------


@require_POST
@login_required
def pelatihan_tambah(request, pk):
    evaluasi = get_evaluasi_for_user(request.user, pk)
    if not services.boleh_kelola_pelatihan(request.user, evaluasi):
        raise PermissionDenied(_("Anda tidak dapat menambah pelatihan."))
    form = PelatihanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Periksa isian pelatihan; belum ada yang disimpan."))
        return _detail(request, evaluasi, form_pelatihan=form, status=400)
    return _jalankan(
        request,
        evaluasi,
        lambda: services.tambah_pelatihan(evaluasi.pk, request.user, form.cleaned_data),
        _("Pelatihan dicatat."),
    )


@require_POST
@login_required
def pelatihan_selesai(request, pk):
    pelatihan = get_object_or_404(
        Pelatihan.objects.for_user(request.user).select_related("evaluasi"), pk=pk
    )
    evaluasi = pelatihan.evaluasi
    if not services.boleh_selesaikan_pelatihan(request.user, evaluasi):
        raise PermissionDenied(_("Anda tidak dapat menutup pelatihan."))
    form = PelatihanSelesaiForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(evaluasi)
    return _jalankan(
        request,
        evaluasi,
        lambda: services.selesaikan_pelatihan(
            pelatihan.pk, request.user, form.cleaned_data["bukti"], form.cleaned_data["tanggal"]
        ),
        _("Pelatihan ditandai selesai."),
    )


@login_required
def pelatihan_bukti(request, pk):
    pelatihan = get_object_or_404(Pelatihan.objects.for_user(request.user), pk=pk)
    if not pelatihan.bukti:
        raise Http404
    return berkas_pribadi(request, pelatihan.bukti, pelatihan.bukti_nama, pelatihan.bukti_tipe)


@login_required
def pelatihan_list(request):
    """Training follow-up: BKD sees every open one; agencies and employees their own."""
    today = timezone.localdate()
    status = request.GET.get("status", StatusPelatihan.DIRENCANAKAN)
    queryset = Pelatihan.objects.for_user(request.user).select_related(
        "evaluasi__pegawai", "evaluasi__perangkat_daerah"
    )
    if status in StatusPelatihan.values:
        queryset = queryset.filter(status=status)
    page = Paginator(queryset.order_by("tenggat", "pk"), PER_HALAMAN).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "evaluasi/pelatihan_list.html",
        {
            "page": page,
            "status": status,
            "tabs": list(StatusPelatihan.choices) + [("semua", _("Semua"))],
            "today": today,
        },
    )


# --- Dashboard -----------------------------------------------------------------------------


@role_required(GOVERNMENT_WIDE)
def dasbor(request):
    today = timezone.localdate()
    saring = DasborFilter(request.GET or None, queryset=dash.mutasi_terlaksana())
    fmt = request.GET.get("export")
    # An export carries the current figures; the page shows the kept ones at once.
    hitungan_, (data, dampak), basi = hitungan.ambil(
        hitungan.saringan_dari(request.GET), segar=fmt in ("xlsx", "pdf")
    )
    if fmt == "xlsx":
        isi = SimpleNamespace(tabel=[*data.tabel, layanan.tabel(dampak)])
        return ekspor_xlsx(isi, "dasbor-evaluasi")
    if fmt == "pdf":
        return _dasbor_pdf(request, data, saring, today, [layanan.tabel(dampak)])
    return render(
        request,
        "evaluasi/dasbor.html",
        {
            "filter": saring,
            "d": data,
            "grafik": grafik(data),
            "today": today,
            "dampak": dampak,
            "hitungan": hitungan_,
            "basi": basi,
        },
    )


def _dasbor_pdf(request, data, saring, today, lain=()) -> HttpResponse:
    html = render_to_string(
        "evaluasi/dasbor_pdf.html",
        {"d": data, "filter": saring, "today": today, "tabel": [*data.tabel, *lain]},
        request=request,
    )
    css = render_to_string("evaluasi/dasbor_pdf.css", {"font_url": pdf.FONT_DIR.as_uri() + "/"})
    response = HttpResponse(pdf.tulis_pdf(html, css), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="dasbor-evaluasi-{today:%Y%m%d}.pdf"'
    return response
