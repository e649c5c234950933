"""Decision-letter pages, mounted with the proposal pages under /usulan/ (namespace mutasi)."""

from django.urls import path

from mutasi.sk import views

urlpatterns = [
    path("sk/", views.sk_list, name="sk_list"),
    path("sk/baru/", views.sk_create, name="sk_create"),
    path("sk/surat.css", views.sk_css, name="sk_css"),
    path("sk/<int:pk>/", views.sk_detail, name="sk_detail"),
    path("sk/<int:pk>/ubah/", views.sk_update, name="sk_update"),
    path("sk/<int:pk>/tambah/", views.sk_tambah, name="sk_tambah"),
    path("sk/<int:pk>/pratinjau/", views.sk_pratinjau, name="sk_pratinjau"),
    path("sk/<int:pk>/unduh/", views.sk_unduh, name="sk_unduh"),
    path("sk/<int:pk>/ajukan/", views.sk_ajukan, name="sk_ajukan"),
    path("sk/<int:pk>/tandatangani/", views.sk_tandatangani, name="sk_tandatangani"),
    path("sk/petikan/<int:pk>/unduh/", views.petikan_unduh, name="petikan_unduh"),
    path("sk/spmt/<int:pk>/unduh/", views.spmt_unduh, name="spmt_unduh"),
    path("sk/<int:pk>/kembalikan/", views.sk_kembalikan, name="sk_kembalikan"),
    path("sk/<int:pk>/terbitkan/", views.sk_terbitkan, name="sk_terbitkan"),
    path("sk/<int:pk>/pembetulan/", views.sk_pembetulan, name="sk_pembetulan"),
    path("sk/<int:pk>/render-ulang/", views.sk_render_ulang, name="sk_render_ulang"),
    path("sk/<int:pk>/hapus/", views.sk_hapus, name="sk_hapus"),
    path(
        "sk/<int:pk>/usulan/<int:usulan_pk>/keluarkan/",
        views.sk_keluarkan,
        name="sk_keluarkan",
    ),
    path(
        "sk/<int:pk>/usulan/<int:usulan_pk>/cantumkan/",
        views.sk_cantumkan,
        name="sk_cantumkan",
    ),
    path(
        "sk/<int:pk>/usulan/<int:usulan_pk>/baris/",
        views.sk_baris,
        name="sk_baris",
    ),
    path(
        "sk/<int:pk>/usulan/<int:usulan_pk>/spmt/",
        views.spmt_terbitkan,
        name="spmt_terbitkan",
    ),
    path(
        "sk/<int:pk>/usulan/<int:usulan_pk>/laksanakan/",
        views.sk_laksanakan,
        name="sk_laksanakan",
    ),
]
