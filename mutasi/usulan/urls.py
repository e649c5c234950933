from django.urls import path

from mutasi.laporan import urls as urls_laporan
from mutasi.panel import urls as urls_panel
from mutasi.siasn import urls as urls_siasn
from mutasi.sk import urls as urls_sk
from mutasi.usulan import cari as views_cari
from mutasi.usulan import detail, lowongan, pengajuan, views

app_name = "mutasi"
urlpatterns = [
    path("", views.UsulanListView.as_view(), name="usulan_list"),
    path("baru/", pengajuan.usulan_create, name="usulan_create"),
    path("masuk/baru/", pengajuan.usulan_masuk_create, name="usulan_masuk_create"),
    path("baru/asal/", pengajuan.usulan_asal, name="usulan_asal"),
    path("baru/formasi/", pengajuan.usulan_formasi, name="usulan_formasi"),
    path("baru/pegawai/", views_cari.usulan_cari_pegawai, name="usulan_cari_pegawai"),
    path("tugas/", views.tugas, name="tugas"),
    path("tugas/jumlah/", views.tugas_jumlah, name="tugas_jumlah"),
    path("massal/<str:aksi>/", views.usulan_massal, name="usulan_massal"),
    path("notifikasi/", views.notifikasi, name="notifikasi"),
    path("lowongan/", lowongan.LowonganListView.as_view(), name="lowongan"),
    path("<int:pk>/", detail.usulan_detail, name="usulan_detail"),
    path("<int:pk>/ubah/", pengajuan.usulan_update, name="usulan_update"),
    *[
        path(f"<int:pk>/{aksi}/", views.usulan_transisi, {"aksi": aksi}, name=f"usulan_{aksi}")
        for aksi in views.TRANSISI
    ],
    path("<int:pk>/pertek/", views.usulan_pertek, name="usulan_pertek"),
    path("<int:pk>/sk-luar/", views.usulan_sk_luar, name="usulan_sk_luar"),
    path("<int:pk>/sikap/", views.usulan_sikap, name="usulan_sikap"),
    path("<int:pk>/pengecualian/", views.usulan_pengecualian, name="usulan_pengecualian"),
    path(
        "<int:pk>/pengecualian/putus/",
        views.usulan_pengecualian_putus,
        name="usulan_pengecualian_putus",
    ),
    path("<int:pk>/dokumen/", views.dokumen_unggah, name="dokumen_unggah"),
    path(
        "<int:pk>/dokumen/terima-semua/",
        views.dokumen_terima_semua,
        name="dokumen_terima_semua",
    ),
    path("<int:pk>/dokumen/<int:dokumen_pk>/", views.dokumen_unduh, name="dokumen_unduh"),
    path(
        "<int:pk>/dokumen/<int:dokumen_pk>/periksa/",
        views.dokumen_periksa,
        name="dokumen_periksa",
    ),
]

# The panel, letters and report pages live in their packages, under the same namespace.
urlpatterns += urls_panel.urlpatterns + urls_sk.urlpatterns + urls_laporan.urlpatterns
urlpatterns += urls_siasn.urlpatterns
