"""NIP structure (docs/domain.md §3) and golongan parsing."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from pegawai.choices import Golongan, parse_golongan
from pegawai.nip import mask_nip, parse_nip

TODAY = datetime.date(2026, 11, 23)


def test_valid_nip_is_split_into_its_parts():
    nip = parse_nip("198503142010011003", today=TODAY)
    assert nip.tanggal_lahir == datetime.date(1985, 3, 14)
    assert nip.tmt_cpns == datetime.date(2010, 1, 1)
    assert nip.jenis_kelamin == "1"
    assert nip.urut == "003"


@pytest.mark.parametrize(
    ("nip", "message"),
    [
        ("19850314201001100", "18 digit"),
        ("1985031420100110033", "18 digit"),
        ("19850314201001100A", "angka"),
        ("198502302010011003", "tanggal lahir"),  # 30 February
        ("198513012010011003", "tanggal lahir"),  # month 13
        ("198503142010131003", "TMT CPNS"),  # CPNS month 13
        ("198503142002121003", "18 tahun"),  # CPNS at 17
        ("198503142003031003", "18 tahun"),  # CPNS in the month of the 18th birthday
        ("198503142030011003", "belum terjadi"),  # CPNS in the future
        ("198503142010013003", "Digit ke-15"),  # gender digit 3
        ("198503142010011000", "000"),
    ],
)
def test_invalid_nip_is_refused_with_a_clear_message(nip, message):
    with pytest.raises(ValidationError) as error:
        parse_nip(nip, today=TODAY)
    assert message in error.value.messages[0]


def test_cpns_the_month_after_the_18th_birthday_is_accepted():
    assert parse_nip("198503142003041003", today=TODAY).tmt_cpns == datetime.date(2003, 4, 1)


def test_masked_nip_hides_birth_date_and_tmt():
    masked = mask_nip("198503142010011003")
    assert "19850314" not in masked and "201001" not in masked
    assert masked.endswith("1 003")


@pytest.mark.parametrize(
    ("text", "golongan"),
    [
        ("III/a", Golongan.III_A),
        ("iii/A", Golongan.III_A),
        ("3a", Golongan.III_A),
        ("IV/e", Golongan.IV_E),
        ("I/d", Golongan.I_D),
        ("II b", Golongan.II_B),
    ],
)
def test_golongan_is_parsed_in_the_usual_spellings(text, golongan):
    assert parse_golongan(text) == golongan


@pytest.mark.parametrize("text", ["I/e", "II/e", "III/e", "V/a", "IV/f", "", "3", "abc"])
def test_golongan_out_of_range_is_refused(text):
    assert parse_golongan(text) is None
