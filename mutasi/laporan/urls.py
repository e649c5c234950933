"""The report page, appended to the ``mutasi`` proposal urls (/usulan/)."""

from django.urls import path

from mutasi.laporan import views

urlpatterns = [
    path("laporan/", views.laporan, name="laporan"),
]
