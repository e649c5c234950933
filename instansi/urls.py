from django.urls import path
from django.views.generic import RedirectView

from instansi import keseimbangan, views
from instansi.layanan import urls as layanan_urls

app_name = "instansi"
urlpatterns = [
    path("opd/", views.PerangkatDaerahListView.as_view(), name="opd_list"),
    path("opd/baru/", views.PerangkatDaerahCreateView.as_view(), name="opd_create"),
    path("opd/<int:pk>/", views.perangkat_daerah_detail, name="opd_detail"),
    path("opd/<int:pk>/ubah/", views.PerangkatDaerahUpdateView.as_view(), name="opd_update"),
    path("unit/", views.UnitKerjaListView.as_view(), name="unit_list"),
    path("unit/baru/", views.UnitKerjaCreateView.as_view(), name="unit_create"),
    path("unit/<int:pk>/", views.unit_kerja_detail, name="unit_detail"),
    path("unit/<int:pk>/ubah/", views.UnitKerjaUpdateView.as_view(), name="unit_update"),
    path("jabatan/", views.JabatanListView.as_view(), name="jabatan_list"),
    path("jabatan/baru/", views.JabatanCreateView.as_view(), name="jabatan_create"),
    path("jabatan/<int:pk>/", views.jabatan_detail, name="jabatan_detail"),
    path("jabatan/<int:pk>/ubah/", views.JabatanUpdateView.as_view(), name="jabatan_update"),
    path("formasi/baru/", views.FormasiCreateView.as_view(), name="formasi_create"),
    path("formasi/<int:pk>/ubah/", views.FormasiUpdateView.as_view(), name="formasi_update"),
]

urlpatterns += [
    path("abk/", views.AnalisisListView.as_view(), name="abk_list"),
    path("abk/baru/", views.analisis_create, name="abk_create"),
    path("abk/<int:pk>/", views.analisis_detail, name="abk_detail"),
    path("abk/<int:pk>/formasi/<int:formasi_pk>/", views.analisis_formasi, name="abk_formasi"),
    path(
        "abk/<int:pk>/formasi/<int:formasi_pk>/hitung/",
        views.analisis_hitung,
        name="abk_hitung",
    ),
    path("abk/<int:pk>/ajukan/", views.analisis_ajukan, name="abk_ajukan"),
    path("abk/<int:pk>/terima/", views.analisis_terima, name="abk_terima"),
    path("abk/<int:pk>/kembalikan/", views.analisis_kembalikan, name="abk_kembalikan"),
    path("abk/<int:pk>/unduh.xlsx", views.analisis_unduh, name="abk_unduh"),
    path("abk/<int:pk>/unggah/", views.analisis_unggah, name="abk_unggah"),
]

urlpatterns += [
    # The vacancy list counts moves under way: it lives with the workflow (mutasi.usulan).
    path("lowongan/", RedirectView.as_view(pattern_name="mutasi:lowongan", query_string=True)),
    path("keseimbangan/", keseimbangan.keseimbangan, name="keseimbangan"),
    path("keseimbangan/opd/<int:pk>/", keseimbangan.keseimbangan_opd, name="keseimbangan_opd"),
    path("keseimbangan/unit/<int:pk>/", keseimbangan.keseimbangan_unit, name="keseimbangan_unit"),
]

urlpatterns += layanan_urls.urlpatterns
