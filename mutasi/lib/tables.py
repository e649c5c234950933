"""A django-tables2 table whose body rows are written in Python, for the big lists."""

import django_tables2 as tables
from django.db.models import QuerySet
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django_tables2.rows import BoundRows

from mutasi.lib.angka import angka

_KANAN = {"th": {"class": "text-end"}, "td": {"class": "text-end"}}


class AngkaColumn(tables.Column):
    """A count or quantity, right-aligned and written the Indonesian way (``angka``);
    the CSV/XLSX export keeps the number itself."""

    def __init__(self, *args, desimal=0, attrs=None, **kwargs):
        super().__init__(*args, attrs=attrs or _KANAN, **kwargs)
        self.desimal = desimal

    def render(self, value):
        return angka(value, self.desimal)

    def value(self, value):
        return value


class QuickRowsTable(tables.Table):
    """django-tables2 renders every cell by resolving its accessor, inspecting the render
    method's signature and running template code: about 0.3 ms a cell, some 60 ms for a page
    of 25 rows and 7 columns, most of a list page's time on a province's data.

    A subclass returns a row's cells from ``cells(record)`` as HTML keyed by column name
    (escape what it inserts, e.g. with format_html); a column it leaves out is rendered by
    django-tables2 as usual. Headers, sorting, paging and the CSV/XLSX export (``value_*``)
    stay django-tables2's. ``inc/table.html`` uses ``quick_rows`` when the table has it.
    """

    def cells(self, record) -> dict[str, str]:
        raise NotImplementedError

    def paginate(self, *args, **kwargs):
        """The page's rows in two steps: the ids of the page in the list's order, then
        those rows with everything the table shows. Sorted with all its joined columns, a
        province's list went to sorting on disk: 1 s for page 100 of 100,000 proposals
        sorted by origin, 0.1 s for the ids alone."""
        super().paginate(*args, **kwargs)
        page = self.page.object_list.data  # the page's slice of the ordered queryset
        if isinstance(page, QuerySet):
            ids = list(page.values_list("pk", flat=True))
            by_pk = {r.pk: r for r in self.data.data.order_by().filter(pk__in=ids)}
            records = [by_pk[pk] for pk in ids if pk in by_pk]
            self.page.object_list = BoundRows(data=records, table=self)
        return self

    def quick_rows(self) -> str:
        columns = list(self.columns)
        td_attrs = [column.attrs["td"].as_html() for column in columns]
        rows = []
        for row in self.paginated_rows:
            cells = self.cells(row.record)
            html = [
                f"<td {attrs}>{cells[column.name]}</td>"
                if column.name in cells
                else f"<td {attrs}>{conditional_escape(localize(row.get_cell(column.name)))}</td>"
                for column, attrs in zip(columns, td_attrs, strict=True)
            ]
            rows.append(f"<tr {row.attrs.as_html()}>{''.join(html)}</tr>")
        return mark_safe("".join(rows))
