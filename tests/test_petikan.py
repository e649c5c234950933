"""Petikan: each employee's signed extract, downloadable by them and by the agencies the move
concerns (anyone else 404), verified on its own code."""

import io

import pytest
from django.urls import reverse

from mutasi.models import Petikan, SuratKeputusan
from mutasi.sk import periksa_tte, ttd
from pegawai.access import Role
from tests.factories import UnitKerjaFactory, UserFactory, terbitkan_sk
from tests.test_sk import draft, make_approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(operator_bkd, pejabat, unit_a, unit_b, django_capture_on_commit_callbacks):
    """Two moves from agency A (Dinkes) to agency B (Disdik), the letter published; each
    employee has an account. Returns the letter, its rows and the accounts."""
    usulan = make_approved(operator_bkd, 2, unit_a, unit_b)
    accounts = [
        UserFactory(username=f"asn.{i}", pegawai=u.pegawai, roles=[Role.ASN])
        for i, u in enumerate(usulan)
    ]
    sk = draft(operator_bkd, usulan)
    with django_capture_on_commit_callbacks(execute=True):
        terbitkan_sk(sk.pk, pejabat)
    sk = SuratKeputusan.objects.get(pk=sk.pk)
    return sk, list(sk.baris.order_by("urutan")), accounts


def unduh(client, item):
    return client.get(reverse("mutasi:petikan_unduh", args=[item.pk]))


def test_the_employee_downloads_their_signed_extract_from_their_profile(letter, pejabat, login):
    sk, rows, (asn, other) = letter
    item = Petikan.objects.get(baris=rows[0])
    client = login(asn)
    # Not before it is signed: neither the file nor the link.
    assert unduh(client, item).status_code == 404
    assert "Petikan SK" not in client.get(reverse("pegawai:me"), follow=True).content.decode()
    ttd.tandatangani(sk.pk, pejabat, passphrase="mutasi-demo")
    page = client.get(reverse("pegawai:me"), follow=True).content.decode()
    assert f"Petikan SK {sk.nomor}" in page
    assert reverse("mutasi:petikan_unduh", args=[item.pk]) in page
    response = unduh(client, item)
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    assert periksa_tte.periksa(data).sah
    assert rows[0].nip in response["Content-Disposition"]
    # The other employee's extract is not theirs.
    assert unduh(client, Petikan.objects.get(baris=rows[1])).status_code == 404
    assert unduh(login(other), item).status_code == 404


def test_both_agencies_concerned_download_it_and_another_does_not(
    letter, pejabat, login, opd_a, opd_b
):
    sk, rows, _accounts = letter
    ttd.tandatangani(sk.pk, pejabat, passphrase="mutasi-demo")
    item = Petikan.objects.get(baris=rows[0])
    asal = UserFactory(username="op.asal", perangkat_daerah=opd_a, roles=[Role.OPERATOR_OPD])
    tujuan = UserFactory(username="op.tujuan", perangkat_daerah=opd_b, roles=[Role.KEPALA_OPD])
    lain_opd = UnitKerjaFactory().perangkat_daerah
    lain = UserFactory(username="op.lain", perangkat_daerah=lain_opd, roles=[Role.OPERATOR_OPD])
    assert unduh(login(asal), item).status_code == 200
    assert unduh(login(tujuan), item).status_code == 200
    assert unduh(login(lain), item).status_code == 404
    # From the proposal's page, next to the letter.
    page = login(tujuan).get(rows[0].usulan.get_absolute_url()).content.decode()
    assert "Unduh petikan" in page


def test_an_extract_is_verified_on_its_own_code_with_only_its_row(letter, pejabat, client):
    sk, rows, _accounts = letter
    ttd.tandatangani(sk.pk, pejabat, passphrase="mutasi-demo")
    item = Petikan.objects.get(baris=rows[0])
    page = client.get(reverse("publik:verifikasi_kode", args=[item.kode_verifikasi]))
    text = page.content.decode()
    assert "Verifikasi petikan surat keputusan" in text and sk.nomor in text
    assert rows[0].nama in text and rows[1].nama not in text
    assert rows[0].nip not in text  # the public page masks the NIP
    berkas = io.BytesIO(item.berkas.read())
    berkas.name = "petikan.pdf"
    response = client.post(
        reverse("publik:verifikasi_kode", args=[item.kode_verifikasi]), {"berkas": berkas}
    )
    text = " ".join(response.content.decode().split())
    assert "Cocok: berkas ini sama persis" in text
    assert "Tanda tangan elektronik sah" in text
    # The full letter is not the extract.
    whole = io.BytesIO(sk.berkas.read())
    whole.name = "sk.pdf"
    response = client.post(
        reverse("publik:verifikasi_kode", args=[item.kode_verifikasi]), {"berkas": whole}
    )
    assert "Tidak cocok" in response.content.decode()
    # Typed into the search box, the extract's code finds its page.
    response = client.get(reverse("publik:verifikasi"), {"nomor": item.kode_verifikasi})
    assert response.status_code == 302 and item.kode_verifikasi in response.url
