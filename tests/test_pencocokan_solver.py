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
    from bench.management.commands.bench_rencana import instance
    from mutasi.pencocokan import solver

    m = instance(300, 3, 2, seed=seed)
    monkeypatch.setattr(solver, "BATAS_GENERASI_KOLOM", 10**9)
    full = selesaikan(m)
    monkeypatch.setattr(solver, "BATAS_GENERASI_KOLOM", 0)
    result = selesaikan(m, per_pegawai=1)
    assert result.metode == "lp+kolom"
    assert result.total == pytest.approx(full.total)
    assert result.total >= serakah(m).total - 1e-6


# --- Against independent solvers (issue 13) ----------------------------------------------


def milp_optimum(m: Masalah) -> float:
    """The optimum by scipy's MILP on a constraint matrix written out here, row by row."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    n = m.skor.size
    rows, caps = [], []
    for i in range(m.n_pegawai):
        rows.append(m.pegawai == i)
        caps.append(1)
    for v in range(m.n_lowongan):
        rows.append(m.lowongan == v)
        caps.append(m.kapasitas_lowongan[v])
    for grup, cap in m.kelompok:
        for g in range(len(cap)):
            rows.append(grup[m.pegawai] == g)
            caps.append(cap[g])
    if n == 0:
        return 0.0
    A = np.array(rows, dtype=float)
    res = milp(
        -m.skor,
        constraints=LinearConstraint(A, -np.inf, np.array(caps, dtype=float)),
        integrality=np.ones(n),
        bounds=Bounds(0, 1),
    )
    return -res.fun


def besar(seed, n_peg=40, n_vac=10, density=0.5):
    rng = np.random.default_rng(seed)
    n_formasi, n_unit = 12, 5
    formasi = rng.integers(0, n_formasi, n_peg)
    unit_of = rng.integers(0, n_unit, n_formasi)
    mask = rng.random((n_peg, n_vac)) < density
    pe, pv = np.nonzero(mask)
    # Some pairs with no fit at all: they must never be moves.
    w = np.where(rng.random(pe.size) < 0.1, 0.0, rng.integers(1, 100, pe.size).astype(float))
    return Masalah(
        n_pegawai=n_peg,
        kapasitas_lowongan=rng.integers(0, 4, n_vac),
        pegawai=pe,
        lowongan=pv,
        skor=w,
        kelompok=[
            (formasi, rng.integers(0, 4, n_formasi)),
            (unit_of[formasi], rng.integers(1, 5, n_unit)),
        ],
    )


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("generasi_kolom", [False, True])
def test_optimum_equals_scipy_milp(seed, generasi_kolom, monkeypatch):
    import mutasi.pencocokan.solver as solver

    m = besar(seed, density=1.0 if seed % 3 == 0 else 0.5)
    if generasi_kolom:  # from a tiny first subset, adding one pair per employee a round
        monkeypatch.setattr(solver, "BATAS_GENERASI_KOLOM", 0)
    result = selesaikan(m, per_pegawai=1)
    assert layak(m, result.terpilih) == []
    assert (m.skor[result.terpilih] > 0).all()
    assert result.total == pytest.approx(milp_optimum(m))


@pytest.mark.parametrize("seed", range(9))
def test_uncapped_optimum_equals_linear_sum_assignment(seed, monkeypatch):
    """With origin caps that never bind, the plan is an assignment of employees to vacancy
    seats: scipy's Hungarian method on the dense matrix must reach the same total."""
    from scipy.optimize import linear_sum_assignment

    import mutasi.pencocokan.solver as solver

    rng = np.random.default_rng(100 + seed)
    n_peg, n_vac = 60, 25
    dense = seed % 2 == 0
    mask = np.ones((n_peg, n_vac), bool) if dense else rng.random((n_peg, n_vac)) < 0.4
    pe, pv = np.nonzero(mask)
    w = rng.uniform(0, 100, pe.size).round(2)
    if seed % 3 == 2:  # everyone prefers the same vacancies: many rounds of pricing
        w = (rng.uniform(0, 80, n_vac)[pv] + rng.uniform(0, 20, pe.size)).round(2)
    caps = rng.integers(1, 4, n_vac)
    m = Masalah(n_peg, caps, pe, pv, w, [(np.zeros(n_peg, int), [n_peg])])
    monkeypatch.setattr(solver, "BATAS_GENERASI_KOLOM", 0)
    result = selesaikan(m, per_pegawai=2)
    seats = np.repeat(np.arange(n_vac), caps)
    matrix = np.zeros((n_peg, n_vac))
    matrix[pe, pv] = w
    rows, cols = linear_sum_assignment(matrix[:, seats], maximize=True)
    assert result.total == pytest.approx(matrix[:, seats][rows, cols].sum())


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 30), st.integers(1, 12), st.integers(0, 2**31), st.booleans())
def test_best_per_group_is_each_groups_best(n_groups, per_group, seed, equal):
    """The first subset's per-group pick: each group's ``count`` best (the shortcut for
    groups of equal size may keep more), whatever order the pairs come in."""
    from mutasi.pencocokan.solver import _teratas

    rng = np.random.default_rng(seed)
    sizes = np.full(n_groups, per_group) if equal else rng.integers(0, per_group + 1, n_groups)
    key = np.repeat(np.arange(n_groups), sizes)
    rng.shuffle(key)
    score = rng.permutation(key.size).astype(float)  # distinct
    count = rng.integers(0, 5, n_groups)
    picked = set(_teratas(key, score, count).tolist())
    for g in range(n_groups):
        members = np.flatnonzero(key == g)
        best = members[np.argsort(-score[members])][: count[g]]
        assert set(best.tolist()) <= picked
        assert {p for p in picked if key[p] == g} <= set(members.tolist())
