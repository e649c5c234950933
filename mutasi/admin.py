"""Admin for the workflow records. State changes happen in the app's services, so the
workflow's own fields are read-only here; published letters cannot be changed at all."""

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


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    list_display = ["timestamp", "action", "actor", "content_type", "object_id"]
    list_filter = ["action"]
    search_fields = ["action", "actor__username"]
    date_hierarchy = "timestamp"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
    list_display=["usulan", "syarat", "status", "diminta_oleh", "diputuskan_oleh"],
)
admin.site.register(PenilaianPanel, list_display=["usulan", "penilai", "skor"])
admin.site.register(Notifikasi, list_display=["penerima", "judul", "dibaca", "waktu"])
admin.site.register(NomorSurat)
admin.site.register(SuratKeputusanUsulan, raw_id_fields=["sk", "usulan"])


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
    """Rule settings are added and ended on their page (``/ketentuan/``), which checks and
    logs them; a row that has applied never changes, so here they are read."""

    list_filter = ["lingkup"]
    date_hierarchy = "berlaku_mulai"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(KetentuanMutasi)
class KetentuanMutasiAdmin(BerlakuDaerahAdmin):
    list_display = ["pk", "kunci", "nilai", "lingkup", "berlaku_mulai", "berlaku_sampai"]


@admin.register(AturanDaerah)
class AturanDaerahAdmin(BerlakuDaerahAdmin):
    list_display = ["pk", "jenis", "lingkup", "berlaku_mulai", "berlaku_sampai"]
