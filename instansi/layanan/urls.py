from django.urls import path

from instansi.layanan import views

urlpatterns = [
    path("layanan/", views.daftar, name="layanan"),
    path("layanan/impor/", views.impor_pengaduan, name="layanan_impor"),
    path("layanan/unit/<int:pk>/", views.unit, name="layanan_unit"),
    path("layanan/unit/<int:pk>/skm/", views.isi_skm, name="layanan_skm"),
    path("layanan/unit/<int:pk>/skm/jawaban/", views.isi_skm_jawaban, name="layanan_skm_jawaban"),
    path("layanan/unit/<int:pk>/skm/daring/", views.isi_skm_daring, name="layanan_skm_daring"),
]
