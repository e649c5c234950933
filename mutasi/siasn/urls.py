"""The SIASN export, mounted with the letters under /usulan/ (namespace mutasi)."""

from django.urls import path

from mutasi.siasn import views

urlpatterns = [
    path("sk/ekspor-siasn/", views.ekspor_siasn, name="ekspor_siasn"),
]
