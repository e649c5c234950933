"""The exact plan solver on plain arrays: equal to brute force, never breaks a hard rule,
at least as good as greedy."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutasi.pencocokan.solver import Masalah, layak, selesaikan, serakah


def acak(seed, n_peg=6, n_vac=3, density=0.7):
    rng = np.random.default_rng(seed)
    formasi = rng.integers(0, 3, n_peg)
    unit_of_formasi = np.array([0, 0, 1])
    pe, pv, w = [], [], []
    for i in range(n_peg):
        for v in range(n_vac):
            if rng.random() < density:
                pe.append(i)
                pv.append(v)
                w.append(float(rng.integers(1, 100)))
    return Masalah(
        n_pegawai=n_peg,
        kapasitas_lowongan=rng.integers(1, 3, n_vac),
        pegawai=pe,
        lowongan=pv,
        skor=w,
        kelompok=[
            (formasi, rng.integers(1, 3, 3)),
            (unit_of_formasi[formasi], rng.integers(1, 4, 2)),
        ],
    )


def brute_force(m: Masalah) -> float:
    """Try every way of giving each employee one of their pairs or none."""
    options = [[None] + list(np.flatnonzero(m.pegawai == i)) for i in range(m.n_pegawai)]
    best = 0.0
    for combo in itertools.product(*options):
        chosen = [e for e in combo if e is not None]
        if not layak(m, chosen):
            best = max(best, float(m.skor[chosen].sum()) if chosen else 0.0)
    return best


@pytest.mark.parametrize("seed", range(12))
def test_plan_equals_brute_force_optimum(seed):
    m = acak(seed)
    result = selesaikan(m)
    assert layak(m, result.terpilih) == []
    assert result.total == pytest.approx(brute_force(m))


@pytest.mark.parametrize("seed", range(12))
def test_optimum_is_at_least_greedy(seed):
    m = acak(seed, n_peg=7, n_vac=4)
    assert selesaikan(m).total >= serakah(m).total - 1e-9
    assert layak(m, serakah(m).terpilih) == []


def test_unit_cap_makes_it_more_than_an_assignment():
    # Two employees of one unit, two vacancies; the unit may lose only one.
    m = Masalah(2, [1, 1], [0, 1], [0, 1], [50.0, 40.0], [([0, 0], [1])])
    result = selesaikan(m)
    assert result.terpilih.tolist() == [0]
    assert result.total == 50.0


def test_greedy_can_be_beaten():
    # Greedy takes 0→A (10); the optimum is 0→B, 1→A (9 + 9).
    m = Masalah(2, [1, 1], [0, 0, 1], [0, 1, 0], [10.0, 9.0, 9.0], [])
    assert serakah(m).total == 10.0
    assert selesaikan(m).total == 18.0


def test_empty_problem():
    m = Masalah(0, [], [], [], [], [])
    assert selesaikan(m).terpilih.size == 0


@st.composite
def masalah(draw):
    n_peg = draw(st.integers(1, 8))
    n_vac = draw(st.integers(1, 4))
    n_formasi = draw(st.integers(1, 3))
    n_unit = draw(st.integers(1, 2))
    formasi = draw(st.lists(st.integers(0, n_formasi - 1), min_size=n_peg, max_size=n_peg))
    unit_of = draw(st.lists(st.integers(0, n_unit - 1), min_size=n_formasi, max_size=n_formasi))
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n_peg - 1), st.integers(0, n_vac - 1)),
            unique=True,
            max_size=n_peg * n_vac,
        )
    )
    weights = draw(st.lists(st.integers(0, 100), min_size=len(pairs), max_size=len(pairs)))
    return Masalah(
        n_pegawai=n_peg,
        kapasitas_lowongan=draw(st.lists(st.integers(0, 3), min_size=n_vac, max_size=n_vac)),
        pegawai=[p for p, _ in pairs],
        lowongan=[v for _, v in pairs],
        skor=[float(w) for w in weights],
        kelompok=[
            (formasi, draw(st.lists(st.integers(0, 3), min_size=n_formasi, max_size=n_formasi))),
            (
                [unit_of[f] for f in formasi],
                draw(st.lists(st.integers(1, 3), min_size=n_unit, max_size=n_unit)),
            ),
        ],
    )


@settings(max_examples=150, deadline=None)
@given(masalah())
def test_hard_rules_never_violated_and_optimal(m):
    result = selesaikan(m)
    assert layak(m, result.terpilih) == []
    assert result.total >= serakah(m).total - 1e-9
    if m.n_pegawai <= 6:
        assert result.total == pytest.approx(brute_force(m))


@settings(max_examples=100, deadline=None)
@given(masalah())
def test_column_generation_reaches_the_same_optimum(m):
    import mutasi.pencocokan.solver as solver

    full = selesaikan(m)
    old = solver.BATAS_GENERASI_KOLOM
    solver.BATAS_GENERASI_KOLOM = 0
    try:
        result = selesaikan(m, per_pegawai=1)
    finally:
        solver.BATAS_GENERASI_KOLOM = old
    assert layak(m, result.terpilih) == []
    assert result.total == pytest.approx(full.total)


@pytest.mark.parametrize("seed", range(3))
def test_column_generation_on_a_larger_instance(seed, monkeypatch):
    from mutasi.management.commands.bench_rencana import instance
    from mutasi.pencocokan import solver

    m = instance(300, 3, 2, seed=seed)
    monkeypatch.setattr(solver, "BATAS_GENERASI_KOLOM", 10**9)
    full = selesaikan(m)
    monkeypatch.setattr(solver, "BATAS_GENERASI_KOLOM", 0)
    result = selesaikan(m, per_pegawai=1)
    assert result.metode == "lp+kolom"
    assert result.total == pytest.approx(full.total)
    assert result.total >= serakah(m).total - 1e-6
