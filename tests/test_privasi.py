"""Privacy on every public page and export (docs/domain.md §8): what is never shown, in any form."""

import datetime

import pytest
from django.urls import reverse

from mutasi.models import PenilaianPanel, Usulan
from pegawai.models import HukumanDisiplin
from tests.factories import terbitkan_sk
from tests.test_sk import draft, make_approved

LAHIR = datetime.date(1979, 11, 23)
RAHASIA = {
    "catatan_internal": "CATATAN-INTERNAL-rahasia-7731",
    "sikap_alasan": "KEBERATAN-anak-sakit-4410",
    "jawaban_keberatan": "JAWABAN-TIM-8812",
    "justifikasi_tujuan": "JUSTIFIKASI-internal-5521",
    "rekomendasi_catatan": "REKOMENDASI-catatan-3390",
    "keputusan_catatan": "KEPUTUSAN-catatan-6604",
}


@pytest.fixture
def published(
    operator_bkd, pejabat, tim_pertimbangan, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", lambda sk, baris=None: b"%PDF-1.7 uji")
    usulan = make_approved(operator_bkd, 1)[0]
    pegawai = usulan.pegawai
    pegawai.nip = f"{LAHIR:%Y%m%d}200503" + "1" + "002"
    pegawai.tanggal_lahir = LAHIR
    pegawai.save()
    # SKP of the counted years come with make_approved (tests.factories.lengkapi).
    HukumanDisiplin.objects.create(
        pegawai=pegawai,
        tingkat="ringan",
        jenis="HUKDIS-teguran-lisan-9920",
        mulai=datetime.date(2024, 1, 1),
        selesai=datetime.date(2024, 6, 30),
        nomor_sk="HUKDIS-SK-123",
    )
    Usulan.objects.filter(pk=usulan.pk).update(sikap="keberatan", **RAHASIA)
    PenilaianPanel.objects.create(
        usulan=usulan, penilai=tim_pertimbangan, skor=4, komentar="PANEL-komentar-2207"
    )
    with django_capture_on_commit_callbacks(execute=True):
        sk = terbitkan_sk(draft(operator_bkd, [usulan]).pk, pejabat)
    usulan.refresh_from_db()
    return sk, usulan


def public_responses(client, sk):
    urls = [
        reverse("publik:transparansi"),
        reverse("publik:transparansi") + "?q=" + sk.nomor,
        reverse("publik:data_csv"),
        reverse("publik:data_json"),
        reverse("publik:verifikasi_kode", args=[sk.kode_verifikasi]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        yield url, response.content.decode("utf-8-sig")


def forbidden(usulan) -> list[str]:
    nip = usulan.pegawai.nip
    return [
        nip,
        nip[:8],  # the birth date, as the NIP writes it
        nip[8:14],  # the TMT CPNS
        LAHIR.isoformat(),
        LAHIR.strftime("%d-%m-%Y"),
        LAHIR.strftime("%d/%m/%Y"),
        "23 November 1979",
        "1979",
        "HUKDIS",
        "PANEL-komentar",
        "keberatan",
        *RAHASIA.values(),
    ]


@pytest.mark.django_db
def test_no_public_page_or_export_reveals_private_data(client, published):
    sk, usulan = published
    assert usulan.sikap == "keberatan"
    for url, body in public_responses(client, sk):
        assert usulan.pegawai.nama in body, url
        # The footer states the privacy rules themselves; the data is above it.
        data = body.split("<footer")[0]
        for secret in forbidden(usulan):
            assert secret not in data, (url, secret)
        for word in ("SKP", "predikat", "Sangat Baik", "9-box", "disiplin"):
            assert word.lower() not in data.lower(), (url, word)


@pytest.mark.django_db
def test_the_masked_nip_keeps_only_gender_and_serial(published):
    _sk, usulan = published
    from pegawai.nip import mask_nip

    masked = mask_nip(usulan.pegawai.nip)
    assert masked.replace(" ", "").replace("*", "") == usulan.pegawai.nip[14:]
    assert masked.count("*") == 14


def test_an_anonymous_visitor_cannot_open_the_full_pdf(client, published):
    sk, _usulan = published
    response = client.get(reverse("mutasi:sk_unduh", args=[sk.pk]))
    assert response.status_code == 302
    assert "/masuk/" in response["Location"]
