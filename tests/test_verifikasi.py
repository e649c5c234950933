"""Verification forgives form, not substance: every way a citizen may type, paste or scan a
genuine letter's number or code finds it; what names no letter says what was looked for."""

import re

import pytest
from django.urls import reverse

from mutasi.lib import kode_verifikasi as kode
from mutasi.models import SuratKeputusan
from mutasi.sk import pdf
from tests.factories import terbitkan_sk
from tests.test_sk import draft, make_approved

VERIFIKASI = reverse("publik:verifikasi")
# An old-style code (token_urlsafe) with the look-alikes of the issue: l, I, O and 0, a hyphen.
KODE_LAMA = "x9_VLl-Qa0Ok2Zb7"
BARU = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}$")


@pytest.fixture
def terbitkan(pejabat, django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", lambda sk, baris=None: b"%PDF-1.7 uji")

    def _terbitkan(sk):
        with django_capture_on_commit_callbacks(execute=True):
            terbitkan_sk(sk.pk, pejabat)
        return SuratKeputusan.objects.get(pk=sk.pk)

    return _terbitkan


@pytest.fixture
def letter(operator_bkd, terbitkan):
    """A published letter whose number has a one-digit sequence number (leading zeros)."""
    return terbitkan(draft(operator_bkd, make_approved(operator_bkd, 1)))


@pytest.fixture
def old_letter(operator_bkd, terbitkan):
    """A letter published before the new codes, with an old code full of look-alikes."""
    sk = terbitkan(draft(operator_bkd, make_approved(operator_bkd, 1)))
    SuratKeputusan.objects.filter(pk=sk.pk).update(kode_verifikasi=KODE_LAMA)
    return SuratKeputusan.objects.get(pk=sk.pk)


def finds(client, teks, sk):
    response = client.get(VERIFIKASI, {"nomor": teks})
    assert response.status_code == 302, (teks, response.status_code)
    assert response["Location"] == reverse("publik:verifikasi_kode", args=[sk.kode_verifikasi])
    return response


# --- The codes themselves -------------------------------------------------------------------


def test_new_codes_are_crockford_base32_in_four_groups_of_four():
    codes = {kode.generate() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(BARU.match(c) for c in codes)
    assert not set("ILOU") & set("".join(codes))


def test_a_new_letter_gets_a_new_code(letter):
    assert BARU.match(letter.kode_verifikasi)


@pytest.mark.parametrize(
    "typed, folded",
    [
        ("7kq2-m9xc-4htr-b8nz", "7KQ2M9XC4HTRB8NZ"),
        ("7KQ2 M9XC\n4HTR\u00adB8NZ", "7KQ2M9XC4HTRB8NZ"),
        ("7KQ2\u2013M9XC\u2011-4HTR--B8NZ", "7KQ2M9XC4HTRB8NZ"),
        ("７ＫＱ２Ｍ９ＸＣ４ＨＴＲＢ８ＮＺ", "7KQ2M9XC4HTRB8NZ"),  # full-width, a phone keyboard
        ("x9_VLl-Qa0Ok2Zb7", "X9_V11QA00K2ZB7"),
        ("X9_VLI-QAO0K2ZB7", "X9_V11QA00K2ZB7"),
    ],
)
def test_folding_ignores_case_hyphens_spaces_and_look_alikes(typed, folded):
    assert kode.fold(typed) == folded


# --- A genuine letter is always found -------------------------------------------------------


def variants_of_the_number(sk):
    """The number as the issue saw citizens type it (sequence number and year are the letter's)."""
    urut, tahun = sk.urut, sk.tahun
    return [
        sk.nomor,
        sk.nomor.lower(),
        f"800.1.3/{urut}/bkd/{tahun}",
        f"800.1.3/0{urut}/BKD/{tahun}",
        f"800.1.3/00{urut}/bkd/{tahun}",
        f" 800.1.3 / {urut} / BKD / {tahun} ",
        f"800.1.3/\u00a0{urut}/BKD/\t{tahun}",
        f"Nomor: 800.1.3/{urut}/BKD/{tahun}",
        f"NOMOR : 800.1.3/0{urut}/BKD/{tahun}",
        f"８００.１.３／{urut}／ＢＫＤ／{tahun}",
    ]


def test_every_form_of_the_number_finds_the_letter(client, letter):
    for teks in variants_of_the_number(letter):
        finds(client, teks, letter)


def test_a_number_with_an_inner_zero_or_another_year_is_another_letter(client, letter):
    """Forgiving form only: the sequence number and the year still have to match."""
    for teks in (
        f"800.1.3/{letter.urut}0/BKD/{letter.tahun}",
        f"800.1.3/{letter.urut}/BKD/{letter.tahun - 1}",
        f"800.1.3/{letter.urut}/BKD/{letter.tahun}1",
        f"1800.1.3/{letter.urut}/BKD/{letter.tahun}",
        f"800.1.3/{letter.urut}/BKN/{letter.tahun}",
    ):
        assert client.get(VERIFIKASI, {"nomor": teks}).status_code in (200, 404), teks


def variants_of_the_code(sk):
    code = sk.kode_verifikasi
    plain = code.replace("-", "")
    return [
        code,
        code.lower(),
        plain,  # the hyphens dropped
        plain.lower(),
        code.replace("-", " "),
        code.replace("-", "--"),  # an extra line-break hyphen
        f"{plain[:7]}-{plain[7:]}",  # hyphens elsewhere
        code.replace("-", "\u2013"),  # a word processor's dash
        code.replace("-", "\u00ad"),  # a soft hyphen copied from the PDF
        f"Kode verifikasi: {code}",
        f"  {code}\n",
    ]


def test_every_form_of_a_new_code_finds_the_letter(client, letter):
    for teks in variants_of_the_code(letter):
        finds(client, teks, letter)


def test_a_new_code_typed_with_look_alikes_finds_the_letter(client, letter):
    code = "0A1B-2C3D-4E5F-6G7H"
    SuratKeputusan.objects.filter(pk=letter.pk).update(kode_verifikasi=code)
    letter.refresh_from_db()
    for teks in (
        "OA1B-2C3D-4E5F-6G7H",
        "0AlB2C3D4E5F6G7H",
        "oaib-2c3d-4e5f-6g7h",
        "0AIB2C3D4E5F6G7H",
    ):
        finds(client, teks, letter)


def test_every_form_of_the_link_under_the_qr_code_finds_the_letter(client, letter, settings):
    url = pdf.url_verifikasi(letter)
    assert url.startswith(settings.SITE_URL)
    code = letter.kode_verifikasi
    for teks in (
        url,
        url.rstrip("/"),
        url + "?utm_source=wa",
        url + "#periksa",
        url.replace("https://", "").replace("http://", ""),
        url.lower(),
        url.replace(code, code.replace("-", "")),
        url.replace(code, code.replace("-", "-\n", 1)),  # broken over two lines, hyphen kept
        url.replace(code, code.replace("-", "\n", 1)),  # ... and the hyphen taken for a break
        f"/verifikasi/{code}/",
        f"verifikasi/{code}",
    ):
        finds(client, teks, letter)


def test_an_old_code_is_still_accepted_with_its_look_alikes(client, old_letter):
    assert old_letter.kode_verifikasi == KODE_LAMA
    for teks in (
        KODE_LAMA,
        "x9_VLI-Qa0Ok2Zb7",  # the "…_VLI" for "…_VLl"
        "x9_VL1-Qa0Ok2Zb7",
        "x9_VLl-QaO0k2Zb7",  # O and 0 swapped
        "x9_VLlQa0Ok2Zb7",  # the hyphen taken for a line break and dropped
        "x9_VLl--Qa0Ok2Zb7",
        "X9_VLL-QA0OK2ZB7",
        f"{pdf.url_verifikasi(old_letter)}",
    ):
        finds(client, teks, old_letter)


def test_look_alikes_that_fit_two_old_codes_find_neither(client, old_letter, letter):
    SuratKeputusan.objects.filter(pk=letter.pk).update(kode_verifikasi="x9_VL1-Qa0Ok2Zb7")
    letter.refresh_from_db()
    # Exactly as printed still finds each letter...
    finds(client, KODE_LAMA, old_letter)
    finds(client, "x9_VL1-Qa0Ok2Zb7", letter)
    # ... but a slip that fits both names neither, and says why.
    response = client.get(VERIFIKASI, {"nomor": "x9_VLI-Qa0Ok2Zb7"})
    assert response.status_code == 404
    assert "lebih dari satu surat" in response.content.decode()


def test_a_number_in_a_pattern_used_before_is_found_in_any_case(client, letter):
    SuratKeputusan.objects.filter(pk=letter.pk).update(nomor="KEP.821.2/7-A/2024")
    finds(client, "kep.821.2/7-a/2024", letter)


def test_another_number_pattern_with_a_series(client, operator_bkd, terbitkan, settings):
    settings.SK_NOMOR_POLA = "B-{urut}/{seri}/KPTS/{tahun}"
    settings.SK_SERI = "Mutasi"
    sk = terbitkan(draft(operator_bkd, make_approved(operator_bkd, 1)))
    assert sk.nomor == f"B-{sk.urut}/Mutasi/KPTS/{sk.tahun}"
    finds(client, f"b-00{sk.urut}/mutasi/kpts/{sk.tahun}", sk)
    finds(client, f"B - {sk.urut} / MUTASI / KPTS / {sk.tahun}", sk)


def test_a_link_typed_by_hand_redirects_to_the_letters_page(client, letter, old_letter):
    page = reverse("publik:verifikasi_kode", args=[letter.kode_verifikasi])
    for typed in (letter.kode_verifikasi.lower(), letter.kode_verifikasi.replace("-", "")):
        response = client.get(f"/verifikasi/{typed}/")
        assert response.status_code == 302 and response["Location"] == page
    response = client.get("/verifikasi/x9_VLI-Qa0Ok2Zb7/")
    assert response["Location"] == reverse("publik:verifikasi_kode", args=[KODE_LAMA])
    assert "Asli dan berlaku" in client.get(page).content.decode()


# --- What names no letter says what was looked for -----------------------------------------


def never_says_fake(body):
    for phrase in ("bukan SK", "tidak sah", "yang sah"):
        assert phrase not in body


def test_an_unknown_number_says_which_number_was_looked_for(client, letter):
    response = client.get(VERIFIKASI, {"nomor": f"800.1.3/0999/bkd/{letter.tahun}"})
    assert response.status_code == 404
    body = response.content.decode()
    assert f"SK nomor 800.1.3/999/BKD/{letter.tahun} tidak ditemukan" in body
    assert f"800.1.3/0999/bkd/{letter.tahun}" in body  # what was typed, too
    assert "Cara memeriksa lebih lanjut" in body
    assert "belum berarti suratnya palsu" in body
    never_says_fake(body)


def test_an_unknown_code_says_which_code_was_looked_for(client, letter):
    response = client.get(VERIFIKASI, {"nomor": "zzzz zzzz zzzz zzzz"})
    assert response.status_code == 404
    body = response.content.decode()
    assert "Kode verifikasi ZZZZ-ZZZZ-ZZZZ-ZZZZ tidak ditemukan" in body
    assert "l, I dan 1" in body


def test_a_link_to_another_site_is_named(client, letter):
    fake = f"https://mutasi-asemrowo.go-id.example/verifikasi/{letter.kode_verifikasi}X/"
    body = client.get(VERIFIKASI, {"nomor": fake}).content.decode()
    assert "mutasi-asemrowo.go-id.example" in body
    assert "bukan ke situs ini" in body


@pytest.mark.parametrize("teks", ["halo", "SK Budi", "12345", "800.1.3//BKD/", "?" * 300])
def test_text_that_is_neither_a_number_nor_a_code_is_explained_not_judged(client, letter, teks):
    response = client.get(VERIFIKASI, {"nomor": teks})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Belum ada yang dicari" in body
    assert "tidak berbentuk nomor SK maupun kode verifikasi" in body
    assert "800.1.3/12/BKD/2026" in body  # what a number looks like
    never_says_fake(body)


def test_a_draft_is_not_found_by_any_form_of_its_code(client, operator_bkd):
    sk = draft(operator_bkd, make_approved(operator_bkd, 1))
    for teks in (sk.kode_verifikasi, sk.kode_verifikasi.lower().replace("-", "")):
        assert client.get(VERIFIKASI, {"nomor": teks}).status_code == 404
        assert client.get(f"/verifikasi/{teks}/").status_code == 404


@pytest.mark.parametrize(
    "teks",
    ["\x00\x01", "//verifikasi/", "http://[::1/verifikasi/x", "verifikasi/%ZZ", "/" * 300],
)
def test_hostile_input_never_breaks_the_page(client, letter, teks):
    assert client.get(VERIFIKASI, {"nomor": teks}).status_code in (200, 404)
