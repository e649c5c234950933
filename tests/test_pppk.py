"""PPPK employees (issue 20, point 3): their NI PPPK, their work contract and grade, the rules
that apply to their moves, and how they are shown (docs/domain.md §3, §4)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from instansi.choices import JenisJabatan, Jenjang
from mutasi.ketentuan.choices import DihitungDari, JenisAturan
from mutasi.models import AturanDaerah, Usulan
from mutasi.sk import pelaksanaan
from mutasi.sk import services as sk_services
from mutasi.usulan import eligibility, pengecualian, services
from mutasi.usulan.choices import JenisMutasi, KategoriAlasan, StatusDokumen, StatusUsulan
from pegawai.choices import Golongan, GolonganPppk, JenisAsn
from pegawai.models import Pegawai
from pegawai.nip import mask_nip, parse_nip
from tests.factories import (
    FormasiFactory,
    JabatanFactory,
    PegawaiFactory,
    PegawaiPppkFactory,
    UnitKerjaFactory,
    berlakukan,
    lengkapi,
    make_nip,
    make_nip_pppk,
    terbitkan_sk,
)
from tests.test_import import HEADER, UPLOAD_URL, csv_file, problems_of, siti

pytestmark = pytest.mark.django_db

NIP_PPPK = make_nip_pppk(datetime.date(1992, 5, 17), 2022, jk="2", urut=4)


# --- NI PPPK -------------------------------------------------------------------------------


def test_an_ni_pppk_is_read_as_pppk_with_its_year_of_appointment():
    parts = parse_nip(NIP_PPPK, jenis_asn=JenisAsn.PPPK)
    assert parts.pppk
    assert parts.tanggal_lahir == datetime.date(1992, 5, 17)
    assert parts.tahun_pengangkatan == 2022
    assert parts.tmt_cpns is None
    assert parse_nip(NIP_PPPK).jenis_asn == JenisAsn.PPPK  # the digits decide without a kind


def test_an_ni_pppk_typed_into_a_pns_record_says_it_is_a_pppk_number():
    with pytest.raises(ValidationError, match="susunan NI PPPK") as error:
        parse_nip(NIP_PPPK, jenis_asn=JenisAsn.PNS)
    assert "pilih jenis ASN PPPK" in error.value.messages[0]


def test_a_pns_nip_typed_into_a_pppk_record_says_digits_13_14_must_be_21():
    with pytest.raises(ValidationError, match="harus “21”") as error:
        parse_nip(make_nip(), jenis_asn=JenisAsn.PPPK)
    assert "“01” adalah bulan TMT CPNS" in error.value.messages[0]


@pytest.mark.parametrize(
    ("nip", "pesan"),
    [
        (make_nip_pppk(tahun=2017), "sebelum 2019"),
        (make_nip_pppk(tahun=datetime.date.today().year + 1), "belum terjadi"),
        (make_nip_pppk(lahir=datetime.date(2003, 1, 1), tahun=2020), "usia 18"),
    ],
)
def test_an_impossible_year_of_appointment_is_refused(nip, pesan):
    with pytest.raises(ValidationError, match=pesan):
        parse_nip(nip, jenis_asn=JenisAsn.PPPK)


# --- Contract and grade --------------------------------------------------------------------


def _errors(pegawai) -> dict:
    with pytest.raises(ValidationError) as error:
        pegawai.full_clean(exclude=["unit", "jabatan"])
    return error.value.message_dict


def test_a_valid_pppk_passes_the_model_checks():
    pegawai = PegawaiPppkFactory.build()
    pegawai.full_clean(exclude=["unit", "jabatan"])
    assert pegawai.pangkat_golongan == "PPPK golongan IX"
    assert pegawai.get_golongan_display() == "PPPK IX"
    assert pegawai.pangkat == ""


def test_a_pppk_with_a_pns_golongan_is_refused():
    errors = _errors(PegawaiPppkFactory.build(golongan=Golongan.III_B))
    assert "III/b" in errors["golongan"][0]
    assert "golongan PPPK I–XVII" in errors["golongan"][0]


def test_a_pns_with_a_contract_or_a_pppk_grade_is_refused():
    errors = _errors(
        PegawaiFactory.build(nomor_perjanjian_kerja="800/PK-1/2022", golongan_pppk=GolonganPppk.V)
    )
    assert "PNS tidak mempunyai perjanjian kerja" in errors["nomor_perjanjian_kerja"][0]
    assert "hanya untuk PPPK" in errors["golongan_pppk"][0]


def test_a_pppk_without_a_contract_is_refused():
    errors = _errors(
        PegawaiPppkFactory.build(
            nomor_perjanjian_kerja="", perjanjian_kerja_mulai=None, perjanjian_kerja_selesai=None
        )
    )
    assert set(errors) == {
        "nomor_perjanjian_kerja",
        "perjanjian_kerja_mulai",
        "perjanjian_kerja_selesai",
    }


def test_a_contract_shorter_than_a_year_is_refused():
    errors = _errors(
        PegawaiPppkFactory.build(
            perjanjian_kerja_mulai=datetime.date(2025, 1, 1),
            perjanjian_kerja_selesai=datetime.date(2025, 11, 30),
        )
    )
    assert "paling singkat 1 tahun" in errors["perjanjian_kerja_selesai"][0]
    assert "31 Desember 2025" in errors["perjanjian_kerja_selesai"][0]


def _form_data(unit, jabatan, **changes):
    return {
        "jenis_asn": JenisAsn.PPPK,
        "nip": NIP_PPPK,
        "nama": "Rina Kartika",
        "jenis_kelamin": "2",
        "tanggal_lahir": "1992-05-17",
        "golongan_pppk": GolonganPppk.IX,
        "nomor_perjanjian_kerja": "800/PK-17/BKD/2022",
        "perjanjian_kerja_mulai": "2022-03-01",
        "perjanjian_kerja_selesai": "2027-02-28",
        "unit": unit.pk,
        "jabatan": jabatan.pk,
        "tmt_jabatan": "2022-03-01",
        "tingkat_pendidikan": 8,
        "aktif": "on",
    } | changes


def test_bkd_records_a_pppk_through_the_form(login, operator_bkd, unit_a):
    jabatan = JabatanFactory()
    response = login(operator_bkd).post(reverse("pegawai:create"), _form_data(unit_a, jabatan))
    assert response.status_code == 302
    pegawai = Pegawai.objects.get(nip=NIP_PPPK)
    assert (pegawai.jenis_asn, pegawai.golongan, pegawai.golongan_pppk) == (
        JenisAsn.PPPK,
        None,
        GolonganPppk.IX,
    )


def test_the_form_refuses_an_ni_pppk_on_a_pns_record_and_saves_nothing(login, operator_bkd, unit_a):
    data = _form_data(unit_a, JabatanFactory(), jenis_asn=JenisAsn.PNS, golongan=Golongan.III_A)
    data.update(golongan_pppk="", nomor_perjanjian_kerja="")
    data.update(perjanjian_kerja_mulai="", perjanjian_kerja_selesai="")
    response = login(operator_bkd).post(reverse("pegawai:create"), data)
    assert response.status_code == 200
    assert "susunan NI PPPK" in response.text
    assert not Pegawai.objects.exists()


# --- The rules of a PPPK's move -------------------------------------------------------------


@pytest.fixture
def pppk_a(unit_a):
    """A PPPK nurse-like functional post holder in agency A, who meets the general rules."""
    return PegawaiPppkFactory(unit=unit_a, nama="Rina Kartika")


@pytest.fixture
def tujuan_dalam_opd(opd_a, pppk_a):
    unit = UnitKerjaFactory(perangkat_daerah=opd_a, nama="UPT Puskesmas Asemrowo")
    return FormasiFactory(unit=unit, jabatan=pppk_a.jabatan, kebutuhan=2)


def file_proposal(user, pegawai, formasi, **extra):
    fields = {
        "jenis": JenisMutasi.DALAM_OPD,
        "alasan": KategoriAlasan.KEBUTUHAN_ORGANISASI,
        "alasan_publik": "Mengisi kekurangan tenaga di puskesmas.",
        "formasi_tujuan": formasi,
        "tanggal_rencana": datetime.date.today() + datetime.timedelta(days=60),
    } | extra
    usulan = services.buat_usulan(user, pegawai, **fields)
    lengkapi(usulan)
    return usulan


def _syarat(usulan) -> dict:
    return {s.kode: s for s in eligibility.periksa(usulan)}


def test_a_pppk_move_within_the_agency_goes_through_the_whole_chain(
    kepala_opd_a,
    verifikator,
    tim_pertimbangan,
    pejabat,
    operator_bkd,
    pppk_a,
    tujuan_dalam_opd,
    client,
    django_capture_on_commit_callbacks,
    monkeypatch,
    time_machine,
):
    usulan = file_proposal(kepala_opd_a, pppk_a, tujuan_dalam_opd)
    syarat = _syarat(usulan)
    assert {syarat[k].status for k in eligibility.SYARAT_PPPK} == {eligibility.LULUS}
    assert "berlaku bagi PNS" in syarat["golongan"].fakta
    services.ajukan(usulan.pk, kepala_opd_a)
    for dokumen in usulan.dokumen.all():
        services.periksa_dokumen(dokumen.pk, verifikator, StatusDokumen.DITERIMA)
    services.verifikasi(usulan.pk, verifikator)
    services.nilai(usulan.pk, tim_pertimbangan, 4, "Kompetensi cocok.")
    services.rekomendasikan(usulan.pk, tim_pertimbangan, "setujui", "Layak.")
    services.setujui(usulan.pk, pejabat, "Sesuai rekomendasi.")

    sk = sk_services.buat_draf(
        operator_bkd,
        [usulan.pk],
        penandatangan_nama="Dr. H. Ahmad Fauzi, M.Si.",
        penandatangan_jabatan="Gubernur Asemrowo",
    )
    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", lambda sk: b"%PDF-1.7 uji")
    with django_capture_on_commit_callbacks(execute=True):
        sk = terbitkan_sk(sk.pk, pejabat)
    baris = sk.baris.get(usulan=usulan)
    assert (baris.pangkat, baris.golongan) == ("PPPK golongan IX", "")

    # The public page names the move with the NI PPPK masked.
    response = client.get(reverse("publik:transparansi"))
    assert pppk_a.nama in response.text
    assert pppk_a.nip not in response.text
    assert mask_nip(pppk_a.nip) in response.text

    time_machine.move_to(
        timezone.make_aware(datetime.datetime.combine(baris.tmt, datetime.time(9)))
    )
    pelaksanaan.laksanakan(sk.pk, usulan.pk, operator_bkd, baris.tmt)
    usulan.refresh_from_db()
    pppk_a.refresh_from_db()
    assert usulan.status == StatusUsulan.DILAKSANAKAN
    assert pppk_a.unit_id == tujuan_dalam_opd.unit_id


def test_a_pppk_move_to_another_agency_is_refused_naming_the_law(kepala_opd_a, pppk_a, unit_b):
    formasi = FormasiFactory(unit=unit_b, jabatan=pppk_a.jabatan, kebutuhan=2)
    usulan = file_proposal(kepala_opd_a, pppk_a, formasi, jenis=JenisMutasi.ANTAR_OPD)
    assert _syarat(usulan)["pppk_instansi"].status == eligibility.GAGAL
    with pytest.raises(ValidationError, match="PP 49/2018") as error:
        services.ajukan(usulan.pk, kepala_opd_a)
    assert "di dalam perangkat daerah perjanjian kerjanya" in error.value.messages[0]
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.KONSEP


def test_nobody_can_waive_the_agency_rule_of_a_pppk(kepala_opd_a, verifikator, pppk_a, unit_b):
    formasi = FormasiFactory(unit=unit_b, jabatan=pppk_a.jabatan, kebutuhan=2)
    usulan = file_proposal(kepala_opd_a, pppk_a, formasi, jenis=JenisMutasi.ANTAR_OPD)
    Usulan.objects.filter(pk=usulan.pk).update(status=StatusUsulan.DIAJUKAN)
    with pytest.raises(ValidationError, match="tidak dapat dikecualikan"):
        pengecualian.minta_pengecualian(usulan.pk, verifikator, "pppk_instansi", "Kebijakan.")
    assert not usulan.pengecualian.exists()


def test_a_pppk_move_to_a_structural_post_is_refused(kepala_opd_a, pppk_a, tujuan_dalam_opd):
    struktural = JabatanFactory(
        jenis=JenisJabatan.STRUKTURAL, jenjang=Jenjang.PENGAWAS, kelas=pppk_a.jabatan.kelas
    )
    formasi = FormasiFactory(unit=tujuan_dalam_opd.unit, jabatan=struktural, kebutuhan=1)
    usulan = file_proposal(kepala_opd_a, pppk_a, formasi)
    syarat = _syarat(usulan)["pppk_jabatan"]
    assert syarat.status == eligibility.GAGAL
    assert "bukan jabatan struktural" in syarat.fakta


def test_a_tmt_after_the_contract_ends_is_refused(kepala_opd_a, pppk_a, tujuan_dalam_opd):
    selesai = pppk_a.perjanjian_kerja_selesai
    usulan = file_proposal(
        kepala_opd_a,
        pppk_a,
        tujuan_dalam_opd,
        tanggal_rencana=selesai + datetime.timedelta(days=1),
    )
    syarat = _syarat(usulan)["pppk_kontrak"]
    assert syarat.status == eligibility.GAGAL
    assert "sesudah perjanjian kerja berakhir" in syarat.fakta
    with pytest.raises(ValidationError, match="PP 49/2018 Pasal 37"):
        services.ajukan(usulan.pk, kepala_opd_a)


def test_a_contract_ending_soon_is_a_review_item(kepala_opd_a, pppk_a, tujuan_dalam_opd):
    tmt = datetime.date.today() + datetime.timedelta(days=30)
    pppk_a.perjanjian_kerja_selesai = tmt + datetime.timedelta(days=90)
    pppk_a.save()
    usulan = file_proposal(kepala_opd_a, pppk_a, tujuan_dalam_opd, tanggal_rencana=tmt)
    syarat = _syarat(usulan)["pppk_kontrak"]
    assert (syarat.status, syarat.menghalangi) == (eligibility.TINJAU, False)
    assert "berakhir dalam 6 bulan" in syarat.fakta


def test_a_pns_checklist_has_no_pppk_rules(kepala_opd_a, pegawai_a, opd_a):
    formasi = FormasiFactory(
        unit=UnitKerjaFactory(perangkat_daerah=opd_a), jabatan=pegawai_a.jabatan
    )
    usulan = file_proposal(kepala_opd_a, pegawai_a, formasi)
    assert not set(_syarat(usulan)) & set(eligibility.SYARAT_PPPK)


def test_the_proposal_page_shows_the_kind_and_the_rules(
    login, kepala_opd_a, pppk_a, tujuan_dalam_opd
):
    usulan = file_proposal(kepala_opd_a, pppk_a, tujuan_dalam_opd)
    response = login(kepala_opd_a).get(usulan.get_absolute_url())
    assert "PPPK golongan IX" in response.text
    assert "PPPK: TMT dalam masa perjanjian kerja" in response.text


# --- Shown as a kind of employee ----------------------------------------------------------


def test_the_list_filters_by_kind_with_a_fixed_number_of_queries(
    login, operator_bkd, unit_a, django_assert_num_queries
):
    client = login(operator_bkd)
    PegawaiFactory.create_batch(2, unit=unit_a)
    PegawaiPppkFactory.create_batch(2, unit=unit_a)
    with django_assert_num_queries(9):
        response = client.get(reverse("pegawai:list"), {"jenis_asn": JenisAsn.PPPK})
    nips = [p.nip for p in response.context["table"].page.object_list.data]
    assert sorted(nips) == sorted(
        Pegawai.objects.filter(jenis_asn="pppk").values_list("nip", flat=True)
    )
    assert "PPPK IX" in response.text
    PegawaiPppkFactory.create_batch(20, unit=unit_a)
    with django_assert_num_queries(9):
        client.get(reverse("pegawai:list"), {"jenis_asn": JenisAsn.PPPK})


def test_the_profile_shows_the_contract(login, operator_bkd, pppk_a):
    response = login(operator_bkd).get(reverse("pegawai:detail", args=[pppk_a.pk]))
    assert pppk_a.nomor_perjanjian_kerja in response.text
    assert "PPPK golongan IX" in response.text
    assert "TMT CPNS" not in response.text


# --- Import ----------------------------------------------------------------------------------


def test_the_importer_reads_a_pppk_row_from_its_ni_pppk(login, operator_bkd, opd_a):
    UnitKerjaFactory(perangkat_daerah=opd_a, kode="DINKES-P2P", nama="Bidang P2P")
    JabatanFactory(nama="Epidemiolog Kesehatan Ahli Pertama")
    header = [
        *HEADER,
        "NOMOR_PERJANJIAN_KERJA",
        "PERJANJIAN_KERJA_MULAI",
        "PERJANJIAN_KERJA_SELESAI",
    ]
    row = siti(
        NIP=make_nip_pppk(datetime.date(1988, 7, 2), 2021, jk="2", urut=7),
        GOLONGAN="IX",
        TMT_JABATAN="2021-04-01",
        NOMOR_PERJANJIAN_KERJA="800/PK-3/BKD/2021",
        PERJANJIAN_KERJA_MULAI="2021-04-01",
        PERJANJIAN_KERJA_SELESAI="2026-03-31",
    )
    client = login(operator_bkd)
    preview = client.post(UPLOAD_URL, {"berkas": csv_file([row], header=header)})
    plan = preview.context["plan"]
    assert problems_of(preview) == []
    assert any("NI PPPK" in note.message for note in plan.notes)
    pegawai = plan.rows[0].pegawai
    assert (pegawai.jenis_asn, pegawai.golongan, pegawai.golongan_pppk) == (
        JenisAsn.PPPK,
        None,
        GolonganPppk.IX,
    )


def test_the_importer_refuses_a_pns_golongan_on_a_pppk_row(login, operator_bkd, opd_a):
    UnitKerjaFactory(perangkat_daerah=opd_a, kode="DINKES-P2P", nama="Bidang P2P")
    JabatanFactory(nama="Epidemiolog Kesehatan Ahli Pertama")
    row = siti(NIP=make_nip_pppk(datetime.date(1988, 7, 2), 2021, jk="2", urut=7))
    preview = login(operator_bkd).post(UPLOAD_URL, {"berkas": csv_file([row])})
    assert (2, "GOLONGAN") in problems_of(preview)
    messages = [p.message for p in preview.context["plan"].problems if p.column == "GOLONGAN"]
    assert "bukan golongan/ruang PNS" in messages[0]
    assert not Pegawai.objects.exists()


def test_the_importer_asks_for_the_contract_of_a_pppk_row(login, operator_bkd, opd_a):
    UnitKerjaFactory(perangkat_daerah=opd_a, kode="DINKES-P2P", nama="Bidang P2P")
    JabatanFactory(nama="Epidemiolog Kesehatan Ahli Pertama")
    row = siti(
        NIP=make_nip_pppk(datetime.date(1988, 7, 2), 2021, jk="2", urut=7),
        GOLONGAN="PPPK IX",
        TMT_JABATAN="2021-04-01",
    )
    preview = login(operator_bkd).post(UPLOAD_URL, {"berkas": csv_file([row])})
    assert problems_of(preview) == [
        (2, "NOMOR_PERJANJIAN_KERJA"),
        (2, "PERJANJIAN_KERJA_MULAI"),
        (2, "PERJANJIAN_KERJA_SELESAI"),
    ]


def test_a_regional_lock_from_appointment_counts_a_pppk_from_the_contract_start(
    kepala_opd_a, operator_bkd, pppk_a, tujuan_dalam_opd
):
    # A PPPK was never a CPNS: "appointment" is the start of their contract (1 March 2022).
    # The lock is one year longer than the time since then, on whatever day the suite runs.
    tahun = datetime.date.today().year - 2022 + 1
    berlakukan(
        AturanDaerah(
            jenis=JenisAturan.MASA_KUNCI,
            pesan="Tenaga kesehatan terikat sejak diangkat.",
            tahun=tahun,
            dihitung_dari=DihitungDari.TMT_CPNS,
            berlaku_mulai=datetime.date.today(),
            alasan="Peraturan Gubernur.",
        ),
        operator_bkd,
    )
    usulan = file_proposal(kepala_opd_a, pppk_a, tujuan_dalam_opd)
    syarat = _syarat(usulan)["daerah_masa_kunci"]
    assert syarat.status == eligibility.GAGAL and syarat.menghalangi
    assert f"masa kunci {tahun} tahun" in syarat.fakta and "1 Maret 2022" in syarat.fakta
