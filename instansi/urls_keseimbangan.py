"""Routes of the vacancy list and the workload-balance view, included by ``instansi.urls``."""

from django.urls import path

from instansi import keseimbangan, lowongan

urlpatterns = [
    path("lowongan/", lowongan.LowonganListView.as_view(), name="lowongan"),
    path("keseimbangan/", keseimbangan.keseimbangan, name="keseimbangan"),
    path("keseimbangan/opd/<int:pk>/", keseimbangan.keseimbangan_opd, name="keseimbangan_opd"),
    path("keseimbangan/unit/<int:pk>/", keseimbangan.keseimbangan_unit, name="keseimbangan_unit"),
]
