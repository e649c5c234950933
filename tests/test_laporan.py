"""Proposal reports: counts by state, agency, type and reason; time in state; scope; export."""

import csv
import datetime
import io
import random

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from instansi.models import PerangkatDaerah
from mutasi.laporan import hitung as laporan
from mutasi.laporan import lama
from mutasi.models import AuditLog, LamaStatus, Usulan
from mutasi.usulan.choices import JenisMutasi, KategoriAlasan, StatusUsulan
from tests.factories import FormasiFactory, PegawaiFactory, UnitKerjaFactory
from tests.laporan_dari_log import sama, waktu_dari_log

pytestmark = pytest.mark.django_db

ANTAR = JenisMutasi.ANTAR_OPD
DALAM = JenisMutasi.DALAM_OPD
KEBUTUHAN = KategoriAlasan.KEBUTUHAN_ORGANISASI
KARIER = KategoriAlasan.PENGEMBANGAN_KARIER


def make(unit, target, user, status, jenis=ANTAR, alasan=KEBUTUHAN, **extra):
    pegawai = PegawaiFactory(unit=unit)
    usulan = Usulan.objects.create(
        pegawai=pegawai,
        jenis=jenis,
        alasan=alasan,
        alasan_publik="Alasan publik.",
        unit_asal=unit,
        jabatan_asal=pegawai.jabatan,
        formasi_tujuan=target,
        tanggal_rencana=datetime.date(2026, 6, 1),
        dibuat_oleh=user,
        **extra,
    )
    Usulan.objects.filter(pk=usulan.pk).update(status=status)
    return usulan


@pytest.fixture
def data(unit_a, unit_b, opd_a, operator_bkd):
    """Six proposals.

    #  origin  target  type   reason     state
    1  A       B       antar  kebutuhan  diajukan
    2  A       B       antar  karier     disetujui
    3  A       A       dalam  karier     ditolak
    4  B       A       antar  kebutuhan  terverifikasi
    5  B       B       dalam  kebutuhan  konsep (filed by BKD: agencies do not see it)
    6  B       B       dalam  kebutuhan  konsep (filed by agency B: A never sees it)
    """
    into_a = FormasiFactory(unit=UnitKerjaFactory(perangkat_daerah=opd_a))
    into_b = FormasiFactory(unit=unit_b)
    s = StatusUsulan
    rows = [
        make(unit_a, into_b, operator_bkd, s.DIAJUKAN),
        make(unit_a, into_b, operator_bkd, s.DISETUJUI, alasan=KARIER),
        make(unit_a, into_a, operator_bkd, s.DITOLAK, jenis=DALAM, alasan=KARIER),
        make(unit_b, into_a, operator_bkd, s.TERVERIFIKASI),
        make(unit_b, into_b, operator_bkd, s.KONSEP, jenis=DALAM),
        make(
            unit_b,
            into_b,
            operator_bkd,
            s.KONSEP,
            jenis=DALAM,
            opd_pengusul=unit_b.perangkat_daerah,
        ),
    ]
    return rows


def as_dict(tabel, width=None):
    return {str(row[0]): (row[1:] if width is None else row[1 : 1 + width]) for row in tabel.baris}


def test_counts_by_state(operator_bkd, data):
    report = laporan.susun(Usulan.objects.for_user(operator_bkd))
    counts = {k: v[0] for k, v in as_dict(report.status).items()}
    assert counts["Konsep"] == 2
    assert counts["Diajukan"] == counts["Terverifikasi"] == counts["Disetujui"] == 1
    assert counts["Ditolak"] == 1 and counts["Dibatalkan"] == 0
    assert report.status.total == ["Jumlah", 6]
    assert len(report.status.baris) == len(StatusUsulan.choices)


def test_counts_by_agency_type_and_reason(operator_bkd, opd_a, opd_b, data):
    report = laporan.susun(Usulan.objects.for_user(operator_bkd))
    # [all, in progress, approved, rejected, withdrawn]
    assert as_dict(report.opd) == {opd_a.nama: [3, 1, 1, 1, 0], opd_b.nama: [3, 3, 0, 0, 0]}
    jenis = as_dict(report.jenis)
    assert jenis["Antar perangkat daerah"] == [3, 2, 1, 0, 0]
    assert jenis["Rotasi dalam perangkat daerah"] == [3, 2, 0, 1, 0]
    assert jenis["Antar provinsi"] == [0, 0, 0, 0, 0]
    alasan = as_dict(report.alasan)
    assert alasan["Kebutuhan organisasi / kekurangan pegawai"] == [4, 4, 0, 0, 0]
    assert alasan["Pengembangan karier"] == [2, 0, 1, 1, 0]
    assert report.jenis.total == ["Jumlah", 6, 4, 1, 1, 0]


# --- Time in state -------------------------------------------------------------------------


T0 = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)


def log(usulan, action, days, **data):
    row = AuditLog.objects.create(
        action=action,
        content_type=ContentType.objects.get_for_model(Usulan),
        object_id=usulan.pk,
        data=data,
    )
    AuditLog.objects.filter(pk=row.pk).update(timestamp=T0 + datetime.timedelta(days=days))


def walk(usulan, steps):
    """``steps``: (state or "dibuat", day) pairs, in order."""
    previous = None
    for state, day in steps:
        if state == "dibuat":
            log(usulan, "mutasi.usulan.dibuat", day, ke="konsep")
            previous = "konsep"
        else:
            log(usulan, f"mutasi.usulan.{state}", day, dari=previous, ke=state)
            previous = state


@pytest.fixture
def history(unit_a, unit_b, operator_bkd):
    """Three proposals with hand-made histories (days after T0); now = T0 + 18 days.

    P1  Konsep 0–2, Diajukan 2–5, Terverifikasi 5–6, Dipertimbangkan 6–10, Disetujui 10–now
    P2  Konsep 0–1 and 4–6 (returned), Diajukan 1–4 and 6–8, Terverifikasi 8–now
    P3  Konsep 0–4, Diajukan 4–11, Terverifikasi 11–12, Dipertimbangkan 12–16, then
        Ditolak (a final state: not timed)
    """
    target = FormasiFactory(unit=unit_b)
    s = StatusUsulan
    p1 = make(unit_a, target, operator_bkd, s.DISETUJUI)
    p2 = make(unit_a, target, operator_bkd, s.TERVERIFIKASI)
    p3 = make(unit_a, target, operator_bkd, s.DITOLAK)
    walk(
        p1,
        [("dibuat", 0), ("diajukan", 2), ("terverifikasi", 5), ("dipertimbangkan", 6)]
        + [("disetujui", 10)],
    )
    walk(
        p2,
        [("dibuat", 0), ("diajukan", 1), ("konsep", 4), ("diajukan", 6), ("terverifikasi", 8)],
    )
    walk(
        p3,
        [("dibuat", 0), ("diajukan", 4), ("terverifikasi", 11), ("dipertimbangkan", 12)]
        + [("ditolak", 16)],
    )
    # Not transitions: a score, an exception, and another model's row with the same id.
    log(p1, "mutasi.usulan.dinilai", 5.5, skor=4)
    log(p2, "mutasi.usulan.pengecualian", 3, syarat="skp")
    AuditLog.objects.filter(
        pk=AuditLog.objects.create(
            action="instansi.abk.diajukan",
            content_type=ContentType.objects.get_for_model(PerangkatDaerah),
            object_id=p1.pk,
        ).pk
    ).update(timestamp=T0 + datetime.timedelta(days=3))
    # Written around the services, like the data before the kept stays: filled from the log
    # the way the migration and the benchmark archive fill them.
    lama.isi_dari_log()
    return {"now": T0 + datetime.timedelta(days=18), "p1": p1, "p2": p2, "p3": p3}


def test_time_in_state_matches_hand_computation(history):
    rows = {w.status: w for w in laporan.waktu_per_status(Usulan.objects.all(), now=history["now"])}
    # Konsep: P1 2, P2 1+2=3, P3 4 → median 3; p90 interpolated on the sorted [2, 3, 4]:
    # rank 0.9×(3−1) = 1.8 → 3 + 0.8×(4−3) = 3.8.
    konsep = rows[StatusUsulan.KONSEP]
    assert (konsep.jumlah, konsep.median, konsep.berjalan) == (3, 3, 0)
    assert konsep.p90 == pytest.approx(3.8)
    # Diajukan: P1 3, P2 3+2=5, P3 7 → median 5, p90 5 + 0.8×2 = 6.6.
    diajukan = rows[StatusUsulan.DIAJUKAN]
    assert (diajukan.jumlah, diajukan.median) == (3, 5)
    assert diajukan.p90 == pytest.approx(6.6)
    # Terverifikasi: P1 1, P3 1, P2 still there since day 8: 10 → [1, 1, 10].
    terverifikasi = rows[StatusUsulan.TERVERIFIKASI]
    assert (terverifikasi.jumlah, terverifikasi.median, terverifikasi.berjalan) == (3, 1, 1)
    assert terverifikasi.p90 == pytest.approx(8.2)
    # Dipertimbangkan: P1 4, P3 4 → median 4.
    dipertimbangkan = rows[StatusUsulan.DIPERTIMBANGKAN]
    assert (dipertimbangkan.jumlah, dipertimbangkan.median) == (2, 4)
    # Disetujui: P1 since day 10, still there: 8.
    disetujui = rows[StatusUsulan.DISETUJUI]
    assert (disetujui.jumlah, disetujui.median, disetujui.p90, disetujui.berjalan) == (1, 8, 8, 1)
    assert rows[StatusUsulan.MENUNGGU_KEPALA].jumlah == 0
    assert rows[StatusUsulan.MENUNGGU_KEPALA].median is None
    # Final states are not timed.
    assert StatusUsulan.DITOLAK not in rows and StatusUsulan.DIBATALKAN not in rows


def test_time_in_state_follows_the_filters(history):
    only_p2 = Usulan.objects.filter(pk=history["p2"].pk)
    rows = {w.status: w for w in laporan.waktu_per_status(only_p2, now=history["now"])}
    assert rows[StatusUsulan.KONSEP].median == 3
    assert rows[StatusUsulan.DIAJUKAN].median == 5
    assert rows[StatusUsulan.DIPERTIMBANGKAN].jumlah == 0


def test_time_in_state_uses_one_query_that_does_not_read_the_audit_log(history):
    with CaptureQueriesContext(connection) as queries:
        laporan.waktu_per_status(Usulan.objects.all(), now=history["now"])
    assert len(queries) == 1
    assert AuditLog._meta.db_table not in queries[0]["sql"]
    assert LamaStatus._meta.db_table in queries[0]["sql"]


# --- Kept at every transition -----------------------------------------------------------------

# The paths of the generated history, every transition of the model at least once. "dukung"
# and "minta": the employee's own request through their agency head; "sk", "laksanakan",
# "dicabut": a letter, carrying it out, and a correction that leaves a person out.
JALAN = {
    "p1": ["ajukan", "kembalikan", "ajukan", "verifikasi", "kembalikan", "ajukan"]
    + ["verifikasi", "rekomendasikan", "setujui", "sk", "laksanakan"],
    "p2": ["ajukan", "verifikasi", "rekomendasikan", "setujui", "sk", "dicabut"],
    "p3": ["ajukan", "verifikasi", "rekomendasikan", "setujui", "sk"],
    "p4": ["ajukan", "verifikasi", "rekomendasikan", "tolak"],
    "p5": ["ajukan", "kembalikan", "batalkan"],
    "p6": ["ajukan", "verifikasi"],
    "p7": ["ajukan"],
    "minta": ["minta", "kembalikan_kepala", "minta", "dukung", "verifikasi", "batalkan"],
}
PENANDATANGAN = {"penandatangan_nama": "Dr. Uji", "penandatangan_jabatan": "Gubernur Asemrowo"}


@pytest.fixture
def generated(
    time_machine,
    unit_a,
    unit_b,
    asn_a,
    operator_bkd,
    kepala_opd_a,
    verifikator,
    tim_pertimbangan,
    pejabat,
):
    """The paths of ``JALAN`` through the services, interleaved at random, the clock stopped
    and moved on by a random 1 minute to 2 days between steps; returns the last moment."""
    from mutasi.sk import pelaksanaan
    from mutasi.sk import services as sk_services
    from mutasi.usulan import services
    from tests.factories import lengkapi, terbitkan_sk

    rng = random.Random(17)
    moment = [timezone.now() - datetime.timedelta(days=60)]

    def later():
        moment[0] += datetime.timedelta(minutes=rng.randint(1, 2 * 24 * 60))
        time_machine.move_to(moment[0], tick=False)

    later()
    seat = FormasiFactory(unit=unit_b, kebutuhan=10)
    proposals = {}
    for name in JALAN:
        own = name == "minta"
        pegawai = asn_a.pegawai if own else PegawaiFactory(unit=unit_a, jabatan=seat.jabatan)
        other_unit = UnitKerjaFactory(perangkat_daerah=unit_a.perangkat_daerah)
        target = FormasiFactory(unit=other_unit, jabatan=pegawai.jabatan) if own else seat
        proposals[name] = services.buat_usulan(
            asn_a if own else operator_bkd,
            pegawai,
            jenis=DALAM if own else ANTAR,
            alasan=KARIER,
            alasan_publik="Alasan publik.",
            formasi_tujuan=target,
            tanggal_rencana=timezone.localdate() + datetime.timedelta(days=30),
        )
        later()
    steps = {name: list(path) for name, path in JALAN.items()}
    letter = None
    while any(steps.values()):
        name = rng.choice([n for n, left in steps.items() if left])
        step = steps[name][0]
        if step == "sk" and any(left[:1] != ["sk"] and "sk" in left for left in steps.values()):
            continue  # one letter for everyone approved
        usulan = proposals[name]
        lengkapi(usulan)
        if step == "sk":
            waiting = [n for n, left in steps.items() if left[:1] == ["sk"]]
            ids = [proposals[n].pk for n in waiting]
            draft = sk_services.buat_draf(operator_bkd, ids, **PENANDATANGAN)
            for pk in ids:
                sk_services.ubah_baris(draft.pk, operator_bkd, pk, tmt=timezone.localdate())
            letter = terbitkan_sk(draft.pk, pejabat)
            for n in waiting:
                steps[n].pop(0)
        elif step == "laksanakan":
            pelaksanaan.laksanakan(letter.pk, usulan.pk, operator_bkd, timezone.localdate())
        elif step == "dicabut":
            correction = sk_services.buat_pembetulan(letter.pk, operator_bkd)
            sk_services.keluarkan_usulan(correction.pk, operator_bkd, usulan.pk)
            sk_services.ubah_draf(
                correction.pk,
                operator_bkd,
                alasan_pembetulan="Keliru.",
                alasan_tmt_surut="TMT sudah berjalan.",
            )
            letter = terbitkan_sk(correction.pk, pejabat)
        elif step in ("ajukan", "minta"):
            services.ajukan(usulan.pk, asn_a if step == "minta" else operator_bkd)
        elif step == "kembalikan_kepala":
            services.kembalikan(usulan.pk, kepala_opd_a, "Lengkapi alasannya.")
        elif step == "dukung":
            services.dukung(usulan.pk, kepala_opd_a)
        elif step == "kembalikan":
            services.kembalikan(usulan.pk, verifikator, "Perbaiki dokumen.")
        elif step == "verifikasi":
            services.verifikasi(usulan.pk, verifikator)
        elif step == "rekomendasikan":
            services.nilai(usulan.pk, tim_pertimbangan, 4, "Cocok.")
            services.rekomendasikan(usulan.pk, tim_pertimbangan, "setujui", "Layak.")
        elif step == "setujui":
            services.setujui(usulan.pk, pejabat)
        elif step == "tolak":
            services.tolak(usulan.pk, pejabat, "Tidak mendesak.")
        elif step == "batalkan":
            services.batalkan(usulan.pk, usulan.dibuat_oleh, "Tidak jadi.")
        if step != "sk":
            steps[name].pop(0)
        later()
    return {
        "now": moment[0],
        "usulan": {n: Usulan.objects.get(pk=u.pk) for n, u in proposals.items()},
    }


def test_the_generated_history_walks_every_transition(generated):
    reached = set(
        AuditLog.objects.filter(action__startswith="mutasi.usulan.").values_list(
            "action", flat=True
        )
    )
    assert reached >= {f"mutasi.usulan.{state}" for state in StatusUsulan.values}
    states = {name: u.status for name, u in generated["usulan"].items()}
    assert states == {
        "p1": StatusUsulan.DILAKSANAKAN,
        "p2": StatusUsulan.DIBATALKAN,
        "p3": StatusUsulan.DITETAPKAN,
        "p4": StatusUsulan.DITOLAK,
        "p5": StatusUsulan.DIBATALKAN,
        "p6": StatusUsulan.TERVERIFIKASI,
        "p7": StatusUsulan.DIAJUKAN,
        "minta": StatusUsulan.DIBATALKAN,
    }


def test_kept_stays_equal_the_audit_log_computation(generated):
    now = generated["now"]
    everything = Usulan.objects.all()
    assert sama(laporan.waktu_per_status(everything, now), waktu_dari_log(everything, now))
    # One proposal at a time: its own seconds in every state, not only the percentiles.
    for usulan in generated["usulan"].values():
        one = Usulan.objects.filter(pk=usulan.pk)
        assert sama(laporan.waktu_per_status(one, now), waktu_dari_log(one, now)), usulan
    # And later, with the running stays grown.
    later = now + datetime.timedelta(days=3, hours=5)
    assert sama(laporan.waktu_per_status(everything, later), waktu_dari_log(everything, later))


def test_a_stay_returned_to_twice_is_one_row_with_two_stays(generated):
    p1 = generated["usulan"]["p1"]
    kept = {row.status: row.kali for row in LamaStatus.objects.filter(usulan=p1)}
    assert kept[StatusUsulan.KONSEP] == 3 and kept[StatusUsulan.DIAJUKAN] == 3
    assert kept[StatusUsulan.TERVERIFIKASI] == 2 and kept[StatusUsulan.DITETAPKAN] == 1
    # Final states are not timed.
    assert StatusUsulan.DILAKSANAKAN not in kept


def test_filling_from_the_audit_log_gives_the_kept_figures(generated):
    def kept():
        rows = LamaStatus.objects.values_list("usulan", "status", "detik", "kali", "sejak")
        return {(u, s): (round(d, 3), k, since) for u, s, d, k, since in rows}

    before = kept()
    assert len(before) >= 25
    assert sum(since is not None for _d, _k, since in before.values()) == 3
    LamaStatus.objects.all().delete()
    lama.isi_dari_log()
    assert kept() == before


def test_the_page_shows_the_kept_figures(login, operator_bkd, generated):
    response = login(operator_bkd).get(reverse("mutasi:laporan"))
    assert response.status_code == 200
    now = timezone.now()
    assert sama(response.context["laporan"].waktu, waktu_dari_log(Usulan.objects.all(), now))


@pytest.mark.parametrize(
    ("values", "p", "expected"),
    [([5], 90, 5), ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9.1), ([2, 4], 50, 3), ([], 90, None)],
)
def test_percentile_interpolates_like_percentile_cont(values, p, expected):
    assert laporan.persentil(values, p) == pytest.approx(expected)


# --- The page ----------------------------------------------------------------------------


def test_bkd_sees_every_proposal(login, operator_bkd, data):
    response = login(operator_bkd).get(reverse("mutasi:laporan"))
    assert response.status_code == 200
    assert response.context["laporan"].jumlah == 6
    assert b'data-chart="grafik-laporan"' in response.content


@pytest.mark.parametrize("persona", ["tim_pertimbangan", "pejabat", "verifikator"])
def test_the_panel_the_official_and_verifiers_see_reports(request, login, persona, data):
    user = request.getfixturevalue(persona)
    assert login(user).get(reverse("mutasi:laporan")).status_code == 200


def test_an_agency_sees_only_proposals_touching_it(login, kepala_opd_a, opd_b, data):
    response = login(kepala_opd_a).get(reverse("mutasi:laporan"))
    report = response.context["laporan"]
    # Proposals 1–4 touch agency A; 5 and 6 are agency B's own moves (and 6 a B draft).
    assert report.jumlah == 4
    assert as_dict(report.opd)[opd_b.nama] == [1, 1, 0, 0, 0]


def test_an_agency_never_counts_another_agencys_drafts(login, operator_opd_b, data):
    report = login(operator_opd_b).get(reverse("mutasi:laporan")).context["laporan"]
    # B sees 1, 2, 4 (they touch B) and its own draft 6, not draft 5 that BKD is writing.
    assert report.jumlah == 4
    counts = {k: v[0] for k, v in as_dict(report.status).items()}
    assert counts["Konsep"] == 1 and counts["Ditolak"] == 0


def test_an_employee_may_not_see_reports(login, asn_a):
    assert login(asn_a).get(reverse("mutasi:laporan")).status_code == 403


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(reverse("mutasi:laporan"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_filters_narrow_every_table(login, operator_bkd, opd_a, data):
    client = login(operator_bkd)
    url = reverse("mutasi:laporan")
    report = client.get(url, {"jenis": DALAM}).context["laporan"]
    assert report.jumlah == 3
    report = client.get(url, {"alasan": KARIER, "perangkat_daerah": opd_a.pk}).context["laporan"]
    assert report.jumlah == 2
    today = timezone.localdate()
    Usulan.objects.filter(pk=data[0].pk).update(
        created=timezone.now() - datetime.timedelta(days=40)
    )
    since = (today - datetime.timedelta(days=10)).isoformat()
    assert client.get(url, {"dari": since}).context["laporan"].jumlah == 5
    until = (today - datetime.timedelta(days=30)).isoformat()
    assert client.get(url, {"sampai": until}).context["laporan"].jumlah == 1


def test_an_invalid_filter_shows_nothing_and_says_why(login, operator_bkd, data):
    response = login(operator_bkd).get(reverse("mutasi:laporan"), {"dari": "kemarin"})
    assert response.status_code == 200
    assert response.context["laporan"].jumlah == 0
    assert response.context["filter"].errors


def test_xlsx_export_has_one_sheet_per_table(login, operator_bkd, opd_a, data):
    response = login(operator_bkd).get(reverse("mutasi:laporan"), {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="laporan-usulan-')
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Status",
        "Perangkat daerah",
        "Jenis",
        "Kategori alasan",
        "Lama per status",
    ]
    status = list(book["Status"].iter_rows(values_only=True))
    assert status[0] == ("Status", "Jumlah")
    assert ("Konsep", 2) in status and status[-1] == ("Jumlah", 6)
    opd = list(book["Perangkat daerah"].iter_rows(values_only=True))
    assert (opd_a.nama, 3, 1, 1, 1, 0) in opd


def test_csv_export_is_the_state_table(login, kepala_opd_a, data):
    response = login(kepala_opd_a).get(reverse("mutasi:laporan"), {"export": "csv"})
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Status", "Jumlah"]
    assert ["Diajukan", "1"] in rows and rows[-1] == ["Jumlah", "4"]


def test_query_count_does_not_grow_with_rows(
    login, operator_bkd, unit_a, unit_b, data, django_assert_num_queries
):
    client = login(operator_bkd)
    url = reverse("mutasi:laporan")
    client.get(url)
    # Session, user, roles; time in state (one query); the four count tables (one grouped
    # query); the unread notifications; the agency filter's choices (count and rows).
    with django_assert_num_queries(QUERIES):
        client.get(url)
    target = FormasiFactory(unit=unit_b)
    for status in (StatusUsulan.DIAJUKAN, StatusUsulan.DITOLAK, StatusUsulan.DISETUJUI):
        usulan = make(UnitKerjaFactory(), target, operator_bkd, status)
        log(usulan, "mutasi.usulan.dibuat", 0, ke="konsep")
        log(usulan, "mutasi.usulan.diajukan", 1, dari="konsep", ke="diajukan")
    lama.isi_dari_log()
    assert LamaStatus.objects.count() == 6
    with django_assert_num_queries(QUERIES):
        response = client.get(url)
    assert response.context["laporan"].jumlah == 9


QUERIES = 8
