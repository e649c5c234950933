"""Post-mutation and programme evaluation (docs/domain.md §9), mounted at /evaluasi/."""

from django.urls import path

from evaluasi import views

app_name = "evaluasi"
urlpatterns = [
    path("", views.evaluasi_list, name="list"),
    path("<int:pk>/", views.evaluasi_detail, name="detail"),
    path("<int:pk>/atasan/", views.nilai_atasan, name="nilai_atasan"),
    path("<int:pk>/diri/", views.nilai_diri, name="nilai_diri"),
    path("<int:pk>/pelatihan/", views.pelatihan_tambah, name="pelatihan_tambah"),
    path("pelatihan/", views.pelatihan_list, name="pelatihan_list"),
    path("pelatihan/<int:pk>/selesai/", views.pelatihan_selesai, name="pelatihan_selesai"),
    path("pelatihan/<int:pk>/bukti/", views.pelatihan_bukti, name="pelatihan_bukti"),
    path("dasbor/", views.dasbor, name="dasbor"),
]
