"""The demo data command: a realistic province, valid employees, an account per role, and
safe to run again."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count, F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from instansi.choices import StatusAnalisis
from instansi.models import (
    AnalisisBebanKerja,
    Formasi,
    Instansi,
    PerangkatDaerah,
    UnitKerja,
    UraianTugas,
)
from instansi.services import hasil_analisis
from mutasi.demo import letters, masuk, pppk
from mutasi.demo.accounts import PASSWORD
from mutasi.demo.context import ARSIP
from mutasi.demo.evaluasi import ARSIP_EVALUASI
from mutasi.laporan.hitung import waktu_per_status
from mutasi.models import (
    AuditLog,
    Dokumen,
    LamaStatus,
    NomorSurat,
    Notifikasi,
    PengecualianSyarat,
    PenilaianPanel,
    Petikan,
    Spmt,
    StatusSK,
    SuratKeputusan,
    SuratKeputusanUsulan,
    Usulan,
)
from mutasi.sk import periksa_tte
from mutasi.usulan import eligibility, kursi
from mutasi.usulan.choices import (
    ArahMutasi,
    JenisDokumen,
    JenisMutasi,
    SikapPegawai,
    StatusDokumen,
    StatusUsulan,
)
from pegawai.access import OPD_ROLES, Role
from pegawai.models import Pegawai, RiwayatJabatan, Skp, User
from pegawai.nip import parse_nip
from tests.laporan_dari_log import sama, waktu_dari_log
from tests.seeded import seeded_demo

# Large enough for every story of the proposals step (Dinas Kesehatan's drafts, its head's
# request to endorse, the waived rule). Seeded once for the module (``seeded_demo``); a test
# that seeds again does so on top of it, inside its own savepoint.
STORIES = 300

demo = seeded_demo(pegawai=STORIES)


@pytest.fixture
def media_root(demo):
    return demo


def seed(pegawai=STORIES, usulan=0, **options):
    call_command("seed_demo", pegawai=pegawai, force=True, verbosity=0, **options)
    if usulan:  # the benchmark archive (bench/arsip.py), after the demo
        call_command("bench_arsip", usulan=usulan, verbosity=0)


def table_counts() -> dict:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.mark.django_db
def test_seed_builds_the_province_with_agencies_units_and_staffing_map():
    instansi = Instansi.objects.get()
    assert (instansi.nama, instansi.daerah, instansi.ibu_kota) == (
        "Pemerintah Provinsi Asemrowo",
        "Asemrowo",
        "Kota Asemrowo",
    )
    assert PerangkatDaerah.objects.count() >= 20
    assert PerangkatDaerah.objects.filter(singkatan="Dinkes", nama="Dinas Kesehatan").exists()
    assert UnitKerja.objects.filter(parent__parent__isnull=False).exists()  # trees, not lists
    assert UnitKerja.objects.filter(jenis="puskesmas").exists()
    assert Formasi.objects.filter(kebutuhan__gt=0).exists()


@pytest.mark.django_db
def test_every_employee_has_a_valid_nip_matching_birth_date_and_gender():
    # The generated PNS, the few PPPK of their own story (mutasi/demo/pppk.py) and the
    # people coming from other governments (mutasi/demo/masuk.py).
    employees = list(Pegawai.objects.all())
    assert len([p for p in employees if not p.pppk]) == STORIES + len(masuk.DATANG)
    assert len([p for p in employees if p.pppk]) == len(pppk.STAF)
    assert len({p.nip for p in employees}) == len(employees)
    for pegawai in employees:
        parts = parse_nip(pegawai.nip, jenis_asn=pegawai.jenis_asn)
        assert parts.tanggal_lahir == pegawai.tanggal_lahir, pegawai.nip
        assert parts.jenis_kelamin == pegawai.jenis_kelamin, pegawai.nip
        assert pegawai.tmt_jabatan >= (parts.tmt_cpns or pegawai.perjanjian_kerja_mulai)
        pegawai.full_clean(exclude=["kompetensi"], validate_unique=False)
    # Each active one has exactly one current post in the history, the one they hold; the
    # one who left and the one still waiting to come have none.
    current = RiwayatJabatan.objects.filter(selesai__isnull=True)
    assert current.count() == len([p for p in employees if p.aktif]) == len(employees) - 2
    assert not current.filter(pegawai__aktif=False).exists()
    assert not current.exclude(jabatan_id=F("pegawai__jabatan_id")).exists()
    assert Skp.objects.exists()


@pytest.mark.django_db
def test_there_is_a_demo_account_for_every_role_bound_where_the_role_needs_it():
    for role in Role:
        users = User.objects.filter(groups__name=role.value)
        assert users.exists(), role
        for user in users:
            assert user.check_password(PASSWORD)
            if role in OPD_ROLES:
                assert user.perangkat_daerah is not None, user.username
    assert User.objects.get(username="admin").is_superuser

    kepala = User.objects.get(username="kepala.dinkes")
    assert kepala.perangkat_daerah.nama == "Dinas Kesehatan"
    assert kepala.pegawai.jabatan.nama == "Kepala Dinas"
    assert kepala.pegawai.unit.perangkat_daerah == kepala.perangkat_daerah

    asn = User.objects.get(username="asn")
    assert asn.pegawai.unit.perangkat_daerah.nama == "Dinas Kesehatan"
    assert asn.pegawai.jabatan.jenis != "struktural"
    assert User.objects.get(username="operator.disdik").perangkat_daerah.singkatan == "Disdik"


@pytest.mark.django_db
def test_the_asn_demo_account_can_log_in_with_its_nip(client):
    nip = User.objects.get(username="asn").pegawai.nip

    response = client.post(reverse("login"), {"username": nip, "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(username="asn").pk)


@pytest.mark.django_db
def test_seeding_again_changes_no_table():
    before = table_counts()

    seed()

    assert table_counts() == before


@pytest.mark.django_db
def test_a_larger_run_adds_only_the_missing_employees():
    first = set(Pegawai.objects.values_list("nip", flat=True))

    seed(pegawai=STORIES + 20)

    after = set(Pegawai.objects.values_list("nip", flat=True))
    assert first < after
    assert len(after) == STORIES + 20 + len(pppk.STAF) + len(masuk.DATANG)
    assert Skp.objects.values("pegawai_id", "tahun").distinct().count() == Skp.objects.count()


@pytest.mark.django_db
def test_a_pppk_nurse_moves_within_her_agency_through_the_services():
    usulan = Usulan.objects.get(pegawai__jenis_asn="pppk")
    assert usulan.status == StatusUsulan.DISETUJUI
    assert usulan.jenis == JenisMutasi.DALAM_OPD
    assert usulan.formasi_tujuan.unit.perangkat_daerah == usulan.unit_asal.perangkat_daerah
    assert {s.kode for s in eligibility.periksa(usulan) if s.status == "lulus"} >= {
        "pppk_instansi",
        "pppk_jabatan",
        "pppk_kontrak",
    }


@pytest.mark.django_db
def test_the_seed_ends_by_refreshing_the_planner_statistics():
    with CaptureQueriesContext(connection) as queries:
        seed()
    assert queries[-1]["sql"] == "ANALYZE"


@pytest.mark.django_db
def test_seed_refuses_to_run_without_force_when_debug_is_off(settings):
    settings.DEBUG = False
    before = table_counts()

    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo", pegawai=STORIES + 20, verbosity=0)

    assert table_counts() == before


# --- Workload analyses and proposals ---------------------------------------------------------

OPEN = (
    StatusUsulan.KONSEP,
    StatusUsulan.MENUNGGU_KEPALA,
    StatusUsulan.DIAJUKAN,
    StatusUsulan.TERVERIFIKASI,
    StatusUsulan.DIPERTIMBANGKAN,
    StatusUsulan.DISETUJUI,
)


def demo_proposals():
    # The evaluation demo's implemented moves (no timeline, no documents) are not stories.
    return Usulan.objects.exclude(catatan_internal__in=[ARSIP, ARSIP_EVALUASI])


def timeline(usulan) -> list[AuditLog]:
    return list(AuditLog.objects.for_object(usulan).order_by("timestamp", "pk"))


@pytest.mark.django_db
def test_every_agency_has_an_accepted_analysis_whose_needs_are_the_staffing_map():
    tahun = timezone.localdate().year - 1

    for opd in PerangkatDaerah.objects.all():
        analisis = AnalisisBebanKerja.objects.get(perangkat_daerah=opd, tahun=tahun)
        assert analisis.status == StatusAnalisis.DITERIMA
        for hasil in hasil_analisis(analisis):
            formasi = hasil.formasi
            assert hasil.kebutuhan == formasi.kebutuhan, formasi
            if hasil.jumlah_tugas:
                assert formasi.tahun_analisis == tahun
                assert formasi.beban_kerja_jam == hasil.beban_jam.quantize(Decimal("0.01"))
        actions = [log.action for log in timeline(analisis)]
        assert actions[0] == "instansi.abk.dibuat"
        assert actions[-1] == "instansi.abk.diterima"
    categories = {
        hasil.kategori
        for analisis in AnalisisBebanKerja.objects.filter(tahun=tahun)
        for hasil in hasil_analisis(analisis)
    }
    assert {"A", "B", "C", "D", "E"} <= categories


@pytest.mark.django_db
def test_some_agencies_have_this_years_analysis_under_way():
    tahun = timezone.localdate().year
    berjalan = AnalisisBebanKerja.objects.filter(tahun=tahun)

    dinkes = berjalan.get(perangkat_daerah__singkatan="Dinkes")
    assert dinkes.status == StatusAnalisis.KONSEP and dinkes.dapat_diubah
    assert dinkes.tugas.exists()
    assert berjalan.filter(status=StatusAnalisis.DIAJUKAN).exists()
    dikembalikan = berjalan.get(status=StatusAnalisis.DIKEMBALIKAN)
    assert dikembalikan.catatan
    assert timeline(dikembalikan)[-1].action == "instansi.abk.dikembalikan"


@pytest.mark.django_db
def test_there_are_proposals_in_every_state_and_no_employee_has_two_open():
    proposals = demo_proposals()
    # Every state: the decision letters take some approved ones on to the last two.
    for status in StatusUsulan.values:
        assert proposals.filter(status=status).exists(), status
    assert proposals.values("pegawai").distinct().count() == proposals.count()
    open_per_employee = (
        Usulan.objects.filter(status__in=OPEN).values("pegawai").annotate(n=Count("pk"))
    )
    assert max(row["n"] for row in open_per_employee) == 1


@pytest.mark.django_db
def test_every_proposal_has_a_timeline_that_ends_in_its_state():
    for usulan in demo_proposals():
        logs = timeline(usulan)
        filed = "mutasi.usulan.masuk_dibuat" if usulan.masuk else "mutasi.usulan.dibuat"
        assert logs[0].action == filed
        moves = [log for log in logs if "dari" in log.data]
        previous = StatusUsulan.KONSEP
        for log in moves:
            assert log.data["dari"] == previous, usulan
            assert log.action == f"mutasi.usulan.{log.data['ke']}"
            previous = log.data["ke"]
        assert previous == usulan.status, usulan
        assert logs[-1].timestamp <= timezone.now()


@pytest.mark.django_db
def test_every_proposal_past_draft_has_every_required_document_as_a_pdf():
    for usulan in demo_proposals().exclude(status=StatusUsulan.KONSEP):
        dokumen = {d.jenis: d for d in usulan.dokumen.all()}
        assert set(usulan.dokumen_wajib) <= set(dokumen), usulan
        if usulan.status in (StatusUsulan.TERVERIFIKASI, StatusUsulan.DISETUJUI):
            assert {d.status for d in dokumen.values()} == {StatusDokumen.DITERIMA}
    berkas = Dokumen.objects.first().berkas
    with berkas.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


@pytest.mark.django_db
def test_the_demo_accounts_find_their_work():
    now = timezone.now()

    asn = User.objects.get(username="asn")
    usulan = Usulan.objects.get(pegawai=asn.pegawai)
    assert usulan.status == StatusUsulan.DIAJUKAN
    window = datetime.timedelta(days=settings.MUTASI_JENDELA_SIKAP_HARI)
    assert now - window < usulan.diberitahukan_pada < now
    assert usulan.sikap == ""
    assert Notifikasi.objects.filter(penerima=asn, dibaca=False).exists()

    kepala = User.objects.get(username="kepala.dinkes")
    assert Usulan.objects.filter(
        status=StatusUsulan.MENUNGGU_KEPALA,
        unit_asal__perangkat_daerah=kepala.perangkat_daerah,
    ).exists()
    assert Usulan.objects.filter(
        status=StatusUsulan.KONSEP, dibuat_oleh__username="operator.dinkes"
    ).exists()
    assert (
        demo_proposals().filter(sikap=SikapPegawai.KEBERATAN).exclude(jawaban_keberatan="").exists()
    )
    assert PenilaianPanel.objects.exists()
    assert PengecualianSyarat.objects.exists()


@pytest.mark.django_db
def test_seeding_again_adds_no_analysis_proposal_or_notice():
    before = table_counts()
    for model in (
        AnalisisBebanKerja,
        UraianTugas,
        Usulan,
        Dokumen,
        PenilaianPanel,
        Notifikasi,
        AuditLog,
    ):
        assert before[model._meta.label], model

    seed()

    assert table_counts() == before


@pytest.mark.django_db
def test_the_benchmark_archive_adds_proposals_with_timelines_once():
    seed(usulan=50)

    archive = Usulan.objects.filter(catatan_internal=ARSIP)
    assert archive.count() == 50
    for usulan in archive:
        assert usulan.status in (
            StatusUsulan.DITOLAK,
            StatusUsulan.DIBATALKAN,
            StatusUsulan.DISETUJUI,
            StatusUsulan.DILAKSANAKAN,
        )
        assert 2 <= len(timeline(usulan)) <= 7
        assert timeline(usulan)[-1].action == f"mutasi.usulan.{usulan.status}"
        assert not usulan.dokumen.exists()
    # An approval still waiting for its letter is recent and took a free seat of its post:
    # no formasi it went into has more incoming moves than its need leaves room for.
    approved = archive.filter(status=StatusUsulan.DISETUJUI)
    assert approved.exists()
    for usulan in approved:
        assert usulan.formasi_tujuan.jabatan_id == usulan.jabatan_asal_id
        assert timezone.now() - usulan.diputuskan_pada < datetime.timedelta(days=120)
    targets = approved.values("formasi_tujuan")
    assert not kursi.daftar_kursi().filter(pk__in=targets, kursi__lt=0).exists()
    # Each implemented one is in exactly one published archive letter, numbered gap-free.
    implemented = archive.filter(status=StatusUsulan.DILAKSANAKAN)
    assert implemented.exists()
    links = SuratKeputusanUsulan.objects.filter(usulan__in=implemented)
    assert links.count() == implemented.count()
    assert {link.sk.status for link in links} == {StatusSK.TERBIT}
    for counter in NomorSurat.objects.all():
        numbers = SuratKeputusan.objects.filter(tahun=counter.tahun).values_list("urut", flat=True)
        assert sorted(numbers) == list(range(1, counter.terakhir + 1))
    before = table_counts()

    seed(usulan=50)

    assert table_counts() == before


@pytest.mark.django_db
def test_a_larger_run_keeps_the_accepted_analyses_equal_to_the_new_needs():
    seed(pegawai=STORIES + 40)

    for analisis in AnalisisBebanKerja.objects.filter(status=StatusAnalisis.DITERIMA):
        for hasil in hasil_analisis(analisis):
            assert hasil.kebutuhan == hasil.formasi.kebutuhan, hasil.formasi


@pytest.mark.django_db
def test_the_demo_publishes_letters_one_revoked_and_corrected(client):
    published = SuratKeputusan.objects.filter(status=StatusSK.TERBIT).exclude(
        baris__usulan__catatan_internal=ARSIP_EVALUASI
    )
    assert published.count() == 4 + masuk.SURAT
    assert SuratKeputusan.objects.filter(status=StatusSK.DIAJUKAN).count() == 1
    revoked = published.get(dicabut_oleh__isnull=False)
    correction = revoked.dicabut_oleh.get()
    assert set(revoked.baris.values_list("usulan", flat=True)) == set(
        correction.baris.filter(aktif=True).values_list("usulan", flat=True)
    )
    assert max(s.baris.count() for s in published) == letters.LETTERS["kolektif"][0]
    # The collective letter's people and two of the corrected letter's have reported; the
    # incoming nurse has too, and the outgoing employee has left (mutasi/demo/masuk.py).
    carried_out = letters.LETTERS["kolektif"][0] + 2 + 2
    assert demo_proposals().filter(status=StatusUsulan.DILAKSANAKAN).count() == carried_out
    today = timezone.localdate()
    assert all(s.tanggal_terbit <= today and s.tanggal_terbit.year == s.tahun for s in published)
    moved = Usulan.objects.filter(status=StatusUsulan.DILAKSANAKAN).select_related("pegawai")
    for u in moved:
        if u.formasi_tujuan_id:
            assert u.pegawai.unit_id == u.formasi_tujuan.unit_id
        else:
            assert not u.pegawai.aktif

    page = client.get(reverse("publik:transparansi")).content.decode()
    assert revoked.nomor in page
    assert correction.nomor in page
    assert "dicabut" in page

    # Each is signed by pejabat.penetap with the demo certificate, its petikan with it.
    for letter in published:
        hasil = periksa_tte.periksa(letter.berkas.read())
        assert letter.ditandatangani and hasil.sah and hasil.demo, letter.nomor
        assert letter.ditandatangani_oleh.username == "pejabat.penetap"
        extracts = Petikan.objects.filter(baris__sk=letter)
        assert extracts.count() == letter.baris.count()
        assert all(periksa_tte.periksa(p.berkas.read()).sah for p in extracts)
    # A move into Dinas Kesehatan is taken up on the SPMT kepala.dinkes signs in the app, with a
    # certificate in their name (which moves go there depends on the demo's size).
    kepala = User.objects.get(username="kepala.dinkes")
    by_head = Spmt.objects.filter(diterbitkan_oleh=kepala)
    assert set(by_head.values_list("baris", flat=True)) == set(
        SuratKeputusanUsulan.objects.filter(
            sk__in=published,
            perangkat_daerah_baru=kepala.perangkat_daerah,
            dilaksanakan_pada__isnull=False,
        ).values_list("pk", flat=True)
    )
    for item in by_head:
        hasil = periksa_tte.periksa(item.berkas.read())
        assert hasil.sah and hasil.penanda == f"{item.kepala_nama} (sertifikat demo)"


@pytest.mark.django_db
def test_the_time_in_state_kept_by_the_demo_and_the_archive_is_what_their_log_says():
    seed(usulan=40)
    assert LamaStatus.objects.filter(usulan__catatan_internal=ARSIP).exists()
    assert LamaStatus.objects.exclude(usulan__catatan_internal=ARSIP).filter(sejak__isnull=False)
    now = timezone.now()
    everything = Usulan.objects.all()
    # The letters' stories run on a ticking clock: a transition and its log row are a few
    # microseconds apart.
    assert sama(waktu_per_status(everything, now), waktu_dari_log(everything, now), 1 / 86400)


@pytest.mark.django_db
def test_moves_across_governments_are_told_through_the_services(client):
    """An incoming move carried out, one waiting for the Pertek, an outgoing release whose
    receiving decree BKD recorded: each with its timeline in the audit log."""
    incoming = Usulan.objects.filter(arah=ArahMutasi.MASUK).order_by("pk")
    nurse, waiting = incoming
    trail = [a.action for a in timeline(nurse)]
    assert trail[0] == "mutasi.usulan.masuk_dibuat"
    for step in ("pertek_dicatat", "disetujui", "ditetapkan", "dilaksanakan"):
        assert f"mutasi.usulan.{step}" in trail, step
    assert nurse.status == StatusUsulan.DILAKSANAKAN and nurse.pertek_lengkap
    assert nurse.dokumen.get(jenis=JenisDokumen.PERTEK).berkas.read(5) == b"%PDF-"
    assert nurse.pertek_permohonan_tanggal < nurse.pertek_tanggal < nurse.diputuskan_pada.date()
    assert nurse.asal_instansi == masuk.PERAWAT["asal_instansi"] and nurse.unit_asal is None
    pegawai = nurse.pegawai
    assert pegawai.aktif and pegawai.unit_id == nurse.formasi_tujuan.unit_id
    assert pegawai.riwayat_jabatan.get(selesai__isnull=True).unit_id == pegawai.unit_id
    letter = SuratKeputusan.objects.get(baris__usulan=nurse, status=StatusSK.TERBIT)
    assert letter.baris.count() == 1 and letter.ditandatangani
    assert Spmt.objects.filter(baris__usulan=nurse).exists()

    # The Pertek is asked for after filing: verified, it waits for the panel, then for it.
    assert waiting.status == StatusUsulan.TERVERIFIKASI and not waiting.pegawai.aktif
    assert waiting.pertek_permohonan_nomor and not waiting.pertek_nomor
    assert [a.action for a in timeline(waiting)][-1] == "mutasi.usulan.pertek_dicatat"
    client.force_login(User.objects.get(username="tim.pertimbangan"))
    assert waiting.kode in client.get(reverse("mutasi:tugas")).content.decode()
    page = client.get(waiting.get_absolute_url()).content.decode()
    assert "Kementerian Kesehatan" in page and waiting.pertek_permohonan_nomor in page

    out = Usulan.objects.get(arah=ArahMutasi.KELUAR, status=StatusUsulan.DILAKSANAKAN)
    trail = [a.action for a in timeline(out)]
    assert trail[0] == "mutasi.usulan.dibuat" and trail[-1] == "mutasi.usulan.dilaksanakan"
    assert "mutasi.usulan.disetujui" in trail
    assert out.tujuan_luar == masuk.TUJUAN_KELUAR and out.sk_luar_nomor
    assert not out.pegawai.aktif
    assert not out.pegawai.riwayat_jabatan.filter(selesai__isnull=True).exists()
    assert not SuratKeputusanUsulan.objects.filter(usulan=out).exists()


@pytest.mark.django_db
def test_a_pertek_is_asked_for_after_filing_and_only_by_the_side_that_decides():
    """No demo proposal carries a Pertek dated before it was filed, or a Pertek without the
    request BKD sent; an outgoing release carries none (the receiving side asks BKN)."""
    stories = Usulan.objects.exclude(catatan_internal__in=[ARSIP, ARSIP_EVALUASI])
    assert stories.filter(arah=ArahMutasi.KELUAR).exists()
    assert not stories.filter(arah=ArahMutasi.KELUAR).exclude(pertek_nomor="").exists()
    with_pertek = stories.exclude(pertek_nomor="")
    assert with_pertek.exists()
    for usulan in with_pertek:
        assert usulan.pertek_permohonan_nomor, usulan.kode
        filed = timezone.localtime(usulan.created).date()
        assert filed <= usulan.pertek_permohonan_tanggal <= usulan.pertek_tanggal, usulan.kode
