from django.urls import path

from mutasi.ketentuan import views

app_name = "ketentuan"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("tambah/", views.ketentuan_tambah, name="ketentuan_tambah"),
    path("<int:pk>/akhiri/", views.ketentuan_akhiri, name="ketentuan_akhiri"),
    path("<int:pk>/putuskan/", views.ketentuan_putuskan, name="ketentuan_putuskan"),
    path("aturan/tambah/", views.aturan_tambah, name="aturan_tambah"),
    path("aturan/<int:pk>/akhiri/", views.aturan_akhiri, name="aturan_akhiri"),
    path("aturan/<int:pk>/putuskan/", views.aturan_putuskan, name="aturan_putuskan"),
]
