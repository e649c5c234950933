"""Two-factor log-in with a TOTP app (django-otp): enrol, give the code after the password,
switch it off; and the middleware that asks for the code, or for enrolment where a role
requires it (``settings.WAJIB_2FA_PERAN``).

Whether a session still owes a code is decided once, at log-in, and kept in the session, so
ordinary pages pay no extra query for it.
"""

from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from mutasi.audit import log
from pegawai.access import roles_of

SESI_PERLU = "otp_perlu"  # "verifikasi": give the code; "daftar": enrol first


def wajib(user) -> bool:
    """Whether one of the user's roles requires two-factor log-in."""
    return bool({str(r) for r in roles_of(user)} & set(settings.WAJIB_2FA_PERAN))


def _perangkat(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True)


@receiver(user_logged_in)
def _tandai_sesi(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    if _perangkat(user).exists():
        request.session[SESI_PERLU] = "verifikasi"
    elif wajib(user):
        request.session[SESI_PERLU] = "daftar"
    else:
        request.session.pop(SESI_PERLU, None)


class WajibVerifikasiMiddleware:
    """A logged-in session that still owes a code (or an enrolment) sees only that page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # No session cookie, nothing owed: leave the session untouched, so anonymous public
        # pages do not get "Vary: Cookie" because of this check.
        perlu = None
        if settings.SESSION_COOKIE_NAME in request.COOKIES and hasattr(request, "session"):
            perlu = request.session.get(SESI_PERLU)
        if perlu and request.user.is_authenticated and not request.user.is_verified():
            tujuan = reverse("otp_verifikasi" if perlu == "verifikasi" else "otp_atur")
            bebas = {tujuan, reverse("logout"), reverse("healthz")}
            if request.path not in bebas and not request.path.startswith(
                "/" + settings.STATIC_URL.lstrip("/")
            ):
                return HttpResponseRedirect(
                    f"{tujuan}?{urlencode({'next': request.get_full_path()})}"
                )
        return self.get_response(request)


class KodeForm(forms.Form):
    kode = forms.CharField(
        label=gettext_lazy("Kode 6 angka dari aplikasi autentikator"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "class": "form-control",
            }
        ),
        error_messages={
            "required": gettext_lazy("Isi kode 6 angka."),
            "min_length": gettext_lazy("Kode terdiri dari 6 angka."),
            "max_length": gettext_lazy("Kode terdiri dari 6 angka."),
        },
    )

    def clean_kode(self):
        kode = self.cleaned_data["kode"].strip()
        if not kode.isdigit() or not kode.isascii():
            raise forms.ValidationError(_("Kode hanya berisi angka."))
        return kode


def _periksa(request, device, form) -> bool:
    """Check the code against the device, with django-otp's growing delay after failures."""
    allowed, info = device.verify_is_allowed()
    if not allowed:
        form.add_error("kode", _("Terlalu banyak kode salah. Tunggu sebentar, lalu coba lagi."))
        log("akun.2fa_gagal", request.user, request.user, alasan="ditahan")
        return False
    if device.verify_token(form.cleaned_data["kode"]):
        return True
    form.add_error("kode", _("Kode salah atau sudah kedaluwarsa. Periksa jam ponsel Anda."))
    log("akun.2fa_gagal", request.user, request.user, alasan="kode salah")
    return False


def _lanjut(request, default="home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect(default)


@never_cache
@sensitive_post_parameters("kode")
@login_required
def verifikasi(request):
    """The second step of log-in: the code from the authenticator app."""
    device = _perangkat(request.user).first()
    if device is None or request.user.is_verified():
        request.session.pop(SESI_PERLU, None)
        return _lanjut(request)
    form = KodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _periksa(request, device, form):
        otp_login(request, device)
        request.session.pop(SESI_PERLU, None)
        log("akun.2fa_terverifikasi", request.user, request.user)
        return _lanjut(request)
    return render(
        request,
        "registration/otp_verifikasi.html",
        {"form": form, "next": request.GET.get("next") or request.POST.get("next", "")},
    )


@never_cache
@sensitive_post_parameters("kode")
@login_required
def atur(request):
    """Two-factor status; enrolment with a QR code; switching it off."""
    user = request.user
    aktif = _perangkat(user).first()
    if aktif is not None:
        form = KodeForm(request.POST or None)
        if request.method == "POST":
            if wajib(user):
                messages.error(request, _("Peran Anda mewajibkan verifikasi dua langkah."))
                return redirect("otp_atur")
            if form.is_valid() and _periksa(request, aktif, form):
                TOTPDevice.objects.filter(user=user).delete()
                log("akun.2fa_dinonaktifkan", user, user)
                messages.success(request, _("Verifikasi dua langkah dinonaktifkan."))
                return redirect("otp_atur")
        return render(
            request,
            "registration/otp_atur.html",
            {"aktif": True, "form": form, "wajib": wajib(user)},
        )

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Aplikasi autentikator", confirmed=False)
    form = KodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _periksa(request, device, form):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        request.session.pop(SESI_PERLU, None)
        log("akun.2fa_diaktifkan", user, user)
        messages.success(
            request, _("Verifikasi dua langkah aktif. Simpan aplikasi Anda baik-baik.")
        )
        return _lanjut(request, "otp_atur")
    qr = segno.make(device.config_url, error="m")
    rahasia = b32encode(device.bin_key).decode()
    return render(
        request,
        "registration/otp_atur.html",
        {
            "aktif": False,
            "form": form,
            "wajib": wajib(user),
            "qr_svg": qr.svg_inline(scale=4, dark="#212529", light="#ffffff"),
            "rahasia": " ".join(rahasia[i : i + 4] for i in range(0, len(rahasia), 4)),
            "next": request.GET.get("next") or request.POST.get("next", ""),
        },
    )


urlpatterns = [
    path("masuk/kode/", verifikasi, name="otp_verifikasi"),
    path("akun/dua-langkah/", atur, name="otp_atur"),
]
