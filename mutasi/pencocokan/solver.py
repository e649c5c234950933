"""The exact core of the redistribution plan, on plain arrays (no database, no Django).

The problem: choose moves (employee i → vacancy formasi v) over the eligible pairs, each with
a fit ``w``, to maximise the total fit, subject to
- each employee moves at most once;
- vacancy formasi ``v`` receives at most ``kapasitas_lowongan[v]`` people (its shortage);
- for every level of origin groups (e.g. the origin formasi, then the origin unit), group
  ``g`` loses at most ``kapasitas[g]`` people: the formasi its surplus (it never drops below
  its need), the unit the setting ``PENCOCOKAN_MAKS_KELUAR_PER_UNIT``.

The origin groups are nested (employee ⊂ formasi ⊂ unit), so the employee-side rows form a
laminar family; the vacancy rows partition the pairs. The constraint matrix of two laminar
families is a network matrix, hence totally unimodular: this is a min-cost flow
(source → unit → formasi → employee → vacancy → sink), and the linear programme has an
integral optimal vertex. We solve that LP with HiGHS (``scipy.optimize.linprog``) and take its
basic solution, which is integral; if rounding ever disagreed with it (a solver tolerance
issue), we re-solve with ``scipy.optimize.milp`` and integrality imposed, which is exact too.
Caps on the groups are why plain assignment (``linear_sum_assignment``) is not enough.

``serakah`` is the greedy baseline the benchmark compares against.
"""

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linprog, milp


@dataclass
class Masalah:
    """One instance. Pairs are given as parallel arrays (``pegawai[e]``, ``lowongan[e]``,
    ``skor[e]``); ``kelompok`` is a list of levels, each a pair (group of each employee,
    cap of each group)."""

    n_pegawai: int
    kapasitas_lowongan: np.ndarray
    pegawai: np.ndarray
    lowongan: np.ndarray
    skor: np.ndarray
    kelompok: list

    def __post_init__(self):
        self.kapasitas_lowongan = np.asarray(self.kapasitas_lowongan, dtype=np.int64)
        self.pegawai = np.asarray(self.pegawai, dtype=np.int64)
        self.lowongan = np.asarray(self.lowongan, dtype=np.int64)
        self.skor = np.asarray(self.skor, dtype=np.float64)
        self.kelompok = [
            (np.asarray(g, dtype=np.int64), np.asarray(c, dtype=np.int64)) for g, c in self.kelompok
        ]

    @property
    def n_lowongan(self) -> int:
        return len(self.kapasitas_lowongan)


@dataclass
class Hasil:
    terpilih: np.ndarray  # indices of the chosen pairs
    total: float
    metode: str


def _baris(indeks_pasangan, n_baris, n_pasangan):
    """A 0/1 matrix with one row per group and a 1 where a pair belongs to the group."""
    data = np.ones(n_pasangan, dtype=np.float64)
    return sparse.csr_matrix(
        (data, (indeks_pasangan, np.arange(n_pasangan))), shape=(n_baris, n_pasangan)
    )


def _kendala(m: Masalah, keep):
    n = int(keep.sum())
    peg = m.pegawai[keep]
    blocks = [_baris(peg, m.n_pegawai, n), _baris(m.lowongan[keep], m.n_lowongan, n)]
    caps = [np.ones(m.n_pegawai), m.kapasitas_lowongan]
    for grup, cap in m.kelompok:
        blocks.append(_baris(grup[peg], len(cap), n))
        caps.append(cap)
    return sparse.vstack(blocks, format="csr"), np.concatenate(caps).astype(np.float64)


def _lp(m: Masalah, cols):
    """Solve the LP over the pairs ``cols``; return x (on those pairs) and the row duals
    μ ≥ 0 (employee rows, vacancy rows, then each level of groups)."""
    keep = np.zeros(m.skor.size, dtype=bool)
    keep[cols] = True
    A, b = _kendala(m, keep)
    w = m.skor[keep]
    # Dual simplex ends on a vertex (integral here); presolve off is faster on these.
    res = linprog(-w, A_ub=A, b_ub=b, bounds=(0, 1), method="highs-ds", options={"presolve": False})
    if res.status != 0:  # pragma: no cover - the LP is always feasible (x = 0) and bounded
        raise RuntimeError(res.message)
    return np.flatnonzero(keep), res.x, -res.ineqlin.marginals, A, b


def _harga_dual(m: Masalah, mu):
    """Σ of the duals of the rows each pair belongs to (what the pair must beat): the
    employee-side rows summed per employee first, so the pairs cost two gathers."""
    n_p, n_v = m.n_pegawai, m.n_lowongan
    per_pegawai = mu[:n_p].copy()
    offset = n_p + n_v
    for grup, cap in m.kelompok:
        per_pegawai += mu[offset + grup]
        offset += len(cap)
    return per_pegawai[m.pegawai] + mu[n_p : n_p + n_v][m.lowongan]


def _urut(key, n_groups):
    """The positions sorted by group (None: they already are, as the callers build the
    employees' pairs), and where each group starts and ends."""
    if key.size and (key[1:] >= key[:-1]).all():
        return None, np.searchsorted(key, np.arange(n_groups + 1))
    # Small integers sort by radix (linear time) instead of comparisons.
    small = np.int16 if n_groups < 2**15 else np.int32 if n_groups < 2**31 else np.int64
    order = np.argsort(key.astype(small), kind="stable")
    return order, np.searchsorted(key[order], np.arange(n_groups + 1))


def _teratas(key, score, count):
    """Positions of each group's ``count[g]`` highest scores or more (``key``: the group of
    each position): a sort by group, then a partial sort inside each group — all groups at
    once when they are the same size (every pair eligible), else one by one."""
    order, bounds = _urut(key, len(count))
    if order is None:
        order = np.arange(key.size)
        ordered = score
    else:
        ordered = score[order]
    sizes = np.diff(bounds)
    if sizes.size and (sizes == sizes[0]).all() and sizes[0] > 0:
        width = int(sizes[0])
        k = min(int(count.max()), width)
        if k == 0:
            return np.array([], dtype=np.int64)
        table = ordered.reshape(len(count), width)
        best = np.argpartition(table, width - k, axis=1)[:, width - k :]
        return order.reshape(len(count), width)[np.arange(len(count))[:, None], best].ravel()
    chosen = []
    for g, c in enumerate(count.tolist()):
        lo, hi = bounds[g], bounds[g + 1]
        if hi - lo <= c:
            chosen.append(order[lo:hi])
        elif c > 0:
            top = np.argpartition(ordered[lo:hi], hi - lo - c)[hi - lo - c :]
            chosen.append(order[lo + top])
    return np.concatenate(chosen) if chosen else np.array([], dtype=np.int64)


def _awal(m: Masalah, per_pegawai):
    """A first set of pairs: each employee's best ``per_pegawai`` and each vacancy's best
    (a few times its capacity)."""
    by_pegawai = _teratas(m.pegawai, m.skor, np.full(m.n_pegawai, per_pegawai))
    by_lowongan = _teratas(m.lowongan, m.skor, 3 * m.kapasitas_lowongan + per_pegawai)
    return np.union1d(by_pegawai, by_lowongan)


# Above this many pairs, solve over a subset and add pairs by their reduced cost.
BATAS_GENERASI_KOLOM = 50_000
# A round also adds the pairs within this much (fit points) of paying for their rows: the
# duals move as pairs come in, and these are the next to price out.
MARGIN_HARGA = 1.0


def selesaikan(m: Masalah, per_pegawai: int = 8) -> Hasil:
    """The optimal set of moves (exact).

    Large instances use column generation: solve the LP over a promising subset of pairs,
    price every other pair with the duals (reduced cost w − Σ duals of its rows), add the
    pairs that would improve or nearly would (at most each employee's ``per_pegawai`` best
    of them per round), repeat. When no pair prices out, the duals are feasible for the full
    LP, so the subset's optimum is the full optimum (LP duality) — exact, not a heuristic. A
    pair with no fit never prices out (no dual is negative) and is never kept in the result.
    """
    if not (m.skor > 0).any():
        return Hasil(np.array([], dtype=np.int64), 0.0, "kosong")
    n = m.skor.size
    subset = np.arange(n) if n <= BATAS_GENERASI_KOLOM else _awal(m, per_pegawai)
    metode = "lp" if subset.size == n else "lp+kolom"
    for _ in range(100):
        used, x, mu, A, b = _lp(m, subset)
        if used.size == n:
            break
        reduced = m.skor - _harga_dual(m, mu)
        reduced[used] = -np.inf
        if not (reduced > 1e-7).any():
            break
        add = np.flatnonzero(reduced > -MARGIN_HARGA)
        if add.size > per_pegawai * m.n_pegawai:
            count = np.full(m.n_pegawai, per_pegawai)
            add = add[_teratas(m.pegawai[add], reduced[add], count)]
        subset = np.union1d(used, add)
    else:  # pragma: no cover - never seen; fall back to the full LP
        used, x, mu, A, b = _lp(m, np.arange(n))
    if np.abs(x - np.round(x)).max() > 1e-6:  # pragma: no cover - TU makes this unreachable
        w = m.skor[used]
        res = milp(
            -w,
            constraints=LinearConstraint(A, -np.inf, b),
            integrality=np.ones_like(w),
            bounds=Bounds(0, 1),
        )
        x = res.x
        metode = "milp"
    # A pair with no fit adds nothing: the optimum may take it or not, the plan does not.
    chosen = used[(np.round(x) > 0.5) & (m.skor[used] > 0)]
    return Hasil(chosen, float(m.skor[chosen].sum()), metode)


def serakah(m: Masalah) -> Hasil:
    """Greedy baseline: best pair first, taken whenever every cap still allows it."""
    order = np.argsort(-m.skor, kind="stable")
    used_p = np.zeros(m.n_pegawai, dtype=bool)
    left_v = m.kapasitas_lowongan.copy()
    left_g = [c.copy() for _, c in m.kelompok]
    chosen = []
    for e in order:
        if m.skor[e] <= 0:
            break
        p, v = m.pegawai[e], m.lowongan[e]
        if used_p[p] or left_v[v] <= 0:
            continue
        groups = [g[p] for g, _ in m.kelompok]
        if any(left[g] <= 0 for left, g in zip(left_g, groups, strict=True)):
            continue
        used_p[p] = True
        left_v[v] -= 1
        for left, g in zip(left_g, groups, strict=True):
            left[g] -= 1
        chosen.append(e)
    chosen = np.array(chosen, dtype=np.int64)
    return Hasil(chosen, float(m.skor[chosen].sum()) if chosen.size else 0.0, "serakah")


def layak(m: Masalah, terpilih) -> list[str]:
    """The hard rules a set of chosen pairs breaks (empty when feasible); used by the tests
    and as a last check before a plan is stored."""
    errors = []
    terpilih = np.asarray(terpilih, dtype=np.int64)
    peg = m.pegawai[terpilih]
    if len(set(peg.tolist())) != len(peg):
        errors.append("pegawai dipindah lebih dari sekali")
    counts = np.bincount(m.lowongan[terpilih], minlength=m.n_lowongan)
    if (counts > m.kapasitas_lowongan).any():
        errors.append("lowongan terisi melebihi kekurangannya")
    for level, (grup, cap) in enumerate(m.kelompok):
        out = np.bincount(grup[peg], minlength=len(cap))
        if (out > cap).any():
            errors.append(f"batas keluar kelompok tingkat {level} terlampaui")
    return errors
