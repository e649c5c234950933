"""Pages of the review panel (Tim Pertimbangan).

The panel's writes — scoring, recommending, answering an objection — are forms on the
proposal page (``templates/mutasi/inc/panel.html``) that post here; each view only reads
the form and calls the service, which decides who may do what. A refusal propagates as 403
(and is logged by ``DeniedAttemptsMiddleware``); a broken rule comes back as a message on
the proposal page.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from instansi.models import Formasi
from mutasi.lib.views import role_required
from mutasi.models import Usulan
from mutasi.panel import perbandingan as panel
from mutasi.usulan import services
from pegawai.access import GOVERNMENT_WIDE

# Who compares candidates: the panel itself, the official who decides, and BKD.
PANEL_VIEWERS = GOVERNMENT_WIDE


# --- Comparison ---------------------------------------------------------------------------


@require_GET
@role_required(PANEL_VIEWERS)
def panel_list(request):
    """Vacancies with proposals under review, the busiest first."""
    rows = list(panel.formasi_ditinjau())
    return render(request, "mutasi/panel_list.html", {"rows": rows})


@require_GET
@role_required(PANEL_VIEWERS)
def panel_formasi(request, pk):
    """The candidates for one vacancy side by side."""
    formasi = get_object_or_404(Formasi.objects.for_user(request.user), pk=pk)
    perbandingan = panel.bandingkan(formasi, Usulan.objects.for_user(request.user))
    return render(request, "mutasi/panel_formasi.html", {"p": perbandingan})


# --- The panel's actions on one proposal ----------------------------------------------------


def _act(request, pk, action, done: str):
    usulan = get_object_or_404(Usulan.objects.for_user(request.user), pk=pk)
    try:
        action(usulan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(f"{usulan.get_absolute_url()}#panel")


def _skor(value) -> int:
    # Anything that is not a whole number reaches the service as 0, which it refuses with
    # its own message — after it has checked the role, so a forbidden user still gets 403.
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _teks(request, name) -> str:
    # Read through a form field, which refuses a NUL byte (PostgreSQL cannot store one):
    # such a text reaches the service as empty, which it refuses with its own message.
    try:
        return forms.CharField(required=False).clean(request.POST.get(name, ""))
    except ValidationError:
        return ""


@require_POST
@login_required
def panel_nilai(request, pk):
    skor = _skor(request.POST.get("skor"))
    komentar = _teks(request, "komentar")
    return _act(
        request,
        pk,
        lambda u: services.nilai(u.pk, request.user, skor, komentar),
        _("Penilaian Anda disimpan."),
    )


@require_POST
@login_required
def panel_rekomendasi(request, pk):
    rekomendasi = _teks(request, "rekomendasi")
    catatan = _teks(request, "catatan")
    return _act(
        request,
        pk,
        lambda u: services.rekomendasikan(u.pk, request.user, rekomendasi, catatan),
        _("Rekomendasi tim dicatat; usulan diteruskan kepada Pejabat Penetap."),
    )


@require_POST
@login_required
def panel_jawab(request, pk):
    jawaban = _teks(request, "jawaban")
    return _act(
        request,
        pk,
        lambda u: services.jawab_keberatan(u.pk, request.user, jawaban),
        _("Jawaban atas keberatan pegawai disimpan dan dikirim kepada pegawai."),
    )
