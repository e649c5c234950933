"""The quick renderers of the big list pages write the same markup as Django and
django-tables2 would (mutasi/lib/widgets.py, mutasi/lib/tables.py)."""

import re

import pytest
from django import forms
from django.test import RequestFactory
from django_tables2 import RequestConfig

from mutasi.lib.widgets import QuickSelect, QuickSelectMultiple
from mutasi.models import Usulan
from mutasi.usulan.tables import UsulanTable
from mutasi.usulan.views import _LIST_RELATED
from pegawai.models import Pegawai
from pegawai.tables import PegawaiTable
from tests.factories import FormasiFactory, PegawaiFactory
from tests.test_usulan_views import make_proposals

CHOICES = [("", "---------"), ("1", "Satu"), ("2", 'Dua & "tiga" <b>')]


def normalise(html: str) -> str:
    return re.sub(r"\s+", " ", html).replace("> <", "><").strip()


@pytest.mark.parametrize(
    ("quick", "django", "value"),
    [
        (QuickSelect, forms.Select, "2"),
        (QuickSelect, forms.Select, None),
        (QuickSelectMultiple, forms.SelectMultiple, ["1", "2"]),
    ],
)
def test_quick_select_writes_what_django_writes(quick, django, value):
    attrs = {"id": "id_x", "class": "form-select", "required": True}
    expected = django(choices=CHOICES).render("x", value, attrs)
    assert normalise(quick(choices=CHOICES).render("x", value, attrs)) == normalise(expected)


def test_quick_select_writes_optgroups():
    choices = [("", "---------"), ("Dinkes", [("1", "Sekretariat"), ("2", "Bidang P2P")])]
    expected = forms.Select(choices=choices).render("x", "2")
    assert normalise(QuickSelect(choices=choices).render("x", "2")) == normalise(expected)


def tbody(table, quick: bool) -> str:
    if not quick:  # django-tables2's own rendering of every cell
        table.template_name = "django_tables2/bootstrap5.html"
    html = table.as_html(table.request)
    return normalise(re.search(r"<tbody.*?</tbody>", html, re.S).group(0))


def configured(table_class, queryset, user):
    request = RequestFactory().get("/")
    request.user = user
    table = table_class(queryset)
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    return table


@pytest.mark.django_db
def test_employee_rows_are_the_same_as_django_tables2s(operator_bkd, unit_a):
    PegawaiFactory.create_batch(3, unit=unit_a, gelar_belakang="S.T.")
    PegawaiFactory(unit=unit_a, nama="O'Brien <Ahmad> & Putra")
    rows = Pegawai.objects.select_related("jabatan", "unit__perangkat_daerah")

    def table():
        return configured(PegawaiTable, rows, operator_bkd)

    assert "O&#x27;Brien &lt;Ahmad&gt; &amp; Putra" in tbody(table(), quick=True)
    assert tbody(table(), quick=True) == tbody(table(), quick=False)


@pytest.mark.django_db
def test_proposal_rows_are_the_same_as_django_tables2s(operator_bkd, unit_a, unit_b):
    make_proposals(3, operator_bkd, unit_a, FormasiFactory(unit=unit_b, kebutuhan=10))
    rows = Usulan.objects.select_related(*_LIST_RELATED)

    def table():
        return configured(UsulanTable, rows, operator_bkd)

    assert tbody(table(), quick=True) == tbody(table(), quick=False)
