"""factory_boy factories for tests: valid NIPs, agencies, units, positions, employees, users."""

import datetime
import itertools

import factory
from django.contrib.auth.models import Group

from instansi.choices import JenisJabatan, Jenjang, RumpunJabatan
from instansi.models import Formasi, Instansi, Jabatan, PerangkatDaerah, UnitKerja
from pegawai.access import Role
from pegawai.choices import Golongan, GolonganPppk, JenisAsn, PredikatSkp, TingkatPendidikan
from pegawai.models import Pegawai, Skp, User

_serial = itertools.count(1)


def make_nip(
    lahir=datetime.date(1985, 3, 14), cpns=datetime.date(2010, 1, 1), jk="1", urut=None
) -> str:
    urut = urut if urut is not None else next(_serial) % 999 + 1
    return f"{lahir:%Y%m%d}{cpns:%Y%m}{jk}{urut:03d}"


class InstansiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instansi
        django_get_or_create = ["nama"]

    nama = "Pemerintah Provinsi Asemrowo"
    daerah = "Asemrowo"
    ibu_kota = "Kota Asemrowo"


class PerangkatDaerahFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerangkatDaerah

    instansi = factory.SubFactory(InstansiFactory)
    nama = factory.Sequence(lambda n: f"Dinas Uji {n}")
    singkatan = factory.Sequence(lambda n: f"DU{n}")
    kode = factory.Sequence(lambda n: f"OPD{n:03d}")


class UnitKerjaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitKerja

    perangkat_daerah = factory.SubFactory(PerangkatDaerahFactory)
    nama = factory.Sequence(lambda n: f"Bidang Uji {n}")
    kode = factory.Sequence(lambda n: f"U{n:05d}")


class JabatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jabatan

    nama = factory.Sequence(lambda n: f"Analis Uji {n}")
    jenis = JenisJabatan.FUNGSIONAL
    jenjang = Jenjang.AHLI_PERTAMA
    kelas = 8
    rumpun = RumpunJabatan.ADMINISTRASI
    golongan_minimal = Golongan.III_A


class FormasiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Formasi

    unit = factory.SubFactory(UnitKerjaFactory)
    jabatan = factory.SubFactory(JabatanFactory)
    kebutuhan = 2


class PegawaiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pegawai

    class Params:
        lahir = datetime.date(1985, 3, 14)

    nip = factory.LazyAttribute(lambda o: make_nip(o.lahir, jk=o.jenis_kelamin))
    nama = factory.Sequence(lambda n: f"Pegawai Uji {n}")
    jenis_kelamin = "1"
    tanggal_lahir = factory.LazyAttribute(lambda o: o.lahir)
    golongan = Golongan.III_B
    unit = factory.SubFactory(UnitKerjaFactory)
    jabatan = factory.SubFactory(JabatanFactory)
    tmt_jabatan = datetime.date(2020, 1, 1)
    tingkat_pendidikan = TingkatPendidikan.S1


def make_nip_pppk(lahir=datetime.date(1992, 5, 17), tahun=2022, jk="2", urut=None) -> str:
    """An NI PPPK: birth date, year of appointment, "21", gender, serial."""
    urut = urut if urut is not None else next(_serial) % 999 + 1
    return f"{lahir:%Y%m%d}{tahun}21{jk}{urut:03d}"


class PegawaiPppkFactory(PegawaiFactory):
    """A PPPK appointed in 2022 on a contract that runs three more years from today."""

    class Params:
        lahir = datetime.date(1992, 5, 17)

    jenis_asn = JenisAsn.PPPK
    nip = factory.LazyAttribute(lambda o: make_nip_pppk(o.lahir, jk=o.jenis_kelamin))
    jenis_kelamin = "2"
    golongan = None
    golongan_pppk = GolonganPppk.IX
    nomor_perjanjian_kerja = factory.Sequence(lambda n: f"800/PK-{n}/BKD/2022")
    perjanjian_kerja_mulai = datetime.date(2022, 3, 1)
    perjanjian_kerja_selesai = factory.LazyFunction(
        lambda: datetime.date.today().replace(day=1) + datetime.timedelta(days=3 * 365)
    )
    tmt_jabatan = datetime.date(2022, 3, 1)


class SkpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skp

    pegawai = factory.SubFactory(PegawaiFactory)
    tahun = 2025
    predikat = PredikatSkp.BAIK


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    # Named after the username: a bare sequence number grows past 999 over a long run and
    # then reads as an ungrouped number on every page (tests/test_angka.py).
    first_name = factory.LazyAttribute(lambda u: f"Pengguna {u.username}")
    password = factory.django.Password("rahasia-uji-123")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or []:
            group, _ = Group.objects.get_or_create(name=Role(role).value)
            self.groups.add(group)


# --- Rule settings: two people each time -----------------------------------------------


def berlakukan(obj, pengaju, penyetuju=None):
    """A setting or rule brought into force as BKD does it: filed by ``pengaju``, approved by
    another person (a Pejabat Penetap made for it unless given)."""
    from mutasi.ketentuan import services

    obj = services.tambah(obj, pengaju)
    penyetuju = penyetuju or UserFactory(roles=[Role.PEJABAT_PENETAP])
    return services.setujui(type(obj), obj.pk, penyetuju)


def akhiri_ketentuan(model, pk, pengaju, sampai, alasan, penyetuju=None):
    """An early end asked for by ``pengaju`` and approved by another person."""
    from mutasi.ketentuan import services

    services.akhiri(model, pk, pengaju, sampai, alasan)
    penyetuju = penyetuju or UserFactory(roles=[Role.PEJABAT_PENETAP])
    return services.setujui_akhir(model, pk, penyetuju)


# --- Post-mutation evaluation (issue 6) --------------------------------------------------


def make_usulan(pegawai, formasi, creator, status, **usulan_fields):
    """A proposal from the employee's post to ``formasi``, put straight into ``status``."""
    from mutasi.models import Usulan
    from mutasi.usulan.choices import JenisMutasi, KategoriAlasan

    fields = {
        "pegawai": pegawai,
        "jenis": JenisMutasi.ANTAR_OPD,
        "alasan": KategoriAlasan.KEBUTUHAN_ORGANISASI,
        "alasan_publik": "Mengisi kekurangan pegawai.",
        "unit_asal": pegawai.unit,
        "jabatan_asal": pegawai.jabatan,
        "formasi_tujuan": formasi,
        "tanggal_rencana": datetime.date(2027, 3, 1),
        "dibuat_oleh": creator,
    } | usulan_fields
    usulan = Usulan.objects.create(**fields)
    Usulan.objects.filter(pk=usulan.pk).update(status=status)
    return Usulan.objects.get(pk=usulan.pk)


def make_move(
    pegawai,
    formasi,
    tmt: datetime.date,
    creator,
    *,
    diajukan: datetime.date | None = None,
    terbit: datetime.date | None = None,
    jadwalkan: bool = True,
    **usulan_fields,
):
    """An implemented move straight into the database: a Dilaksanakan proposal in a
    published letter, the employee at the new post, and (by default) its evaluations.

    ``diajukan`` is the filing day, ``terbit`` the letter's date (default: the TMT)."""
    from django.utils import timezone

    from evaluasi.services import jadwalkan as schedule
    from mutasi.models import StatusSK, SuratKeputusan, SuratKeputusanUsulan, Usulan
    from mutasi.sk.terbit import salin_baris
    from mutasi.usulan.choices import JenisMutasi, KategoriAlasan, StatusUsulan

    terbit = terbit or tmt
    fields = {
        "pegawai": pegawai,
        "jenis": JenisMutasi.ANTAR_OPD,
        "alasan": KategoriAlasan.KEBUTUHAN_ORGANISASI,
        "alasan_publik": "Mengisi kekurangan pegawai.",
        "unit_asal": pegawai.unit,
        "jabatan_asal": pegawai.jabatan,
        "formasi_tujuan": formasi,
        "tanggal_rencana": tmt,
        "dibuat_oleh": creator,
    } | usulan_fields
    usulan = Usulan.objects.create(**fields)
    filed = diajukan or terbit - datetime.timedelta(days=30)
    Usulan.objects.filter(pk=usulan.pk).update(
        status=StatusUsulan.DILAKSANAKAN,
        diajukan_pada=timezone.make_aware(datetime.datetime.combine(filed, datetime.time(9))),
    )
    usulan.refresh_from_db()
    n = SuratKeputusan.objects.count() + 1
    sk = SuratKeputusan.objects.create(
        status=StatusSK.TERBIT,
        menimbang="a",
        mengingat="b",
        penandatangan_nama="Uji",
        penandatangan_jabatan="Gubernur",
        seri="800",
        urut=n,
        tahun=terbit.year,
        nomor=f"800/{n}/UJI/{terbit.year}",
        tanggal_terbit=terbit,
        dibuat_oleh=creator,
    )
    SuratKeputusanUsulan.objects.create(
        sk=sk, usulan=usulan, dilaksanakan_pada=tmt, tmt=tmt, formasi_tujuan=formasi
    )
    salin_baris(sk)
    if formasi is not None:
        pegawai.unit, pegawai.jabatan, pegawai.tmt_jabatan = formasi.unit, formasi.jabatan, tmt
        pegawai.save()
    if jadwalkan:
        schedule(usulan, tmt)
    return usulan


# --- Proposals that pass every rule (issue 21: publication re-checks them) ---------------

PDF_KECIL = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def lengkapi(usulan):
    """Make ``usulan`` pass the rules a test does not mean to test: SKP Baik in the counted
    years and every required document present and accepted."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from mutasi.models import Dokumen
    from mutasi.usulan import eligibility
    from mutasi.usulan.choices import StatusDokumen

    for tahun in eligibility.tahun_skp(timezone.localdate()):
        Skp.objects.get_or_create(
            pegawai=usulan.pegawai, tahun=tahun, defaults={"predikat": PredikatSkp.BAIK}
        )
    have = set(usulan.dokumen.values_list("jenis", flat=True))
    for jenis in usulan.dokumen_wajib:
        if jenis in have:
            continue
        dokumen = Dokumen(
            usulan=usulan,
            jenis=jenis,
            nama_asli=f"{jenis}.pdf",
            tipe="application/pdf",
            ukuran=len(PDF_KECIL),
            status=StatusDokumen.DITERIMA,
            diunggah_oleh=usulan.dibuat_oleh,
        )
        dokumen.berkas.save("berkas", ContentFile(PDF_KECIL), save=False)
        dokumen.save()
    return usulan


def terbitkan_sk(pk, pejabat):
    """Submit a draft letter (as BKD, by whoever composed it) and publish it: the two steps
    the pages take, for tests about what comes after."""
    from mutasi.models import StatusSK, SuratKeputusan
    from mutasi.sk import services as sk_services
    from mutasi.sk import terbit

    sk = SuratKeputusan.objects.get(pk=pk)
    if sk.status == StatusSK.DRAF:
        sk_services.ajukan(pk, sk.dibuat_oleh)
    return terbit.terbitkan(pk, pejabat)
