"""The public page "Bagaimana keputusan mutasi dibuat": every rule, reason and type explained,
with the thresholds the app really uses, linked from the pages a citizen starts on."""

import pytest
from django.urls import reverse

from mutasi.publik import penjelasan
from mutasi.usulan.choices import JenisMutasi, KategoriAlasan
from mutasi.usulan.eligibility import NAMA_SYARAT

BAGAIMANA = reverse("publik:bagaimana")

pytestmark = pytest.mark.django_db


def test_anyone_can_read_it_and_it_reads_only_the_rule_settings(client, django_assert_num_queries):
    # One query: the government-wide rule settings in force (no one's data).
    with django_assert_num_queries(1):
        response = client.get(BAGAIMANA)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public")
    body = response.content.decode()
    assert "<h1" in body and "Bagaimana keputusan mutasi dibuat" in body


def test_every_rule_the_app_checks_is_explained():
    explained = dict(penjelasan.syarat())
    assert list(explained) == [str(n) for n in NAMA_SYARAT.values()]
    assert all(len(text) > 30 for text in explained.values())


def test_every_reason_category_and_type_is_explained(client):
    body = client.get(BAGAIMANA).content.decode()
    for name in [*KategoriAlasan.labels, *JenisMutasi.labels, *NAMA_SYARAT.values()]:
        assert str(name) in body, name
    assert len(penjelasan.alasan()) == len(KategoriAlasan)
    assert len(penjelasan.jenis()) == len(JenisMutasi)
    assert "Pertimbangan Teknis" in dict(penjelasan.jenis())[str(JenisMutasi.ANTAR_PROVINSI.label)]


def test_the_page_states_the_thresholds_in_force(client, settings):
    settings.MUTASI_MIN_TAHUN_JABATAN = 3
    settings.MUTASI_TAHUN_SEBELUM_PENSIUN = 4
    settings.EVALUASI_BULAN = [6, 12]
    body = client.get(BAGAIMANA).content.decode()
    assert "paling sedikit 3 tahun dalam jabatan sekarang" in body
    assert "paling sedikit 4 tahun sebelum batas usia pensiun" in body
    assert "dievaluasi 6 dan 12 bulan kemudian" in body


def test_it_explains_how_to_verify_a_letter(client, settings):
    body = client.get(BAGAIMANA).content.decode()
    assert 'id="verifikasi"' in body
    assert reverse("publik:verifikasi") in body
    assert settings.SITE_URL in body
    for result in ("Asli dan berlaku", "Asli, tetapi sudah dicabut", "Tidak ditemukan"):
        assert result in body


@pytest.mark.parametrize("url", [reverse("publik:transparansi"), reverse("publik:verifikasi")])
def test_the_transparency_and_verification_pages_link_it(client, url):
    body = client.get(url).content.decode()
    assert f'href="{BAGAIMANA}' in body.split("<footer")[0].split("</header>")[1]


def test_it_names_the_rules_nobody_may_waive(client):
    body = client.get(BAGAIMANA).content.decode()
    start = body.index("tidak dapat dikecualikan oleh siapa pun")
    listed = body[start : body.index("</ul>", start)]
    for kode in ("disiplin", "pensiun", "setara", "kelas"):
        assert str(NAMA_SYARAT[kode]) in listed, kode
    assert str(NAMA_SYARAT["masa_jabatan"]) not in listed  # this one may be waived
