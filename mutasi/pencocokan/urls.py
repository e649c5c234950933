from django.urls import path

from mutasi.pencocokan import views

app_name = "pencocokan"
urlpatterns = [
    path("", views.index, name="index"),
    path("lowongan/<int:pk>/", views.kandidat, name="kandidat"),
    path("lowongan/<int:pk>/usulkan/", views.usulkan, name="usulkan"),
    path("rencana/<int:pk>/", views.rencana_detail, name="rencana_detail"),
    path("rencana/<int:pk>/status/", views.rencana_status, name="rencana_status"),
    path("rencana/<int:pk>/terima/", views.rencana_terima, name="rencana_terima"),
    path("audit/", views.audit_keputusan, name="audit"),
    path("pegawai/<int:pk>/", views.penjelasan, name="penjelasan"),
    path("preferensi/", views.preferensi, name="preferensi"),
]
