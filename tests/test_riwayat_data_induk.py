"""Master data keeps a change log: who changed an agency, a unit or a post, when, and what
went from what to what; the need a workload analysis sets is logged with the analysis."""

import pytest
from django.urls import reverse

from instansi.models import Formasi
from tests.factories import FormasiFactory

pytestmark = pytest.mark.django_db


def post_form_back(client, url, **changes):
    form = client.get(url).context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if hasattr(value, "pk"):
            value = value.pk
        if isinstance(value, list | tuple):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif value is not None:
            data[name] = value
    data.update(changes)
    return client.post(url, data)


def test_renaming_a_unit_is_in_its_change_log(login, operator_bkd, unit_a, opd_a):
    client = login(operator_bkd)
    response = post_form_back(
        client, reverse("instansi:unit_update", args=[unit_a.pk]), nama="Bidang Pelayanan Baru"
    )
    assert response.status_code == 302, response.context["form"].errors
    page = client.get(reverse("instansi:unit_detail", args=[unit_a.pk])).text
    assert "Riwayat perubahan data" in page
    assert "Bidang Pelayanan Kesehatan" in page and "Bidang Pelayanan Baru" in page
    assert operator_bkd.get_full_name() in page


def test_an_agency_operator_does_not_see_the_change_log(login, kepala_opd_a, unit_a):
    page = login(kepala_opd_a).get(reverse("instansi:unit_detail", args=[unit_a.pk])).text
    assert "Riwayat perubahan data" not in page


def test_the_need_set_by_an_analysis_is_logged_with_the_analysis(operator_bkd, unit_a):
    from instansi import services

    formasi = FormasiFactory(unit=unit_a, kebutuhan=1)
    analisis = services.buat_analisis(operator_bkd, unit_a.perangkat_daerah, 2026, 1250, "ke_atas")
    task = {"uraian": "Menyusun laporan", "satuan_hasil": "laporan", "volume": 250}
    services.simpan_tugas(analisis.pk, formasi, [task | {"waktu_menit": 600}], operator_bkd)
    services.ajukan(analisis.pk, operator_bkd)
    services.terima(analisis.pk, operator_bkd)
    last = Formasi.history.filter(id=formasi.pk).first()
    assert last.kebutuhan == 2 and last.history_change_reason == str(analisis)
    assert last.history_user == operator_bkd
