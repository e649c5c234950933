"""Proposal reports: counts by state, agency, type and reason; time in state; scope; export."""

import csv
import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from instansi.models import PerangkatDaerah
from mutasi.laporan import hitung as laporan
from mutasi.models import AuditLog, Usulan
from mutasi.usulan.choices import JenisMutasi, KategoriAlasan, StatusUsulan
from tests.factories import FormasiFactory, PegawaiFactory, UnitKerjaFactory

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


def test_time_in_state_uses_one_query(history):
    ContentType.objects.get_for_model(Usulan)
    with CaptureQueriesContext(connection) as queries:
        laporan.waktu_per_status(Usulan.objects.all(), now=history["now"])
    assert len(queries) == 1
    assert "LEAD" in queries[0]["sql"].upper()


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
    # Session, user, roles; time in state (one query); the four count tables; the unread
    # notifications; the agency filter's choices (count and rows).
    with django_assert_num_queries(QUERIES):
        client.get(url)
    target = FormasiFactory(unit=unit_b)
    for status in (StatusUsulan.DIAJUKAN, StatusUsulan.DITOLAK, StatusUsulan.DISETUJUI):
        usulan = make(UnitKerjaFactory(), target, operator_bkd, status)
        log(usulan, "mutasi.usulan.dibuat", 0, ke="konsep")
        log(usulan, "mutasi.usulan.diajukan", 1, dari="konsep", ke="diajukan")
    with django_assert_num_queries(QUERIES):
        response = client.get(url)
    assert response.context["laporan"].jumlah == 9


QUERIES = 11
