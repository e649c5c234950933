"""Candidates for a vacancy, redistribution plans, the fairness audit and explanations."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from instansi.models import Formasi
from mutasi.models import AuditLog, LangkahRencana, RencanaRedistribusi, Usulan
from mutasi.pencocokan import audit, data, kandidat, rencana, skor
from mutasi.usulan import eligibility
from mutasi.usulan.choices import StatusUsulan
from pegawai.choices import PredikatSkp, TingkatPotensi
from pegawai.models import Pegawai, PotensiPegawai, PreferensiMutasi
from tests.factories import (
    FormasiFactory,
    JabatanFactory,
    PegawaiFactory,
    PerangkatDaerahFactory,
    SkpFactory,
)

pytestmark = pytest.mark.django_db

THIS_YEAR = datetime.date.today().year


def eligible(unit, jabatan, predikat=PredikatSkp.BAIK, **kwargs):
    p = PegawaiFactory(unit=unit, jabatan=jabatan, tmt_jabatan=datetime.date(2019, 1, 1), **kwargs)
    for tahun in eligibility.tahun_skp(datetime.date.today()):
        SkpFactory(pegawai=p, tahun=tahun, predikat=predikat)
    return p


@pytest.fixture
def world(opd_a, opd_b, unit_a, unit_b):
    """Unit A holds 3 analysts where 1 is needed; unit B needs 2 and has none."""
    jab = JabatanFactory(nama="Analis Kepegawaian")
    origin = FormasiFactory(unit=unit_a, jabatan=jab, kebutuhan=1)
    vacancy = FormasiFactory(unit=unit_b, jabatan=jab, kebutuhan=2)
    people = [eligible(unit_a, jab, nama=f"Pegawai {c}") for c in "ABC"]
    blocked = eligible(unit_a, jab, predikat=PredikatSkp.KURANG, nama="Pegawai Kurang")
    return {
        "jabatan": jab,
        "origin": origin,
        "vacancy": vacancy,
        "people": people,
        "blocked": blocked,
    }


# --- Scores ---------------------------------------------------------------------------


def test_score_parts_add_up_and_match_hand_computation(world):
    p = world["people"][0]
    PotensiPegawai.objects.create(pegawai=p, tingkat=TingkatPotensi.TINGGI, tahun=THIS_YEAR)
    pref = PreferensiMutasi.objects.create(pegawai=p, bersedia_pindah=True)
    pref.perangkat_daerah.add(world["vacancy"].unit.perangkat_daerah)
    (f,) = data.muat(data.pegawai_queryset().filter(pk=p.pk))
    bobot = {
        "kompetensi": 30,
        "kinerja": 25,
        "masa_jabatan": 15,
        "beban_asal": 15,
        "preferensi": 10,
        "talenta": 5,
    }
    result = data.hitung_skor(f, world["vacancy"], bobot)
    parts = {b.kode: b.poin for b in result.bagian}
    # No required field nor competency: the middle value 0.5, not a full fit; SKP Baik
    # twice: 0.75; > 5 years: 1.0; 4 holders for 1 needed: 3/4; asked for this agency: 0.75;
    # Baik × potential high: box 7. Exactly 15 + 18.75 + 15 + 11.25 + 7.5 + 3.75 = 71.25,
    # printed 71.3; the parts to one decimal add up to it (two of the three halves go up).
    assert parts == {
        "kompetensi": 15.0,
        "kinerja": 18.8,
        "masa_jabatan": 15.0,
        "beban_asal": 11.3,
        "preferensi": 7.5,
        "talenta": 3.7,
    }
    assert result.total == 71.3 == data.total(f, world["vacancy"], bobot)
    assert "tidak menyebut bidang pendidikan (nilai tengah)" in result.bagian[0].fakta
    assert "tidak menyebut kompetensi (nilai tengah)" in result.bagian[0].fakta


def test_weights_are_normalised_to_a_total_of_100():
    values = dict.fromkeys(skor.BAGIAN, 1.0)
    assert skor.gabung(values, dict.fromkeys(skor.BAGIAN, 3)).total == pytest.approx(100)


@pytest.mark.parametrize(
    "bobot, message",
    [
        ({"kompetensi": -1}, "negatif"),
        ({}, "lebih dari nol"),
        ({"kinerja": "x"}, "bilangan bulat"),
    ],
)
def test_bad_weights_are_refused_with_a_message(bobot, message):
    with pytest.raises(ValidationError, match=message):
        skor.periksa_bobot(bobot)


def test_value_functions_by_hand():
    assert skor.nilai_kompetensi(True, 1, 2) == 0.75
    assert skor.nilai_kompetensi(True, 2, 2) == 1.0
    # Nothing stated is the middle value, never a full fit.
    assert skor.nilai_kompetensi(None, 0, 0) == 0.5
    assert skor.nilai_kompetensi(False, 0, 0) == 0.25
    assert skor.nilai_kinerja([5, None]) == 0.5
    assert skor.nilai_beban_asal(2, 2) == 0.0
    assert skor.nilai_beban_asal(1, 4) == 0.75
    assert skor.nilai_preferensi(False, True, True) == 0.0
    assert skor.nilai_preferensi(None, False, False) == 0.5
    assert skor.kotak_talenta(5, None) is None
    assert skor.nilai_talenta(None) == 0.5


# PermenPANRB 3/2020, performance (latest SKP: Sangat Baik above expectation, Baik as
# expected, anything lower below) × potential → box.
SEMBILAN_KOTAK = [
    (PredikatSkp.BUTUH_PERBAIKAN, TingkatPotensi.RENDAH, 1),
    (PredikatSkp.BUTUH_PERBAIKAN, TingkatPotensi.MENENGAH, 2),
    (PredikatSkp.BAIK, TingkatPotensi.RENDAH, 3),
    (PredikatSkp.BUTUH_PERBAIKAN, TingkatPotensi.TINGGI, 4),
    (PredikatSkp.BAIK, TingkatPotensi.MENENGAH, 5),
    (PredikatSkp.SANGAT_BAIK, TingkatPotensi.RENDAH, 6),
    (PredikatSkp.BAIK, TingkatPotensi.TINGGI, 7),
    (PredikatSkp.SANGAT_BAIK, TingkatPotensi.MENENGAH, 8),
    (PredikatSkp.SANGAT_BAIK, TingkatPotensi.TINGGI, 9),
]


@pytest.mark.parametrize(("predikat", "potensi", "kotak"), SEMBILAN_KOTAK)
def test_talent_box_cell_by_cell_in_the_candidate_score(world, predikat, potensi, kotak):
    p = eligible(world["origin"].unit, world["jabatan"], predikat=predikat)
    PotensiPegawai.objects.create(pegawai=p, tingkat=potensi, tahun=THIS_YEAR)
    (f,) = data.muat(data.pegawai_queryset().filter(pk=p.pk))
    bobot = dict.fromkeys(skor.BAGIAN, 1)
    talenta = next(
        b for b in data.hitung_skor(f, world["vacancy"], bobot).bagian if b.kode == "talenta"
    )
    assert talenta.nilai == (kotak - 1) / 8
    assert talenta.fakta.startswith(f"Kotak {kotak}: kinerja ")
    assert data.nilai(f, world["vacancy"])["talenta"] == (kotak - 1) / 8


def test_every_box_number_is_used_once():
    assert sorted(skor.KOTAK.values()) == list(range(1, 10))


def test_candidates_page_names_the_box_and_both_axes(world, operator_bkd, login):
    a, b = world["people"][:2]
    PotensiPegawai.objects.create(pegawai=a, tingkat=TingkatPotensi.TINGGI, tahun=THIS_YEAR)
    b.skp.update(predikat=PredikatSkp.SANGAT_BAIK)
    PotensiPegawai.objects.create(pegawai=b, tingkat=TingkatPotensi.RENDAH, tahun=THIS_YEAR)
    response = login(operator_bkd).get(reverse("pencocokan:kandidat", args=[world["vacancy"].pk]))
    body = response.content.decode()
    assert "Kotak 7: kinerja sesuai ekspektasi, potensi tinggi" in body
    assert "Kotak 6: kinerja di atas ekspektasi, potensi rendah" in body


# --- Candidates -----------------------------------------------------------------------


def test_candidates_are_ranked_and_the_ineligible_explained(world):
    PreferensiMutasi.objects.create(pegawai=world["people"][1], bersedia_pindah=False)
    daftar = kandidat.kandidat(world["vacancy"])
    names = [k.pegawai.nama for k in daftar.layak]
    assert set(names) == {"Pegawai A", "Pegawai B", "Pegawai C"}
    assert names[-1] == "Pegawai B"  # not willing: preference part 0
    assert daftar.tidak_layak == []  # the reasons are built only on demand
    daftar = kandidat.kandidat(world["vacancy"], dengan_alasan=True)
    assert [k.pegawai.nama for k in daftar.layak] == names
    (out,) = daftar.tidak_layak
    assert out.pegawai == world["blocked"]
    assert any("SKP" in a for a in out.alasan)


def test_bkd_creates_a_draft_proposal_in_one_step(world, operator_bkd, login):
    client = login(operator_bkd)
    url = reverse("pencocokan:usulkan", args=[world["vacancy"].pk])
    response = client.post(url, {"pegawai": world["people"][0].pk})
    usulan = Usulan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == usulan.get_absolute_url()
    assert usulan.status == StatusUsulan.KONSEP
    assert usulan.formasi_tujuan == world["vacancy"]
    assert AuditLog.objects.filter(action="mutasi.usulan.dibuat").exists()


def test_an_ineligible_employee_cannot_be_proposed_from_the_list(world, operator_bkd, login):
    client = login(operator_bkd)
    url = reverse("pencocokan:usulkan", args=[world["vacancy"].pk])
    response = client.post(url, {"pegawai": world["blocked"].pk}, follow=True)
    assert not Usulan.objects.exists()
    assert "tidak memenuhi syarat" in response.content.decode()


def test_vacancy_with_no_eligible_candidate_says_so(operator_bkd, login, unit_b):
    vacancy = FormasiFactory(unit=unit_b, kebutuhan=1)
    response = login(operator_bkd).get(reverse("pencocokan:kandidat", args=[vacancy.pk]))
    assert response.status_code == 200
    assert "Tidak ada pegawai yang memenuhi semua syarat" in response.content.decode()


def test_candidates_page_shows_the_weights(world, operator_bkd, login):
    response = login(operator_bkd).get(reverse("pencocokan:kandidat", args=[world["vacancy"].pk]))
    body = response.content.decode()
    assert "Kinerja (SKP): 25" in body
    assert "Pegawai A" in body and "Buat usulan" in body


def test_candidates_page_query_count_does_not_grow_with_employees(world, operator_bkd, login):
    client = login(operator_bkd)
    url = reverse("pencocokan:kandidat", args=[world["vacancy"].pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for c in "DEFGH":
        eligible(world["origin"].unit, world["jabatan"], nama=f"Pegawai {c}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


# --- Plans ----------------------------------------------------------------------------


def compute(user, **kwargs):
    args = {
        "opd_ids": [],
        "satu_opd": False,
        "maks_keluar": 2,
        "bobot": skor.bobot_default(),
    }
    args.update(kwargs)
    return rencana.buat(user, **args)


def test_plan_moves_surplus_to_shortage_within_the_caps(world, operator_bkd):
    plan = compute(operator_bkd, maks_keluar=5)
    assert plan.selesai
    moves = list(plan.langkah.all())
    # Surplus is 3 (4 holders, 1 needed) but only 3 are eligible and 2 are needed.
    assert len(moves) == 2
    assert {m.formasi_tujuan for m in moves} == {world["vacancy"]}
    assert world["blocked"].pk not in {m.pegawai_id for m in moves}
    assert plan.total_skor == pytest.approx(sum(m.skor for m in moves))


def test_plan_honours_the_per_unit_cap_and_reports_what_is_unfilled(world, operator_bkd):
    plan = compute(operator_bkd, maks_keluar=1)
    assert plan.langkah.count() == 1
    (unfilled,) = plan.ringkasan["tidak_terisi"]
    assert unfilled["sisa"] == 1
    assert "batas" in unfilled["alasan"]


def test_a_formasi_never_drops_below_its_need(operator_bkd, unit_a, unit_b):
    jab = JabatanFactory()
    FormasiFactory(unit=unit_a, jabatan=jab, kebutuhan=2)
    FormasiFactory(unit=unit_b, jabatan=jab, kebutuhan=5)
    for _ in range(3):
        eligible(unit_a, jab)
    plan = compute(operator_bkd, maks_keluar=10)
    assert plan.langkah.count() == 1  # 3 holders, 2 needed


def test_same_agency_option_keeps_moves_inside(world, operator_bkd):
    plan = compute(operator_bkd, satu_opd=True)
    assert plan.langkah.count() == 0
    assert "perangkat daerah yang sama" in plan.ringkasan["tidak_terisi"][0]["alasan"]


def test_empty_selection_is_refused(operator_bkd):
    empty = PerangkatDaerahFactory()
    with pytest.raises(ValidationError, match="kosong"):
        compute(operator_bkd, opd_ids=[empty.pk])


def test_accepting_moves_creates_proposals(world, operator_bkd):
    plan = compute(operator_bkd)
    ids = list(plan.langkah.values_list("pk", flat=True))
    created = rencana.terima(plan, operator_bkd, ids[:1])
    assert len(created) == 1
    assert created[0].status == StatusUsulan.KONSEP
    # Its own proposals do not make the plan stale: the rest can still be accepted.
    assert rencana.masih_berlaku(plan)
    rencana.terima(plan, operator_bkd, ids[1:])
    assert Usulan.objects.count() == 2


def test_accepting_is_atomic(world, operator_bkd, monkeypatch):
    plan = compute(operator_bkd)
    ids = list(plan.langkah.values_list("pk", flat=True))
    original = kandidat.buat_usulan
    calls = []

    def fail_on_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise ValidationError("gagal di tengah jalan")
        return original(*args, **kwargs)

    monkeypatch.setattr(kandidat, "buat_usulan", fail_on_second)
    with pytest.raises(ValidationError):
        rencana.terima(plan, operator_bkd, ids)
    assert len(calls) == 2
    assert not Usulan.objects.exists()
    assert not LangkahRencana.objects.filter(usulan__isnull=False).exists()


def test_a_stale_plan_is_refused(world, operator_bkd, login):
    plan = compute(operator_bkd)
    world["origin"].kebutuhan = 3
    world["origin"].save()
    assert not rencana.masih_berlaku(plan)
    client = login(operator_bkd)
    ids = list(plan.langkah.values_list("pk", flat=True))
    url = reverse("pencocokan:rencana_terima", args=[plan.pk])
    response = client.post(url, {"langkah": ids}, follow=True)
    assert "sudah usang" in response.content.decode()
    assert not Usulan.objects.exists()


def test_plan_form_refuses_bad_weights_without_a_500(world, operator_bkd, login):
    client = login(operator_bkd)
    data_ = {"maks_keluar": 2, **{f"bobot_{k}": 0 for k in skor.BAGIAN}}
    response = client.post(reverse("pencocokan:index"), data_)
    assert response.status_code == 200
    assert "lebih dari nol" in response.content.decode()
    data_["bobot_kinerja"] = -5
    response = client.post(reverse("pencocokan:index"), data_)
    assert "tidak boleh negatif" in response.content.decode()
    assert not RencanaRedistribusi.objects.exists()


def test_plan_form_computes_and_shows_the_plan(world, operator_bkd, login):
    client = login(operator_bkd)
    form = {"maks_keluar": 2, **{f"bobot_{k}": v for k, v in skor.bobot_default().items()}}
    response = client.post(reverse("pencocokan:index"), form, follow=True)
    body = response.content.decode()
    assert "Langkah pindah" in body
    assert "Pegawai" in body and "Simpangan baku EJ" in body
    assert "Audit keadilan" in body


def test_large_plans_run_in_the_background(
    world, operator_bkd, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(rencana, "BATAS_LATAR", 0)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        plan = compute(operator_bkd)
    assert plan.berjalan
    assert len(callbacks) == 1
    callbacks[0]()  # the immediate task backend runs the task now
    plan.refresh_from_db()
    assert plan.selesai and plan.langkah.count() == 2


def test_status_partial_polls_while_running(world, operator_bkd, login):
    plan = RencanaRedistribusi.objects.create(
        dibuat_oleh=operator_bkd, maks_keluar=2, bobot=skor.bobot_default(), progres=40
    )
    response = login(operator_bkd).get(reverse("pencocokan:rencana_status", args=[plan.pk]))
    body = response.content.decode()
    assert 'hx-trigger="every 2s"' in body and 'value="40"' in body


def test_plan_detail_query_count_does_not_grow_with_moves(operator_bkd, login, unit_a, unit_b):
    jab = JabatanFactory()
    FormasiFactory(unit=unit_a, jabatan=jab, kebutuhan=0)
    FormasiFactory(unit=unit_b, jabatan=jab, kebutuhan=10)
    # A post is never emptied: of two holders one may go, of six five.
    eligible(unit_a, jab)
    eligible(unit_a, jab)
    client = login(operator_bkd)
    small = compute(operator_bkd, maks_keluar=10)
    assert small.langkah.count() == 1
    for _ in range(4):
        eligible(unit_a, jab)
    big = compute(operator_bkd, maks_keluar=10)
    assert big.langkah.count() == 5
    client.get(small.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(small.get_absolute_url())
    with CaptureQueriesContext(connection) as many:
        client.get(big.get_absolute_url())
    assert len(many) == len(few)


# --- Permissions ----------------------------------------------------------------------


def test_accepting_with_step_ids_that_are_not_plain_numbers_names_nothing(
    world, operator_bkd, login
):
    """Regression: "²" passed ``str.isdigit`` and ``int()`` raised, a 500."""
    plan = compute(operator_bkd)
    url = reverse("pencocokan:rencana_terima", args=[plan.pk])
    for value in ("²", "٣", "9" * 30, "-1", ""):
        response = login(operator_bkd).post(url, {"langkah": [value]}, follow=True)
        assert response.status_code == 200
        assert "Pilih paling sedikit satu langkah" in response.content.decode()
    assert not Usulan.objects.exists()


def test_verifier_sees_plans_but_cannot_accept(world, operator_bkd, verifikator, login):
    plan = compute(operator_bkd)
    client = login(verifikator)
    assert client.get(plan.get_absolute_url()).status_code == 200
    url = reverse("pencocokan:rencana_terima", args=[plan.pk])
    ids = list(plan.langkah.values_list("pk", flat=True))
    assert client.post(url, {"langkah": ids}).status_code == 403
    assert not Usulan.objects.exists()


def test_opd_staff_and_asn_get_404_on_plans_and_403_on_pages(
    world, operator_bkd, kepala_opd_a, asn_a, login, client
):
    plan = compute(operator_bkd)
    for user in (kepala_opd_a, asn_a):
        client.force_login(user)
        assert client.get(plan.get_absolute_url()).status_code == 404
        assert client.get(reverse("pencocokan:rencana_status", args=[plan.pk])).status_code == 404
        url = reverse("pencocokan:rencana_terima", args=[plan.pk])
        assert client.post(url, {"langkah": [1]}).status_code == 404
        assert client.get(reverse("pencocokan:index")).status_code == 403
        url = reverse("pencocokan:kandidat", args=[world["vacancy"].pk])
        assert client.get(url).status_code == 403


def test_anonymous_is_sent_to_log_in(world, client):
    response = client.get(reverse("pencocokan:index"))
    assert response.status_code == 302 and "next=" in response["Location"]


def test_opd_head_cannot_create_a_proposal_from_candidates(world, kepala_opd_a, login):
    url = reverse("pencocokan:usulkan", args=[world["vacancy"].pk])
    assert login(kepala_opd_a).post(url, {"pegawai": world["people"][0].pk}).status_code == 403


# --- Audit and explanation ------------------------------------------------------------


def _people(unit, n, jenis_kelamin):
    return [PegawaiFactory(unit=unit, jenis_kelamin=jenis_kelamin) for _ in range(n)]


def test_audit_flags_a_group_chosen_at_under_four_fifths_of_the_top_rate(opd_a, unit_a):
    men, women = _people(unit_a, 40, "1"), _people(unit_a, 40, "2")
    result = audit.audit([p.pk for p in men + women], [p.pk for p in men[:10] + women[:2]])
    (warning,) = result.peringatan
    assert warning == (
        "Jenis kelamin Perempuan: 5% dari 40 pegawai terpilih, kurang dari empat per lima "
        "tingkat kelompok Laki-laki (25% dari 40)."
    )
    rows = {r.kelompok: r for r in result.dimensi["Jenis kelamin"]}
    assert rows["Perempuan"].ditandai and not rows["Laki-laki"].ditandai
    assert rows["Perempuan"].rasio == pytest.approx(0.2)


def test_audit_leaves_a_difference_within_four_fifths_alone(opd_a, unit_a):
    men, women = _people(unit_a, 40, "1"), _people(unit_a, 40, "2")
    # 10 of 40 against 9 of 40: 0.9 of the top rate.
    result = audit.audit([p.pk for p in men + women], [p.pk for p in men[:10] + women[:9]])
    assert result.peringatan == []


def test_audit_does_not_compare_groups_too_small_to_mean_anything(opd_a, unit_a):
    # Every man chosen, no woman: a large gap, but five people each.
    men, women = _people(unit_a, 5, "1"), _people(unit_a, 5, "2")
    result = audit.audit([p.pk for p in men + women], [p.pk for p in men])
    assert result.peringatan == []
    assert not any(r.dibandingkan for r in result.dimensi["Jenis kelamin"])


def test_repeated_moves_are_flagged_at_two_within_the_window(opd_a, unit_a, operator_bkd):
    from pegawai.models import RiwayatJabatan
    from tests.factories import make_move

    today = datetime.date.today()
    recent, long_ago, never = _people(unit_a, 3, "1")
    for p, moved in ((recent, today - datetime.timedelta(days=400)), (long_ago, None)):
        RiwayatJabatan.objects.create(
            pegawai=p, jabatan=p.jabatan, unit=unit_a, mulai=datetime.date(2010, 1, 1)
        )
        RiwayatJabatan.objects.create(
            pegawai=p,
            jabatan=p.jabatan,
            unit=unit_a,
            mulai=moved or today - datetime.timedelta(days=365 * audit.TAHUN_ULANG + 30),
        )
    people = [recent, long_ago, never]
    result = audit.audit([p.pk for p in people], [p.pk for p in people])
    assert [(p, fact) for p, fact in result.berulang] == [
        (recent, "2 kali pindah dalam 3 tahun terakhir, termasuk yang diaudit")
    ]
    # Decisions: a move carried out once is one move, not a warning.
    make_move(
        never, FormasiFactory(unit=unit_a), today - datetime.timedelta(days=100), operator_bkd
    )
    decided = audit.audit_keputusan()
    assert never not in [p for p, _ in decided.berulang]


def test_decision_audit_page(operator_bkd, login, pegawai_a):
    response = login(operator_bkd).get(reverse("pencocokan:audit"))
    assert response.status_code == 200
    assert "Jenis kelamin" in response.content.decode()


def test_explanation_says_why_not_moved(world, operator_bkd, login):
    compute(operator_bkd)
    client = login(operator_bkd)
    body = client.get(reverse("pencocokan:penjelasan", args=[world["blocked"].pk])).content
    assert "Tidak dapat diusulkan" in body.decode()
    moved = LangkahRencana.objects.first().pegawai
    body = client.get(reverse("pencocokan:penjelasan", args=[moved.pk])).content.decode()
    assert "ia dipindah ke" in body


def test_explanation_for_a_protected_unit(operator_bkd, login, unit_a):
    jab = JabatanFactory()
    FormasiFactory(unit=unit_a, jabatan=jab, kebutuhan=3)
    p = eligible(unit_a, jab)
    body = login(operator_bkd).get(reverse("pencocokan:penjelasan", args=[p.pk])).content
    assert "Dilindungi: formasi asalnya akan kekurangan (kebutuhan 3, terisi 1)" in body.decode()


# --- Shared pages: vacancy list, profile, preference form ------------------------------


def test_vacancy_list_links_candidates_for_bkd_only(world, operator_bkd, kepala_opd_a, login):
    from django.test import Client

    url = reverse("mutasi:lowongan")
    kandidat_url = reverse("pencocokan:kandidat", args=[world["vacancy"].pk])
    assert kandidat_url in login(operator_bkd).get(url).content.decode()
    other = Client()
    other.force_login(kepala_opd_a)
    assert kandidat_url not in other.get(url).content.decode()


def test_profile_links_the_explanation_for_bkd(world, operator_bkd, login):
    p = world["people"][0]
    body = login(operator_bkd).get(p.get_absolute_url()).content.decode()
    assert reverse("pencocokan:penjelasan", args=[p.pk]) in body


def test_an_employees_own_explanation_links_only_where_they_may_go(asn_a, login):
    client = login(asn_a)
    body = client.get(reverse("pencocokan:penjelasan", args=[asn_a.pegawai_id])).text
    assert f'href="{reverse("pencocokan:index")}"' not in body  # a page they may not open
    assert f'href="{asn_a.pegawai.get_absolute_url()}"' in body
    assert client.get(reverse("pencocokan:index")).status_code == 403


def test_asn_states_a_preference_from_their_profile(asn_a, login, opd_b, unit_b):
    client = login(asn_a)
    body = client.get(reverse("pegawai:detail", args=[asn_a.pegawai_id])).content.decode()
    assert reverse("pencocokan:preferensi") in body
    response = client.post(
        reverse("pencocokan:preferensi"),
        {"bersedia_pindah": "on", "perangkat_daerah": [opd_b.pk], "unit": [unit_b.pk]},
    )
    assert response.status_code == 302
    pref = PreferensiMutasi.objects.get(pegawai_id=asn_a.pegawai_id)
    assert pref.bersedia_pindah and list(pref.unit.all()) == [unit_b]
    # Saying no later keeps one record.
    client.post(reverse("pencocokan:preferensi"), {"catatan": "Merawat orang tua"})
    pref.refresh_from_db()
    assert not pref.bersedia_pindah and PreferensiMutasi.objects.count() == 1


def test_a_staff_account_without_an_employee_has_no_preference_form(operator_bkd, login):
    assert login(operator_bkd).get(reverse("pencocokan:preferensi")).status_code == 404


def test_candidate_reasons_on_demand_list_everyone(world, operator_bkd, login):
    url = reverse("pencocokan:kandidat", args=[world["vacancy"].pk])
    body = login(operator_bkd).get(url + "?alasan=1").content.decode()
    assert "Mengapa pegawai lain tidak memenuhi syarat" in body
    assert "Pegawai Kurang" in body and "Predikat SKP" in body


def test_the_reasons_count_everyone_and_explain_the_nearest(
    world, operator_bkd, login, monkeypatch
):
    """A province has tens of thousands who are not candidates: the page counts them per
    rule and writes out the reasons of those who fail the fewest rules only."""
    jab = world["jabatan"]
    unit = world["origin"].unit
    for n in range(3):  # short in post, and a poor SKP: two rules each
        p = eligible(unit, jab, predikat=PredikatSkp.KURANG, nama=f"Baru {n}")
        Pegawai.objects.filter(pk=p.pk).update(tmt_jabatan=date_in_post())
    monkeypatch.setattr(kandidat, "ALASAN_DITAMPILKAN", 2)
    url = reverse("pencocokan:kandidat", args=[world["vacancy"].pk])
    response = login(operator_bkd).get(url + "?alasan=1")
    daftar = response.context["daftar"]
    skp, masa = (str(eligibility.NAMA_SYARAT[k]) for k in ("skp", "masa_jabatan"))
    assert dict(daftar.ringkasan_alasan) == {skp: 4, masa: 3}
    # Pegawai Kurang fails one rule: first; then the first of those who fail two, by name.
    assert [t.pegawai.nama for t in daftar.tidak_layak] == ["Pegawai Kurang", "Baru 0"]
    assert daftar.alasan_terpotong
    body = response.content.decode()
    assert f"{skp}: 4" in body and f"{masa}: 3" in body
    assert "2 pegawai yang paling sedikit syaratnya tidak terpenuhi, dari 4" in body
    assert "Baru 1" not in body


def date_in_post():
    return datetime.date.today() - datetime.timedelta(days=100)


def test_plan_index_query_count_does_not_grow_with_plans(world, operator_bkd, login):
    client = login(operator_bkd)
    compute(operator_bkd)
    client.get(reverse("pencocokan:index"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("pencocokan:index"))
    for _ in range(3):
        plan = compute(operator_bkd, opd_ids=[world["origin"].unit.perangkat_daerah_id])
    assert plan.perangkat_daerah.count() == 1
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("pencocokan:index"))
    assert len(many) == len(few)


# Targets of the property tests: a functional, a pelaksana and a structural post.
TARGETS = [
    ("fungsional", "ahli_pertama", 8, "kesehatan"),
    ("pelaksana", "pelaksana", 6, "keuangan"),
    ("struktural", "pengawas", 9, "administrasi"),
]


def _random_posts(rng, target):
    """Posts around ``target``: the same, another level or kind, a class below, equal, one and
    two above, the same, another or no job family."""
    from instansi.choices import JenisJabatan, Jenjang, RumpunJabatan

    jenis, jenjang, kelas, rumpun = target
    posts = []
    for i in range(10):
        kind = rng.choice([jenis, jenis, jenis, *JenisJabatan.values])
        level = jenjang if rng.random() < 0.7 else rng.choice(Jenjang.values)
        posts.append(
            JabatanFactory(
                nama=f"Jabatan Acak {i}",
                jenis=kind,
                jenjang=level,
                kelas=max(1, kelas + rng.choice([-1, 0, 0, 1, 2])),
                rumpun=rng.choice([rumpun, rumpun, "", *RumpunJabatan.values]),
            )
        )
    return posts


def _random_people(rng, units, posts, user, today, tujuan):
    """Employees spread over every edge of the employee-only and target-jabatan rules, and of
    matching's own: proposals in every state, moves just inside and outside the window."""
    from instansi.choices import RumpunJabatan
    from instansi.models import BidangPendidikan
    from mutasi.usulan.choices import JenisMutasi, KategoriAlasan
    from pegawai.choices import Golongan
    from pegawai.models import HukumanDisiplin, RiwayatJabatan
    from pegawai.nip import add_years

    day = datetime.timedelta(days=1)
    min_tmt = add_years(today, -2)
    jeda = add_years(today, -2)
    bup = tujuan.jabatan.batas_usia_pensiun
    pensiun_batas = add_years(add_years(today, 1), -bup)
    fields = [None] + [
        BidangPendidikan.objects.create(nama=f"Bidang Acak {r}", rumpun=r)
        for r in ["", *RumpunJabatan.values]
    ]
    required = rng.sample(fields[1:], 3)
    if rng.random() < 0.35:
        tujuan.jabatan.bidang_pendidikan.set(required)
    for post in posts:
        FormasiFactory(unit=rng.choice(units), jabatan=post, kebutuhan=rng.choice([0, 1, 2, 3]))
    people = []
    for i in range(100):
        lahir = rng.choice(
            [
                *[datetime.date(1985, 3, 14)] * 6,
                pensiun_batas,
                pensiun_batas - day,
                pensiun_batas + day,
                # The pension starts on the first of the next month: a month either side.
                pensiun_batas - 28 * day,
                pensiun_batas - 31 * day,
                pensiun_batas - 34 * day,
                datetime.date(1968, 2, 29),
                datetime.date(1966, 2, 28),
            ]
        )
        p = PegawaiFactory(
            nama=f"Acak {i:02d}",
            lahir=lahir,
            unit=rng.choice(units),
            jabatan=rng.choice(posts + [tujuan.jabatan] * 5),
            golongan=rng.choice([Golongan.II_D, Golongan.III_A, Golongan.III_B, Golongan.IV_A]),
            tmt_jabatan=rng.choice([min_tmt, min_tmt + day, datetime.date(2015, 6, 1)]),
            tugas_belajar=rng.random() < 0.1,
            dalam_proses_hukum=rng.random() < 0.1,
            ikatan_dinas_sampai=rng.choice([*[None] * 8, today - day, today, today + day]),
            bidang_pendidikan=rng.choice(fields + required * 3),
        )
        # Mostly Baik or better, some years missing or below (both block): enough pass.
        for tahun in (THIS_YEAR - 3, THIS_YEAR - 2, THIS_YEAR - 1, THIS_YEAR):
            if rng.random() < 0.95:
                predikat = rng.choices(list(PredikatSkp), weights=[1, 1, 1, 8, 6])[0]
                SkpFactory(pegawai=p, tahun=tahun, predikat=predikat)
        if rng.random() < 0.25:
            mulai = rng.choice([today - 400 * day, today, today + day])
            selesai = rng.choice([today - day, today, today + 100 * day])
            HukumanDisiplin.objects.create(
                pegawai=p,
                tingkat="ringan",
                jenis="Teguran",
                mulai=mulai,
                selesai=max(mulai, selesai),
            )
        if rng.random() < 0.25:
            Usulan.objects.create(
                pegawai=p,
                jenis=JenisMutasi.ANTAR_OPD,
                alasan=KategoriAlasan.KEBUTUHAN_ORGANISASI,
                alasan_publik="Uji.",
                unit_asal=p.unit,
                jabatan_asal=p.jabatan,
                dibuat_oleh=user,
                tanggal_rencana=today + 30 * day,
                formasi_tujuan=tujuan,
                status=rng.choice(list(StatusUsulan)),
            )
        if rng.random() < 0.3:
            # A post held before (an appointment, or the start of a move) and maybe a move.
            first = rng.choice([datetime.date(2010, 1, 1), jeda, jeda + day, today])
            RiwayatJabatan.objects.create(pegawai=p, jabatan=p.jabatan, unit=p.unit, mulai=first)
            if rng.random() < 0.6:
                RiwayatJabatan.objects.create(
                    pegawai=p,
                    jabatan=p.jabatan,
                    unit=p.unit,
                    mulai=rng.choice([jeda, jeda + day, today, today + day]),
                )
        people.append(p)
    # Three who pass everything, so no seed ends with an empty list.
    for i in range(3):
        p = eligible(units[0], tujuan.jabatan, nama=f"Layak {i}", bidang_pendidikan=required[0])
        people.append(p)
    return people


def _independent_exclusions(today):
    """Who matching leaves alone, from the records, without ``data``: a proposal in progress
    or in a letter not carried out, a move after the start of the window."""
    from django.db.models import Min

    from pegawai.models import RiwayatJabatan
    from pegawai.nip import add_years

    busy = set(
        Usulan.objects.exclude(
            status__in=[StatusUsulan.DITOLAK, StatusUsulan.DIBATALKAN, StatusUsulan.DILAKSANAKAN]
        ).values_list("pegawai_id", flat=True)
    )
    since = add_years(today, -2)
    first = dict(
        RiwayatJabatan.objects.values("pegawai")
        .annotate(m=Min("mulai"))
        .values_list("pegawai", "m")
    )
    moved = {
        r.pegawai_id
        for r in RiwayatJabatan.objects.all()
        if since < r.mulai <= today and r.mulai > first[r.pegawai_id]
    }
    return busy | moved


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_fast_path_agrees_with_the_full_eligibility_checklist(seed, unit_a, unit_b):
    """The database pre-filter and the boolean rules give exactly the candidates (and the
    order) of running the full ``eligibility`` checklist on every active employee, with
    matching's exclusions taken from the records; the fast target-jabatan predicate equals
    the checklist for every post; the proposal checklist blocks exactly those pairs."""
    import random

    from django.utils import timezone

    from mutasi.usulan import eligibility
    from mutasi.usulan.choices import JenisMutasi, KategoriAlasan
    from tests.factories import UserFactory

    rng = random.Random(seed)
    today = timezone.localdate()
    # The move a proposal from matching plans: retirement is judged on that day.
    planned = data.tanggal_rencana(today)
    target = TARGETS[seed % len(TARGETS)]
    jenis, jenjang, kelas, rumpun = target
    jab = JabatanFactory(
        nama="Tujuan Acak", jenis=jenis, jenjang=jenjang, kelas=kelas, rumpun=rumpun
    )
    vacancy = FormasiFactory(unit=unit_b, jabatan=jab, kebutuhan=3)
    FormasiFactory(unit=unit_a, jabatan=jab, kebutuhan=1)
    posts = _random_posts(rng, target)
    user = UserFactory()
    people = _random_people(rng, [unit_a, unit_b], posts, user, today, vacancy)
    jab.refresh_from_db()

    facts = data.muat(data.pegawai_queryset(), today)
    assert len(facts) == len(people)
    excluded = _independent_exclusions(today)
    target_codes = {"setara", "kelas", "rumpun", "golongan", "pendidikan", "pensiun"}
    for f in facts:
        full = eligibility.menghalangi(eligibility.periksa_pegawai(f.pegawai, today))
        assert f.terhalang == bool(full), f.pegawai.nama
        assert bool(f.berjalan or f.pindah_terakhir) == (f.pegawai.pk in excluded)
        assert data.layak(f, vacancy, today) == (not data.alasan_tidak_layak(f, vacancy, today))
        # The codes counted for the reasons page are the rules the checklist refuses with.
        blocking = eligibility.menghalangi(data.syarat_pasangan(f, vacancy, today))
        own = {
            "formasi_ini": (f.pegawai.unit_id, f.pegawai.jabatan_id)
            == (vacancy.unit_id, vacancy.jabatan_id),
            "berjalan": bool(f.berjalan),
            "baru_pindah": bool(f.pindah_terakhir),
        }
        expected = {s.kode for s in blocking} | {code for code, fails in own.items() if fails}
        assert set(data.kode_tidak_layak(f, vacancy, today)) == expected, f.pegawai.nama
        for post in [*posts, jab]:
            rules = eligibility.periksa_jabatan_tujuan(f.pegawai, post, planned)
            assert data.layak_jabatan(f, post, today) == (not eligibility.menghalangi(rules))
        # The proposal checklist: the same target rules block the same pairs.
        usulan = Usulan(
            pegawai=f.pegawai,
            jenis=JenisMutasi.ANTAR_OPD,
            alasan=KategoriAlasan.KEBUTUHAN_ORGANISASI,
            unit_asal=f.pegawai.unit,
            jabatan_asal=f.pegawai.jabatan,
            formasi_tujuan=vacancy,
            dibuat_oleh=user,
            tanggal_rencana=planned,
        )
        blocking = {s.kode for s in eligibility.menghalangi(eligibility.periksa(usulan, today))}
        assert (not blocking & target_codes) == data.layak_jabatan(f, jab, today)

    bobot = skor.periksa_bobot(skor.bobot_default())
    own_post = (vacancy.unit_id, vacancy.jabatan_id)
    slow = sorted(
        (
            (data.hitung_skor(f, vacancy, bobot).total, f.pegawai.nama, f.pegawai.pk)
            for f in facts
            if f.pegawai.pk not in excluded
            and (f.pegawai.unit_id, f.pegawai.jabatan_id) != own_post
            and not eligibility.menghalangi(
                eligibility.periksa_pegawai(f.pegawai, today)
                + eligibility.periksa_jabatan_tujuan(f.pegawai, jab, planned)
            )
        ),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    assert 0 < len(slow) < len(people)
    # The database reads nobody matching leaves out (in a proposal, or moved recently).
    prefiltered = list(kandidat.prasaring(vacancy, today))
    assert not {p.pk for p in prefiltered} & excluded
    # Nor anyone short of the post's education (``eligibility.pendidikan_memenuhi``).
    fields, _komp = data.syarat_jabatan(jab)
    minimal = jab.pendidikan_minimal
    for p in prefiltered:
        assert eligibility.pendidikan_memenuhi(
            p.tingkat_pendidikan, p.bidang_pendidikan_id, minimal, fields
        )
    fast = kandidat.kandidat(vacancy, today=today)
    listed = sorted(
        [(k.total, k.pegawai.nama, k.pegawai.pk) for k in fast.layak + fast.dilindungi],
        key=lambda t: (-t[0], t[1], t[2]),
    )
    assert listed == slow
    holders = {}
    for p in people:
        holders[(p.unit_id, p.jabatan_id)] = holders.get((p.unit_id, p.jabatan_id), 0) + 1
    needs = {(fm.unit_id, fm.jabatan_id): fm.kebutuhan for fm in Formasi.objects.all()}
    for k in fast.layak + fast.dilindungi:
        key = (k.pegawai.unit_id, k.pegawai.jabatan_id)
        protected = holders[key] <= max(needs.get(key, 0), 1)
        assert (k in fast.dilindungi) == protected
    assert fast.jumlah_tidak_layak == len(people) - len(slow)
    explained = kandidat.kandidat(vacancy, today=today, dengan_alasan=True)
    assert [k.pegawai.pk for k in explained.layak] == [k.pegawai.pk for k in fast.layak]
    assert len(explained.tidak_layak) == len(people) - len(slow)
    assert all(t.alasan for t in explained.tidak_layak)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_the_plan_with_the_rules_equals_an_independent_milp(seed, unit_a, unit_b, operator_bkd):
    """On random data, the plan's total equals the optimum scipy's MILP finds over the pairs
    the full checklist allows, with matching's exclusions, seats and caps counted here from
    the records; and every move of the plan is one of those pairs."""
    import random
    from collections import Counter

    import numpy as np
    from django.utils import timezone
    from scipy.optimize import Bounds, LinearConstraint, milp

    from pegawai.models import Pegawai
    from tests.factories import UserFactory

    rng = random.Random(seed)
    today = timezone.localdate()
    # The move a proposal from matching plans: retirement is judged on that day.
    planned = data.tanggal_rencana(today)
    jenis, jenjang, kelas, rumpun = TARGETS[seed % len(TARGETS)]
    jab = JabatanFactory(nama="Tujuan", jenis=jenis, jenjang=jenjang, kelas=kelas, rumpun=rumpun)
    # Room for more than the random employees who already hold it.
    vacancy = FormasiFactory(unit=unit_b, jabatan=jab, kebutuhan=40)
    origin = FormasiFactory(unit=unit_a, jabatan=jab, kebutuhan=1)
    posts = _random_posts(rng, (jenis, jenjang, kelas, rumpun))
    _random_people(rng, [unit_a, unit_b], posts, UserFactory(), today, vacancy)
    # Two may leave the origin: its cap binds.
    origin.kebutuhan = Pegawai.objects.filter(unit=unit_a, jabatan=jab, aktif=True).count() - 2
    origin.save()
    # Loose unit caps on odd seeds, so the formasi caps bind too.
    maks_keluar = 2 if seed % 2 == 0 else 30
    bobot = skor.bobot_default()
    plan = compute(operator_bkd, maks_keluar=maks_keluar, bobot=bobot)

    holders = Counter(Pegawai.objects.filter(aktif=True).values_list("unit_id", "jabatan_id"))
    needs = {(f.unit_id, f.jabatan_id): f.kebutuhan for f in Formasi.objects.all()}
    decided = [StatusUsulan.DISETUJUI, StatusUsulan.DITETAPKAN]
    seats = {}
    for fm in Formasi.objects.select_related("unit", "jabatan"):
        masuk = Usulan.objects.filter(formasi_tujuan=fm, status__in=decided).count()
        keluar = Usulan.objects.filter(
            unit_asal=fm.unit, jabatan_asal=fm.jabatan, status=StatusUsulan.DITETAPKAN
        ).count()
        free = fm.kebutuhan - holders[(fm.unit_id, fm.jabatan_id)] - masuk + keluar
        if free > 0:
            seats[fm] = free
    excluded = _independent_exclusions(today)
    pairs, weights = [], []
    for f in data.muat(data.pegawai_queryset(), today):
        p = f.pegawai
        key = (p.unit_id, p.jabatan_id)
        may_leave = min(holders[key] - needs.get(key, 0), holders[key] - 1)
        if p.pk in excluded or may_leave <= 0:
            continue
        if eligibility.menghalangi(eligibility.periksa_pegawai(p, today)):
            continue
        for fm in seats:
            if (fm.unit_id, fm.jabatan_id) == key:
                continue
            if eligibility.menghalangi(eligibility.periksa_jabatan_tujuan(p, fm.jabatan, planned)):
                continue
            pairs.append((p, fm, key, may_leave))
            weights.append(data.hitung_skor(f, fm, bobot).total)
    assert pairs
    rows, caps = [], []
    groups = {
        "pegawai": ([pr[0].pk for pr in pairs], lambda _g: 1),
        "lowongan": ([pr[1].pk for pr in pairs], lambda g: seats[Formasi.objects.get(pk=g)]),
        "formasi": ([pr[2] for pr in pairs], lambda g: next(pr[3] for pr in pairs if pr[2] == g)),
        "unit": ([pr[0].unit_id for pr in pairs], lambda _g: maks_keluar),
    }
    for members, cap in groups.values():
        for g in set(members):
            rows.append([m == g for m in members])
            caps.append(cap(g))
    res = milp(
        -np.array(weights),
        constraints=LinearConstraint(np.array(rows, float), -np.inf, np.array(caps, float)),
        integrality=np.ones(len(pairs)),
        bounds=Bounds(0, 1),
    )
    assert plan.total_skor == pytest.approx(-res.fun)
    allowed = {(pr[0].pk, pr[1].pk) for pr in pairs}
    moves = list(plan.langkah.values_list("pegawai_id", "formasi_tujuan_id"))
    assert moves and set(moves) <= allowed
