"""Filing and editing a proposal: the form pages (a move here, an incoming move), the origin
preview of the employee being chosen and the formasi list of the chosen agency (htmx).

The employee's type-ahead is in ``cari``; the proposal page in ``detail``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from instansi.models import Formasi
from mutasi.audit import Refused, log, refuse
from mutasi.lib.views import pk_from, role_required
from mutasi.usulan import aturan, masuk, services
from mutasi.usulan.forms import UsulanForm, UsulanMasukForm, cari_nip
from mutasi.usulan.views import _DETAIL_RELATED, PENCATAT_MASUK, PENGUSUL, get_usulan_for_user
from pegawai.access import GOVERNMENT_WIDE, OPD_ROLES, STAFF_ROLES, roles_of
from pegawai.models import Pegawai


def _awal_dari_query(request) -> dict:
    """``?formasi=<id>`` from the vacancy list preselects the target; ``?pegawai=<id>``
    from an employee page preselects the employee."""
    initial = {}
    formasi = pk_from(request.GET.get("formasi"))
    if formasi:
        opd = (
            Formasi.objects.filter(pk=formasi)
            .values_list("unit__perangkat_daerah_id", flat=True)
            .first()
        )
        if opd:
            initial |= {"formasi_tujuan": formasi, "opd_tujuan": opd}
    pegawai = pk_from(request.GET.get("pegawai"))
    if pegawai:
        found = Pegawai.objects.for_user(request.user).filter(pk=pegawai).first()
        if found:
            initial |= {"pegawai": found.pk, "nip": found.nip}
    return initial


def _muat_ulang(request) -> dict:
    """Without JavaScript, 'Tampilkan formasi' posts the form to refresh the formasi list;
    the values typed so far come back as initial values, not as a failed submission."""
    return {key: request.POST.get(key) for key in request.POST if key != "csrfmiddlewaretoken"}


def _asal_context(pegawai):
    return {"asal": pegawai} if pegawai is not None else {}


def _tolak_dan_catat(request, error, target, aksi):
    """A refusal shown on the form instead of a 403 page is still logged as an attempt."""
    log(
        "akses.ditolak",
        request.user,
        target,
        aksi=aksi,
        path=request.path[:300],
        pesan=str(error)[:300],
    )


@role_required(PENGUSUL)
def usulan_create(request):
    user = request.user
    only_asn = not roles_of(user) & (GOVERNMENT_WIDE | OPD_ROLES)
    if only_asn and not user.pegawai_id:
        messages.error(request, _("Akun Anda tidak terhubung dengan data pegawai."))
        return redirect("mutasi:usulan_list")
    if request.method == "POST" and "muat_formasi" in request.POST:
        form = UsulanForm(user=user, initial=_muat_ulang(request))
    else:
        form = UsulanForm(request.POST or None, user=user, initial=_awal_dari_query(request))
    if request.method == "POST" and form.is_bound and form.is_valid():
        pegawai = form.pegawai_terpilih
        try:
            usulan = services.buat_usulan(user, pegawai, **form.usulan_fields())
        except Refused as error:
            _tolak_dan_catat(request, error, pegawai, "buat usulan")
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                _("Usulan %(k)s dibuat sebagai konsep. Lengkapi dokumennya, lalu ajukan.")
                % {"k": usulan.kode},
            )
            return redirect(usulan)
    pegawai = form.pegawai_tetap or _pegawai_dari_form(request, form)
    return render(
        request,
        "mutasi/usulan_form.html",
        {"form": form, "usulan": None, **_asal_context(pegawai)},
    )


@role_required(PENCATAT_MASUK)
def usulan_masuk_create(request):
    """BKD files an incoming move: someone of another government into a formasi here."""
    form = UsulanMasukForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            usulan = masuk.buat_usulan_masuk(
                request.user,
                nip=form.cleaned_data["nip"],
                tmt_jabatan=form.cleaned_data["tmt_jabatan"],
                **form.usulan_fields(),
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                _(
                    "Usulan mutasi masuk %(k)s dibuat sebagai konsep. Lengkapi dokumennya, "
                    "lalu ajukan."
                )
                % {"k": usulan.kode},
            )
            return redirect(usulan)
    return render(request, "mutasi/usulan_masuk_form.html", {"form": form})


def _pegawai_dari_form(request, form):
    """The employee the form currently names, for the origin preview; only one the user
    may see (an agency filing someone from elsewhere for its vacancy sees no details)."""
    source = form.data if form.is_bound else form.initial
    return _cari_pegawai(request.user, source.get("pegawai"), source.get("nip"))


def _cari_pegawai(user, pk=None, nip=None):
    scoped = Pegawai.objects.for_user(user).select_related("unit__perangkat_daerah", "jabatan")
    nip = "".join(str(nip or "").split())
    if nip:
        # A NIP is 18 digits; anything else (a NUL byte included) names nobody.
        return scoped.filter(nip=nip).first() if nip.isascii() and nip.isdigit() else None
    if pk_from(pk):
        return scoped.filter(pk=pk_from(pk)).first()
    return None


@login_required
def usulan_update(request, pk):
    usulan = get_usulan_for_user(request.user, pk, *_DETAIL_RELATED)
    if not aturan.LANGKAH["ubah"].siapa_boleh(request.user, usulan):
        refuse(request.user, usulan, "ubah", _("Anda tidak berwenang mengubah usulan ini."))
    if not usulan.dapat_diubah:
        messages.error(
            request,
            _("Usulan ini sekarang berstatus %(s)s dan tidak dapat diubah.")
            % {"s": usulan.get_status_display()},
        )
        return redirect(usulan)
    if usulan.masuk:
        messages.error(request, str(masuk.MASUK_TIDAK_DIUBAH))
        return redirect(usulan)
    if request.method == "POST" and "muat_formasi" in request.POST:
        form = UsulanForm(user=request.user, usulan=usulan, initial=_muat_ulang(request))
    else:
        form = UsulanForm(
            request.POST or None,
            user=request.user,
            usulan=usulan,
            initial=UsulanForm.awal_dari(usulan),
        )
    if request.method == "POST" and form.is_bound and form.is_valid():
        try:
            services.ubah_usulan(usulan.pk, request.user, **form.usulan_fields())
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Perubahan usulan disimpan."))
            return redirect(usulan)
    return render(
        request,
        "mutasi/usulan_form.html",
        {"form": form, "usulan": usulan, "asal": usulan.pegawai},
    )


@role_required(PENGUSUL)
def usulan_asal(request):
    """The origin of the employee being chosen (htmx), read from their record."""
    pegawai = _cari_pegawai(request.user, request.GET.get("pegawai"), request.GET.get("nip"))
    nip = "".join(request.GET.get("nip", "").split())
    context = _asal_context(pegawai)
    # Agency staff file proposals for employees of other agencies (arriving at their
    # vacancy); an employee files only about themselves, so they get no hint whether a NIP
    # exists.
    if (
        pegawai is None
        and roles_of(request.user) & STAFF_ROLES
        and len(nip) == 18
        and nip.isdigit()
        and cari_nip(nip) is not None
    ):
        context["di_luar"] = True
    return render(request, "mutasi/inc/asal.html", context)


@role_required(PENGUSUL)
def usulan_formasi(request):
    """The formasi select for the chosen target agency (htmx)."""
    form = UsulanForm(user=request.user, initial={"opd_tujuan": request.GET.get("opd_tujuan")})
    return render(request, "mutasi/inc/formasi_field.html", {"form": form})
