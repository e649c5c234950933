from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from mutasi import views
from mutasi.forms import LoginForm

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", RedirectView.as_view(url=f"/{settings.STATIC_URL}favicon.svg")),
    path(
        "masuk/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("pegawai.otp")),
    path("instansi/", include("instansi.urls")),
    path("pegawai/", include("pegawai.urls")),
    path("usulan/", include("mutasi.usulan.urls")),
    path("pencocokan/", include("mutasi.pencocokan.urls")),
    path("evaluasi/", include("evaluasi.urls")),
    path("ketentuan/", include("mutasi.ketentuan.urls")),
    path("", include("mutasi.publik.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "mutasi.views.bad_request"
handler500 = "mutasi.views.server_error"

admin.site.site_header = "Mutasi ASN"
admin.site.site_title = "Mutasi ASN"
