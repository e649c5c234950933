"""Model rules: employee cross-checks with the NIP, the unit tree, positions."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from instansi.choices import Jenjang
from tests.factories import (
    FormasiFactory,
    JabatanFactory,
    PegawaiFactory,
    UnitKerjaFactory,
    make_nip,
)

pytestmark = pytest.mark.django_db


def test_employee_birth_date_must_match_the_nip():
    pegawai = PegawaiFactory.build(
        unit=UnitKerjaFactory(),
        jabatan=JabatanFactory(),
        nip=make_nip(datetime.date(1985, 3, 14)),
        tanggal_lahir=datetime.date(1985, 3, 15),
    )
    with pytest.raises(ValidationError) as error:
        pegawai.full_clean()
    assert "tanggal_lahir" in error.value.message_dict


def test_employee_gender_must_match_the_nip_digit():
    pegawai = PegawaiFactory.build(
        unit=UnitKerjaFactory(),
        jabatan=JabatanFactory(),
        nip=make_nip(jk="2"),
        jenis_kelamin="1",
    )
    with pytest.raises(ValidationError) as error:
        pegawai.full_clean()
    assert "jenis_kelamin" in error.value.message_dict


def test_golongan_out_of_range_is_refused_by_the_database():
    pegawai = PegawaiFactory()
    pegawai.golongan = 35  # "III/e" does not exist
    with pytest.raises(ValidationError):
        pegawai.full_clean()
    with pytest.raises(IntegrityError):
        pegawai.save()


def test_unit_cannot_move_under_its_own_descendant():
    root = UnitKerjaFactory()
    child = UnitKerjaFactory(perangkat_daerah=root.perangkat_daerah, parent=root)
    grandchild = UnitKerjaFactory(perangkat_daerah=root.perangkat_daerah, parent=child)
    root.parent = grandchild
    with pytest.raises(ValidationError) as error:
        root.full_clean()
    assert "turunannya" in error.value.message_dict["parent"][0]


def test_unit_parent_must_be_in_the_same_agency():
    unit = UnitKerjaFactory()
    unit.parent = UnitKerjaFactory()
    with pytest.raises(ValidationError) as error:
        unit.full_clean()
    assert "parent" in error.value.message_dict


def test_retirement_age_is_the_laws_for_the_jenjang_whatever_is_typed():
    assert JabatanFactory(jenjang=Jenjang.AHLI_PERTAMA).batas_usia_pensiun == 58
    assert JabatanFactory(jenjang=Jenjang.AHLI_MADYA).batas_usia_pensiun == 60
    assert JabatanFactory(jenjang=Jenjang.AHLI_UTAMA).batas_usia_pensiun == 65
    assert (
        JabatanFactory(jenjang=Jenjang.AHLI_UTAMA, batas_usia_pensiun=62).batas_usia_pensiun == 65
    )


def test_formasi_counts_its_current_active_holders():
    formasi = FormasiFactory(kebutuhan=3)
    PegawaiFactory.create_batch(2, unit=formasi.unit, jabatan=formasi.jabatan)
    PegawaiFactory(unit=formasi.unit, jabatan=formasi.jabatan, aktif=False)
    PegawaiFactory(unit=formasi.unit)  # another jabatan
    annotated = type(formasi).objects.with_bezetting().get(pk=formasi.pk)
    assert annotated.bezetting == 2


def test_employee_changes_are_kept_with_who_changed_them(operator_bkd):
    pegawai = PegawaiFactory(nama="Nama Lama")
    pegawai.nama = "Nama Baru"
    pegawai._history_user = operator_bkd
    pegawai.save()
    latest = pegawai.history.first()
    assert latest.history_user == operator_bkd
    change = latest.diff_against(latest.prev_record).changes[0]
    assert (change.field, change.old, change.new) == ("nama", "Nama Lama", "Nama Baru")
