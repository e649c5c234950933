"""Decisions a BKD can defend (issue 21): seats, hard rules, two-person exceptions, re-checks
at every decision, snapshots of what was decided, corrections that correct, one TMT per
person, and need-to-know on the proposal page."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from instansi.choices import JenisJabatan, Jenjang
from instansi.models import BidangPendidikan
from mutasi.lib.tanggal import tanggal_indonesia
from mutasi.models import (
    Notifikasi,
    PengecualianSyarat,
    SalinanKeputusan,
    StatusPengecualian,
    SuratKeputusan,
    Usulan,
)
from mutasi.sk import pdf, pelaksanaan, terbit
from mutasi.sk import services as sk_services
from mutasi.usulan import eligibility, kursi, pengecualian, services
from mutasi.usulan.choices import JenisMutasi, KategoriAlasan, StatusUsulan
from pegawai.access import Role
from pegawai.choices import Golongan, PredikatSkp, TingkatPendidikan
from pegawai.models import HukumanDisiplin, Skp
from pegawai.nip import add_years
from tests.factories import (
    FormasiFactory,
    JabatanFactory,
    PegawaiFactory,
    UnitKerjaFactory,
    UserFactory,
    lengkapi,
    make_nip,
    terbitkan_sk,
)

pytestmark = pytest.mark.django_db

PENANDATANGAN = {"penandatangan_nama": "Dr. Uji", "penandatangan_jabatan": "Gubernur Asemrowo"}


def today():
    return timezone.localdate()


def usulan_untuk(pegawai, formasi, creator, status=StatusUsulan.DIPERTIMBANGKAN, **extra):
    """A proposal that passes every rule, put straight into ``status``."""
    fields = {
        "pegawai": pegawai,
        "jenis": JenisMutasi.ANTAR_OPD,
        "alasan": KategoriAlasan.KEBUTUHAN_ORGANISASI,
        "alasan_publik": "Mengisi kekurangan tenaga.",
        "unit_asal": pegawai.unit,
        "jabatan_asal": pegawai.jabatan,
        "formasi_tujuan": formasi,
        "tanggal_rencana": today() + datetime.timedelta(days=30),
        "dibuat_oleh": creator,
        "rekomendasi": "setujui",
    } | extra
    usulan = Usulan.objects.create(**fields)
    lengkapi(usulan)
    Usulan.objects.filter(pk=usulan.pk).update(status=status)
    return Usulan.objects.select_related("pegawai").get(pk=usulan.pk)


@pytest.fixture
def seat(unit_b):
    """A formasi in agency B with exactly one free seat."""
    return FormasiFactory(unit=unit_b, kebutuhan=1)


@pytest.fixture
def two_candidates(seat, unit_a, operator_bkd):
    return [
        usulan_untuk(PegawaiFactory(unit=unit_a, jabatan=seat.jabatan), seat, operator_bkd)
        for _i in range(2)
    ]


def publish(sk, pejabat):
    return terbitkan_sk(sk.pk, pejabat)


# --- 1. Seats ------------------------------------------------------------------------------


def test_an_approved_move_takes_the_seat_and_a_second_approval_is_refused(
    seat, two_candidates, pejabat
):
    first, second = two_candidates
    assert kursi.hitung(seat).bebas == 1
    services.setujui(first.pk, pejabat)

    assert kursi.hitung(seat) == kursi.Kursi(kebutuhan=1, terisi=0, masuk=1, keluar=0)
    with pytest.raises(ValidationError, match="tidak punya kursi kosong"):
        services.setujui(second.pk, pejabat)
    second.refresh_from_db()
    assert second.status == StatusUsulan.DIPERTIMBANGKAN
    # The checklist of the second says so, in the same words as the seat count.
    lowongan = next(s for s in eligibility.periksa(second) if s.kode == "lowongan")
    assert "1 pindah masuk sudah disetujui" in lowongan.fakta
    assert "0 kursi kosong" in lowongan.fakta


def test_a_justified_full_target_may_be_considered_but_not_approved(
    seat, unit_a, operator_bkd, pejabat
):
    PegawaiFactory(unit=seat.unit, jabatan=seat.jabatan)  # the holder: no seat left
    usulan = usulan_untuk(
        PegawaiFactory(unit=unit_a, jabatan=seat.jabatan),
        seat,
        operator_bkd,
        justifikasi_tujuan="Pemegangnya pensiun bulan depan.",
    )
    lowongan = next(s for s in eligibility.periksa(usulan) if s.kode == "lowongan")
    assert lowongan.status == eligibility.TINJAU and not lowongan.menghalangi
    with pytest.raises(ValidationError, match="tidak punya kursi kosong"):
        services.setujui(usulan.pk, pejabat)


def test_an_outgoing_move_in_a_published_letter_frees_its_seat(seat, unit_a, operator_bkd, pejabat):
    holder = PegawaiFactory(unit=seat.unit, jabatan=seat.jabatan)
    elsewhere = FormasiFactory(unit=unit_a, jabatan=seat.jabatan, kebutuhan=1)
    leaving = usulan_untuk(holder, elsewhere, operator_bkd, status=StatusUsulan.DISETUJUI)
    assert kursi.hitung(seat).bebas == 0
    publish(sk_services.buat_draf(operator_bkd, [leaving.pk], **PENANDATANGAN), pejabat)

    assert kursi.hitung(seat) == kursi.Kursi(kebutuhan=1, terisi=1, masuk=0, keluar=1)
    assert kursi.hitung(seat).bebas == 1


def test_the_vacancy_list_counts_approved_moves(login, operator_bkd, seat, two_candidates, pejabat):
    url = reverse("mutasi:lowongan")
    assert seat in login(operator_bkd).get(url).context["table"].data
    services.setujui(two_candidates[0].pk, pejabat)
    assert seat not in list(login(operator_bkd).get(url).context["table"].data)


def test_the_grouped_seat_list_agrees_with_the_count_per_formasi(
    seat, unit_a, operator_bkd, pejabat, two_candidates
):
    holder = PegawaiFactory(unit=seat.unit, jabatan=seat.jabatan)
    PegawaiFactory(unit=seat.unit, jabatan=seat.jabatan, aktif=False)
    # Where the two candidates hold their posts.
    elsewhere = FormasiFactory(unit=unit_a, jabatan=seat.jabatan, kebutuhan=4)
    leaving = usulan_untuk(holder, elsewhere, operator_bkd, status=StatusUsulan.DISETUJUI)
    publish(sk_services.buat_draf(operator_bkd, [leaving.pk], **PENANDATANGAN), pejabat)
    services.setujui(two_candidates[0].pk, pejabat)
    FormasiFactory()  # nobody in it, nothing moving
    fields = ("pk", "bezetting", "masuk", "keluar", "kursi")
    grouped = sorted(kursi.daftar_kursi().values_list(*fields))
    assert grouped == sorted(kursi.dengan_kursi().values_list(*fields))
    # One holder leaving by a published letter, one approved to come: no seat left.
    assert (seat.pk, 1, 1, 1, 0) in grouped
    assert (elsewhere.pk, 2, 1, 0, 1) in grouped


def test_publication_refuses_an_over_booked_seat(seat, two_candidates, operator_bkd, pejabat):
    # Approved before seats were counted (as the old data had it): both hold the one seat.
    Usulan.objects.filter(pk__in=[u.pk for u in two_candidates]).update(
        status=StatusUsulan.DISETUJUI
    )
    letter = sk_services.buat_draf(operator_bkd, [u.pk for u in two_candidates], **PENANDATANGAN)
    with pytest.raises(ValidationError, match="tidak punya kursi kosong"):
        publish(letter, pejabat)
    letter.refresh_from_db()
    assert letter.status != "terbit" and not letter.nomor


# --- 2. Hard rules stay hard ----------------------------------------------------------------


def test_a_missing_skp_year_blocks(seat, unit_a, operator_bkd):
    usulan = usulan_untuk(PegawaiFactory(unit=unit_a, jabatan=seat.jabatan), seat, operator_bkd)
    last = eligibility.tahun_skp(today())[-1]
    Skp.objects.filter(pegawai=usulan.pegawai, tahun=last).delete()
    skp = next(s for s in eligibility.periksa(usulan) if s.kode == "skp")
    assert skp.status == eligibility.GAGAL and skp.menghalangi
    assert "tidak ada" in skp.fakta


def test_education_field_or_level_mismatch_blocks_unless_the_level_is_changed(
    seat, unit_a, operator_bkd, settings
):
    hukum = BidangPendidikan.objects.create(nama="Hukum")
    kesehatan = BidangPendidikan.objects.create(nama="Kesehatan Masyarakat")
    seat.jabatan.bidang_pendidikan.add(hukum)
    pegawai = PegawaiFactory(unit=unit_a, bidang_pendidikan=kesehatan)
    usulan = usulan_untuk(pegawai, seat, operator_bkd)

    def pendidikan():
        fresh = Usulan.objects.get(pk=usulan.pk)
        return next(s for s in eligibility.periksa(fresh) if s.kode == "pendidikan")

    assert pendidikan().menghalangi
    pegawai.bidang_pendidikan = hukum
    pegawai.tingkat_pendidikan = TingkatPendidikan.D3
    pegawai.save()
    seat.jabatan.pendidikan_minimal = TingkatPendidikan.S1
    seat.jabatan.save()
    assert pendidikan().menghalangi and "minimal S-1" in pendidikan().fakta
    settings.MUTASI_TINGKAT_SYARAT = settings.MUTASI_TINGKAT_SYARAT | {"pendidikan": "tinjau"}
    assert pendidikan().status == eligibility.TINJAU and not pendidikan().menghalangi


def test_own_request_follows_who_asked_not_the_reason_chosen(seat, unit_a, operator_bkd):
    # A PNS of three years asks to move to another agency "for family reasons".
    baru = PegawaiFactory(
        unit=unit_a, jabatan=seat.jabatan, nip=make_nip(cpns=add_years(today(), -3))
    )
    keluarga = usulan_untuk(
        baru, seat, operator_bkd, alasan=KategoriAlasan.ALASAN_KELUARGA, permintaan_sendiri=True
    )
    rule = next(s for s in eligibility.periksa(keluarga) if s.kode == "pns_baru")
    assert rule.menghalangi
    # The same reason, the move initiated by the organisation: the rule does not apply.
    Usulan.objects.filter(pk=keluarga.pk).update(permintaan_sendiri=False)
    keluarga.refresh_from_db()
    assert not next(s for s in eligibility.periksa(keluarga) if s.kode == "pns_baru").menghalangi


def test_filing_as_the_employee_or_with_reason_own_request_sets_the_fact(
    asn_a, operator_bkd, pegawai_a, unit_b
):
    target = FormasiFactory(unit=unit_b, jabatan=pegawai_a.jabatan)
    fields = {
        "jenis": JenisMutasi.ANTAR_OPD,
        "alasan_publik": "Dekat keluarga.",
        "formasi_tujuan": target,
        "tanggal_rencana": today() + datetime.timedelta(days=60),
    }
    own = services.buat_usulan(asn_a, pegawai_a, **fields)
    assert own.permintaan_sendiri
    services.batalkan(own.pk, asn_a, "Tidak jadi.")
    by_bkd = services.buat_usulan(
        operator_bkd, pegawai_a, alasan=KategoriAlasan.PERMINTAAN_SENDIRI, **fields
    )
    assert by_bkd.permintaan_sendiri


# --- 3. Exceptions need two people ----------------------------------------------------------


@pytest.fixture
def short_tenure(seat, unit_a, operator_bkd):
    pegawai = PegawaiFactory(
        unit=unit_a, jabatan=seat.jabatan, tmt_jabatan=today() - datetime.timedelta(days=200)
    )
    return usulan_untuk(pegawai, seat, operator_bkd, status=StatusUsulan.DIAJUKAN)


def test_nobody_grants_their_own_request(short_tenure, verifikator):
    double = UserFactory(roles=[Role.VERIFIKATOR_BKD, Role.PEJABAT_PENETAP])
    pengecualian.minta_pengecualian(short_tenure.pk, double, "masa_jabatan", "Mendesak.")
    with pytest.raises(PermissionDenied, match="orang lain"):
        pengecualian.putuskan_pengecualian(short_tenure.pk, double, "masa_jabatan", True)
    assert PengecualianSyarat.objects.get().status == StatusPengecualian.DIMINTA
    # The database holds the rule too.
    with pytest.raises(IntegrityError), transaction.atomic():
        PengecualianSyarat.objects.update(
            status=StatusPengecualian.DIBERIKAN,
            diputuskan_oleh=double,
            diputuskan_pada=timezone.now(),
        )


def test_a_request_changes_nothing_until_granted_and_a_refusal_needs_a_reason(
    short_tenure, verifikator, pejabat
):
    def blocking():
        return [s.kode for s in eligibility.menghalangi(eligibility.periksa(short_tenure))]

    assert blocking() == ["masa_jabatan"]
    pengecualian.minta_pengecualian(short_tenure.pk, verifikator, "masa_jabatan", "Mendesak.")
    assert blocking() == ["masa_jabatan"]
    with pytest.raises(ValidationError, match="alasan menolak"):
        pengecualian.putuskan_pengecualian(short_tenure.pk, pejabat, "masa_jabatan", False)
    pengecualian.putuskan_pengecualian(short_tenure.pk, pejabat, "masa_jabatan", True, "Setuju.")
    assert blocking() == []
    granted = PengecualianSyarat.objects.get()
    assert (granted.diminta_oleh, granted.diputuskan_oleh) == (verifikator, pejabat)
    assert Notifikasi.objects.filter(penerima=verifikator, judul__contains="diberikan").exists()


def test_a_waiting_request_keeps_the_reason_the_official_reads(short_tenure, verifikator):
    pengecualian.minta_pengecualian(short_tenure.pk, verifikator, "masa_jabatan", "Mendesak.")
    with pytest.raises(ValidationError, match="masih menunggu keputusan"):
        pengecualian.minta_pengecualian(short_tenure.pk, verifikator, "masa_jabatan", "Lain.")
    assert PengecualianSyarat.objects.get().alasan == "Mendesak."


def test_the_timeline_says_whether_a_waiver_was_granted_or_refused(
    login, short_tenure, verifikator, pejabat
):
    """The entry 'Permintaan pengecualian syarat diputuskan' showed the official's note and
    'Masa dalam jabatan sekarang:' with nothing after it: granted or refused, it did not say."""
    pengecualian.minta_pengecualian(short_tenure.pk, verifikator, "masa_jabatan", "Mendesak.")
    pengecualian.putuskan_pengecualian(
        short_tenure.pk, pejabat, "masa_jabatan", False, "Tidak mendesak."
    )
    pengecualian.minta_pengecualian(short_tenure.pk, verifikator, "masa_jabatan", "Unit kosong.")
    pengecualian.putuskan_pengecualian(short_tenure.pk, pejabat, "masa_jabatan", True, "Setuju.")
    page = login(verifikator).get(reverse("mutasi:usulan_detail", args=[short_tenure.pk])).text
    riwayat = page[page.index('id="h-riwayat"') :]
    assert "Masa dalam jabatan sekarang: pengecualian ditolak" in riwayat
    assert "Masa dalam jabatan sekarang: pengecualian diberikan" in riwayat
    assert riwayat.index("pengecualian diberikan") < riwayat.index("pengecualian ditolak")
    assert "Masa dalam jabatan sekarang: <" not in riwayat


# A post of another kind or level, or a lower (or much higher) class, is a demotion or a
# promotion: another procedure, which no waiver turns into a mutation.
@pytest.mark.parametrize(
    "syarat", ["disiplin", "pensiun", "lowongan", "dokumen", "setara", "kelas"]
)
def test_some_rules_are_never_waivable(short_tenure, verifikator, syarat):
    with pytest.raises(ValidationError, match="tidak dapat dikecualikan"):
        pengecualian.minta_pengecualian(short_tenure.pk, verifikator, syarat, "Tolong.")
    assert not PengecualianSyarat.objects.exists()


def test_only_the_configured_roles_ask_and_grant(short_tenure, operator_bkd, verifikator, pejabat):
    with pytest.raises(PermissionDenied):
        pengecualian.minta_pengecualian(short_tenure.pk, operator_bkd, "masa_jabatan", "x")
    pengecualian.minta_pengecualian(short_tenure.pk, verifikator, "masa_jabatan", "Mendesak.")
    with pytest.raises(PermissionDenied):
        pengecualian.putuskan_pengecualian(short_tenure.pk, operator_bkd, "masa_jabatan", True)


# --- 4. Re-check at every decision ------------------------------------------------------------


def test_a_penalty_imposed_after_approval_stops_publication_and_carrying_out(
    seat, unit_a, operator_bkd, pejabat
):
    usulan = usulan_untuk(
        PegawaiFactory(unit=unit_a, jabatan=seat.jabatan),
        seat,
        operator_bkd,
        status=StatusUsulan.DISETUJUI,
    )
    letter = sk_services.buat_draf(operator_bkd, [usulan.pk], **PENANDATANGAN)
    penalty = HukumanDisiplin.objects.create(
        pegawai=usulan.pegawai,
        tingkat="berat",
        jenis="Penurunan jabatan",
        mulai=today() - datetime.timedelta(days=1),
        selesai=today() + datetime.timedelta(days=365),
    )
    with pytest.raises(ValidationError, match="Hukuman disiplin berat"):
        publish(letter, pejabat)
    penalty.delete()
    letter = publish(letter, pejabat)
    HukumanDisiplin.objects.create(
        pegawai=usulan.pegawai,
        tingkat="berat",
        jenis="Penurunan jabatan",
        mulai=today(),
        selesai=today() + datetime.timedelta(days=365),
    )
    tmt = letter.baris.get().tmt
    with pytest.raises(ValidationError, match="Pelaksanaan tidak dapat dicatat"), time_on(tmt):
        pelaksanaan.laksanakan(letter.pk, usulan.pk, operator_bkd, tmt)


def time_on(day):
    import time_machine

    return time_machine.travel(
        timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    )


# --- 4b. The panel's advice ----------------------------------------------------------------


def test_approving_against_the_panels_advice_needs_the_officials_reason(
    login, seat, unit_a, operator_bkd, pejabat
):
    usulan = usulan_untuk(
        PegawaiFactory(unit=unit_a, jabatan=seat.jabatan), seat, operator_bkd, rekomendasi="tolak"
    )
    client = login(pejabat)
    page = client.get(reverse("mutasi:usulan_detail", args=[usulan.pk])).text
    assert "Alasan menyetujui meskipun Tim Pertimbangan merekomendasikan penolakan" in page

    url = reverse("mutasi:usulan_setujui", args=[usulan.pk])
    response = client.post(url, {"catatan": "  "}, follow=True)
    assert "tuliskan alasan Anda menyetujui usulan ini" in response.text
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.DIPERTIMBANGKAN

    client.post(url, {"catatan": "Unit tujuan kehabisan tenaga; pelatihannya terpakai di sana."})
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.DISETUJUI
    assert usulan.keputusan_catatan.startswith("Unit tujuan kehabisan tenaga")


def test_the_inbox_batch_approval_leaves_out_what_the_panel_advised_against(
    login, unit_a, unit_b, operator_bkd, pejabat
):
    formasi = FormasiFactory(unit=unit_b, kebutuhan=2)
    advised = usulan_untuk(
        PegawaiFactory(unit=unit_a, jabatan=formasi.jabatan), formasi, operator_bkd
    )
    against = usulan_untuk(
        PegawaiFactory(unit=unit_a, jabatan=formasi.jabatan),
        formasi,
        operator_bkd,
        rekomendasi="tolak",
    )
    client = login(pejabat)
    inbox = client.get(reverse("mutasi:tugas")).text
    assert f'name="usulan" value="{advised.pk}"' in inbox
    assert f'name="usulan" value="{against.pk}"' not in inbox
    assert "Direkomendasikan untuk ditolak" in inbox

    # A stale inbox (or a crafted request) sends both: only the advised one is approved.
    response = client.post(
        reverse("mutasi:usulan_massal", args=["setujui"]),
        {"usulan": [advised.pk, against.pk], "catatan": "Sesuai rekomendasi."},
        follow=True,
    )
    assert "Tim Pertimbangan merekomendasikan penolakan" in response.text
    advised.refresh_from_db()
    against.refresh_from_db()
    assert advised.status == StatusUsulan.DISETUJUI
    assert against.status == StatusUsulan.DIPERTIMBANGKAN


# --- 5. Snapshots --------------------------------------------------------------------------------


@pytest.fixture
def carried_out(seat, unit_a, operator_bkd, pejabat):
    usulan = usulan_untuk(
        PegawaiFactory(unit=unit_a, jabatan=seat.jabatan, nama="Rina Marlina"),
        seat,
        operator_bkd,
        status=StatusUsulan.DISETUJUI,
    )
    SalinanKeputusan.objects.create(
        usulan=usulan, tahap="persetujuan", oleh=pejabat, data={"syarat": []}
    )
    letter = publish(sk_services.buat_draf(operator_bkd, [usulan.pk], **PENANDATANGAN), pejabat)
    tmt = letter.baris.get().tmt
    with time_on(tmt):
        pelaksanaan.laksanakan(letter.pk, usulan.pk, operator_bkd, tmt)
    return letter, Usulan.objects.get(pk=usulan.pk)


def test_a_carried_out_proposal_is_shown_by_its_decision(login, carried_out, operator_bkd):
    letter, usulan = carried_out
    assert usulan.salinan.filter(tahap="penetapan").exists()
    assert usulan.salinan.filter(tahap="pelaksanaan").exists()
    page = login(operator_bkd).get(usulan.get_absolute_url()).text
    assert "Syarat sebagaimana diperiksa saat penetapan SK," in page
    assert "Tidak ada syarat yang menghalangi." in page
    # Today the employee has days in the new post: today's view fails, labelled as such.
    assert "Keadaan hari ini (hanya pembanding" in page
    assert "syarat belum terpenuhi dan menghalangi" not in page


def test_master_data_edits_change_nothing_published(
    client, login, carried_out, operator_bkd, django_capture_on_commit_callbacks
):
    letter, usulan = carried_out
    html_before = pdf.html_surat(letter, untuk_pdf=True)
    csv_before = client.get(reverse("publik:data_csv")).content
    pegawai = usulan.pegawai
    pegawai.nama, pegawai.golongan = "Rina Marlina Berganti", Golongan.IV_A
    pegawai.save()
    unit = usulan.formasi_tujuan.unit
    unit.nama = "Bidang Dinamai Ulang"
    unit.save()
    letter = SuratKeputusan.objects.get(pk=letter.pk)

    assert pdf.html_surat(letter, untuk_pdf=True) == html_before
    from django.core.cache import cache

    cache.clear()
    csv_after = client.get(reverse("publik:data_csv")).content
    assert csv_after == csv_before
    rows = list(csv.DictReader(io.StringIO(csv_after.decode("utf-8-sig"))))
    assert any("Rina Marlina" in ",".join(r.values()) for r in rows)
    assert "Berganti" not in csv_after.decode()
    # A draft reads the records as they are today.
    newcomer = PegawaiFactory(unit=usulan.unit_asal)
    other = usulan_untuk(
        newcomer,
        FormasiFactory(unit=unit, jabatan=newcomer.jabatan),
        operator_bkd,
        status=StatusUsulan.DISETUJUI,
    )
    draft = sk_services.buat_draf(operator_bkd, [other.pk], **PENANDATANGAN)
    assert "Bidang Dinamai Ulang" in pdf.html_surat(draft, untuk_pdf=True)


def test_the_proposal_page_shows_the_posts_and_tmt_as_decided(
    login, seat, unit_a, operator_bkd, pejabat
):
    from mutasi.usulan import jejak

    usulan = usulan_untuk(
        PegawaiFactory(unit=unit_a, jabatan=seat.jabatan),
        seat,
        operator_bkd,
        status=StatusUsulan.DISETUJUI,
    )
    jejak.simpan(usulan, "persetujuan", pejabat)
    old_name = seat.unit.nama
    seat.unit.nama = "Bidang Dinamai Sesudah Keputusan"
    seat.unit.save()

    def ringkasan():
        page = login(operator_bkd).get(usulan.get_absolute_url()).text
        return page[page.index('id="h-ringkasan"') :].split("</section>")[0]

    page = ringkasan()
    assert old_name in page
    assert "Bidang Dinamai Sesudah Keputusan" not in page
    assert "sebagaimana tercatat saat persetujuan" in page

    # Published with another TMT: the letter's names and TMT, the plan beside it.
    letter = sk_services.buat_draf(operator_bkd, [usulan.pk], **PENANDATANGAN)
    tmt = today() + datetime.timedelta(days=90)
    sk_services.ubah_baris(letter.pk, operator_bkd, usulan.pk, tmt=tmt)
    letter = publish(letter, pejabat)
    seat.unit.nama = "Bidang Dinamai Sesudah SK"
    seat.unit.save()
    page = ringkasan()
    assert "Bidang Dinamai Sesudah SK" not in page
    assert f"sebagaimana tercantum dalam SK {letter.nomor}" in page
    assert f"{tanggal_indonesia(tmt)} <span" in page
    assert f"rencana semula {tanggal_indonesia(usulan.tanggal_rencana)}" in page


# --- 6. Corrections that correct ------------------------------------------------------------------


@pytest.fixture
def letter_of_three(seat, unit_a, unit_b, operator_bkd, pejabat):
    seat.kebutuhan = 5
    seat.save()
    proposals = [
        usulan_untuk(
            PegawaiFactory(unit=unit_a, jabatan=seat.jabatan, nama=f"Pegawai {n}"),
            seat,
            operator_bkd,
            status=StatusUsulan.DISETUJUI,
        )
        for n in "ABC"
    ]
    letter = sk_services.buat_draf(operator_bkd, [u.pk for u in proposals], **PENANDATANGAN)
    return publish(letter, pejabat), proposals


def test_a_correction_drops_a_person_and_changes_a_post_and_a_tmt(
    client, letter_of_three, operator_bkd, pejabat, unit_b
):
    letter, (a, b, c) = letter_of_three
    other = FormasiFactory(unit=UnitKerjaFactory(nama="Bidang Lain"), jabatan=a.jabatan_asal)
    correction = sk_services.buat_pembetulan(letter.pk, operator_bkd)
    sk_services.keluarkan_usulan(correction.pk, operator_bkd, a.pk)
    sk_services.ubah_baris(
        correction.pk,
        operator_bkd,
        b.pk,
        tmt=correction.baris.get(usulan=b).tmt,
        formasi_tujuan=other,
    )
    new_tmt = correction.baris.get(usulan=c).tmt + datetime.timedelta(days=7)
    sk_services.ubah_baris(correction.pk, operator_bkd, c.pk, tmt=new_tmt)
    with pytest.raises(ValidationError, match="(?i)alasan pembetulan"):
        publish(correction, pejabat)
    sk_services.ubah_draf(correction.pk, operator_bkd, alasan_pembetulan="Penempatan keliru.")
    correction = publish(SuratKeputusan.objects.get(pk=correction.pk), pejabat)

    a.refresh_from_db(), b.refresh_from_db(), c.refresh_from_db()
    assert a.status == StatusUsulan.DIBATALKAN
    assert b.status == StatusUsulan.DITETAPKAN and b.formasi_tujuan == other
    assert correction.baris.get(usulan=c).tmt == new_tmt
    changes = correction.perubahan()
    assert "Pegawai A: tidak lagi dipindahkan." in changes
    assert any(
        s.startswith("Pegawai B: jabatan baru menjadi") and "Bidang Lain" in s for s in changes
    )
    assert any(s.startswith("Pegawai C: TMT menjadi") for s in changes)
    for kode in (letter.kode_verifikasi, correction.kode_verifikasi):
        page = client.get(reverse("publik:verifikasi_kode", args=[kode])).content.decode()
        assert "Penempatan keliru." in page and "Pegawai A: tidak lagi dipindahkan." in page


def test_the_letter_list_says_which_letters_were_revoked_and_by_which(
    login, letter_of_three, operator_bkd, pejabat
):
    """The list showed a revoked letter as 'Terbit' like any other, only its own page said
    it had been revoked."""
    letter, (a, _b, _c) = letter_of_three
    correction = sk_services.buat_pembetulan(letter.pk, operator_bkd)
    sk_services.keluarkan_usulan(correction.pk, operator_bkd, a.pk)
    sk_services.ubah_draf(correction.pk, operator_bkd, alasan_pembetulan="Pegawai A keliru.")
    correction = publish(SuratKeputusan.objects.get(pk=correction.pk), pejabat)

    page = login(pejabat).get(reverse("mutasi:sk_list")).text
    rows = {row.split("</a>")[0].rsplit(">", 1)[-1]: row for row in page.split("<tr>")[1:]}
    assert f"Dicabut oleh {correction.nomor}" in rows[letter.nomor]
    assert "Dicabut oleh" not in rows[correction.nomor]


def test_a_correction_cannot_move_a_person_to_a_lower_post(letter_of_three, operator_bkd, pejabat):
    """A correction may change a post, but not into one a move could not go to: a pelaksana
    post of a lower class for a functional analyst is a demotion, another procedure."""
    letter, (a, _b, _c) = letter_of_three
    lower = FormasiFactory(
        unit=UnitKerjaFactory(nama="Bagian Keuangan"),
        jabatan=JabatanFactory(
            nama="Pramu Bakti",
            jenis=JenisJabatan.PELAKSANA,
            jenjang=Jenjang.PELAKSANA,
            kelas=3,
            golongan_minimal=Golongan.I_A,
        ),
        kebutuhan=3,
    )
    correction = sk_services.buat_pembetulan(letter.pk, operator_bkd)
    tmt = correction.baris.get(usulan=a).tmt
    sk_services.ubah_baris(correction.pk, operator_bkd, a.pk, tmt=tmt, formasi_tujuan=lower)
    sk_services.ubah_draf(correction.pk, operator_bkd, alasan_pembetulan="Jabatan keliru.")
    with pytest.raises(ValidationError, match="(?i)kelas jabatan"):
        publish(SuratKeputusan.objects.get(pk=correction.pk), pejabat)
    a.refresh_from_db()
    assert a.formasi_tujuan_id != lower.pk
    assert not SuratKeputusan.objects.get(pk=letter.pk).dicabut


def test_a_move_carried_out_cannot_be_dropped(letter_of_three, operator_bkd):
    letter, (a, _b, _c) = letter_of_three
    tmt = letter.baris.get(usulan=a).tmt
    with time_on(tmt):
        pelaksanaan.laksanakan(letter.pk, a.pk, operator_bkd, tmt)
    correction = sk_services.buat_pembetulan(letter.pk, operator_bkd)
    with pytest.raises(ValidationError, match="sudah melapor"):
        sk_services.keluarkan_usulan(correction.pk, operator_bkd, a.pk)


# --- 7. TMT --------------------------------------------------------------------------------------


def test_each_person_has_the_tmt_of_their_proposal_and_a_change_is_shown(
    login, seat, two_candidates, operator_bkd
):
    first, second = two_candidates
    Usulan.objects.filter(pk=first.pk).update(status=StatusUsulan.DISETUJUI)
    seat.kebutuhan = 2
    seat.save()
    Usulan.objects.filter(pk=second.pk).update(
        status=StatusUsulan.DISETUJUI, tanggal_rencana=today() + datetime.timedelta(days=45)
    )
    letter = sk_services.buat_draf(operator_bkd, [first.pk, second.pk], **PENANDATANGAN)
    first.refresh_from_db(), second.refresh_from_db()
    assert {r.usulan_id: r.tmt for r in letter.baris.all()} == {
        first.pk: first.tanggal_rencana,
        second.pk: second.tanggal_rencana,
    }
    html = pdf.html_surat(letter, untuk_pdf=True)
    assert "sebagaimana tercantum dalam Lampiran" in html  # two dates: given per row
    page = login(operator_bkd).get(letter.get_absolute_url()).text
    assert "berbeda dari rencana TMT" not in page
    sk_services.ubah_baris(letter.pk, operator_bkd, first.pk, tmt=today() + datetime.timedelta(90))
    page = login(operator_bkd).get(letter.get_absolute_url()).text
    assert "berbeda dari rencana TMT usulannya" in page


def test_a_tmt_before_the_letter_needs_a_reason_and_the_employee_is_told(
    seat, two_candidates, operator_bkd, pejabat
):
    first = two_candidates[0]
    Usulan.objects.filter(pk=first.pk).update(status=StatusUsulan.DISETUJUI)
    account = UserFactory(pegawai=first.pegawai, roles=[Role.ASN])
    letter = sk_services.buat_draf(operator_bkd, [first.pk], **PENANDATANGAN)
    earlier = today() - datetime.timedelta(days=3)
    sk_services.ubah_baris(letter.pk, operator_bkd, first.pk, tmt=earlier)
    with pytest.raises(ValidationError, match="alasan TMT"):
        publish(letter, pejabat)
    sk_services.ubah_draf(letter.pk, operator_bkd, alasan_tmt_surut="Sudah bertugas sejak itu.")
    letter = publish(SuratKeputusan.objects.get(pk=letter.pk), pejabat)
    notice = Notifikasi.objects.get(penerima=account, judul__contains="SK pemindahan")
    assert letter.nomor in notice.pesan and pdf.tanggal_indonesia(earlier) in notice.pesan


def test_numbers_follow_publication_order(seat, unit_a, operator_bkd, pejabat):
    seat.kebutuhan = 3
    seat.save()
    letters = []
    for n in range(3):
        usulan = usulan_untuk(
            PegawaiFactory(unit=unit_a, jabatan=seat.jabatan),
            seat,
            operator_bkd,
            status=StatusUsulan.DISETUJUI,
        )
        draft = sk_services.buat_draf(operator_bkd, [usulan.pk], **PENANDATANGAN)
        # Three days of one year (numbers start again each year).
        first = min(today(), datetime.date(today().year, 12, 29))
        with time_on(first + datetime.timedelta(days=n)):
            letters.append(publish(draft, pejabat))
    assert [s.urut for s in letters] == [1, 2, 3]
    assert [s.tanggal_terbit for s in letters] == sorted(s.tanggal_terbit for s in letters)


# --- 8. Need-to-know ------------------------------------------------------------------------


def test_another_agency_sees_whether_rules_pass_not_the_facts(
    login, pegawai_a, operator_opd_b, unit_b, verifikator
):
    last = eligibility.tahun_skp(today())[-1]
    Skp.objects.create(pegawai=pegawai_a, tahun=last, predikat=PredikatSkp.KURANG)
    HukumanDisiplin.objects.create(
        pegawai=pegawai_a,
        tingkat="sedang",
        jenis="Penundaan kenaikan pangkat",
        mulai=today() - datetime.timedelta(days=10),
        selesai=today() + datetime.timedelta(days=300),
    )
    vacancy = FormasiFactory(unit=unit_b, jabatan=pegawai_a.jabatan)
    usulan = services.buat_usulan(
        operator_opd_b,
        pegawai_a,
        jenis=JenisMutasi.ANTAR_OPD,
        alasan=KategoriAlasan.KEBUTUHAN_ORGANISASI,
        alasan_publik="Mengisi lowongan.",
        formasi_tujuan=vacancy,
        tanggal_rencana=today() + datetime.timedelta(days=60),
    )
    page = login(operator_opd_b).get(usulan.get_absolute_url()).text
    assert "Tidak memenuhi" in page and "Predikat SKP" in page
    assert "Kurang" not in page
    assert "Penundaan kenaikan pangkat" not in page and "disiplin sedang" not in page
    assert pegawai_a.nip not in page
    staff = login(verifikator).get(usulan.get_absolute_url()).text
    assert "disiplin sedang" in staff and pegawai_a.nip in staff


def test_panel_scores_show_in_the_timeline_only_to_government_wide_roles(
    login, pegawai_a, kepala_opd_a, unit_b, tim_pertimbangan, verifikator
):
    target = FormasiFactory(unit=unit_b, jabatan=pegawai_a.jabatan)
    usulan = usulan_untuk(pegawai_a, target, kepala_opd_a, status=StatusUsulan.TERVERIFIKASI)
    services.nilai(usulan.pk, tim_pertimbangan, 4, "Cocok.")
    assert "skor 4" not in login(kepala_opd_a).get(usulan.get_absolute_url()).text
    assert "skor 4" in login(verifikator).get(usulan.get_absolute_url()).text


# --- Hand-offs (issue 15) ------------------------------------------------------------------


def test_bkd_is_told_once_when_a_moves_tmt_comes(seat, unit_a, operator_bkd, pejabat):
    usulan = usulan_untuk(
        PegawaiFactory(unit=unit_a, jabatan=seat.jabatan),
        seat,
        operator_bkd,
        status=StatusUsulan.DISETUJUI,
    )
    letter = publish(sk_services.buat_draf(operator_bkd, [usulan.pk], **PENANDATANGAN), pejabat)
    tmt = letter.baris.get().tmt
    assert pelaksanaan.ingatkan_pelaksanaan(tmt - datetime.timedelta(days=1)) == []
    assert len(pelaksanaan.ingatkan_pelaksanaan(tmt)) == 1
    assert pelaksanaan.ingatkan_pelaksanaan(tmt + datetime.timedelta(days=2)) == []
    notice = Notifikasi.objects.get(penerima=operator_bkd, judul__startswith="Siap dicatat")
    assert notice.tautan == usulan.get_absolute_url() and letter.nomor in notice.pesan


def test_a_submitted_letter_reaches_the_officials_inbox_and_a_returned_one_the_composer(
    login, seat, unit_a, operator_bkd, pejabat
):
    usulan = usulan_untuk(
        PegawaiFactory(unit=unit_a, jabatan=seat.jabatan),
        seat,
        operator_bkd,
        status=StatusUsulan.DISETUJUI,
    )
    assert "Disetujui, belum masuk SK" in login(operator_bkd).get(reverse("mutasi:tugas")).text
    letter = sk_services.buat_draf(operator_bkd, [usulan.pk], **PENANDATANGAN)
    with pytest.raises(ValidationError, match="belum diajukan"):
        terbit.terbitkan(letter.pk, pejabat)
    sk_services.ajukan(letter.pk, operator_bkd)
    inbox = login(pejabat).get(reverse("mutasi:tugas")).text
    assert "SK menunggu penetapan Anda" in inbox and letter.get_absolute_url() in inbox
    assert Notifikasi.objects.filter(penerima=pejabat, judul__contains="menunggu penetapan")
    with pytest.raises(ValidationError, match="sudah diajukan"):
        sk_services.ubah_draf(letter.pk, operator_bkd, judul="Lain")
    sk_services.kembalikan(letter.pk, pejabat, "Perbaiki menimbang.")
    assert Notifikasi.objects.filter(penerima=operator_bkd, pesan="Perbaiki menimbang.").exists()
    page = login(operator_bkd).get(reverse("mutasi:tugas")).text
    assert "Perbaiki menimbang." in page
    # The menu's count: the returned draft is the one thing waiting for the composer.
    assert ">1<span" in login(operator_bkd).get(reverse("mutasi:tugas_jumlah")).text


def test_nobody_is_proposed_again_while_a_published_move_waits(
    seat, unit_a, unit_b, operator_bkd, pejabat
):
    usulan = usulan_untuk(
        PegawaiFactory(unit=unit_a, jabatan=seat.jabatan),
        seat,
        operator_bkd,
        status=StatusUsulan.DISETUJUI,
    )
    publish(sk_services.buat_draf(operator_bkd, [usulan.pk], **PENANDATANGAN), pejabat)
    with pytest.raises(ValidationError, match="belum dilaksanakan"):
        services.buat_usulan(
            operator_bkd,
            usulan.pegawai,
            jenis=JenisMutasi.ANTAR_OPD,
            alasan=KategoriAlasan.KEBUTUHAN_ORGANISASI,
            alasan_publik="Lagi.",
            formasi_tujuan=FormasiFactory(
                unit=UnitKerjaFactory(perangkat_daerah=unit_b.perangkat_daerah),
                jabatan=seat.jabatan,
            ),
            tanggal_rencana=today() + datetime.timedelta(days=60),
        )


def test_the_decision_line_names_the_officials_decision_not_todays_state(
    login, seat, unit_a, operator_bkd, pejabat
):
    usulan = usulan_untuk(PegawaiFactory(unit=unit_a, jabatan=seat.jabatan), seat, operator_bkd)
    services.setujui(usulan.pk, pejabat, "Sesuai rekomendasi.")
    publish(sk_services.buat_draf(operator_bkd, [usulan.pk], **PENANDATANGAN), pejabat)
    assert Usulan.objects.get(pk=usulan.pk).status == StatusUsulan.DITETAPKAN
    page = login(operator_bkd).get(usulan.get_absolute_url()).text
    assert "Disetujui — " in page
    assert "Ditetapkan — " not in page


def test_a_correction_cannot_drop_a_person_whose_seat_was_given_to_someone_else(
    unit_a, unit_b, operator_bkd, pejabat
):
    """A's published move out of X gave X's seat back, and B was approved into it. Dropping
    A from the letter keeps A in X: with B arriving, X would hold two people in one seat."""
    x = FormasiFactory(unit=unit_a, kebutuhan=1)
    a = PegawaiFactory(unit=unit_a, jabatan=x.jabatan, nama="Pegawai A")
    away = FormasiFactory(unit=unit_b, jabatan=x.jabatan, kebutuhan=2)
    moving_a = usulan_untuk(a, away, operator_bkd, status=StatusUsulan.DISETUJUI)
    c = PegawaiFactory(unit=UnitKerjaFactory(), jabatan=x.jabatan, nama="Pegawai C")
    moving_c = usulan_untuk(c, away, operator_bkd, status=StatusUsulan.DISETUJUI)
    draft = sk_services.buat_draf(operator_bkd, [moving_a.pk, moving_c.pk], **PENANDATANGAN)
    letter = publish(draft, pejabat)
    assert kursi.hitung(x).bebas == 1  # A's seat, given back by the published letter
    b = PegawaiFactory(unit=UnitKerjaFactory(), jabatan=x.jabatan, nama="Pegawai B")
    moving_b = usulan_untuk(b, x, operator_bkd)
    services.setujui(moving_b.pk, pejabat, "Mengisi kursi yang ditinggalkan A.")

    correction = sk_services.buat_pembetulan(letter.pk, operator_bkd)
    sk_services.keluarkan_usulan(correction.pk, operator_bkd, moving_a.pk)
    sk_services.ubah_draf(correction.pk, operator_bkd, alasan_pembetulan="A tidak jadi pindah.")
    with pytest.raises(ValidationError, match="kursi"):
        publish(SuratKeputusan.objects.get(pk=correction.pk), pejabat)
    moving_a.refresh_from_db()
    assert moving_a.status == StatusUsulan.DITETAPKAN


@pytest.mark.parametrize(
    ("lahir", "bup", "mulai"),
    [
        (datetime.date(1968, 3, 15), 58, datetime.date(2026, 4, 1)),
        (datetime.date(1968, 3, 1), 58, datetime.date(2026, 4, 1)),
        (datetime.date(1968, 3, 31), 58, datetime.date(2026, 4, 1)),
        (datetime.date(1966, 12, 20), 60, datetime.date(2027, 1, 1)),
        (datetime.date(1968, 2, 29), 58, datetime.date(2026, 3, 1)),
    ],
)
def test_the_pension_starts_on_the_first_of_the_month_after_the_retirement_age(lahir, bup, mulai):
    assert eligibility.tmt_pensiun(lahir, bup) == mulai
    # A move on the last day in post is still a move; on the pension's first day it is not.
    last_day = mulai - datetime.timedelta(days=1)
    assert eligibility.pensiun_memenuhi(lahir, bup, last_day, 0)
    assert not eligibility.pensiun_memenuhi(lahir, bup, mulai, 0)
    # A year before: one year left to the pension, not one year to the birthday.
    year_before = add_years(mulai, -1)
    assert eligibility.pensiun_memenuhi(lahir, bup, year_before, 1)
    assert not eligibility.pensiun_memenuhi(lahir, bup, year_before + datetime.timedelta(1), 1)


def test_the_checklist_names_the_day_the_pension_starts(seat, unit_a, operator_bkd):
    born = add_years(today(), -57).replace(day=10)
    pegawai = PegawaiFactory(unit=unit_a, jabatan=seat.jabatan, lahir=born)
    usulan = usulan_untuk(pegawai, seat, operator_bkd)
    (line,) = [s for s in eligibility.periksa(usulan) if s.kode == "pensiun"]
    starts = eligibility.tmt_pensiun(born, seat.jabatan.batas_usia_pensiun)
    assert starts.day == 1 and starts > add_years(born, seat.jabatan.batas_usia_pensiun)
    assert f"mulai {tanggal_indonesia(starts)}" in line.fakta


def test_a_tmt_moved_within_a_year_of_retirement_is_refused_at_publication(
    seat, unit_a, operator_bkd, pejabat
):
    """The retirement rule is judged at the letter's TMT, not the plan's: BKD moving the TMT
    in the draft to four months before retirement must not slip past it."""
    retires = today() + datetime.timedelta(days=500)
    if (retires.month, retires.day) == (2, 29):
        retires += datetime.timedelta(days=1)
    born = retires.replace(year=retires.year - 58)
    pegawai = PegawaiFactory(unit=unit_a, jabatan=seat.jabatan, lahir=born)
    usulan = usulan_untuk(pegawai, seat, operator_bkd, status=StatusUsulan.DISETUJUI)
    assert not eligibility.menghalangi(eligibility.periksa(usulan))  # 16 months at the plan
    draft = sk_services.buat_draf(operator_bkd, [usulan.pk], **PENANDATANGAN)
    late = retires - datetime.timedelta(days=120)
    sk_services.ubah_baris(draft.pk, operator_bkd, usulan.pk, tmt=late)
    with pytest.raises(ValidationError, match="pensiun"):
        publish(SuratKeputusan.objects.get(pk=draft.pk), pejabat)
