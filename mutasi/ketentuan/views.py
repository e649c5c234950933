"""The pages where BKD keeps the rule settings: the list with their history, filing a setting
or a rule, asking to end one, and the second person's decision on either. Every
government-wide role reads them; BKD operators and admins file and ask; the approving roles
(``wewenang.penyetuju``) decide what someone else filed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutasi.ketentuan import services, wewenang
from mutasi.ketentuan.berlaku import Nilai, bawaan, nama_lingkungan, pilih
from mutasi.ketentuan.choices import KunciKetentuan, Lingkup, Perkara
from mutasi.ketentuan.forms import AkhiriForm, AturanForm, KetentuanForm, PutusanForm
from mutasi.lib.tanggal import tanggal_indonesia
from mutasi.lib.views import role_required
from mutasi.models import AturanDaerah, KetentuanMutasi
from pegawai.access import GOVERNMENT_WIDE

PENGUBAH = wewenang.PENGUBAH
DIBACA = (
    "perangkat_daerah",
    "dibuat_oleh",
    "diakhiri_oleh",
    "diputuskan_oleh",
    "akhir_disetujui_oleh",
)


def _dengan_tombol(rows, user):
    """The rows, each marked with whether this user may decide what waits on it."""
    rows = list(rows)
    for r in rows:
        r.boleh_putus = wewenang.boleh_putuskan(user, r)
    return rows


@role_required(GOVERNMENT_WIDE)
def daftar(request):
    hari_ini = timezone.localdate()
    ketentuan = _dengan_tombol(KetentuanMutasi.objects.select_related(*DIBACA), request.user)
    aturan = _dengan_tombol(AturanDaerah.objects.select_related(*DIBACA), request.user)
    # What is in force today for the whole government, read from the rows listed anyway.
    umum = pilih(
        k for k in ketentuan if k.lingkup == Lingkup.PEMERINTAH and k.berlaku_pada(hari_ini)
    )
    return render(
        request,
        "ketentuan/daftar.html",
        {
            "hari_ini": hari_ini,
            "berlaku": [
                (label, umum[kunci], nama_lingkungan(kunci), Nilai(kunci, bawaan(kunci)).teks)
                for kunci, label in KunciKetentuan.choices
            ],
            "ketentuan": ketentuan,
            "aturan": aturan,
            "menunggu": sum(r.menunggu_keputusan for r in [*ketentuan, *aturan]),
            "boleh_ubah": wewenang.boleh_ajukan(request.user),
        },
    )


def _tambah(request, form_class, judul, pesan):
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            obj = services.tambah(form.instance, request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, pesan % {"v": obj.versi})
            return redirect("ketentuan:daftar")
    return render(request, "ketentuan/form.html", {"form": form, "judul": judul})


_DIAJUKAN = gettext_lazy(
    "%(v)s diajukan. Belum berlaku sampai disetujui oleh orang lain yang berwenang."
)


@role_required(PENGUBAH)
def ketentuan_tambah(request):
    return _tambah(request, KetentuanForm, _("Ajukan ketentuan mutasi"), _DIAJUKAN)


@role_required(PENGUBAH)
def aturan_tambah(request):
    return _tambah(request, AturanForm, _("Ajukan aturan daerah"), _DIAJUKAN)


def _akhiri(request, model, pk):
    obj = get_object_or_404(model.objects.select_related(*DIBACA), pk=pk)
    form = AkhiriForm(request.POST or None, initial={"berlaku_sampai": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.akhiri(
                model, obj.pk, request.user, data["berlaku_sampai"], data["alasan_berakhir"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Pengakhiran %(v)s diajukan; tetap berlaku sampai disetujui orang lain.")
                % {"v": obj.versi},
            )
            return redirect("ketentuan:daftar")
    judul = _("Akhiri %(v)s") % {"v": obj.versi}
    return render(request, "ketentuan/form.html", {"form": form, "judul": judul, "objek": obj})


@role_required(PENGUBAH)
def ketentuan_akhiri(request, pk):
    return _akhiri(request, KetentuanMutasi, pk)


@role_required(PENGUBAH)
def aturan_akhiri(request, pk):
    return _akhiri(request, AturanDaerah, pk)


def _putuskan(request, model, pk):
    obj = get_object_or_404(model.objects.select_related(*DIBACA), pk=pk)
    wewenang.pastikan_penyetuju(request.user, obj)
    form = PutusanForm(request.POST or None, initial={"perkara": obj.perkara})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        setuju = data["putusan"] == "setujui"
        try:
            obj = services.putuskan(
                model, obj.pk, request.user, data["perkara"], setuju, data["alasan"]
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                # What no longer waits (decided meanwhile): said on the list.
                messages.error(request, " ".join(error.messages))
                return redirect("ketentuan:daftar")
            form.add_error(None, error)
        else:
            messages.success(request, _pesan_putusan(obj, data["perkara"], setuju))
            return redirect("ketentuan:daftar")
    elif not obj.menunggu_keputusan:
        messages.info(request, _("%(v)s tidak menunggu keputusan.") % {"v": obj.versi})
        return redirect("ketentuan:daftar")
    judul = (
        _("Putuskan %(v)s") if obj.perkara == Perkara.MULAI else _("Putuskan pengakhiran %(v)s")
    ) % {"v": obj.versi}
    return render(
        request,
        "ketentuan/putuskan.html",
        {"form": form, "judul": judul, "objek": obj, "hari_ini": timezone.localdate()},
    )


def _pesan_putusan(obj, perkara, setuju) -> str:
    v = {"v": obj.versi, "d": tanggal_indonesia(obj.berlaku_mulai)}
    if perkara == Perkara.AKHIR:
        if setuju:
            v["d"] = tanggal_indonesia(obj.berlaku_sampai)
            return _("Pengakhiran disetujui: %(v)s berlaku sampai %(d)s.") % v
        return _("Pengakhiran ditolak: %(v)s tetap berlaku.") % v
    if not setuju:
        return _("%(v)s ditolak; tidak pernah berlaku.") % v
    if obj.berlaku_mulai_diajukan:
        v["a"] = tanggal_indonesia(obj.berlaku_mulai_diajukan)
        return (
            _(
                "%(v)s disetujui. Tanggal mulai yang diajukan (%(a)s) sudah lewat: berlaku mulai "
                "hari ini, %(d)s, tidak surut."
            )
            % v
        )
    return _("%(v)s disetujui; berlaku mulai %(d)s.") % v


@role_required(GOVERNMENT_WIDE)
def ketentuan_putuskan(request, pk):
    return _putuskan(request, KetentuanMutasi, pk)


@role_required(GOVERNMENT_WIDE)
def aturan_putuskan(request, pk):
    return _putuskan(request, AturanDaerah, pk)
