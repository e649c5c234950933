from django.urls import path

from pegawai import views

app_name = "pegawai"
urlpatterns = [
    path("", views.PegawaiListView.as_view(), name="list"),
    path("baru/", views.PegawaiCreateView.as_view(), name="create"),
    path("saya/", views.my_profile, name="me"),
    path("<int:pk>/", views.pegawai_detail, name="detail"),
    path("<int:pk>/ubah/", views.PegawaiUpdateView.as_view(), name="update"),
    path("impor/", views.import_upload, name="import"),
    path("impor/simpan/", views.import_confirm, name="import_confirm"),
    path("impor/batal/", views.import_cancel, name="import_cancel"),
    path("impor/templat.xlsx", views.import_template, name="import_template"),
]
