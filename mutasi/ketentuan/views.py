"""The pages where BKD keeps the rule settings: the list with their history, adding a
setting or a rule, ending one. Every government-wide role reads them; BKD operators and
admins change them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from mutasi.ketentuan import services
from mutasi.ketentuan.berlaku import Nilai, bawaan, nama_lingkungan, pilih
from mutasi.ketentuan.choices import KunciKetentuan, Lingkup
from mutasi.ketentuan.forms import AkhiriForm, AturanForm, KetentuanForm
from mutasi.lib.views import role_required
from mutasi.models import AturanDaerah, KetentuanMutasi
from pegawai.access import GOVERNMENT_WIDE, MASTER_DATA_EDITORS, has_role

# The people who keep master data keep the rules too.
PENGUBAH = MASTER_DATA_EDITORS
DIBACA = ("perangkat_daerah", "dibuat_oleh", "diakhiri_oleh")


@role_required(GOVERNMENT_WIDE)
def daftar(request):
    hari_ini = timezone.localdate()
    ketentuan = list(KetentuanMutasi.objects.select_related(*DIBACA))
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
            "aturan": AturanDaerah.objects.select_related(*DIBACA),
            "boleh_ubah": has_role(request.user, *PENGUBAH),
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


@role_required(PENGUBAH)
def ketentuan_tambah(request):
    return _tambah(request, KetentuanForm, _("Tambah ketentuan mutasi"), _("%(v)s disimpan."))


@role_required(PENGUBAH)
def aturan_tambah(request):
    return _tambah(request, AturanForm, _("Tambah aturan daerah"), _("%(v)s disimpan."))


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
            messages.success(request, _("%(v)s diakhiri.") % {"v": obj.versi})
            return redirect("ketentuan:daftar")
    judul = _("Akhiri %(v)s") % {"v": obj.versi}
    return render(request, "ketentuan/form.html", {"form": form, "judul": judul, "objek": obj})


@role_required(PENGUBAH)
def ketentuan_akhiri(request, pk):
    return _akhiri(request, KetentuanMutasi, pk)


@role_required(PENGUBAH)
def aturan_akhiri(request, pk):
    return _akhiri(request, AturanDaerah, pk)
