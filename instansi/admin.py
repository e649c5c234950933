from django.contrib import admin

from instansi.models import (
    AnalisisBebanKerja,
    BidangPendidikan,
    Formasi,
    HasilSkm,
    Instansi,
    Jabatan,
    JawabanSurvei,
    Kompetensi,
    PengaduanBulanan,
    PerangkatDaerah,
    UnitKerja,
    UraianTugas,
)


@admin.register(Instansi)
class InstansiAdmin(admin.ModelAdmin):
    list_display = ["nama", "jenis", "ibu_kota"]


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(admin.ModelAdmin):
    list_display = ["nama", "singkatan", "jenis", "kode"]
    list_filter = ["jenis"]
    search_fields = ["nama", "singkatan", "kode"]


@admin.register(UnitKerja)
class UnitKerjaAdmin(admin.ModelAdmin):
    list_display = ["nama", "perangkat_daerah", "parent", "jenis", "kode"]
    list_filter = ["jenis", "perangkat_daerah"]
    search_fields = ["nama", "kode"]
    autocomplete_fields = ["parent", "perangkat_daerah"]
    list_select_related = ["perangkat_daerah", "parent"]


@admin.register(Jabatan)
class JabatanAdmin(admin.ModelAdmin):
    list_display = [
        "nama",
        "jenis",
        "jenjang",
        "kelas",
        "rumpun",
        "golongan_minimal",
        "batas_usia_pensiun",
    ]
    list_filter = ["jenis", "jenjang", "kelas", "rumpun"]
    search_fields = ["nama"]
    filter_horizontal = ["bidang_pendidikan", "kompetensi"]
    readonly_fields = ["batas_usia_pensiun"]


@admin.register(Formasi)
class FormasiAdmin(admin.ModelAdmin):
    list_display = ["jabatan", "unit", "kebutuhan"]
    search_fields = ["jabatan__nama", "unit__nama"]
    autocomplete_fields = ["unit", "jabatan"]
    list_select_related = ["jabatan", "unit"]


admin.site.register(
    BidangPendidikan,
    list_display=["nama", "rumpun"],
    list_editable=["rumpun"],
    list_filter=["rumpun"],
    search_fields=["nama"],
)
admin.site.register(Kompetensi, list_display=["nama", "kategori"], search_fields=["nama"])


class UraianTugasInline(admin.TabularInline):
    model = UraianTugas
    extra = 0
    raw_id_fields = ["formasi"]


@admin.register(AnalisisBebanKerja)
class AnalisisBebanKerjaAdmin(admin.ModelAdmin):
    list_display = ["perangkat_daerah", "tahun", "status", "updated"]
    list_filter = ["status", "tahun"]
    readonly_fields = ["status"]
    inlines = [UraianTugasInline]


@admin.register(HasilSkm)
class HasilSkmAdmin(admin.ModelAdmin):
    list_display = ["unit", "tahun", "periode", "responden", "ikm"]
    list_filter = ["tahun", "periode"]
    readonly_fields = ["ikm"]


@admin.register(PengaduanBulanan)
class PengaduanBulananAdmin(admin.ModelAdmin):
    list_display = ["unit", "bulan", "kategori", "jumlah", "selesai", "rata_hari_selesai"]
    list_filter = ["kategori"]


@admin.register(JawabanSurvei)
class JawabanSurveiAdmin(admin.ModelAdmin):
    list_display = ["unit", "tanggal"]
    date_hierarchy = "tanggal"
