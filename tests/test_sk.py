"""Decision letters: composing, publishing with gap-free numbers, implementing, pages."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from mutasi.models import (
    AuditLog,
    NomorSurat,
    StatusRender,
    StatusSK,
    SuratKeputusan,
    Usulan,
)
from mutasi.sk import pelaksanaan, services, terbit
from mutasi.usulan.choices import JenisMutasi, KategoriAlasan, StatusUsulan
from pegawai.access import Role
from pegawai.models import RiwayatJabatan
from tests.factories import (
    FormasiFactory,
    PegawaiFactory,
    UnitKerjaFactory,
    UserFactory,
    lengkapi,
    terbitkan_sk,
)


def make_approved(creator, n=1, unit_asal=None, unit_tujuan=None):
    """``n`` approved proposals, each for a new employee moving between two units."""
    unit_asal = unit_asal or UnitKerjaFactory(nama="Bidang Asal")
    unit_tujuan = unit_tujuan or UnitKerjaFactory(nama="Bidang Tujuan")
    made = []
    for _i in range(n):
        pegawai = PegawaiFactory(unit=unit_asal)
        formasi = FormasiFactory(unit=unit_tujuan)
        made.append(
            Usulan.objects.create(
                pegawai=pegawai,
                jenis=JenisMutasi.ANTAR_OPD,
                alasan=KategoriAlasan.KEBUTUHAN_ORGANISASI,
                alasan_publik="Mengisi kekurangan tenaga.",
                unit_asal=unit_asal,
                jabatan_asal=pegawai.jabatan,
                formasi_tujuan=formasi,
                tanggal_rencana=timezone.localdate() + datetime.timedelta(days=14),
                dibuat_oleh=creator,
            )
        )
        lengkapi(made[-1])
    Usulan.objects.filter(pk__in=[u.pk for u in made]).update(status=StatusUsulan.DISETUJUI)
    for u in made:
        u.refresh_from_db()
    return made


def draft(operator, usulan, **fields):
    return services.buat_draf(
        operator,
        [u.pk for u in usulan],
        penandatangan_nama="Dr. H. Ahmad Fauzi, M.Si.",
        penandatangan_jabatan="Gubernur Asemrowo",
        **fields,
    )


@pytest.fixture
def approved(db, operator_bkd):
    return make_approved(operator_bkd, 2)


@pytest.fixture
def sk_draf(operator_bkd, approved):
    return draft(operator_bkd, approved)


def publish(sk, user, capture):
    with capture(execute=True):
        return terbitkan_sk(sk.pk, user)


# --- Composing ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_draft_takes_the_default_texts_and_keeps_the_order(sk_draf, approved):
    assert "Undang-Undang Nomor 20 Tahun 2023" in sk_draf.mengingat
    assert sk_draf.menimbang
    assert sk_draf.status == StatusSK.DRAF and sk_draf.nomor == ""
    assert list(sk_draf.baris.values_list("usulan_id", flat=True)) == [u.pk for u in approved]
    assert len(sk_draf.kode_verifikasi) >= 16


@pytest.mark.django_db
def test_only_approved_proposals_go_into_a_draft(operator_bkd, approved):
    Usulan.objects.filter(pk=approved[0].pk).update(status=StatusUsulan.DIPERTIMBANGKAN)
    with pytest.raises(ValidationError, match="Disetujui"):
        draft(operator_bkd, approved)
    assert not SuratKeputusan.objects.exists()


@pytest.mark.django_db
def test_a_proposal_is_in_one_live_letter_only(operator_bkd, sk_draf, approved):
    with pytest.raises(ValidationError, match="SK lain"):
        draft(operator_bkd, approved[:1])


@pytest.mark.django_db
def test_only_bkd_composes(pejabat, approved):
    with pytest.raises(PermissionDenied):
        draft(pejabat, approved)


@pytest.mark.django_db
def test_removing_a_proposal_frees_it(operator_bkd, sk_draf, approved):
    services.keluarkan_usulan(sk_draf.pk, operator_bkd, approved[0].pk)
    assert list(sk_draf.baris.values_list("usulan_id", flat=True)) == [approved[1].pk]
    other = draft(operator_bkd, approved[:1])
    assert other.baris.count() == 1


# --- Publishing --------------------------------------------------------------------------


@pytest.mark.django_db
def test_publishing_numbers_the_letter_and_sets_proposals_ditetapkan(
    sk_draf, pejabat, approved, django_capture_on_commit_callbacks, settings
):
    settings.SK_NOMOR_POLA = "800.1.3/{urut}/BKD/{tahun}"
    sk = publish(sk_draf, pejabat, django_capture_on_commit_callbacks)
    year = timezone.localdate().year
    assert sk.status == StatusSK.TERBIT
    assert sk.nomor == f"800.1.3/1/BKD/{year}"
    assert sk.tanggal_terbit == timezone.localdate()
    for u in approved:
        u.refresh_from_db()
        assert u.status == StatusUsulan.DITETAPKAN
        entry = AuditLog.objects.for_object(u).get(action="mutasi.usulan.ditetapkan")
        assert entry.data["sk"] == sk.nomor
    sk.refresh_from_db()
    assert sk.render_status == StatusRender.SELESAI and sk.sha256


@pytest.mark.django_db
def test_numbers_are_gap_free_per_year_and_series(
    operator_bkd, pejabat, django_capture_on_commit_callbacks, settings, monkeypatch
):
    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", lambda sk: b"%PDF-1.7 uji")
    settings.SK_NOMOR_POLA = "800.1.3/{urut}/{seri}/{tahun}"
    unit_a, unit_b = UnitKerjaFactory(), UnitKerjaFactory()
    numbers = []
    for _i in range(3):
        sk = draft(operator_bkd, make_approved(operator_bkd, 1, unit_a, unit_b))
        numbers.append(publish(sk, pejabat, django_capture_on_commit_callbacks).urut)
    # A publication that fails after taking its number gives it back.
    bad = draft(operator_bkd, make_approved(operator_bkd, 1, unit_a, unit_b))
    Usulan.objects.filter(pk=bad.baris.get().usulan_id).update(status=StatusUsulan.DITOLAK)
    with pytest.raises(ValidationError):
        publish(bad, pejabat, django_capture_on_commit_callbacks)
    settings.SK_SERI = "lain"
    other_series = draft(operator_bkd, make_approved(operator_bkd, 1, unit_a, unit_b))
    assert publish(other_series, pejabat, django_capture_on_commit_callbacks).urut == 1
    settings.SK_SERI = "mutasi"
    sk = draft(operator_bkd, make_approved(operator_bkd, 1, unit_a, unit_b))
    numbers.append(publish(sk, pejabat, django_capture_on_commit_callbacks).urut)
    assert numbers == [1, 2, 3, 4]
    year = timezone.localdate().year
    assert NomorSurat.objects.get(seri="mutasi", tahun=year).terakhir == 4
    # A new year starts again at 1.
    NomorSurat.objects.create(seri="mutasi", tahun=year + 1)
    assert terbit._nomor_berikut("mutasi", year + 1) == 1


@pytest.mark.django_db
def test_publishing_a_letter_with_a_proposal_no_longer_approved_changes_nothing(
    sk_draf, pejabat, approved, django_capture_on_commit_callbacks
):
    Usulan.objects.filter(pk=approved[1].pk).update(status=StatusUsulan.DIBATALKAN)
    with pytest.raises(ValidationError, match="tidak lagi berstatus Disetujui"):
        publish(sk_draf, pejabat, django_capture_on_commit_callbacks)
    sk_draf.refresh_from_db()
    approved[0].refresh_from_db()
    assert sk_draf.status != StatusSK.TERBIT and sk_draf.nomor == ""
    assert approved[0].status == StatusUsulan.DISETUJUI
    assert not NomorSurat.objects.filter(terakhir__gt=0).exists()


@pytest.mark.django_db
def test_publishing_twice_is_a_clear_message(sk_draf, pejabat, django_capture_on_commit_callbacks):
    sk = publish(sk_draf, pejabat, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="sudah terbit dengan nomor"):
        publish(sk_draf, pejabat, django_capture_on_commit_callbacks)
    sk.refresh_from_db()
    assert sk.urut == 1
    assert AuditLog.objects.filter(action="mutasi.sk.diterbitkan").count() == 1


@pytest.mark.django_db
def test_the_composer_cannot_publish(sk_draf, django_capture_on_commit_callbacks):
    composer = sk_draf.dibuat_oleh
    composer.groups.add(*UserFactory(roles=[Role.PEJABAT_PENETAP]).groups.all())
    composer._roles = None
    with pytest.raises(PermissionDenied, match="Anda susun"):
        publish(sk_draf, composer, django_capture_on_commit_callbacks)


@pytest.mark.django_db
def test_bkd_cannot_publish(sk_draf, verifikator, django_capture_on_commit_callbacks):
    with pytest.raises(PermissionDenied):
        publish(sk_draf, verifikator, django_capture_on_commit_callbacks)


@pytest.mark.django_db
def test_a_published_letter_cannot_be_edited_or_deleted(
    sk_draf, operator_bkd, pejabat, approved, django_capture_on_commit_callbacks
):
    publish(sk_draf, pejabat, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="sudah terbit"):
        services.ubah_draf(sk_draf.pk, operator_bkd, judul="Lain")
    with pytest.raises(ValidationError, match="sudah terbit"):
        services.keluarkan_usulan(sk_draf.pk, operator_bkd, approved[0].pk)
    with pytest.raises(ValidationError, match="sudah terbit"):
        services.hapus_draf(sk_draf.pk, operator_bkd)
    # Also outside the services (the admin, a shell).
    sk = SuratKeputusan.objects.get(pk=sk_draf.pk)
    sk.judul = "Diubah diam-diam"
    with pytest.raises(ValidationError):
        sk.save()
    with pytest.raises(ValidationError):
        SuratKeputusan.objects.get(pk=sk_draf.pk).delete()
    with pytest.raises(ValidationError):
        SuratKeputusan.objects.all().delete()
    assert SuratKeputusan.objects.get(pk=sk_draf.pk).judul != "Diubah diam-diam"


@pytest.mark.django_db
def test_a_draft_can_be_edited_and_deleted(sk_draf, operator_bkd, approved):
    services.ubah_draf(sk_draf.pk, operator_bkd, judul="Mutasi Tenaga Kesehatan")
    sk_draf.refresh_from_db()
    assert sk_draf.judul == "Mutasi Tenaga Kesehatan"
    services.hapus_draf(sk_draf.pk, operator_bkd)
    assert not SuratKeputusan.objects.exists()
    assert Usulan.objects.filter(status=StatusUsulan.DISETUJUI).count() == 2


# --- Implementation ----------------------------------------------------------------------


@pytest.fixture
def published(sk_draf, pejabat, django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", lambda sk: b"%PDF-1.7 uji")
    return publish(sk_draf, pejabat, django_capture_on_commit_callbacks)


@pytest.mark.django_db
def test_implementation_moves_the_employee_and_writes_history(
    published, operator_bkd, approved, time_machine
):
    usulan = approved[0]
    pegawai = usulan.pegawai
    RiwayatJabatan.objects.create(
        pegawai=pegawai, jabatan=pegawai.jabatan, unit=pegawai.unit, mulai=pegawai.tmt_jabatan
    )
    tmt = published.baris.get(usulan=usulan).tmt
    time_machine.move_to(timezone.make_aware(datetime.datetime.combine(tmt, datetime.time(9))))
    today = timezone.localdate()
    assert today == tmt
    pelaksanaan.laksanakan(published.pk, usulan.pk, operator_bkd, today)

    usulan.refresh_from_db()
    pegawai.refresh_from_db()
    assert usulan.status == StatusUsulan.DILAKSANAKAN
    assert pegawai.unit_id == usulan.formasi_tujuan.unit_id
    assert pegawai.jabatan_id == usulan.formasi_tujuan.jabatan_id
    assert pegawai.tmt_jabatan == today
    old, new = RiwayatJabatan.objects.filter(pegawai=pegawai).order_by("mulai")
    assert old.selesai == today - datetime.timedelta(days=1)
    assert new.nomor_sk == published.nomor and new.selesai is None
    assert AuditLog.objects.for_object(usulan).filter(action="mutasi.usulan.dilaksanakan").exists()
    with pytest.raises(ValidationError, match="berstatus Dilaksanakan"):
        pelaksanaan.laksanakan(published.pk, usulan.pk, operator_bkd, today)


@pytest.mark.django_db
def test_implementation_before_the_tmt_is_a_message(published, operator_bkd, approved):
    assert published.baris.get(usulan=approved[0]).tmt > timezone.localdate()
    with pytest.raises(ValidationError, match="mulai TMT"):
        pelaksanaan.laksanakan(published.pk, approved[0].pk, operator_bkd, timezone.localdate())
    approved[0].refresh_from_db()
    assert approved[0].status == StatusUsulan.DITETAPKAN


# --- Pages -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_list_and_detail_for_bkd_and_the_official(login, sk_draf, pejabat, operator_bkd):
    for user in (operator_bkd, pejabat):
        client = login(user)
        assert client.get(reverse("mutasi:sk_list")).status_code == 200
        page = client.get(sk_draf.get_absolute_url())
        assert page.status_code == 200
        assert "Draf" in page.content.decode()


@pytest.mark.django_db
def test_sk_pages_are_closed_to_agencies_and_anonymous(client, login, sk_draf, kepala_opd_a):
    assert client.get(reverse("mutasi:sk_list")).status_code == 302
    assert client.get(sk_draf.get_absolute_url()).status_code == 302
    client = login(kepala_opd_a)
    assert client.get(reverse("mutasi:sk_list")).status_code == 403
    assert client.get(sk_draf.get_absolute_url()).status_code == 403
    assert client.get(reverse("mutasi:sk_pratinjau", args=[sk_draf.pk])).status_code == 403


@pytest.mark.django_db
def test_the_list_query_count_does_not_grow(login, operator_bkd, django_assert_max_num_queries):
    client = login(operator_bkd)
    for _i in range(2):
        draft(operator_bkd, make_approved(operator_bkd, 2))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("mutasi:sk_list"))
    for _i in range(6):
        draft(operator_bkd, make_approved(operator_bkd, 2))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("mutasi:sk_list"))


@pytest.mark.django_db
def test_compose_page_creates_a_draft(login, operator_bkd, approved):
    client = login(operator_bkd)
    page = client.get(reverse("mutasi:sk_create"))
    assert page.status_code == 200
    assert approved[0].pegawai.nama in page.content.decode()
    response = client.post(reverse("mutasi:sk_create"), {"usulan": [u.pk for u in approved]})
    sk = SuratKeputusan.objects.get()
    assert response.status_code == 302
    assert sk.baris.count() == 2


@pytest.mark.django_db
def test_the_compose_pages_filters_are_bootstrap_fields_that_fit_a_phone(login, operator_bkd):
    # Rendered by hand: an unstyled select is as wide as its longest agency (511 px at 390).
    page = login(operator_bkd).get(reverse("mutasi:sk_create")).content.decode()
    assert re.search(r'<select name="opd"[^>]*class="form-select"', page)
    assert re.search(r'<input type="date" name="dari"[^>]*class="form-control"', page)
    assert re.search(r'<input type="date" name="sampai"[^>]*class="form-control"', page)


@pytest.mark.django_db
def test_preview_is_the_letter_html(login, operator_bkd, sk_draf, approved):
    client = login(operator_bkd)
    page = client.get(reverse("mutasi:sk_pratinjau", args=[sk_draf.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "MEMUTUSKAN" in text and approved[0].pegawai.nip in text
    assert page["X-Frame-Options"] == "SAMEORIGIN"


def _csp(response) -> dict:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_only_the_preview_may_be_framed_and_only_by_this_site(login, operator_bkd, sk_draf):
    """The letter page frames the preview (issue 15 point 6): the preview answers with
    frame-ancestors 'self' and X-Frame-Options SAMEORIGIN, every other page still refuses
    any frame, and the letter page may frame only this site."""
    client = login(operator_bkd)
    preview = client.get(reverse("mutasi:sk_pratinjau", args=[sk_draf.pk]))
    assert _csp(preview)["frame-ancestors"] == ["'self'"]
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    page = client.get(reverse("mutasi:sk_detail", args=[sk_draf.pk]))
    assert reverse("mutasi:sk_pratinjau", args=[sk_draf.pk]) in page.text
    assert _csp(page)["frame-ancestors"] == ["'none'"]
    assert _csp(page)["frame-src"] == ["'self'"]
    assert page["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_publish_button_twice_gives_a_message(
    login, sk_draf, pejabat, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", lambda sk: b"%PDF-1.7 uji")
    services.ajukan(sk_draf.pk, sk_draf.dibuat_oleh)
    client = login(pejabat)
    url = reverse("mutasi:sk_terbitkan", args=[sk_draf.pk])
    form = _form_terbit(client, sk_draf)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, form)
    page = client.post(url, form, follow=True)
    assert "sudah terbit dengan nomor" in page.content.decode()
    assert SuratKeputusan.objects.get().urut == 1


def _form_terbit(client, sk):
    """The hidden fields of the publish form, as the letter's page gives them now."""
    page = client.get(reverse("mutasi:sk_detail", args=[sk.pk])).text
    form = page[page.index(reverse("mutasi:sk_terbitkan", args=[sk.pk])) :]
    form = form[: form.index("</form>")]
    return dict(re.findall(r'type="hidden" name="(versi|nomor)" value="([^"]*)"', form))


@pytest.mark.django_db
def test_a_draft_changed_and_submitted_again_is_not_published_from_the_page_read_before(
    login, operator_bkd, pejabat, sk_draf, monkeypatch
):
    """Two tabs: the official reads the draft (two people), returns it in another tab, BKD
    adds a third person and submits again; the first tab's 'Terbitkan' is refused."""
    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", lambda sk: b"%PDF-1.7 uji")
    services.ajukan(sk_draf.pk, operator_bkd)
    client = login(pejabat)
    read_before = _form_terbit(client, sk_draf)
    assert read_before["nomor"].startswith("800.1.3/1/")
    services.kembalikan(sk_draf.pk, pejabat, "Periksa TMT.")
    services.tambah_usulan(sk_draf.pk, operator_bkd, [make_approved(operator_bkd)[0].pk])
    services.ajukan(sk_draf.pk, operator_bkd)

    url = reverse("mutasi:sk_terbitkan", args=[sk_draf.pk])
    page = client.post(url, read_before, follow=True).text
    assert "diajukan lagi oleh BKD sejak halaman Anda dibuka" in page
    sk_draf.refresh_from_db()
    assert sk_draf.status == StatusSK.DIAJUKAN and not sk_draf.nomor
    assert not NomorSurat.objects.filter(terakhir__gt=0).exists()

    client.post(url, _form_terbit(client, sk_draf))
    sk_draf.refresh_from_db()
    assert sk_draf.status == StatusSK.TERBIT and sk_draf.baris.count() == 3


@pytest.mark.django_db
def test_the_number_confirmed_on_the_page_is_the_number_the_letter_takes(
    login, operator_bkd, pejabat, sk_draf, monkeypatch
):
    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", lambda sk: b"%PDF-1.7 uji")
    services.ajukan(sk_draf.pk, operator_bkd)
    client = login(pejabat)
    read_before = _form_terbit(client, sk_draf)
    other = draft(operator_bkd, make_approved(operator_bkd))
    terbitkan_sk(other.pk, pejabat)  # takes the number the page showed

    url = reverse("mutasi:sk_terbitkan", args=[sk_draf.pk])
    page = client.post(url, read_before, follow=True).text
    taken, next_one = read_before["nomor"], read_before["nomor"].replace("/1/", "/2/", 1)
    assert f"Nomor {taken} sudah dipakai SK lain" in page and next_one in page
    sk_draf.refresh_from_db()
    assert sk_draf.status == StatusSK.DIAJUKAN
    assert NomorSurat.objects.get().terakhir == 1  # the refused attempt gave its number back


@pytest.mark.django_db
def test_a_nul_byte_in_the_return_note_is_a_message_and_changes_nothing(login, sk_draf, pejabat):
    """PostgreSQL cannot store a NUL byte: the note was read raw and saved (a server error
    there); now it is an empty note, which the service refuses with its message."""
    services.ajukan(sk_draf.pk, sk_draf.dibuat_oleh)
    url = reverse("mutasi:sk_kembalikan", args=[sk_draf.pk])
    page = login(pejabat).post(url, {"catatan": "\x00"}, follow=True).text
    assert "Tuliskan catatan: apa yang harus diperbaiki." in page
    sk_draf.refresh_from_db()
    assert sk_draf.status == StatusSK.DIAJUKAN and sk_draf.catatan_pengembalian == ""


@pytest.mark.django_db
def test_operator_cannot_publish_through_the_page(login, sk_draf, verifikator):
    client = login(verifikator)
    assert client.post(reverse("mutasi:sk_terbitkan", args=[sk_draf.pk])).status_code == 403


@pytest.mark.django_db
def test_implement_form_records_reporting(login, published, operator_bkd, approved, time_machine):
    tmt = published.baris.get(usulan=approved[0]).tmt
    time_machine.move_to(timezone.make_aware(datetime.datetime.combine(tmt, datetime.time(9))))
    client = login(operator_bkd)
    url = reverse("mutasi:sk_laksanakan", args=[published.pk, approved[0].pk])
    client.post(url, {"tanggal": timezone.localdate().isoformat()})
    approved[0].refresh_from_db()
    assert approved[0].status == StatusUsulan.DILAKSANAKAN


# --- Concurrency (PostgreSQL) -------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"
)
def test_ten_officials_publishing_at_once_get_ten_consecutive_numbers(monkeypatch):
    from tests.test_concurrency import race

    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", lambda sk: b"%PDF-1.7 uji")
    operator = UserFactory(roles=[Role.OPERATOR_BKD])
    unit_a, unit_b = UnitKerjaFactory(), UnitKerjaFactory()
    drafts = [draft(operator, make_approved(operator, 1, unit_a, unit_b)) for _i in range(10)]
    officials = [UserFactory(roles=[Role.PEJABAT_PENETAP]) for _i in range(10)]
    outcomes = race(
        *[(lambda d=d, o=o: terbitkan_sk(d.pk, o)) for d, o in zip(drafts, officials, strict=True)]
    )
    assert all(isinstance(o, SuratKeputusan) for o in outcomes), outcomes
    numbers = sorted(SuratKeputusan.objects.values_list("urut", flat=True))
    assert numbers == list(range(1, 11))
    assert len(set(SuratKeputusan.objects.values_list("nomor", flat=True))) == 10


@pytest.mark.django_db
def test_the_signers_nip_follows_the_nip_rules(login, operator_bkd, sk_draf):
    url = reverse("mutasi:sk_update", args=[sk_draf.pk])
    form = {
        "judul": sk_draf.judul,
        "menimbang": sk_draf.menimbang,
        "mengingat": sk_draf.mengingat,
        "tembusan": sk_draf.tembusan,
        "alasan_tmt_surut": "",
        "penandatangan_nama": sk_draf.penandatangan_nama,
        "penandatangan_jabatan": sk_draf.penandatangan_jabatan,
        "penandatangan_pangkat": "",
        "penandatangan_nip": "12345",
    }
    response = login(operator_bkd).post(url, form)
    assert response.status_code == 200
    assert "NIP" in response.content.decode()
    sk_draf.refresh_from_db()
    assert sk_draf.penandatangan_nip == ""


@pytest.mark.django_db
def test_the_row_number_column_is_not_translated_as_no(login, operator_bkd, sk_draf):
    page = login(operator_bkd).get(sk_draf.get_absolute_url()).content.decode()
    assert '<th scope="col">No.</th>' in page
    assert '<th scope="col">Tidak</th>' not in page


@pytest.mark.django_db
def test_a_letter_pdf_gone_from_the_disk_is_a_404_page(published, operator_bkd, login):
    client = login(operator_bkd)
    published.refresh_from_db()
    url = reverse("mutasi:sk_unduh", args=[published.pk])
    response = client.get(url)
    assert response["Content-Disposition"].startswith('attachment; filename="SK-')
    assert response["Content-Security-Policy"] == "sandbox"
    published.berkas.storage.delete(published.berkas.name)
    response = client.get(url)
    assert response.status_code == 404
    assert "Berkas tidak ditemukan" in response.text
