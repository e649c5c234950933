from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from pegawai.forms import PindahDiperiksa
from pegawai.models import (
    HukumanDisiplin,
    Pegawai,
    PotensiPegawai,
    PreferensiMutasi,
    RiwayatJabatan,
    Skp,
    User,
)


class SkpInline(admin.TabularInline):
    model = Skp
    extra = 0


class HukumanDisiplinInline(admin.TabularInline):
    model = HukumanDisiplin
    extra = 0


class PotensiPegawaiInline(admin.StackedInline):
    """Potential (the 9-box's second axis) from an assessment centre or talent review."""

    model = PotensiPegawai
    extra = 0


class RiwayatJabatanInline(admin.TabularInline):
    model = RiwayatJabatan
    extra = 0
    autocomplete_fields = ["jabatan", "unit"]


class PegawaiAdminForm(PindahDiperiksa, forms.ModelForm):
    """The admin checks a change of post like the employee form (its fields are the admin's)."""


@admin.register(Pegawai)
class PegawaiAdmin(SimpleHistoryAdmin):
    form = PegawaiAdminForm
    list_display = ["nip", "nama", "jenis_asn", "golongan", "jabatan", "unit", "aktif"]
    list_filter = ["jenis_asn", "golongan", "jenis_kelamin", "aktif", "unit__perangkat_daerah"]
    search_fields = ["nip", "nama"]
    autocomplete_fields = ["unit", "jabatan", "bidang_pendidikan"]
    filter_horizontal = ["kompetensi"]
    list_select_related = ["jabatan", "unit"]
    inlines = [SkpInline, HukumanDisiplinInline, RiwayatJabatanInline, PotensiPegawaiInline]


@admin.register(User)
class AkunAdmin(UserAdmin):
    list_display = ["username", "first_name", "perangkat_daerah", "pegawai", "is_active"]
    list_filter = ["groups", "is_active"]
    autocomplete_fields = ["perangkat_daerah", "pegawai"]
    fieldsets = [
        *UserAdmin.fieldsets,
        (_("Lingkup"), {"fields": ["perangkat_daerah", "pegawai"]}),
    ]


@admin.register(PreferensiMutasi)
class PreferensiMutasiAdmin(admin.ModelAdmin):
    list_display = ["pegawai", "bersedia_pindah", "updated"]
    list_filter = ["bersedia_pindah"]
    search_fields = ["pegawai__nip", "pegawai__nama"]
    autocomplete_fields = ["pegawai"]
    filter_horizontal = ["perangkat_daerah", "unit"]
