"""Pages of the mutation proposal: list, the actions, documents, inbox, notices (filing and
editing are in ``pengajuan``, the proposal page itself in ``detail``).

Every page finds the proposal through ``get_usulan_for_user`` (404 for what the user may not
see). The detail page shows only the actions the user could take, but every action goes
through ``mutasi.usulan.services``, which decides for real: a refusal there is a 403 (logged by the
middleware), a state or condition problem a message on the page.
"""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from mutasi.audit import Refused, log, refuse
from mutasi.lib.unduhan import berkas_pribadi
from mutasi.lib.views import ObjectListView, pk_from, role_required
from mutasi.models import (
    Dokumen,
    Notifikasi,
    Usulan,
)
from mutasi.sk import pelaksanaan
from mutasi.usulan import aturan, pengecualian, services
from mutasi.usulan import tugas as tugas_mod
from mutasi.usulan.choices import (
    JenisDokumen,
    StatusDokumen,
    StatusUsulan,
)
from mutasi.usulan.filters import UsulanFilter
from mutasi.usulan.forms import (
    CatatanForm,
    CatatanWajibForm,
    PengecualianForm,
    PeriksaDokumenForm,
    PertekForm,
    PutusanPengecualianForm,
    SikapForm,
    SkLuarForm,
)
from mutasi.usulan.tables import UsulanTable
from pegawai.access import OPD_ROLES, Role, roles_of

# Anyone with a role sees the proposals their scope allows (an ASN: those about them).
SEMUA_PERAN = frozenset(Role)
# Who may file a proposal (docs/domain.md §2); the services decide for which employee.
PENGUSUL = OPD_ROLES | {Role.OPERATOR_BKD, Role.ADMIN, Role.ASN}
VERIFIKATOR = frozenset({Role.VERIFIKATOR_BKD, Role.ADMIN})
# BKD records incoming moves and the Pertek of every move that needs one.
PENCATAT_MASUK = frozenset({Role.OPERATOR_BKD, Role.ADMIN})
DAPAT_DISIKAPI = (StatusUsulan.DIAJUKAN, StatusUsulan.TERVERIFIKASI, StatusUsulan.DIPERTIMBANGKAN)

_DETAIL_RELATED = (
    "pegawai__jabatan",
    "pegawai__unit__perangkat_daerah",
    "unit_asal__perangkat_daerah",
    "jabatan_asal",
    "formasi_tujuan__unit__perangkat_daerah",
    "formasi_tujuan__jabatan",
    "dibuat_oleh",
    "opd_pengusul",
    "diputuskan_oleh",
)
_LIST_RELATED = (
    "pegawai",
    "unit_asal__perangkat_daerah",
    "formasi_tujuan__unit__perangkat_daerah",
    "formasi_tujuan__jabatan",
)


def get_usulan_for_user(user, pk, *related):
    """The proposal, if this user may see it; 404 otherwise, also for guessed URLs."""
    queryset = Usulan.objects.for_user(user).select_related(*related)
    return get_object_or_404(queryset, pk=pk)


# --- List -----------------------------------------------------------------------------


class UsulanListView(ObjectListView):
    roles = SEMUA_PERAN
    model = Usulan
    table_class = UsulanTable
    filterset_class = UsulanFilter
    export_name = "usulan-mutasi"
    title = gettext_lazy("Usulan mutasi")

    def get_queryset(self):
        return super().get_queryset().select_related(*_LIST_RELATED)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["extra_actions"] = [("mutasi:tugas", _("Tugas saya"), "bi-inbox")]
        roles = roles_of(self.request.user)
        if roles & PENGUSUL:
            context["create_url"] = "mutasi:usulan_create"
        if roles & PENCATAT_MASUK:
            context["extra_actions"].append(
                ("mutasi:usulan_masuk_create", _("Mutasi masuk"), "bi-box-arrow-in-right")
            )
        return context


# --- Actions: one POST view each, calling its service ------------------------------------


def _jalankan(request, pk, action, success, anchor=""):
    """Run one service on a proposal the user may see; a condition problem (a stale page, a
    replayed request, a missing note) becomes a message, a refusal stays a 403."""
    usulan = get_usulan_for_user(request.user, pk)
    try:
        action(usulan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(usulan.get_absolute_url() + anchor)


def _form(form_class, request):
    form = form_class(request.POST)
    form.is_valid()
    return form.cleaned_data


def post_only(view):
    """Log-in first (anonymous users go to the log-in page), then POST only."""
    return login_required(require_POST(view))


# Each workflow step: the service, the form for its note (None: no note) and the message.
TRANSISI = {
    "ajukan": (
        lambda pk, user, catatan: services.ajukan(pk, user),
        None,
        gettext_lazy("Usulan diajukan."),
    ),
    "dukung": (
        services.dukung,
        CatatanForm,
        gettext_lazy("Permintaan disetujui dan diteruskan ke BKD."),
    ),
    "kembalikan": (
        services.kembalikan,
        CatatanWajibForm,
        gettext_lazy("Usulan dikembalikan kepada pengusul dengan catatan."),
    ),
    "verifikasi": (
        services.verifikasi,
        CatatanForm,
        gettext_lazy("Usulan terverifikasi dan diteruskan ke Tim Pertimbangan."),
    ),
    "setujui": (services.setujui, CatatanForm, gettext_lazy("Usulan disetujui.")),
    "tolak": (services.tolak, CatatanWajibForm, gettext_lazy("Usulan ditolak.")),
    "batalkan": (services.batalkan, CatatanWajibForm, gettext_lazy("Usulan dibatalkan.")),
}


@post_only
def usulan_transisi(request, pk, aksi):
    service, form_class, success = TRANSISI[aksi]
    catatan = _form(form_class, request).get("catatan", "") if form_class else ""
    return _jalankan(request, pk, lambda u: service(u.pk, request.user, catatan), str(success))


def _galat_form(form) -> list[str]:
    """A small form's errors as one message, each with the label of its field."""
    return [
        f"{form.fields[name].label}: {error}" if name in form.fields else error
        for name, errors in form.errors.items()
        for error in errors
    ]


@post_only
def usulan_pertek(request, pk):
    """BKD records the Pertek request and the opinion BKN gave."""
    form = PertekForm(request.POST, request.FILES)

    def catat(usulan):
        # Who may comes before what was typed: a wrong role is a 403 whatever the data.
        if not roles_of(request.user) & PENCATAT_MASUK:
            refuse(request.user, usulan, "catat pertek", _("Hanya BKD yang mencatat Pertek."))
        if not form.is_valid():
            raise ValidationError(_galat_form(form))
        data = dict(form.cleaned_data)
        services.catat_pertek(usulan.pk, request.user, berkas=data.pop("berkas") or None, **data)

    return _jalankan(request, pk, catat, _("Pertimbangan teknis dicatat."), anchor="#h-ringkasan")


@post_only
def usulan_sk_luar(request, pk):
    """BKD records the receiving side's decree of an outgoing move: the employee leaves."""
    form = SkLuarForm(request.POST)

    def catat(usulan):
        if not roles_of(request.user) & PENCATAT_MASUK:
            refuse(request.user, usulan, "catat SK luar", _("Hanya BKD yang mencatat SK ini."))
        if not form.is_valid():
            raise ValidationError(_galat_form(form))
        data = form.cleaned_data
        pelaksanaan.catat_sk_luar(
            usulan.pk, request.user, data["sk_luar_nomor"], data["sk_luar_tanggal"], data["tmt"]
        )

    return _jalankan(request, pk, catat, _("SK instansi penerima dicatat; pegawai keluar."))


@post_only
def usulan_sikap(request, pk):
    data = _form(SikapForm, request)
    return _jalankan(
        request,
        pk,
        lambda u: services.catat_sikap(
            u.pk, request.user, data.get("sikap", ""), data.get("alasan", "")
        ),
        _("Sikap Anda dicatat."),
        "#suara-pegawai",
    )


@post_only
def usulan_pengecualian(request, pk):
    data = _form(PengecualianForm, request)
    return _jalankan(
        request,
        pk,
        lambda u: pengecualian.minta_pengecualian(
            u.pk, request.user, data.get("syarat", ""), data.get("alasan", "")
        ),
        _("Permintaan pengecualian dicatat; menunggu keputusan pejabat yang berwenang."),
        "#syarat",
    )


@post_only
def usulan_pengecualian_putus(request, pk):
    data = _form(PutusanPengecualianForm, request)
    diberikan = data.get("putusan") == "beri"
    return _jalankan(
        request,
        pk,
        lambda u: pengecualian.putuskan_pengecualian(
            u.pk, request.user, data.get("syarat", ""), diberikan, data.get("catatan", "")
        ),
        _("Pengecualian diberikan.") if diberikan else _("Pengecualian ditolak."),
        "#syarat",
    )


# --- Documents ------------------------------------------------------------------------


@post_only
def dokumen_unggah(request, pk):
    """One document (``jenis`` + ``berkas``) or several at once (``berkas_<jenis>``); each is
    checked by its content and saved on its own, and the page says which went in and why
    any did not."""
    usulan = get_usulan_for_user(request.user, pk)
    files = [(name.removeprefix("berkas_"), f) for name, f in request.FILES.items()]
    files = [(request.POST.get("jenis", ""), f) if j == "berkas" else (j, f) for j, f in files]
    if not files:
        messages.error(request, _("Pilih berkas yang akan diunggah."))
        return redirect(usulan.get_absolute_url() + "#dokumen")
    done = []
    for jenis, berkas in sorted(files, key=lambda item: item[0]):
        label = JenisDokumen(jenis).label if jenis in JenisDokumen.values else jenis
        try:
            services.unggah_dokumen(usulan.pk, request.user, jenis, berkas)
        except ValidationError as error:
            messages.error(request, f"{label}: {' '.join(error.messages)}")
        else:
            done.append(str(label))
    if done:
        messages.success(request, _("Diunggah: %(d)s.") % {"d": "; ".join(done)})
    return redirect(usulan.get_absolute_url() + "#dokumen")


@post_only
def dokumen_terima_semua(request, pk):
    return _jalankan(
        request,
        pk,
        lambda u: services.terima_semua_dokumen(u.pk, request.user),
        _("Semua dokumen yang menunggu diterima."),
        "#dokumen",
    )


@post_only
def dokumen_periksa(request, pk, dokumen_pk):
    usulan = get_usulan_for_user(request.user, pk)
    dokumen = get_object_or_404(Dokumen, pk=dokumen_pk, usulan=usulan)
    data = _form(PeriksaDokumenForm, request)
    status = data.get("status", "")
    success = (
        _("%(d)s diterima.") if status == StatusDokumen.DITERIMA else _("%(d)s perlu diperbaiki.")
    ) % {"d": dokumen.get_jenis_display()}
    return _jalankan(
        request,
        pk,
        lambda u: services.periksa_dokumen(
            dokumen.pk, request.user, status, data.get("catatan", "")
        ),
        success,
        "#dokumen",
    )


@login_required
def dokumen_unduh(request, pk, dokumen_pk):
    """A document, downloaded or viewed in the browser: never able to run in the app's
    origin (sandbox, nosniff, its checked type)."""
    usulan = get_usulan_for_user(request.user, pk)
    dokumen = get_object_or_404(Dokumen, pk=dokumen_pk, usulan=usulan)
    # ?lihat=1 opens it in the browser (its type was checked from its content at upload).
    inline = request.GET.get("lihat") == "1"
    return berkas_pribadi(request, dokumen.berkas, dokumen.nama_asli, dokumen.tipe, inline=inline)


# --- Inbox "Tugas saya" ----------------------------------------------------------------


@role_required(SEMUA_PERAN)
def tugas(request):
    groups = tugas_mod.isi(tugas_mod.tugas_untuk(request.user))
    return render(request, "mutasi/tugas.html", {"groups": groups})


# Steps that may be taken on several proposals at once from the inbox: each proposal still
# goes through its own service call (locked, re-checked, logged, notified) on its own.
MASSAL = {
    "verifikasi": ("verifikasi", services.verifikasi, gettext_lazy("diverifikasi")),
    "setujui": ("putuskan", partial(services.setujui, massal=True), gettext_lazy("disetujui")),
}


@post_only
def usulan_massal(request, aksi):
    if aksi not in MASSAL:
        raise Http404
    langkah, service, done_word = MASSAL[aksi]
    if not roles_of(request.user) & aturan.LANGKAH[langkah].roles():
        raise Refused(_("Anda tidak berwenang melakukan ini."), aksi=aksi)
    ids = [pk for pk in map(pk_from, request.POST.getlist("usulan")) if pk]
    visible = Usulan.objects.for_user(request.user).filter(pk__in=ids).order_by("pk")
    if not ids:
        messages.error(request, _("Pilih sedikitnya satu usulan."))
        return redirect("mutasi:tugas")
    # Through the form: a NUL byte (PostgreSQL cannot store one) is a message, not an error.
    form = CatatanForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(_galat_form(form)))
        return redirect("mutasi:tugas")
    catatan = form.cleaned_data["catatan"].strip()
    done = []
    for usulan in visible:
        try:
            service(usulan.pk, request.user, catatan)
        except Refused as error:
            log(
                "akses.ditolak",
                request.user,
                usulan,
                aksi=aksi,
                path=request.path[:300],
                pesan=str(error)[:300],
            )
            messages.error(request, f"{usulan.kode}: {error}")
        except ValidationError as error:
            messages.error(request, f"{usulan.kode}: {' '.join(error.messages)}")
        else:
            done.append(usulan.kode)
    if done:
        messages.success(
            request,
            _("%(n)s usulan %(w)s: %(k)s.")
            % {"n": len(done), "w": done_word, "k": ", ".join(done)},
        )
    return redirect("mutasi:tugas")


@login_required
def tugas_jumlah(request):
    """The menu's count of waiting work, fetched after the page (htmx), so that no page
    pays the inbox's queries before it is shown."""
    response = render(
        request, "mutasi/inc/jumlah_tugas.html", {"n": tugas_mod.jumlah_tugas(request.user)}
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- Notifications --------------------------------------------------------------------


@login_required
def notifikasi(request):
    """The user's notices, newest first; the ones shown are marked read once seen."""
    queryset = Notifikasi.objects.filter(penerima=request.user).order_by("-waktu", "-pk")
    page = Paginator(queryset, 20).get_page(request.GET.get("page"))
    items = list(page.object_list)
    unread = [n.pk for n in items if not n.dibaca]
    if unread:
        Notifikasi.objects.filter(pk__in=unread, penerima=request.user).update(dibaca=True)
    return render(
        request,
        "mutasi/notifikasi.html",
        {"page": page, "items": items, "baru": set(unread)},
    )
