"""Django admin: every model's list page opens for the superuser; the records of decisions
(published letters' rows, waivers, panel scores, numbers, decided proposals) are read-only."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse

from mutasi.models import SuratKeputusanUsulan
from tests.factories import FormasiFactory, UserFactory, make_move

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", list(admin.site._registry), ids=lambda m: f"{m._meta.app_label}.{m._meta.model_name}"
)
def test_admin_changelist_opens(client, model):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert client.get(url).status_code == 200


# --- What the decisions rest on is not edited behind the workflow's back ----------------


@pytest.fixture
def superuser(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_a_published_letters_row_cannot_be_changed_in_the_admin(
    client, superuser, pegawai_a, unit_b
):
    formasi = FormasiFactory(unit=unit_b, jabatan=pegawai_a.jabatan)
    usulan = make_move(pegawai_a, formasi, datetime.date(2026, 1, 5), superuser, jadwalkan=False)
    row = SuratKeputusanUsulan.objects.get(usulan=usulan)
    url = reverse("admin:mutasi_suratkeputusanusulan_change", args=[row.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    response = client.post(url, {"jabatan_baru": "Kepala Badan", "tmt": "01-02-2026"})
    assert response.status_code == 403
    row.refresh_from_db()
    assert row.jabatan_baru != "Kepala Badan"
    delete = reverse("admin:mutasi_suratkeputusanusulan_delete", args=[row.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403


def test_an_exception_cannot_be_granted_nor_a_score_changed_in_the_admin(client, superuser):
    for model in ("pengecualiansyarat", "penilaianpanel", "nomorsurat"):
        assert client.get(reverse(f"admin:mutasi_{model}_add")).status_code == 403


def test_a_decided_proposal_cannot_be_edited_in_the_admin(client, superuser, pegawai_a, unit_b):
    formasi = FormasiFactory(unit=unit_b, jabatan=pegawai_a.jabatan)
    usulan = make_move(pegawai_a, formasi, datetime.date(2026, 1, 5), superuser, jadwalkan=False)
    url = reverse("admin:mutasi_usulan_change", args=[usulan.pk])
    assert 'name="_save"' not in client.get(url).content.decode()
    response = client.post(url, {"alasan_publik": "Diubah diam-diam."})
    assert response.status_code == 403
    usulan.refresh_from_db()
    assert usulan.alasan_publik == "Mengisi kekurangan pegawai."
