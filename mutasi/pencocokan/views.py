"""Matching pages (issue 7): candidates for a vacancy, redistribution plans, the fairness
audit and the explanation for one employee. BKD only; others get 404 on guessed plan URLs."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from instansi.layanan.sinyal import sinyal_unit
from instansi.models import Formasi
from mutasi.lib.views import role_required
from mutasi.models import Usulan
from mutasi.models.pencocokan import RencanaRedistribusi
from mutasi.pencocokan import audit, skor
from mutasi.pencocokan import kandidat as kandidat_service
from mutasi.pencocokan import penjelasan as explain
from mutasi.pencocokan import rencana as plan_service
from mutasi.pencocokan.forms import PreferensiForm, RencanaForm, UsulkanForm
from mutasi.usulan import kursi
from pegawai.access import Role, has_role
from pegawai.models import Pegawai, PreferensiMutasi

LIHAT = frozenset({Role.OPERATOR_BKD, Role.VERIFIKATOR_BKD, Role.ADMIN})
BERTINDAK = frozenset({Role.OPERATOR_BKD, Role.ADMIN})
TAMPIL_KANDIDAT = kandidat_service.TERINCI


def _bobot_tampil(bobot):
    return [(skor.NAMA_BAGIAN[k], bobot[k]) for k in skor.BAGIAN]


def get_rencana_for_user(user, pk) -> RencanaRedistribusi:
    if not has_role(user, *LIHAT):
        raise Http404
    return get_object_or_404(
        RencanaRedistribusi.objects.prefetch_related("perangkat_daerah"), pk=pk
    )


@role_required(LIHAT)
def index(request):
    form = RencanaForm(request.POST or None)
    if request.method == "POST":
        if not has_role(request.user, *BERTINDAK):
            messages.error(request, _("Hanya Operator BKD yang dapat menghitung rencana."))
        elif form.is_valid():
            try:
                plan = plan_service.buat(
                    request.user,
                    [o.pk for o in form.cleaned_data["perangkat_daerah"]],
                    form.cleaned_data["satu_opd"],
                    form.cleaned_data["maks_keluar"],
                    form.cleaned_data["bobot"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect(plan)
    plans = RencanaRedistribusi.objects.select_related("dibuat_oleh").prefetch_related(
        "perangkat_daerah"
    )[:20]
    return render(
        request,
        "pencocokan/index.html",
        {
            "form": form,
            "rencana_list": plans,
            "bobot": _bobot_tampil(skor.bobot_default()),
            "boleh_bertindak": has_role(request.user, *BERTINDAK),
            "bonus_layanan": settings.PENCOCOKAN_BONUS_PRIORITAS_LAYANAN,
        },
    )


@role_required(LIHAT)
def kandidat(request, pk):
    formasi = get_object_or_404(
        Formasi.objects.select_related("unit__perangkat_daerah", "jabatan").prefetch_related(
            "jabatan__bidang_pendidikan", "jabatan__kompetensi"
        ),
        pk=pk,
    )
    daftar = kandidat_service.kandidat(formasi, dengan_alasan=request.GET.get("alasan") == "1")
    seats = kursi.hitung(formasi)
    tanda = sinyal_unit([formasi.unit_id], timezone.localdate()).get(formasi.unit_id)
    semua = request.GET.get("semua") == "1"
    return render(
        request,
        "pencocokan/kandidat.html",
        {
            "formasi": formasi,
            "kursi": seats,
            "daftar": daftar,
            "layak": daftar.layak if semua else daftar.layak[:TAMPIL_KANDIDAT],
            "semua": semua,
            "terpotong": not semua and len(daftar.layak) > TAMPIL_KANDIDAT,
            "bobot": _bobot_tampil(daftar.bobot),
            "boleh_bertindak": has_role(request.user, *BERTINDAK),
            "form": UsulkanForm(),
            "sinyal": tanda,
            # A vacancy is a shortage: poor service makes the unit a priority (issue 18).
            "prioritas": bool(tanda and tanda.buruk),
        },
    )


@require_POST
@role_required(BERTINDAK)
def usulkan(request, pk):
    formasi = get_object_or_404(Formasi.objects.select_related("unit", "jabatan"), pk=pk)
    form = UsulkanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pegawai tidak dikenal."))
        return redirect("pencocokan:kandidat", pk=pk)
    pegawai = get_object_or_404(
        Pegawai.objects.select_related("unit"), pk=form.cleaned_data["pegawai"]
    )
    try:
        usulan = kandidat_service.usulkan_kandidat(
            request.user, pegawai, formasi, sengaja=form.cleaned_data["sengaja"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("pencocokan:kandidat", pk=pk)
    messages.success(
        request,
        _("Usulan (Konsep) untuk %(p)s dibuat. Lengkapi dokumennya lalu ajukan.")
        % {"p": pegawai.nama_lengkap},
    )
    return redirect(usulan)


def _langkah(plan):
    return plan.langkah.select_related(
        "pegawai",
        "unit_asal__perangkat_daerah",
        "jabatan_asal",
        "formasi_tujuan__unit__perangkat_daerah",
        "formasi_tujuan__jabatan",
        "usulan",
    ).order_by("-skor", "pk")


# Plan URLs: 404 for anyone outside BKD (a guessed number reveals nothing), 403 only for BKD
# staff who may look but not act.


@login_required
def rencana_detail(request, pk):
    plan = get_rencana_for_user(request.user, pk)
    context = {
        "rencana": plan,
        "boleh_bertindak": has_role(request.user, *BERTINDAK),
        "bobot": _bobot_tampil(plan.bobot),
    }
    if plan.selesai:
        moves = list(_langkah(plan))
        tanda = sinyal_unit(
            {m.formasi_tujuan.unit_id for m in moves}, plan_service.hari_rencana(plan)
        )
        for m in moves:
            m.sinyal = tanda.get(m.formasi_tujuan.unit_id)
        context.update(
            langkah=moves,
            berlaku=plan_service.masih_berlaku(plan),
            pesan_usang=plan_service.PESAN_USANG,
            audit=audit.audit(plan.ringkasan.get("sumber_ids", []), [m.pegawai_id for m in moves]),
        )
    return render(request, "pencocokan/rencana_detail.html", context)


@login_required
def rencana_status(request, pk):
    plan = get_rencana_for_user(request.user, pk)
    response = render(request, "pencocokan/inc/rencana_status.html", {"rencana": plan})
    if plan.selesai and request.htmx:
        response["HX-Refresh"] = "true"  # the finished plan is a different page
    return response


# Largest value of a BigAutoField: anything beyond names no row (and overflows PostgreSQL).
PK_MAKS = 2**63 - 1


def _nomor(values) -> list[int]:
    """The plain row numbers among ``values``: ASCII digits only (``str.isdigit`` also takes
    "²", which ``int`` refuses), within the range of a primary key."""
    return [int(x) for x in values if x.isascii() and x.isdigit() and int(x) <= PK_MAKS]


@require_POST
@login_required
def rencana_terima(request, pk):
    plan = get_rencana_for_user(request.user, pk)
    if not has_role(request.user, *BERTINDAK):
        raise PermissionDenied(_("Hanya Operator BKD yang dapat menerima langkah rencana."))
    ids = _nomor(request.POST.getlist("langkah"))
    try:
        created = plan_service.terima(plan, request.user, ids)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(n)s usulan (Konsep) dibuat dari rencana ini.") % {"n": len(created)},
        )
    return redirect(plan)


@role_required(LIHAT)
def audit_keputusan(request):
    return render(request, "pencocokan/audit.html", {"audit": audit.audit_keputusan()})


@login_required
def penjelasan(request, pk):
    """Why an employee was or was not proposed: for BKD, and for the employee about
    themselves (who sees their proposals as the proposal list shows them)."""
    sendiri = request.user.pegawai_id is not None and request.user.pegawai_id == pk
    if not (sendiri or has_role(request.user, *LIHAT)):
        raise PermissionDenied
    pegawai = get_object_or_404(Pegawai.objects.select_related("unit", "jabatan"), pk=pk)
    p = explain.jelaskan(pegawai)
    if not has_role(request.user, *LIHAT):
        visible = set(Usulan.objects.for_user(request.user).values_list("pk", flat=True))
        p.usulan = [u for u in p.usulan if u.pk in visible]
    return render(
        request,
        "pencocokan/penjelasan.html",
        {"pegawai": pegawai, "p": p, "bkd": has_role(request.user, *LIHAT)},
    )


@login_required
def preferensi(request):
    """The employee's own mobility preference (ASN, on "Profil saya")."""
    if not request.user.pegawai_id:
        raise Http404
    instance = PreferensiMutasi.objects.filter(pegawai_id=request.user.pegawai_id).first()
    form = PreferensiForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        pref = form.save(commit=False)
        pref.pegawai_id = request.user.pegawai_id
        pref.save()
        form.save_m2m()
        messages.success(request, _("Preferensi mutasi Anda disimpan."))
        return redirect("pegawai:me")
    return render(request, "pencocokan/preferensi.html", {"form": form})
