"""The bad-input sweep: hostile values into every form and every query parameter of the app.

Forms and parameters are discovered, not listed: every URL of the permission matrix is opened
as each persona, and every ``<form>`` on the page that answers is parsed for its fields
(and every ``hx-get`` endpoint for the fields of its form). Hypothesis then posts very long
strings, control characters, NUL bytes, HTML/JS, SQL-looking text, unicode, wrong types,
missing, duplicated and unknown fields, and wrong files, and sends random values for each
filter, ``q``, ``page``, ``sort`` and ``export``. Never a 500 (the test client raises the
view's exception, with its traceback), and never an unescaped script on the answer, the
page it redirects to, or the form's page afterwards.

SQLite accepts what PostgreSQL refuses, so each request runs with the refusals of
PostgreSQL added (``seperti_postgres``): a NUL in any text parameter, a too-long string for
a ``varchar``, an integer out of its column's range. Each example runs in a transaction that
is rolled back, so every example starts from the same world (``tests/dunia.py``).

Every form and page also gets the values of ``SELALU`` in every field, whatever the profile.
CI runs a small deterministic profile; ``HYPOTHESIS_PROFILE=thorough`` runs many more.
"""

import io
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DataError, connection, models, transaction
from django.db.models.functions import Length
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, Phase, example, given, reject, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from instansi.models import PerangkatDaerah, UnitKerja
from mutasi.models import PenilaianPanel, Usulan
from mutasi.usulan.choices import Rekomendasi, SikapPegawai, StatusUsulan
from pegawai.models import Pegawai
from tests.dunia import PDF, PERAN, bangun_dunia
from tests.test_matriks_izin import MATRIKS_GET, baca_tabel, klien

pytestmark = pytest.mark.django_db

_UMUM = {"deadline": None, "suppress_health_check": list(HealthCheck)}
PROFIL = {
    # No shrinking in CI: it can take minutes; the failing example is reported as found.
    "ci": settings(
        max_examples=3,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        **_UMUM,
    ),
    "thorough": settings(max_examples=150, **_UMUM),
}[os.environ.get("HYPOTHESIS_PROFILE") == "thorough" and "thorough" or "ci"]

# Never swept: they end the session, or belong to Django rather than the app.
LEWATI = {"logout", "login"}
# Who opens the pages, in order of preference: a form goes to the first persona who sees it.
# Between them they see every form (the others see a subset of what these see).
URUTAN_PERAN = ["opA", "bkd", "ver", "tim", "pjb", "asn", "anon"]
PARAMETER_UMUM = ["q", "page", "sort", "export", "per_page"]

# --- Hostile values ---------------------------------------------------------------------

SKRIP = "<script>alert(1)</script>"
ATRIBUT = '" onmouseover=alert(1) x="'
GAMBAR = "<img src=x onerror=alert(1)>"
# What must never reach a page unescaped.
TANDA_BAHAYA = ("<script>alert(", '" onmouseover=alert(', "<img src=x onerror=")

JAHAT = st.sampled_from(
    [
        SKRIP,
        ATRIBUT,
        GAMBAR,
        "'; DROP TABLE pegawai_pegawai; --",
        "1 OR 1=1",
        "%' OR '%'='",
        "\x00",
        "Siti\x00Rahmawati",
        "\x01\x02\x08\x0b\x1b\x7f",
        "\u202eRTL\u200b\ufeff",
        "😀 ğüşçö Ærøskøbing 日本",
        "  ",
        "",
        "-1",
        "0",
        "²",
        "١٢",
        "99999999999999999999999999",
        "-99999999999999999999999999",
        "1e309",
        "NaN",
        "Infinity",
        "3.5",
        "2026-02-30",
        "9999-12-31",
        "0001-01-01",
        "10000-01-01",
        "abc",
        "../../etc/passwd",
        "%00",
        "{{ 7|add:7 }}",
        "\r\n\r\n",
        "USL-2026-99999999999999999999",
        "198503142010011001",
        "198503142010011\x00001",
    ]
)
TEKS = st.text(max_size=40)
PANJANG = st.integers(101, 5000).map(lambda n: (SKRIP + "x" * n)[:n])
ANGKA = st.integers(-(10**20), 10**20).map(str)


def nilai_untuk(medan):
    """A value for one field: one of its own (to get past the first check) or a hostile one."""
    sah = st.sampled_from(medan.values) if medan.values else st.just("")
    return st.one_of(sah, sah, JAHAT, JAHAT, TEKS, PANJANG, ANGKA)


def berkas():
    """A file that may be of the wrong type, empty, misnamed, or hostile."""
    return st.builds(
        SimpleUploadedFile,
        name=st.sampled_from(
            ["surat.pdf", "foto.png", "data.xlsx", "x.exe", "../../x.pdf", "a" * 300 + ".pdf"]
        )
        | st.text(min_size=1, max_size=20).filter(lambda s: "/" not in s),
        content=st.sampled_from(
            [PDF, b"", SKRIP.encode(), b"PK\x03\x04rusak", b"\x89PNG\r\n\x1a\n", b"\x00" * 64]
        )
        | st.binary(max_size=200),
        content_type=st.sampled_from(["application/pdf", "text/html", "image/png", "x/y"]),
    )


def isian(form):
    """Values for a whole form: each field filled, hostile, duplicated or missing, plus
    unknown fields."""
    parts = {}
    for name, medan in form.fields.items():
        if medan.kind == "file":
            parts[name] = st.one_of(st.none(), berkas(), berkas())
        else:
            nilai = nilai_untuk(medan)
            parts[name] = st.one_of(nilai, nilai, nilai, st.none(), st.lists(nilai, min_size=2))
    asing = st.dictionaries(st.text(min_size=1, max_size=10), JAHAT | TEKS, max_size=2)
    return st.tuples(st.fixed_dictionaries(parts), asing).map(
        lambda pair: pair[1] | {k: v for k, v in pair[0].items() if v is not None}
    )


def parameter(names):
    nilai = st.one_of(JAHAT, JAHAT, TEKS, ANGKA, st.sampled_from(["csv", "xlsx", "-nama"]))
    return st.dictionaries(
        st.sampled_from(sorted(names)), nilai | st.lists(nilai, min_size=2, max_size=3)
    )


# --- Discovery ----------------------------------------------------------------------------


@dataclass
class Medan:
    name: str
    kind: str
    values: list = field(default_factory=list)


@dataclass
class Formulir:
    method: str
    action: str
    page: str
    peran: str
    fields: dict = field(default_factory=dict)


class PembacaForm(HTMLParser):
    """The forms of a page, their fields with the values offered, and htmx GET endpoints."""

    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms = []
        self.hx_get = []  # (url, form) pairs
        self._form = None
        self._select = None

    def _add(self, name, kind, value=None):
        medan = self._form.fields.setdefault(name, Medan(name, kind))
        if value is not None and value not in medan.values:
            medan.values.append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            action = urljoin(self.page, a.get("action") or self.page)
            self._form = Formulir((a.get("method") or "get").lower(), action, self.page, "")
            self.forms.append(self._form)
        if a.get("hx-get"):
            self.hx_get.append((urljoin(self.page, a["hx-get"]), self._form))
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = a.get("type", "text")
            value = a.get("value", "on" if kind in ("checkbox", "radio") else None)
            self._add(name, kind, value)
        elif tag in ("button", "textarea") and name:
            self._add(name, tag, a.get("value"))
        elif tag == "select" and name:
            self._select = name
            self._add(name, "select")
        elif tag == "option" and self._select:
            self._add(self._select, "select", a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def url_aplikasi(url):
    """The path of a URL of this app that the sweep may use, or None."""
    parts = urlsplit(url)
    if parts.netloc not in ("", "testserver"):
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    if match.namespace == "admin" or match.url_name in LEWATI:
        return None
    return parts.path


@dataclass
class Temuan:
    forms: list
    # GET URL -> (persona, parameter names)
    halaman: dict


def temukan(dunia, urutan=URUTAN_PERAN) -> Temuan:
    """Open every URL of the matrix as each persona of ``urutan``; collect the forms and GET
    pages (a form goes to the first persona who sees it)."""
    clients = {peran: klien(dunia.users[peran]) for peran in urutan}
    forms, halaman = {}, {}
    tabel = baca_tabel(MATRIKS_GET)
    # (url, the matrix row saying who may open it)
    urls = [(reverse(name, kwargs=dunia.objek[row["objek"]]), row) for name, row in tabel.items()]
    # The proposal page offers different actions in each state.
    urls += [
        (reverse("mutasi:usulan_detail", args=[u.pk]), tabel["mutasi:usulan_detail"])
        for u in dunia.usulan.values()
    ]
    urls += [
        (reverse("mutasi:sk_detail", kwargs=dunia.objek["sk-terbit"]), tabel["mutasi:sk_detail"])
    ]
    for url, row in urls:
        if url_aplikasi(url) is None:
            continue
        for peran in (p for p in urutan if row[p] == "ok"):
            response = clients[peran].get(url)
            if response.status_code != 200:
                continue
            if "html" not in response.get("Content-Type", ""):
                halaman.setdefault(url, (peran, set(PARAMETER_UMUM)))
                continue
            pembaca = PembacaForm(url)
            # Only the forms: parsing whole pages would take most of the sweep's time.
            for blok in re.findall(r"<form\b.*?</form>", response.content.decode(), re.S):
                pembaca.feed(blok)
            names = halaman.setdefault(url, (peran, set(PARAMETER_UMUM)))[1]
            for form in pembaca.forms:
                action = url_aplikasi(form.action)
                if action is None:
                    continue
                names.update(form.fields)  # views often pre-fill a form from the query
                if form.method == "get":
                    halaman.setdefault(action, (peran, set(PARAMETER_UMUM)))[1].update(form.fields)
                    continue
                form.action, form.peran = action, peran
                # The same action on another object (cancel proposal 1, 2...) is swept once.
                forms.setdefault((resolve(action).view_name, frozenset(form.fields)), form)
            for hx_url, form in pembaca.hx_get:
                if action := url_aplikasi(hx_url):
                    fields = form.fields if form else {}
                    halaman.setdefault(action, (peran, set(PARAMETER_UMUM)))[1].update(fields)
    return Temuan(list(forms.values()), halaman)


# --- What PostgreSQL would refuse ----------------------------------------------------------


def seperti_postgres(execute, sql, params, many, context):
    """Refuse, as PostgreSQL does, text parameters holding a NUL (also inside JSON).

    The other way round, SQLite cannot take an integer beyond 64 bits that PostgreSQL
    compares fine (``id IN (9223372036854775808)``, from a multiple choice field): such an
    example is not judged on SQLite, CI runs the sweep on PostgreSQL.
    """
    rows = params if many else [params]
    for row in rows or []:
        for value in row.values() if isinstance(row, dict) else row or []:
            if isinstance(value, str) and (
                "\x00" in value or (value[:1] in "[{" and "\\u0000" in value)
            ):
                raise DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes")
            if (
                connection.vendor == "sqlite"
                and isinstance(value, int)
                and not -(2**63) <= value < 2**63
            ):
                reject()
    return execute(sql, params, many, context)


RENTANG_POSTGRES = {
    "SmallIntegerField": (-(2**15), 2**15 - 1),
    "PositiveSmallIntegerField": (0, 2**15 - 1),
    "IntegerField": (-(2**31), 2**31 - 1),
    "PositiveIntegerField": (0, 2**31 - 1),
}


def cek_muat_di_postgres():
    """No stored value that PostgreSQL would have refused: too long or out of range."""
    for model in apps.get_models():
        if model._meta.app_label not in ("instansi", "pegawai", "mutasi", "evaluasi"):
            continue
        terlalu = models.Q()
        annotations = {}
        for f in model._meta.concrete_fields:
            kind = f.get_internal_type()
            if kind in ("CharField", "SlugField", "EmailField") and f.max_length:
                annotations[f"_len_{f.attname}"] = Length(f.attname)
                terlalu |= models.Q(**{f"_len_{f.attname}__gt": f.max_length})
            elif kind in RENTANG_POSTGRES:
                lo, hi = RENTANG_POSTGRES[kind]
                terlalu |= models.Q(**{f"{f.attname}__lt": lo}) | models.Q(
                    **{f"{f.attname}__gt": hi}
                )
        if terlalu:
            bad = model._base_manager.annotate(**annotations).filter(terlalu)
            assert not bad.exists(), f"{model.__name__}: a value PostgreSQL would refuse"


# --- Checks -------------------------------------------------------------------------------


def cek_tanpa_skrip(response, where):
    if "html" not in response.get("Content-Type", ""):
        return
    body = response.content.decode(errors="replace")
    for tanda in TANDA_BAHAYA:
        assert tanda not in body, f"unescaped {tanda!r} on {where}"


def kirim_dan_periksa(client, form, data):
    with transaction.atomic(), connection.execute_wrapper(seperti_postgres):
        response = client.post(form.action, data)
        cek_tanpa_skrip(response, f"POST {form.action}")
        # Where the stored values show: the page it leads to, and the form's own page.
        target = url_aplikasi(response.url) if response.status_code == 302 else None
        for url in {target, form.page} - {None}:
            cek_tanpa_skrip(client.get(url), f"{url} after POST {form.action}")
        cek_muat_di_postgres()
        transaction.set_rollback(True)
    assert response.status_code < 500


def cek_temuan(found):
    """The discovery sees what it must: if it did not, the sweep would pass having tried
    nothing."""
    views = {resolve(form.action).view_name for form in found.forms}
    assert {
        "pegawai:create",
        "instansi:abk_create",
        "instansi:abk_formasi",
        "mutasi:usulan_create",
        "mutasi:usulan_verifikasi",
        "mutasi:dokumen_unggah",
        "mutasi:panel_nilai",
        "mutasi:usulan_sikap",
        "mutasi:usulan_setujui",
        "mutasi:sk_update",
        "publik:verifikasi_kode",
    } <= views
    _peran, names = found.halaman[reverse("pegawai:list")]
    assert {"q", "opd", "golongan", "page", "sort"} <= names
    _peran, names = found.halaman[reverse("mutasi:usulan_asal")]
    assert "nip" in names


# Tried on every form and every page whatever the profile: each value in every field at once.
SELALU = [SKRIP + ATRIBUT + GAMBAR, "1\x00\x01\x1b", "²", "9" * 30, "-5"]


def contoh(names, files=()):
    """Hypothesis examples: one per value of SELALU in every field (a wrong file in files)."""
    for value in SELALU:
        data = {name: value for name in names}
        data |= {name: SimpleUploadedFile("x.pdf", value.encode(), "text/html") for name in files}
        yield data


def sapuan_form(client, form):
    @PROFIL
    @given(data=isian(form))
    def sapu(data):
        kirim_dan_periksa(client, form, data)

    files = [n for n, medan in form.fields.items() if medan.kind == "file"]
    for data in contoh(form.fields, files):
        sapu = example(data=data)(sapu)
    return sapu


def sapuan_parameter(client, url, names):
    @PROFIL
    @given(params=parameter(names))
    def sapu(params):
        with transaction.atomic(), connection.execute_wrapper(seperti_postgres):
            response = client.get(url, params)
            cek_tanpa_skrip(response, f"GET {url}")
            transaction.set_rollback(True)

    for params in contoh(names):
        sapu = example(params=params)(sapu)
    return sapu


def jalankan_semua(sweeps):
    """Run every sweep; report every failing one, not only the first."""
    failures = []
    for what, sweep in sweeps:
        try:
            sweep()
        except Exception as error:  # noqa: BLE001 - every failure is reported below
            notes = "\n".join(getattr(error, "__notes__", []))
            failures.append(f"{what}: {type(error).__name__}: {error}\n{notes}"[:3000])
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)


def test_hostile_values_in_every_form_and_query_parameter_never_break_a_page(db):
    dunia = bangun_dunia()
    found = temukan(dunia)
    cek_temuan(found)
    clients = {peran: klien(dunia.users[peran]) for peran in PERAN}
    forms = [
        (f"POST {form.action} as {form.peran}", sapuan_form(clients[form.peran], form))
        for form in found.forms
    ]
    pages = [
        (f"GET {url} as {peran}", sapuan_parameter(clients[peran], url, names))
        for url, (peran, names) in found.halaman.items()
    ]
    jalankan_semua(forms + pages)


# --- Regressions: what the sweep found, one focused test each --------------------------------


@pytest.mark.parametrize("per_page", ["-5", "0", "100000"])
def test_a_list_with_any_page_size_still_answers_with_at_most_100_rows(
    login, operator_bkd, per_page
):
    response = login(operator_bkd).get(reverse("instansi:opd_list"), {"per_page": per_page})
    assert response.status_code == 200
    assert 1 <= response.context["table"].paginator.per_page <= 100


@pytest.mark.parametrize("value", ["²", "١٢", "9" * 30, "1\x00"])
def test_ids_in_the_query_that_are_not_plain_numbers_name_nothing(login, operator_bkd, value):
    client = login(operator_bkd)
    with connection.execute_wrapper(seperti_postgres):
        for name, params in [
            ("mutasi:usulan_create", {"formasi": value, "pegawai": value}),
            ("mutasi:usulan_asal", {"pegawai": value}),
            ("mutasi:usulan_formasi", {"opd_tujuan": value}),
        ]:
            assert client.get(reverse(name), params).status_code == 200
        response = client.post(reverse("mutasi:sk_create"), {"usulan": value})
        assert response.status_code == 200  # the page again, with "choose a proposal"


def test_a_nip_with_a_nul_byte_names_nobody_also_on_postgresql(login, operator_bkd, pegawai_a):
    client = login(operator_bkd)
    with connection.execute_wrapper(seperti_postgres):
        response = client.get(reverse("mutasi:usulan_asal"), {"nip": pegawai_a.nip[:-1] + "\x00"})
    assert response.status_code == 200
    assert pegawai_a.nama not in response.text


def test_panel_texts_with_a_nul_byte_are_refused_with_a_message_also_on_postgresql(db):
    dunia = bangun_dunia()
    usulan = dunia.usulan["terverifikasi"]
    client = klien(dunia.users["tim"])
    with connection.execute_wrapper(seperti_postgres):
        url = reverse("mutasi:panel_nilai", args=[usulan.pk])
        assert client.post(url, {"skor": "4", "komentar": "Baik\x00"}).status_code == 302
        assert not PenilaianPanel.objects.exists()

        PenilaianPanel.objects.create(usulan=usulan, penilai=dunia.users["tim"], skor=4)
        url = reverse("mutasi:panel_rekomendasi", args=[usulan.pk])
        data = {"rekomendasi": Rekomendasi.SETUJUI, "catatan": "Layak\x00"}
        assert client.post(url, data).status_code == 302

        Usulan.objects.filter(pk=usulan.pk).update(sikap=SikapPegawai.KEBERATAN)
        url = reverse("mutasi:panel_jawab", args=[usulan.pk])
        assert client.post(url, {"jawaban": "Sudah\x00"}).status_code == 302
    usulan.refresh_from_db()
    assert (usulan.status, usulan.jawaban_keberatan) == (StatusUsulan.TERVERIFIKASI, "")


def test_names_with_control_characters_go_through_every_spreadsheet_export(db):
    """A name typed with a control character (forms accept them; only NUL is refused)
    must not make an export fail: openpyxl refuses such characters in a cell."""
    dunia = bangun_dunia()
    nama = "Siti\x01\x1b Rahmawati " + SKRIP
    Pegawai.objects.filter(pk=dunia.objek["pegawai"]["pk"]).update(nama=nama)
    PerangkatDaerah.objects.filter(pk=dunia.objek["opd"]["pk"]).update(nama=nama)
    UnitKerja.objects.filter(pk=dunia.objek["unit"]["pk"]).update(nama=nama)
    client = klien(dunia.users["bkd"])
    exported = []
    for name, row in baca_tabel(MATRIKS_GET).items():
        if row["bkd"] != "ok" or name in LEWATI:
            continue
        response = client.get(reverse(name, kwargs=dunia.objek[row["objek"]]), {"export": "xlsx"})
        if response["Content-Type"].startswith("application/vnd.openxmlformats"):
            load_workbook(io.BytesIO(response.content))
            exported.append(name)
    assert {"pegawai:list", "mutasi:laporan", "instansi:abk_unduh"} <= set(exported)
