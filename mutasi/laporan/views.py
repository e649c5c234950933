"""The report page: proposals by state, agency, type and reason, and time in each state."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from mutasi.laporan import hitung as laporan_service
from mutasi.lib.replika import reads_replica
from mutasi.lib.views import export_table, role_required
from mutasi.models import Usulan
from pegawai.access import STAFF_ROLES


@require_GET
@role_required(STAFF_ROLES)
@reads_replica
def laporan(request):
    """Proposals by state, agency, type and reason, and the time spent in each state."""
    filterset = laporan_service.LaporanFilter(
        request.GET or None, queryset=Usulan.objects.for_user(request.user), request=request
    )
    if filterset.is_bound and not filterset.is_valid():
        queryset = filterset.queryset.none()
    else:
        queryset = filterset.qs
    report = laporan_service.susun(queryset)
    fmt = request.GET.get("export")
    if fmt == "xlsx":
        return laporan_service.ekspor_xlsx(report, "laporan-usulan")
    if fmt == "csv":
        return export_table(report.status, "laporan-usulan-status", "csv")
    return render(
        request,
        "mutasi/laporan.html",
        {"filter": filterset, "laporan": report, "grafik": report.grafik()},
    )
