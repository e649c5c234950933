"""Generic views every app builds on: role checks and the filtered, exportable list."""

import io
from functools import wraps

from django.contrib.auth.mixins import AccessMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.views import FilterView
from django_tables2 import RequestConfig
from django_tables2.views import SingleTableMixin
from openpyxl import Workbook

from mutasi.lib import csv_aman
from mutasi.lib.xlsx import cell_value
from pegawai.access import STAFF_ROLES, has_role


class RoleRequiredMixin(AccessMixin):
    """Anonymous users go to the log-in page; users without one of ``roles`` get 403."""

    roles: frozenset = STAFF_ROLES

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not has_role(request.user, *self.roles):
            raise PermissionDenied(_("Peran Anda tidak mengizinkan halaman ini."))
        return super().dispatch(request, *args, **kwargs)


def pk_from(value) -> int | None:
    """A primary key read from the request, or None: ``str.isdigit`` alone lets through
    "²" (which ``int`` refuses) and numbers no database integer holds."""
    value = str(value or "")
    if value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None


def role_required(roles=STAFF_ROLES):
    """Function-view twin of RoleRequiredMixin."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles):
                raise PermissionDenied(_("Peran Anda tidak mengizinkan halaman ini."))
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


class BoundedPaginator(Paginator):
    """Pages of 1 to 100 rows whatever ``?per_page=`` asks: django-tables2 takes the number
    from the query as it is, and a negative one made the list fail with a server error."""

    def __init__(self, object_list, per_page, *args, **kwargs):
        super().__init__(object_list, min(max(int(per_page), 1), 100), *args, **kwargs)


class ObjectListView(RoleRequiredMixin, SingleTableMixin, FilterView):
    """A list: scoped queryset, filter form, sortable paginated table, CSV/XLSX export.

    An htmx request gets only the table partial, so filtering and paging update in place.
    ``?export=csv`` or ``?export=xlsx`` downloads every filtered row, not just the page.
    """

    template_name = "inc/object_list.html"
    table_pagination = {"per_page": 25, "paginator_class": BoundedPaginator}
    export_name = "data"
    title = ""
    create_url = None

    def get_queryset(self):
        return self.model.objects.for_user(self.request.user)

    def get_template_names(self):
        if self.request.htmx and self.request.htmx.target == "tabel":
            return ["inc/table_htmx.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title
        context["create_url"] = self.create_url
        return context

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export")
        if fmt in ("csv", "xlsx"):
            filterset = self.get_filterset(self.get_filterset_class())
            rows = filterset.qs if filterset.is_valid() else self.get_queryset().none()
            table = self.get_table_class()(rows)
            RequestConfig(request, paginate=False).configure(table)
            return export_table(table, self.export_name, fmt)
        return super().get(request, *args, **kwargs)


def export_table(table, name: str, fmt: str) -> HttpResponse:
    """The table's rows as a CSV or XLSX download named ``<name>-<date>``."""
    filename = f"{name}-{timezone.localdate():%Y%m%d}.{fmt}"
    values = table.as_values()
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
        csv_aman.writer(response).writerows(values)
    else:
        book = Workbook(write_only=True)
        sheet = book.create_sheet(name[:31])
        for row in values:
            sheet.append([cell_value(v) for v in row])
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
