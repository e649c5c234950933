"""The review panel: comparing the candidates for one vacancy, and scoring on the page."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from instansi.models import BidangPendidikan, Formasi, Kompetensi
from mutasi.models import PenilaianPanel, Usulan
from mutasi.panel import perbandingan as panel
from mutasi.templatetags import panel_html
from mutasi.usulan import eligibility, services
from mutasi.usulan.choices import (
    JenisMutasi,
    KategoriAlasan,
    SikapPegawai,
    StatusDokumen,
    StatusUsulan,
)
from pegawai.access import Role
from pegawai.choices import PredikatSkp
from pegawai.nip import add_years
from tests.factories import (
    FormasiFactory,
    JabatanFactory,
    PegawaiFactory,
    SkpFactory,
    UnitKerjaFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TODAY = timezone.localdate()
Y = TODAY.year


def make_usulan(pegawai, formasi, user, status=StatusUsulan.TERVERIFIKASI, **extra):
    """A proposal put straight into ``status``; the comparison does not care how it got there."""
    fields = {
        "pegawai": pegawai,
        "jenis": JenisMutasi.ANTAR_OPD,
        "alasan": KategoriAlasan.KEBUTUHAN_ORGANISASI,
        "alasan_publik": "Mengisi kekurangan pegawai.",
        "unit_asal": pegawai.unit,
        "jabatan_asal": pegawai.jabatan,
        "formasi_tujuan": formasi,
        "tanggal_rencana": TODAY + datetime.timedelta(days=60),
        "dibuat_oleh": user,
    } | extra
    usulan = Usulan.objects.create(**fields)
    Usulan.objects.filter(pk=usulan.pk).update(status=status)
    return Usulan.objects.get(pk=usulan.pk)


@pytest.fixture
def vacancy(unit_b):
    """A jabatan needing four competencies and one field of study; 3 needed, nobody holds it."""
    jabatan = JabatanFactory(nama="Epidemiolog Kesehatan")
    kompetensi = [Kompetensi.objects.create(nama=n) for n in ("K1 Surveilans", "K2 Statistik")]
    kompetensi += [Kompetensi.objects.create(nama=n) for n in ("K3 Pelaporan", "K4 Komunikasi")]
    jabatan.kompetensi.set(kompetensi)
    kesmas = BidangPendidikan.objects.create(nama="Kesehatan Masyarakat")
    jabatan.bidang_pendidikan.set([kesmas])
    formasi = FormasiFactory(unit=unit_b, jabatan=jabatan, kebutuhan=3)
    return {"formasi": formasi, "kompetensi": kompetensi, "kesmas": kesmas}


def candidate(unit, years_in_post, skp, kompetensi=(), bidang=None, **kwargs):
    pegawai = PegawaiFactory(
        unit=unit,
        tmt_jabatan=add_years(TODAY, -years_in_post),
        bidang_pendidikan=bidang,
        **kwargs,
    )
    pegawai.kompetensi.set(kompetensi)
    for tahun, predikat in skp.items():
        SkpFactory(pegawai=pegawai, tahun=tahun, predikat=predikat)
    return pegawai


@pytest.fixture
def three(vacancy, unit_a, operator_bkd, tim_pertimbangan):
    """Three candidates for the vacancy, each best at something.

    Ana:  7 years in post, SKP 5/4/4 (avg 4.33), competencies K1 K2 K3 (+ one not required),
          Kesehatan Masyarakat → fits; two panel scores 4 and 5 (avg 4.50); objected.
    Budi: 3 years, SKP —/4/5 (avg 4.50 over 2 years), K1 only, another field; score 3.
    Cici: 1 year (fails the 2-year rule), SKP 3/3/3 (avg 3.00), no competencies, none.
    """
    k1, k2, k3, _k4 = vacancy["kompetensi"]
    extra = Kompetensi.objects.create(nama="K9 Tidak diminta")
    sb, b, bp = PredikatSkp.SANGAT_BAIK, PredikatSkp.BAIK, PredikatSkp.BUTUH_PERBAIKAN
    ana = candidate(
        unit_a,
        7,
        {Y - 3: sb, Y - 2: b, Y - 1: b},
        [k1, k2, k3, extra],
        vacancy["kesmas"],
        nama="Ana",
    )
    other_field = BidangPendidikan.objects.create(nama="Teknik Sipil")
    budi = candidate(
        UnitKerjaFactory(perangkat_daerah=unit_a.perangkat_daerah),
        3,
        {Y - 2: b, Y - 1: sb},
        [k1],
        other_field,
        nama="Budi",
    )
    cici = candidate(unit_a, 1, {Y - 3: bp, Y - 2: bp, Y - 1: bp}, nama="Cici")
    formasi = vacancy["formasi"]
    u_ana = make_usulan(ana, formasi, operator_bkd, sikap=SikapPegawai.KEBERATAN)
    u_budi = make_usulan(budi, formasi, operator_bkd, status=StatusUsulan.DIPERTIMBANGKAN)
    u_cici = make_usulan(cici, formasi, operator_bkd, status=StatusUsulan.DIAJUKAN)
    tim2 = UserFactory(roles=[Role.TIM_PERTIMBANGAN])
    PenilaianPanel.objects.create(usulan=u_ana, penilai=tim_pertimbangan, skor=4, komentar="a")
    PenilaianPanel.objects.create(usulan=u_ana, penilai=tim2, skor=5, komentar="b")
    PenilaianPanel.objects.create(usulan=u_budi, penilai=tim_pertimbangan, skor=3, komentar="c")
    # Not candidates: a draft, a withdrawn and a rejected proposal into the same formasi, and a
    # move into it carried out (its employee holds the post now).
    for status in (
        StatusUsulan.KONSEP,
        StatusUsulan.DIBATALKAN,
        StatusUsulan.DITOLAK,
        StatusUsulan.DILAKSANAKAN,
    ):
        make_usulan(PegawaiFactory(unit=unit_a), formasi, operator_bkd, status=status)
    return {"ana": u_ana, "budi": u_budi, "cici": u_cici, "formasi": formasi}


# --- The comparison service --------------------------------------------------------------


def by_name(perbandingan):
    return {k.nama: k for k in perbandingan.kandidat}


def test_only_proposals_still_in_the_running_are_candidates(three):
    p = panel.bandingkan(three["formasi"])
    assert [k.nama for k in p.kandidat] == ["Ana", "Budi", "Cici"]
    assert (p.kebutuhan, p.bezetting, p.kursi_tujuan.bebas) == (3, 0, 3)


def test_the_comparison_counts_the_seat_an_approved_move_already_holds(
    login, three, tim_pertimbangan
):
    """Need 1, nobody holds it, one candidate approved: the page read 'kurang 1 pegawai' and
    the panel went on comparing the others for a seat that was gone."""
    Formasi.objects.filter(pk=three["formasi"].pk).update(kebutuhan=1)
    Usulan.objects.filter(pk=three["budi"].pk).update(status=StatusUsulan.DISETUJUI)
    page = login(tim_pertimbangan).get(reverse("mutasi:panel_formasi", args=[three["formasi"].pk]))
    text = page.text
    assert "kebutuhan 1, terisi 0, 1 pindah masuk sudah disetujui: 0 kursi kosong" in text
    assert "tidak lowong: usulan lain tidak dapat disetujui ke formasi ini" in text
    assert "kurang 1 pegawai" not in text


def test_competency_fit_counts_only_the_required_ones(three):
    k = by_name(panel.bandingkan(three["formasi"]))
    assert (k["Ana"].kompetensi_jumlah_cocok, k["Ana"].kompetensi_jumlah_wajib) == (3, 4)
    assert k["Ana"].kompetensi_cocok == ["K1 Surveilans", "K2 Statistik", "K3 Pelaporan"]
    assert k["Ana"].kompetensi_kurang == ["K4 Komunikasi"]
    assert k["Budi"].kompetensi_jumlah_cocok == 1
    assert k["Cici"].kompetensi_jumlah_cocok == 0


def test_tenure_skp_and_education_match_hand_computation(three):
    k = by_name(panel.bandingkan(three["formasi"]))
    assert [k[n].masa_jabatan_bulan for n in ("Ana", "Budi", "Cici")] == [84, 36, 12]
    assert k["Ana"].masa_jabatan_teks == "7 tahun"
    assert [p for _y, p, _l in k["Ana"].skp] == [5, 4, 4]
    assert [y for y, _p, _l in k["Ana"].skp] == [Y - 3, Y - 2, Y - 1]
    assert k["Ana"].skp_rata == Decimal("4.33")
    assert [p for _y, p, _l in k["Budi"].skp] == [None, 4, 5]
    assert k["Budi"].skp_rata == Decimal("4.50")
    assert k["Cici"].skp_rata == Decimal("3.00")
    assert [k[n].pendidikan_sesuai for n in ("Ana", "Budi", "Cici")] == [True, False, False]


def test_scores_objection_and_eligibility_summary(three):
    k = by_name(panel.bandingkan(three["formasi"]))
    assert (k["Ana"].skor_rata, k["Ana"].skor_jumlah) == (Decimal("4.50"), 2)
    assert (k["Budi"].skor_rata, k["Budi"].skor_jumlah) == (Decimal("3.00"), 1)
    assert (k["Cici"].skor_rata, k["Cici"].skor_jumlah) == (None, 0)
    assert k["Ana"].keberatan and not k["Ana"].keberatan_dijawab
    assert not k["Budi"].keberatan
    failing = {nama for nama, _f, _e in k["Cici"].syarat_gagal_daftar}
    assert "Masa dalam jabatan sekarang" in failing and "Predikat SKP" in failing
    assert k["Cici"].syarat_gagal > k["Ana"].syarat_gagal
    total = k["Ana"].syarat_lulus + k["Ana"].syarat_gagal + k["Ana"].syarat_tinjau
    # every rule of a PNS, each once
    assert total == len(eligibility.NAMA_SYARAT) - len(eligibility.SYARAT_PPPK)


def test_the_workload_effect_comes_from_dampak(three):
    k = by_name(panel.bandingkan(three["formasi"]))
    tujuan = k["Ana"].dampak_tujuan
    assert (tujuan.formasi_sebelum.bezetting, tujuan.formasi_sesudah.bezetting) == (0, 1)
    assert k["Ana"].dampak_asal.peran == "asal"


def test_the_best_value_of_each_row_is_named(three):
    p = panel.bandingkan(three["formasi"])
    rows = {b.kode: b for b in p.baris}

    def best(kode):
        cells = zip(p.kandidat, rows[kode].sel, strict=True)
        return [(k.nama, c.label_terbaik) for k, c in cells if c.terbaik]

    assert best("kompetensi") == [("Ana", "tertinggi")]
    assert best("masa") == [("Ana", "terlama")]
    assert best("skp") == [("Budi", "tertinggi")]
    assert best("skor") == [("Ana", "tertinggi")]
    assert best("pendidikan") == [("Ana", "sesuai")]
    assert rows["kompetensi"].sel[0].teks == "3 dari 4"
    # Every candidate's card shows the same rows.
    assert [label for label, _c in p.kandidat[0].rincian] == [b.label for b in p.baris]


# --- The comparison page -----------------------------------------------------------------


def test_the_panel_sees_the_comparison(login, tim_pertimbangan, three):
    response = login(tim_pertimbangan).get(
        reverse("mutasi:panel_formasi", args=[three["formasi"].pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 dari 4" in html and "terlama" in html and "Ana" in html and "Cici" in html


@pytest.mark.parametrize("persona", ["pejabat", "verifikator", "operator_bkd"])
def test_bkd_and_the_official_see_the_comparison(request, login, persona, three):
    user = request.getfixturevalue(persona)
    url = reverse("mutasi:panel_formasi", args=[three["formasi"].pk])
    assert login(user).get(url).status_code == 200


@pytest.mark.parametrize("persona", ["kepala_opd_a", "operator_opd_b", "asn_a"])
def test_agency_staff_and_employees_may_not_compare(request, login, persona, three):
    user = request.getfixturevalue(persona)
    url = reverse("mutasi:panel_formasi", args=[three["formasi"].pk])
    assert login(user).get(url).status_code == 403
    assert login(user).get(reverse("mutasi:panel_list")).status_code == 403


def test_anonymous_is_sent_to_log_in(client, three):
    url = reverse("mutasi:panel_formasi", args=[three["formasi"].pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_unknown_formasi_is_404(login, tim_pertimbangan):
    url = reverse("mutasi:panel_formasi", args=[999999])
    assert login(tim_pertimbangan).get(url).status_code == 404


def test_the_list_shows_vacancies_under_review_with_counts(login, tim_pertimbangan, three):
    quiet = FormasiFactory(kebutuhan=2)
    make_usulan(PegawaiFactory(), quiet, tim_pertimbangan, status=StatusUsulan.DIAJUKAN)
    response = login(tim_pertimbangan).get(reverse("mutasi:panel_list"))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [f.pk for f in rows] == [three["formasi"].pk]
    f = rows[0]
    assert (f.jumlah_terverifikasi, f.jumlah_dipertimbangkan, f.jumlah_kandidat) == (1, 1, 3)
    url = reverse("mutasi:panel_formasi", args=[three["formasi"].pk])
    assert url in response.content.decode()


def test_the_list_shows_the_free_seats_counting_approved_moves(login, tim_pertimbangan, three):
    """'Kebutuhan 1, Terisi 0' with a move already approved into it read as a vacancy."""
    Formasi.objects.filter(pk=three["formasi"].pk).update(kebutuhan=1)
    Usulan.objects.filter(pk=three["cici"].pk).update(status=StatusUsulan.DISETUJUI)
    response = login(tim_pertimbangan).get(reverse("mutasi:panel_list"))
    (f,) = response.context["rows"]
    assert (f.kebutuhan, f.bezetting, f.masuk, f.kursi_kosong) == (1, 0, 1, 0)
    text = response.content.decode()
    assert "Kursi kosong" in text and "1 sudah disetujui" in text
    assert "kebutuhan 1, terisi 0, kursi kosong 0;" in text


def _add_candidates(formasi, user, unit, n):
    for _ in range(n):
        pegawai = candidate(unit, 4, {Y - 2: PredikatSkp.BAIK, Y - 1: PredikatSkp.BAIK})
        usulan = make_usulan(pegawai, formasi, user)
        PenilaianPanel.objects.create(usulan=usulan, penilai=user, skor=4, komentar="x")


# Each candidate costs the eligibility rules four queries of their own (holders of the
# target and of the origin, the origin's need, the documents); everything else is shared.


def test_query_count_does_not_grow_with_the_candidates(login, tim_pertimbangan, vacancy, unit_a):
    formasi = vacancy["formasi"]
    client = login(tim_pertimbangan)
    url = reverse("mutasi:panel_formasi", args=[formasi.pk])

    _add_candidates(formasi, tim_pertimbangan, unit_a, 2)
    client.get(url)  # warm the caches (content types, session)
    with CaptureQueriesContext(connection) as two:
        assert client.get(url).status_code == 200

    _add_candidates(formasi, tim_pertimbangan, UnitKerjaFactory(), 2)
    with CaptureQueriesContext(connection) as four:
        assert client.get(url).status_code == 200

    # Session, user, groups; formasi twice (404 check, then with its requirements) and its
    # two requirement lists; proposals and four prefetches; their panel scores and the
    # employees' competencies; three for the workload effect (with the origin's need and
    # holders); the rule settings and regional rules of the day (mutasi.ketentuan), once for
    # all candidates.
    assert len(two) == len(four) == 20


# The page's two loops over the cells before ``panel_html`` wrote them.
LOOP_TABEL = Template(
    "{% for c in b.sel %}\n"
    '        <td class="small{% if c.terbaik %} table-success{% endif %}">\n'
    '          {% include "mutasi/panel_sel.html" %}\n'
    "        </td>\n"
    "        {% endfor %}"
)
LOOP_KARTU = Template(
    "{% for label, c in k.rincian %}\n"
    '      <dt class="small text-body-secondary fw-semibold">{{ label }}</dt>\n'
    '      <dd class="small{% if c.terbaik %} bg-success-subtle rounded px-1{% endif %}">'
    '{% include "mutasi/panel_sel.html" %}</dd>\n'
    "      {% endfor %}"
)


def test_the_cells_written_in_python_are_the_templates_markup(three):
    p = panel.bandingkan(three["formasi"])
    for b in p.baris:
        assert panel_html.sel_baris(b) == LOOP_TABEL.render(Context({"b": b}))
    for k in p.kandidat:
        assert panel_html.sel_kartu(k) == LOOP_KARTU.render(Context({"k": k}))
    odd = panel.Baris("x", "<Label> & 'y'", [panel.Sel(teks="a", terbaik=True), panel.Sel("b")])
    assert panel_html.sel_baris(odd) == LOOP_TABEL.render(Context({"b": odd}))
    odd_card = SimpleNamespace(rincian=[(odd.label, c) for c in odd.sel])
    assert panel_html.sel_kartu(odd_card) == LOOP_KARTU.render(Context({"k": odd_card}))
    cells = [cell for row in p.baris for cell in row.sel]
    cells += [
        panel.Sel(teks=""),
        panel.Sel(
            teks="<b>Budi</b> & 'Ani'",
            rincian=["satu <i>", "", 'dua "tiga"'],
            nada="danger",
            terbaik=True,
            label_terbaik="tertinggi & <b>",
        ),
        panel.Sel(teks=mark_safe("aman <em>ya</em>"), rincian=[mark_safe("<b>x</b>")]),
    ]
    assert any(c.terbaik for c in cells) and any(c.rincian for c in cells)
    for c in cells:
        assert panel_html.sel_panel(c) == render_to_string("mutasi/panel_sel.html", {"c": c})
    assert "&lt;b&gt;Budi&lt;/b&gt; &amp; &#x27;Ani&#x27;" in panel_html.sel_panel(cells[-2])


# --- Scoring, recommending and answering from the proposal page ---------------------------


@pytest.fixture
def verified(kepala_opd_a, verifikator, pegawai_a, unit_b):
    """A proposal driven through the services to Terverifikasi."""
    pegawai_a.tmt_jabatan = datetime.date(2020, 1, 1)
    pegawai_a.save()
    for tahun in eligibility.tahun_skp(TODAY):
        SkpFactory(pegawai=pegawai_a, tahun=tahun, predikat=PredikatSkp.BAIK)
    formasi = FormasiFactory(unit=unit_b, jabatan=pegawai_a.jabatan, kebutuhan=2)
    usulan = services.buat_usulan(
        kepala_opd_a,
        pegawai_a,
        jenis=JenisMutasi.ANTAR_OPD,
        alasan=KategoriAlasan.KEBUTUHAN_ORGANISASI,
        alasan_publik="Mengisi kekurangan tenaga.",
        formasi_tujuan=formasi,
        tanggal_rencana=TODAY + datetime.timedelta(days=60),
    )
    for jenis in usulan.dokumen_wajib:
        services.unggah_dokumen(
            usulan.pk, kepala_opd_a, jenis, SimpleUploadedFile("x.pdf", PDF, "application/pdf")
        )
    services.ajukan(usulan.pk, kepala_opd_a)
    for dokumen in usulan.dokumen.all():
        services.periksa_dokumen(dokumen.pk, verifikator, StatusDokumen.DITERIMA)
    services.verifikasi(usulan.pk, verifikator)
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.TERVERIFIKASI
    return usulan


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_panel_member_scores_from_the_page(login, tim_pertimbangan, verified):
    url = reverse("mutasi:panel_nilai", args=[verified.pk])
    response = login(tim_pertimbangan).post(url, {"skor": "4", "komentar": "Kompetensi cocok."})
    assert response.status_code == 302
    assert response.url == f"{verified.get_absolute_url()}#panel"
    row = PenilaianPanel.objects.get(usulan=verified, penilai=tim_pertimbangan)
    assert (row.skor, row.komentar) == (4, "Kompetensi cocok.")
    assert messages_of(response) == ["Penilaian Anda disimpan."]
    # A second post updates the same row.
    login(tim_pertimbangan).post(url, {"skor": "5", "komentar": "Setelah wawancara."})
    assert PenilaianPanel.objects.get(usulan=verified).skor == 5


@pytest.mark.parametrize("persona", ["asn_a", "verifikator"])
def test_others_cannot_score(request, login, persona, verified):
    user = request.getfixturevalue(persona)
    url = reverse("mutasi:panel_nilai", args=[verified.pk])
    response = login(user).post(url, {"skor": "5", "komentar": "Saya layak."})
    assert response.status_code == 403
    assert not PenilaianPanel.objects.exists()


def test_anonymous_cannot_score(client, verified):
    response = client.post(reverse("mutasi:panel_nilai", args=[verified.pk]), {"skor": "5"})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert not PenilaianPanel.objects.exists()


@pytest.mark.parametrize("skor", ["0", "6", "", "lima"])
def test_a_score_outside_one_to_five_is_refused_with_a_message(
    login, tim_pertimbangan, verified, skor
):
    url = reverse("mutasi:panel_nilai", args=[verified.pk])
    response = login(tim_pertimbangan).post(url, {"skor": skor, "komentar": "Cukup."})
    assert response.status_code == 302
    assert messages_of(response) == ["Skor harus 1 sampai 5."]
    assert not PenilaianPanel.objects.exists()


def test_a_recommendation_needs_a_score_first(login, tim_pertimbangan, verified):
    client = login(tim_pertimbangan)
    url = reverse("mutasi:panel_rekomendasi", args=[verified.pk])
    data = {"rekomendasi": "setujui", "catatan": "Kompeten dan dibutuhkan."}
    response = client.post(url, data)
    assert messages_of(response) == ["Belum ada penilaian anggota tim."]
    verified.refresh_from_db()
    assert verified.status == StatusUsulan.TERVERIFIKASI

    client.post(reverse("mutasi:panel_nilai", args=[verified.pk]), {"skor": "4", "komentar": "x"})
    response = client.post(url, data)
    verified.refresh_from_db()
    assert verified.status == StatusUsulan.DIPERTIMBANGKAN
    assert verified.rekomendasi == "setujui"
    assert verified.rekomendasi_catatan == "Kompeten dan dibutuhkan."


def test_the_panel_answers_an_objection_from_the_page(login, tim_pertimbangan, asn_a, verified):
    services.catat_sikap(verified.pk, asn_a, SikapPegawai.KEBERATAN, "Anak saya sekolah di sini.")
    url = reverse("mutasi:panel_jawab", args=[verified.pk])
    response = login(tim_pertimbangan).post(url, {"jawaban": "  "})
    assert messages_of(response) == ["Tuliskan jawaban atas keberatan."]
    login(tim_pertimbangan).post(url, {"jawaban": "Ada sekolah di dekat lokasi baru."})
    verified.refresh_from_db()
    assert verified.jawaban_keberatan == "Ada sekolah di dekat lokasi baru."


def test_posting_is_the_only_way(login, tim_pertimbangan, verified):
    url = reverse("mutasi:panel_nilai", args=[verified.pk])
    assert login(tim_pertimbangan).get(url).status_code == 405


# --- The partial on the proposal page ------------------------------------------------------


def render_panel(user, usulan):
    request = RequestFactory().get("/")
    request.user = user
    context = {"usulan": usulan, "penilaian": panel.penilaian_untuk(usulan)}
    return render_to_string("mutasi/inc/panel.html", context, request=request)


def test_the_partial_gives_the_panel_its_forms(tim_pertimbangan, verified):
    services.nilai(verified.pk, tim_pertimbangan, 4, "Kompetensi cocok.")
    html = render_panel(tim_pertimbangan, verified)
    assert reverse("mutasi:panel_nilai", args=[verified.pk]) in html
    assert reverse("mutasi:panel_rekomendasi", args=[verified.pk]) in html
    assert "sangat tidak layak" in html and "sangat layak" in html
    assert 'value="4" checked' in html
    assert "Rata-rata <strong>4,00</strong> dari 5 (1 penilai)" in html


def test_the_partial_shows_no_forms_to_the_verifier(verifikator, tim_pertimbangan, verified):
    services.nilai(verified.pk, tim_pertimbangan, 3, "Ragu.")
    html = render_panel(verifikator, verified)
    assert "panel_nilai" not in html and "<form" not in html
    assert "Ragu." in html


def test_the_partial_shows_the_recommendation_and_its_basis(tim_pertimbangan, verified):
    services.nilai(verified.pk, tim_pertimbangan, 4, "Baik.")
    services.rekomendasikan(verified.pk, tim_pertimbangan, "setujui", "Dibutuhkan unit tujuan.")
    verified.refresh_from_db()
    html = render_panel(tim_pertimbangan, verified)
    assert "Direkomendasikan untuk disetujui" in html
    assert "Dibutuhkan unit tujuan." in html
    # Dipertimbangkan: the score may still change, the recommendation is made.
    assert reverse("mutasi:panel_nilai", args=[verified.pk]) in html
    assert reverse("mutasi:panel_rekomendasi", args=[verified.pk]) not in html


def test_the_partial_shows_the_objection_and_the_answer_form(tim_pertimbangan, asn_a, verified):
    services.catat_sikap(verified.pk, asn_a, SikapPegawai.KEBERATAN, "Anak saya sekolah di sini.")
    verified.refresh_from_db()
    html = render_panel(tim_pertimbangan, verified)
    assert "Anak saya sekolah di sini." in html
    assert reverse("mutasi:panel_jawab", args=[verified.pk]) in html
