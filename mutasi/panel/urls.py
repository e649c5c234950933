"""Review-panel pages, appended to the ``mutasi`` proposal urls (/usulan/)."""

from django.urls import path

from mutasi.panel import views as views_panel

urlpatterns = [
    path("panel/", views_panel.panel_list, name="panel_list"),
    path("panel/formasi/<int:pk>/", views_panel.panel_formasi, name="panel_formasi"),
    path("panel/<int:pk>/nilai/", views_panel.panel_nilai, name="panel_nilai"),
    path("panel/<int:pk>/rekomendasi/", views_panel.panel_rekomendasi, name="panel_rekomendasi"),
    path("panel/<int:pk>/jawab/", views_panel.panel_jawab, name="panel_jawab"),
]
