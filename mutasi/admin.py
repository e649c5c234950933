"""Admin for the workflow records. State changes happen in the app's services, so the
workflow's own fields are read-only here; published letters cannot be changed at all, nor
their rows (the public pages read the snapshot in them), nor what the decisions rest on: a
waiver needs a second person and a panel score is part of the record."""

from django.contrib import admin

from mutasi.models import (
    AturanDaerah,
    AuditLog,
    Dokumen,
    KetentuanMutasi,
    LangkahRencana,
    NomorSurat,
    Notifikasi,
    PengecualianSyarat,
    PenilaianPanel,
    RencanaRedistribusi,
    SuratKeputusan,
    SuratKeputusanUsulan,
    Usulan,
)
from mutasi.usulan.aturan import BELUM_DIPUTUSKAN


class HanyaBaca(admin.ModelAdmin):
    """Records written only by the services: listed and shown, never added, changed or
    deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditLog)
class AuditLogAdmin(HanyaBaca):
    list_display = ["timestamp", "action", "actor", "content_type", "object_id"]
    list_filter = ["action"]
    search_fields = ["action", "actor__username"]
    date_hierarchy = "timestamp"


class DokumenInline(admin.TabularInline):
    model = Dokumen
    extra = 0
    fields = ["jenis", "nama_asli", "tipe", "ukuran", "status", "catatan"]
    readonly_fields = ["jenis", "nama_asli", "tipe", "ukuran", "status", "catatan"]
    can_delete = False


@admin.register(Usulan)
class UsulanAdmin(admin.ModelAdmin):
    list_display = ["kode", "pegawai", "jenis", "alasan", "status", "created"]
    list_filter = ["status", "jenis", "alasan"]
    search_fields = ["pegawai__nama", "pegawai__nip"]
    raw_id_fields = ["pegawai", "unit_asal", "jabatan_asal", "formasi_tujuan", "opd_pengusul"]
    readonly_fields = [
        "status",
        "dibuat_oleh",
        "diajukan_pada",
        "diberitahukan_pada",
        "sikap",
        "sikap_pada",
        "rekomendasi",
        "diputuskan_oleh",
        "diputuskan_pada",
    ]
    inlines = [DokumenInline]

    # Once the official has decided (or it was withdrawn), the proposal is the record of
    # that decision: its target, employee and reasons are no longer anyone's to edit.
    def has_change_permission(self, request, obj=None):
        return obj is None or obj.status in BELUM_DIPUTUSKAN

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.status in BELUM_DIPUTUSKAN


@admin.register(SuratKeputusan)
class SuratKeputusanAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "tanggal_terbit", "render_status"]
    list_filter = ["status", "render_status"]
    search_fields = ["nomor", "judul"]

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.status != "terbit"

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.status != "terbit"


admin.site.register(
    PengecualianSyarat,
    HanyaBaca,
    list_display=["usulan", "syarat", "status", "diminta_oleh", "diputuskan_oleh"],
)
admin.site.register(PenilaianPanel, HanyaBaca, list_display=["usulan", "penilai", "skor"])
admin.site.register(Notifikasi, list_display=["penerima", "judul", "dibaca", "waktu"])
admin.site.register(NomorSurat, HanyaBaca)


@admin.register(SuratKeputusanUsulan)
class SuratKeputusanUsulanAdmin(admin.ModelAdmin):
    raw_id_fields = ["sk", "usulan"]

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.sk.status != "terbit"

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.sk.status != "terbit"


class LangkahRencanaInline(admin.TabularInline):
    model = LangkahRencana
    extra = 0
    can_delete = False
    fields = ["pegawai", "unit_asal", "formasi_tujuan", "skor", "usulan"]
    readonly_fields = fields


@admin.register(RencanaRedistribusi)
class RencanaRedistribusiAdmin(admin.ModelAdmin):
    """Plans are computed by the solver and accepted on their page; here they are read."""

    list_display = ["__str__", "status", "dibuat_oleh", "created"]
    list_filter = ["status"]
    inlines = [LangkahRencanaInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class BerlakuDaerahAdmin(admin.ModelAdmin):
    """Rule settings are filed, approved and ended on their page (``/ketentuan/``), which
    checks the two-person rule and logs them; a row that has applied never changes, so here
    they are read."""

    list_filter = ["status", "lingkup"]
    date_hierarchy = "berlaku_mulai"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(KetentuanMutasi)
class KetentuanMutasiAdmin(BerlakuDaerahAdmin):
    list_display = ["pk", "kunci", "nilai", "lingkup", "status", "berlaku_mulai", "berlaku_sampai"]


@admin.register(AturanDaerah)
class AturanDaerahAdmin(BerlakuDaerahAdmin):
    list_display = ["pk", "jenis", "lingkup", "status", "berlaku_mulai", "berlaku_sampai"]
