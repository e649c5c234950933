from django.contrib import admin

from evaluasi.models import Evaluasi, Pelatihan, PenilaianAtasan, PenilaianDiri


@admin.register(Evaluasi)
class EvaluasiAdmin(admin.ModelAdmin):
    list_display = ["pegawai", "bulan", "tmt", "jatuh_tempo", "tenggat", "lengkap"]
    list_select_related = ["pegawai"]
    list_filter = ["bulan", "lengkap", "perangkat_daerah"]
    search_fields = ["pegawai__nama", "pegawai__nip"]
    raw_id_fields = ["usulan", "pegawai", "unit", "jabatan"]
    date_hierarchy = "jatuh_tempo"


@admin.register(PenilaianAtasan)
class PenilaianAtasanAdmin(admin.ModelAdmin):
    list_display = ["evaluasi", "kinerja", "adaptasi", "rekomendasi", "penilai", "created"]
    list_select_related = ["evaluasi__pegawai", "penilai"]
    raw_id_fields = ["evaluasi", "penilai"]


@admin.register(PenilaianDiri)
class PenilaianDiriAdmin(admin.ModelAdmin):
    list_display = ["evaluasi", "kepuasan", "adaptasi", "beban_kerja", "izinkan_atasan"]
    list_select_related = ["evaluasi__pegawai"]
    raw_id_fields = ["evaluasi"]


@admin.register(Pelatihan)
class PelatihanAdmin(admin.ModelAdmin):
    list_display = ["topik", "evaluasi", "penyelenggara", "tenggat", "status"]
    list_select_related = ["evaluasi__pegawai"]
    list_filter = ["status"]
    raw_id_fields = ["evaluasi", "dibuat_oleh"]
