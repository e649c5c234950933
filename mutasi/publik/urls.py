"""Public pages, no log-in (namespace publik)."""

from django.urls import path

from mutasi.publik import survei, views

app_name = "publik"

urlpatterns = [
    path("transparansi/", views.transparansi, name="transparansi"),
    path("transparansi/data.csv", views.data_csv, name="data_csv"),
    path("transparansi/data.json", views.data_json, name="data_json"),
    path("transparansi/datapackage.json", views.datapackage, name="datapackage"),
    path("bagaimana-keputusan-dibuat/", views.bagaimana, name="bagaimana"),
    path("verifikasi/", views.verifikasi, name="verifikasi"),
    path("verifikasi/akar-tte.pem", views.akar_pem, name="akar_pem"),
    path("verifikasi/<str:kode>/", views.verifikasi_kode, name="verifikasi_kode"),
    path("survei/<int:pk>/", survei.survei, name="survei"),
]
