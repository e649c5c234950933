"""The satisfaction index (IKM) against hand-computed values at the band edges.

IKM = (U1 + … + U9) / 9 × 25, rounded half up to two decimals; the band is read from the
rounded figure. Each case below gives the nine means, their sum, and the IKM worked out by
hand: sum × 25 / 9.
"""

from decimal import Decimal

import pytest

from instansi.layanan.ikm import hitung_ikm, mutu
from instansi.layanan.models import HasilSkm
from tests.factories import UnitKerjaFactory


def sembilan(total: str, base: str) -> list[str]:
    """Nine means with the given sum: eight of ``base`` and the rest in U9."""
    rest = Decimal(total) - Decimal(base) * 8
    assert 1 <= rest <= 4
    return [base] * 8 + [str(rest)]


@pytest.mark.parametrize(
    ("nilai", "ikm", "huruf"),
    [
        # 31.788 × 25 / 9 = 88.3000 → B (the top of B)
        (["3.532"] * 9, "88.30", "B"),
        # 31.792 × 25 / 9 = 88.3111… → 88.31 → A (the bottom of A)
        (sembilan("31.792", "3.5"), "88.31", "A"),
        # 31.790 × 25 / 9 = 88.30555… → rounds half up to 88.31 → A
        (sembilan("31.790", "3.5"), "88.31", "A"),
        # 31.789 × 25 / 9 = 88.30277… → 88.30 → B
        (sembilan("31.789", "3.5"), "88.30", "B"),
        # 27.576 × 25 / 9 = 76.6000 → C (the top of C)
        (["3.064"] * 9, "76.60", "C"),
        # 27.580 × 25 / 9 = 76.6111… → 76.61 → B (the bottom of B)
        (sembilan("27.580", "3.064"), "76.61", "B"),
        # 23.400 × 25 / 9 = 65.0000 → C (the bottom of C)
        (["2.6"] * 9, "65.00", "C"),
        # 23.396 × 25 / 9 = 64.98888… → 64.99 → D (the top of D)
        (sembilan("23.396", "2.6"), "64.99", "D"),
        # every answer 4: 100, every answer 1: 25
        (["4"] * 9, "100.00", "A"),
        (["1"] * 9, "25.00", "D"),
    ],
)
def test_ikm_and_band_match_the_hand_computed_values(nilai, ikm, huruf):
    hasil = hitung_ikm(nilai)
    assert hasil == Decimal(ikm)
    assert str(hasil) == ikm
    assert mutu(hasil) == huruf


def test_float_inputs_do_not_drift_across_an_edge():
    # As floats 3.064 × 9 × 25 / 9 is 76.60000000000001; in Decimal it is 76.60 exactly.
    assert mutu(hitung_ikm([3.064] * 9)) == "C"


@pytest.mark.parametrize("nilai", [["0.9"] + ["3"] * 8, ["4.01"] + ["3"] * 8, ["3"] * 8])
def test_means_outside_one_to_four_or_missing_are_refused(nilai):
    with pytest.raises(ValueError):
        hitung_ikm(nilai)


@pytest.mark.django_db
def test_a_saved_result_stores_its_ikm_and_band():
    unit = UnitKerjaFactory(layanan_publik=True)
    hasil = HasilSkm.objects.create(
        unit=unit,
        tahun=2026,
        responden=120,
        **dict(zip([f"u{i}" for i in range(1, 10)], sembilan("27.580", "3.1"), strict=True)),
    )
    hasil.refresh_from_db()
    assert hasil.ikm == Decimal("76.61")
    assert hasil.mutu == "B"
