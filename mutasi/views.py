"""Pages of the project as a whole: home per role, the health check and the error pages."""

import logging
import sys

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.db.models import Count, Q, Sum
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.cache import never_cache

from instansi.models import Formasi, PerangkatDaerah, UnitKerja
from mutasi.lib.outage import database_away
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
    totals = Formasi.objects.for_user(request.user).aggregate(kebutuhan=Sum("kebutuhan"))
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


logger = logging.getLogger(__name__)

# How long a browser or a load balancer should wait before asking again while the database
# is away.
DETIK_TUNGGU = 30


@never_cache
def healthz(request):
    """200 when the database answers, 503 otherwise (for load balancers and monitoring).

    A broken persistent connection is closed by Django at the end of the request
    (CONN_HEALTH_CHECKS), so the next check connects afresh and answers 200 by itself once
    the database is back.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("healthz: database unavailable: %s", error)
        response = HttpResponse("database unavailable", status=503, content_type="text/plain")
        response["Retry-After"] = str(DETIK_TUNGGU)
        return response
    return HttpResponse("ok", content_type="text/plain")


def database_unavailable():
    """The 503 page in Indonesian, with how long to wait before trying again."""
    # Rendered without the request: the context processors would query the database.
    body = loader.get_template("503.html").render({"detik": DETIK_TUNGGU})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(DETIK_TUNGGU)
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request, exception):
    """handler400: a session lost with the database is a 503, anything else a 400 page."""
    if database_away(exception):
        logger.warning("database unavailable: %r", exception)
        return database_unavailable()
    return HttpResponseBadRequest(loader.get_template("400.html").render())


def server_error(request):
    """handler500: the database being away is a temporary 503 with a friendly page."""
    if database_away(sys.exc_info()[1]):
        return database_unavailable()
    return HttpResponseServerError(loader.get_template("500.html").render())
