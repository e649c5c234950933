"""Pages of decision letters: list, compose and edit a draft, detail with its actions, PDF.

Letters are found through ``get_sk_for_user`` (404 for what the user may not see); every
action goes through ``mutasi.sk``, which decides for real: a refusal there is a 403, a
state problem (a replayed form, a stale page) a message on the page.
"""

import re
from dataclasses import dataclass

from csp.constants import SELF
from csp.decorators import csp_replace
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import OuterRef, Q, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from mutasi.lib.models import count_of
from mutasi.lib.unduhan import berkas_pribadi
from mutasi.lib.views import pk_from, role_required
from mutasi.models import (
    PEMBACA_SK,
    StatusRender,
    StatusSK,
    SuratKeputusan,
    SuratKeputusanUsulan,
    Usulan,
)
from mutasi.sk import pdf, pelaksanaan, petikan, services, spmt, tanda_tangan, terbit, ttd
from mutasi.sk.forms import (
    BarisForm,
    DrafForm,
    LaksanakanForm,
    SaringUsulanForm,
    SpmtForm,
    TandaTanganForm,
)
from mutasi.usulan.choices import ArahMutasi, StatusUsulan
from mutasi.usulan.forms import formasi_pilihan
from pegawai.access import has_role

PER_HALAMAN = 25
# The selection page shows at most this many proposals at once; filters narrow it.
MAKS_PILIHAN = 500


def get_sk_for_user(user, pk):
    return get_object_or_404(SuratKeputusan.objects.for_user(user), pk=pk)


# --- List ----------------------------------------------------------------------------------


def _tmt(sk):
    return SuratKeputusanUsulan.objects.filter(sk=sk)


@role_required(PEMBACA_SK)
def sk_list(request):
    queryset = (
        SuratKeputusan.objects.for_user(request.user)
        .select_related("dibuat_oleh")
        .annotate(
            jumlah=count_of(SuratKeputusanUsulan.objects.filter(sk=OuterRef("pk")), "sk"),
            tmt_awal=Subquery(_tmt(OuterRef("pk")).order_by("tmt").values("tmt")[:1]),
            tmt_akhir=Subquery(_tmt(OuterRef("pk")).order_by("-tmt").values("tmt")[:1]),
            # A revoked letter stays 'Terbit' (it is never changed); the list says it was revoked.
            dicabut_nomor=Subquery(
                SuratKeputusan.objects.filter(mencabut=OuterRef("pk"), status=StatusSK.TERBIT)
                .order_by("tanggal_terbit", "pk")
                .values("nomor")[:1]
            ),
        )
        .order_by("-tanggal_terbit", "-created")
    )
    status = request.GET.get("status", "")
    if status in StatusSK.values:
        queryset = queryset.filter(status=status)
    page = Paginator(queryset, PER_HALAMAN).get_page(request.GET.get("page"))
    return render(
        request,
        "mutasi/sk_list.html",
        {
            "page": page,
            "status": status,
            "pilihan_status": StatusSK.choices,
            "boleh_susun": has_role(request.user, *services.PENYUSUN),
        },
    )


# --- Compose -------------------------------------------------------------------------------


def _pilihan(request):
    """Approved proposals in no live letter, narrowed by the filter form."""
    form = SaringUsulanForm(request.GET or None)
    queryset = (
        Usulan.objects.for_user(request.user)
        .filter(status=StatusUsulan.DISETUJUI)
        .exclude(sk_baris__aktif=True)
        .exclude(arah=ArahMutasi.KELUAR)
        .select_related(
            "pegawai",
            "jabatan_asal",
            "unit_asal__perangkat_daerah",
            "formasi_tujuan__jabatan",
            "formasi_tujuan__unit__perangkat_daerah",
        )
        .order_by("diputuskan_pada", "pk")
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["opd"]:
            queryset = queryset.filter(
                Q(unit_asal__perangkat_daerah=data["opd"])
                | Q(formasi_tujuan__unit__perangkat_daerah=data["opd"])
            )
        if data["dari"]:
            queryset = queryset.filter(diputuskan_pada__date__gte=data["dari"])
        if data["sampai"]:
            queryset = queryset.filter(diputuskan_pada__date__lte=data["sampai"])
    return form, list(queryset[:MAKS_PILIHAN])


def _ids(request) -> list[int]:
    return [pk for pk in map(pk_from, request.POST.getlist("usulan")) if pk]


def _render_pilih(request, sk, form, pilihan):
    return render(
        request,
        "mutasi/sk_pilih.html",
        {"sk": sk, "saring": form, "pilihan": pilihan, "maks": MAKS_PILIHAN},
    )


@role_required(services.PENYUSUN)
def sk_create(request):
    form, pilihan = _pilihan(request)
    if request.method == "POST":
        try:
            sk = services.buat_draf(request.user, _ids(request))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _(
                    "Draf SK disusun. Periksa isinya, lalu ajukan kepada Pejabat Penetap dengan "
                    "tombol \u201cAjukan ke Pejabat Penetap\u201d."
                ),
            )
            return redirect("mutasi:sk_update", sk.pk)
    return _render_pilih(request, None, form, pilihan)


@role_required(services.PENYUSUN)
def sk_tambah(request, pk):
    sk = get_sk_for_user(request.user, pk)
    if request.method == "POST":
        try:
            services.tambah_usulan(sk.pk, request.user, _ids(request))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Usulan ditambahkan ke draf SK."))
            return redirect(sk)
    form, pilihan = _pilihan(request)
    return _render_pilih(request, sk, form, pilihan)


@role_required(services.PENYUSUN)
def sk_update(request, pk):
    sk = get_sk_for_user(request.user, pk)
    if sk.terbit:
        messages.error(request, _("SK yang sudah terbit tidak dapat diubah."))
        return redirect(sk)
    form = DrafForm(request.POST or None, instance=sk)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k in services.KOLOM_DRAF}
        try:
            services.ubah_draf(sk.pk, request.user, **fields)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Draf SK disimpan."))
            return redirect(sk)
    return render(request, "mutasi/sk_form.html", {"sk": sk, "form": form})


# --- Detail --------------------------------------------------------------------------------


@dataclass
class BarisSK:
    """One person in a letter as the detail page shows them."""

    link: SuratKeputusanUsulan
    data: object  # the copied row (published) or the live one (draft)
    tmt_beda: bool  # a draft's TMT differs from the proposal's planned date
    form: BarisForm | None = None
    petikan: object = None


def _baris(sk, penyusun):
    links = sk.baris_lampiran().select_related(
        "usulan__pegawai",
        "usulan__jabatan_asal",
        "usulan__unit_asal__perangkat_daerah",
        "formasi_tujuan__jabatan",
        "formasi_tujuan__unit__perangkat_daerah",
    )
    rows = []
    for link in links:
        data = link if sk.terbit else pdf._Baca(terbit.baris_langsung(link))
        beda = not sk.terbit and link.tmt != link.usulan.tanggal_rencana
        row = BarisSK(link, data, beda)
        if penyusun and not sk.terbit:
            row.form = BarisForm(
                initial={"tmt": link.tmt, "formasi_tujuan": link.formasi_tujuan_id},
                auto_id=f"baris-{link.usulan_id}-%s",
            )
            if not link.asal_baris_id or link.usulan.status != StatusUsulan.DITETAPKAN:
                del row.form.fields["formasi_tujuan"]
            else:
                row.form.fields["formasi_tujuan"].queryset = formasi_pilihan()
        rows.append(row)
    return rows


@role_required(PEMBACA_SK)
def sk_detail(request, pk):
    sk = get_object_or_404(
        SuratKeputusan.objects.for_user(request.user).select_related(
            "dibuat_oleh", "diterbitkan_oleh", "mencabut"
        ),
        pk=pk,
    )
    user = request.user
    penyusun = has_role(user, *services.PENYUSUN)
    baris = _baris(sk, penyusun)
    today = timezone.localdate()
    penetap = has_role(user, *services.PENETAP) and sk.dibuat_oleh_id != user.pk
    aksi = {
        "ubah": penyusun and sk.status == StatusSK.DRAF,
        "ajukan": penyusun and sk.status == StatusSK.DRAF,
        "terbitkan": penetap and sk.status == StatusSK.DIAJUKAN,
        "kembalikan": penetap and sk.status == StatusSK.DIAJUKAN,
        "render_ulang": penyusun
        and sk.terbit
        and sk.render_status in (StatusRender.GAGAL, StatusRender.SELESAI),
        "unduh": sk.terbit and sk.render_status == StatusRender.SELESAI and bool(sk.berkas),
        "laksanakan": penyusun and sk.terbit,
        "pembetulan": penyusun and sk.terbit,
        "tandatangani": ttd.boleh(sk, user),
    }
    if sk.terbit:
        extracts = {p.baris_id: p for p in petikan.for_user(user).filter(baris__sk=sk)}
        for row in baris:
            row.petikan = extracts.get(row.link.pk)
    dicabut_oleh = sk.dicabut_oleh.filter(status=StatusSK.TERBIT).first()
    if dicabut_oleh:
        aksi["laksanakan"] = aksi["pembetulan"] = False
    dikeluarkan = []
    if sk.mencabut_id and not sk.terbit:
        kept = {b.link.usulan_id for b in baris}
        dikeluarkan = [
            row
            for row in sk.mencabut.baris.filter(aktif=True).select_related("usulan__pegawai")
            if row.usulan_id not in kept
        ]
    return render(
        request,
        "mutasi/sk_detail.html",
        {
            "sk": sk,
            "baris": baris,
            "aksi": aksi,
            "today": today,
            "form_laksanakan": LaksanakanForm(initial={"tanggal": today}),
            "dicabut_oleh": dicabut_oleh,
            "dikeluarkan": dikeluarkan,
            "perubahan": sk.perubahan(),
            "tmt_beda": [b for b in baris if b.tmt_beda],
            "tmt_surut": [b for b in baris if not sk.terbit and b.link.tmt < today],
            "url_verifikasi": pdf.url_verifikasi(sk),
            "belum_siap": services.siap_diajukan(sk) if aksi["ajukan"] else [],
            "nomor_berikutnya": terbit.nomor_berikutnya(sk) if aksi["terbitkan"] else "",
            "versi_sk": terbit.versi(sk),
            "sedang_dibuat": sk.terbit
            and sk.render_status in (StatusRender.MENUNGGU, StatusRender.DIPROSES),
            "form_ttd": TandaTanganForm(butuh_nik=tanda_tangan.penanda_butuh_nik())
            if aksi["tandatangani"]
            else None,
            "tte_demo": settings.SK_TTE == "demo",
        },
    )


@role_required(PEMBACA_SK)
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})
def sk_pratinjau(request, pk):
    """The exact letter HTML (the PDF's template), shown in a frame on the detail page."""
    sk = get_sk_for_user(request.user, pk)
    response = HttpResponse(pdf.html_surat(sk, untuk_pdf=False))
    response["Cache-Control"] = "private, no-store"
    return response


def sk_css(request):
    """The letter's stylesheet for the browser preview, with the shipped fonts."""
    from django.templatetags.static import static

    response = HttpResponse(pdf.css_surat(static("fonts/")), content_type="text/css")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@login_required
def sk_unduh(request, pk):
    """The published PDF: for BKD, and for the agencies and employees named in the letter
    once it is signed."""
    sk = get_sk_for_user(request.user, pk)
    if not (sk.terbit and sk.berkas):
        raise Http404(_("PDF SK ini belum tersedia."))
    if not sk.ditandatangani and not has_role(request.user, *PEMBACA_SK):
        raise Http404(_("SK ini belum ditandatangani."))
    name = "SK-" + _nama_berkas(sk.nomor) + ".pdf"
    return berkas_pribadi(request, sk.berkas, name, "application/pdf")


@login_required
def petikan_unduh(request, pk):
    """One employee's extract: for them, the agencies the move leaves and enters, and BKD."""
    item = petikan.get_petikan_for_user(request.user, pk)
    nama = "Petikan-SK-" + _nama_berkas(item.baris.sk.nomor) + "-" + item.baris.nip + ".pdf"
    return berkas_pribadi(request, item.berkas, nama, "application/pdf")


@login_required
def spmt_unduh(request, pk):
    """The SPMT as PDF: for the employee, the agencies concerned and BKD."""
    item = get_object_or_404(spmt.for_user(request.user), pk=pk)
    response = HttpResponse(spmt.pdf_spmt(item), content_type="application/pdf")
    nama = f"SPMT-{item.baris.nip}-{item.tanggal_melapor:%Y%m%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _nama_berkas(nomor: str) -> str:
    return re.sub(r"[^0-9A-Za-z.]+", "-", nomor).strip("-")


# --- Actions -------------------------------------------------------------------------------


def _jalankan(request, sk, action, success, to=None):
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(to or sk.get_absolute_url())


def _teks(request, name) -> str:
    try:
        return forms.CharField(required=False).clean(request.POST.get(name, ""))
    except ValidationError:
        return ""


def _aksi(roles):
    def decorator(view):
        return role_required(roles)(require_POST(view))

    return decorator


@_aksi(PEMBACA_SK)
def sk_terbitkan(request, pk):
    sk = get_sk_for_user(request.user, pk)
    return _jalankan(
        request,
        sk,
        lambda: terbit.terbitkan(
            sk.pk,
            request.user,
            dilihat=request.POST.get("versi", ""),
            nomor=request.POST.get("nomor", ""),
        ),
        _("SK diterbitkan. PDF sedang dibuat."),
    )


@_aksi(PEMBACA_SK)
def sk_tandatangani(request, pk):
    """The official signs the published letter and its extracts with their passphrase."""
    sk = get_sk_for_user(request.user, pk)
    form = TandaTanganForm(request.POST, butuh_nik=tanda_tangan.penanda_butuh_nik())
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect(sk.get_absolute_url() + "#tandatangani")
    return _jalankan(
        request,
        sk,
        lambda: ttd.tandatangani(
            sk.pk,
            request.user,
            passphrase=form.cleaned_data["passphrase"],
            nik=form.cleaned_data.get("nik") or "",
        ),
        _("SK dan petikannya ditandatangani secara elektronik."),
    )


@_aksi(PEMBACA_SK)
def sk_ajukan(request, pk):
    sk = get_sk_for_user(request.user, pk)
    return _jalankan(
        request,
        sk,
        lambda: services.ajukan(sk.pk, request.user),
        _("Draf SK diajukan kepada Pejabat Penetap."),
    )


@_aksi(PEMBACA_SK)
def sk_kembalikan(request, pk):
    sk = get_sk_for_user(request.user, pk)
    return _jalankan(
        request,
        sk,
        # Read through a form field, which refuses a NUL byte (PostgreSQL cannot store one):
        # such a note reaches the service as empty, which it refuses with its own message.
        lambda: services.kembalikan(sk.pk, request.user, _teks(request, "catatan")),
        _("Draf SK dikembalikan kepada BKD."),
    )


@_aksi(PEMBACA_SK)
def sk_pembetulan(request, pk):
    sk = get_sk_for_user(request.user, pk)
    try:
        draf = services.buat_pembetulan(sk.pk, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(sk)
    messages.success(
        request,
        _("Draf pembetulan disusun. Perbaiki isinya, lalu minta Pejabat Penetap menerbitkannya."),
    )
    return redirect(draf)


@_aksi(PEMBACA_SK)
def sk_render_ulang(request, pk):
    sk = get_sk_for_user(request.user, pk)
    return _jalankan(
        request,
        sk,
        lambda: services.render_ulang(sk.pk, request.user),
        _("PDF SK dijadwalkan untuk dibuat ulang."),
    )


@_aksi(PEMBACA_SK)
def sk_hapus(request, pk):
    sk = get_sk_for_user(request.user, pk)
    try:
        services.hapus_draf(sk.pk, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(sk)
    messages.success(request, _("Draf SK dihapus."))
    return redirect("mutasi:sk_list")


@_aksi(PEMBACA_SK)
def sk_keluarkan(request, pk, usulan_pk):
    sk = get_sk_for_user(request.user, pk)
    return _jalankan(
        request,
        sk,
        lambda: services.keluarkan_usulan(sk.pk, request.user, usulan_pk),
        _("Usulan dikeluarkan dari draf SK."),
    )


@_aksi(PEMBACA_SK)
def sk_cantumkan(request, pk, usulan_pk):
    sk = get_sk_for_user(request.user, pk)
    return _jalankan(
        request,
        sk,
        lambda: services.cantumkan_kembali(sk.pk, request.user, usulan_pk),
        _("Pegawai dicantumkan kembali dalam draf pembetulan."),
        to=sk.get_absolute_url() + "#baris",
    )


@_aksi(PEMBACA_SK)
def sk_baris(request, pk, usulan_pk):
    sk = get_sk_for_user(request.user, pk)
    form = BarisForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Isi TMT (dan formasi tujuan) dengan benar."))
        return redirect(sk.get_absolute_url() + "#baris")
    return _jalankan(
        request,
        sk,
        lambda: services.ubah_baris(
            sk.pk,
            request.user,
            usulan_pk,
            tmt=form.cleaned_data["tmt"],
            formasi_tujuan=form.cleaned_data.get("formasi_tujuan"),
        ),
        _("Baris SK disimpan."),
        to=sk.get_absolute_url() + "#baris",
    )


@_aksi(PEMBACA_SK)
def sk_laksanakan(request, pk, usulan_pk):
    sk = get_sk_for_user(request.user, pk)
    form = LaksanakanForm(request.POST)
    # Recorded from the letter's page or from the proposal's.
    to = sk.get_absolute_url() + "#baris"
    if request.POST.get("kembali") == "usulan":
        to = reverse("mutasi:usulan_detail", args=[usulan_pk])
    if not form.is_valid():
        messages.error(request, _("Isi tanggal melapor dengan benar."))
        return redirect(to)
    return _jalankan(
        request,
        sk,
        lambda: pelaksanaan.laksanakan(
            sk.pk,
            usulan_pk,
            request.user,
            form.cleaned_data["tanggal"],
            form.cleaned_data["nomor_spmt"],
        ),
        _("Pelaksanaan mutasi dicatat; data pegawai diperbarui."),
        to=to,
    )


@login_required
@require_POST
def spmt_terbitkan(request, pk, usulan_pk):
    """The receiving head issues the SPMT from the proposal's page."""
    sk = get_sk_for_user(request.user, pk)
    to = reverse("mutasi:usulan_detail", args=[usulan_pk]) + "#spmt"
    form = SpmtForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect(to)
    return _jalankan(
        request,
        sk,
        lambda: spmt.terbitkan(
            sk.pk,
            usulan_pk,
            request.user,
            form.cleaned_data["tanggal"],
            form.cleaned_data["nomor"],
            passphrase=form.cleaned_data.get("passphrase") or "",
            nik=form.cleaned_data.get("nik") or "",
        ),
        _("SPMT diterbitkan; pemindahan dilaksanakan pada tanggal itu."),
        to=to,
    )
