"""Pages of the project as a whole: home per role and the health check."""

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.db.models import Count, Q, Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render

from instansi.models import Formasi, PerangkatDaerah, UnitKerja
from pegawai.access import STAFF_ROLES, Role, roles_of, scope_for
from pegawai.models import Pegawai


@login_required
def home(request):
    roles = roles_of(request.user)
    if not roles & STAFF_ROLES:
        if Role.ASN in roles and request.user.pegawai_id:
            return redirect("pegawai:detail", pk=request.user.pegawai_id)
        return render(request, "home_no_role.html")
    scope = scope_for(request.user)
    pegawai = Pegawai.objects.for_user(request.user).filter(aktif=True)
    stats = pegawai.aggregate(
        total=Count("pk"),
        perempuan=Count("pk", filter=Q(jenis_kelamin="2")),
    )
    formasi = Formasi.objects.for_user(request.user).with_bezetting()
    totals = formasi.aggregate(kebutuhan=Sum("kebutuhan"))
    context = {
        "scope": scope,
        "opd": PerangkatDaerah.objects.filter(pk=scope.perangkat_daerah_id).first()
        if scope.perangkat_daerah_id
        else None,
        "stats": stats,
        "jumlah_opd": PerangkatDaerah.objects.for_user(request.user).count(),
        "jumlah_unit": UnitKerja.objects.for_user(request.user).count(),
        "kebutuhan": totals["kebutuhan"] or 0,
        "roles": sorted(r.label for r in roles),
    }
    return render(request, "home.html", context)


def healthz(request):
    """200 ``ok`` when the database answers, 503 otherwise (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
