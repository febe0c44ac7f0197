"""Newton fits of many (table, model) pairs at once, each pair with its own counts.

The bootstrap re-selects the model on a thousand resamples; fitting the models of many resamples
together in one set of numpy operations removes the per-call overhead that dominates when the
models of one small table are fitted alone. The iteration is the one of :mod:`.batchfit`
(Newton-Raphson with step halving, warm-started, the same convergence test and the same handling
of terms at minus infinity), so a pair fitted here with ``max_iter`` iterations gives what
``ModelBatch.fit`` gives for that table and model.

Besides the log-likelihood reached (a *lower* bound on the maximum), every full Newton step also
yields a rigorous *upper* bound on the maximum by weak duality: for the Poisson log-likelihood
``l(beta) = sum_c y_c eta_c - exp(eta_c)`` over the cells in the fit and any ``nu >= 0`` with the
model's margins of ``y`` (``X' nu = X' y``),

    max_beta l(beta) <= D(nu) = sum_c (nu_c log nu_c - nu_c)

(Fenchel: ``exp(eta) >= nu eta - nu log nu + nu``). After a full step ``d`` from ``mu``, the point
``nu = mu (1 + X d)`` has exactly the required margins (``X' diag(mu) X d`` is the gradient), so
it is dual feasible whenever it is non-negative. Its gap is of the fourth order in the step, so
two iterations from the original fit already pin a resample's maximum down to far below one unit
of BIC, and a model can be excluded from the best-BIC search without being fitted to convergence.
When the maximum is at infinity (no estimate on the table) ``nu`` is slightly negative on the
cells whose fitted values go to 0; on the last iteration such a point is repaired into a
non-negative one with the same margins (:func:`_repaired_dual`), which bounds the supremum.
"""

from __future__ import annotations

import numpy as np
from scipy import special

from .batchfit import linear_predictor, solve_stack

_ETA_MAX = 700.0
_HALVINGS = 40
_REPAIR_ROUNDS = 3
_RIDGE = 1e-13
_MISS = 1e-13


def newton_pairs(
    contain: np.ndarray,
    contain_t: np.ndarray,
    y: np.ndarray,
    terms: np.ndarray,
    valid: np.ndarray,
    start: np.ndarray,
    *,
    max_iter: int,
    tol: float = 1e-11,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Fit row ``b``'s model (``terms[b]`` where ``valid[b]``) to the counts ``y[b]``.

    ``contain[t, c]`` is 1 when term ``t`` is contained in cell ``c`` (``2**m`` square);
    ``terms`` is padded with ``2**m``; ``start`` holds warm starts (non-finite entries start at
    0). Returns per row ``(beta, loglik, upper, ok, done)``: the intercept-first coefficients
    (``-inf`` for terms at minus infinity), the log-likelihood reached, an upper bound on the
    maximum (``inf`` when no full Newton step gave one), whether the fit converged within
    ``max_iter`` iterations (as :mod:`.batchfit`) and whether it stopped (converged or failed):
    a row that has not stopped continues exactly where it was when ``beta`` is passed back as
    ``start``. Log-likelihoods include the constant ``-sum log y!`` of the cells in the fit.
    """
    n_cells = contain.shape[0]
    width = n_cells + 1
    n, size = terms.shape
    y = np.array(y, dtype=float)
    y[:, 0] = 0.0
    nstar = np.zeros((n, width))
    nstar[:, :n_cells] = y @ contain_t
    sparse = valid & (terms != 0) & (np.take_along_axis(nstar, terms, axis=1) == 0)
    active = valid & ~sparse
    onehot = np.zeros((n, width))
    np.put_along_axis(onehot, terms, sparse.astype(float), axis=1)
    kept = (onehot[:, :n_cells] @ contain) == 0
    kept[:, 0] = False
    grad_target = np.take_along_axis(nstar, terms, axis=1) * active
    union = np.where(
        valid[:, :, None] & valid[:, None, :], terms[:, :, None] | terms[:, None, :], n_cells
    ).astype(np.int32)
    # Terms at minus infinity (and padding) get 1 on the diagonal: a zero step.
    fixed = (~active).astype(float)
    diagonal = np.arange(size) * (size + 1)
    yk = np.where(kept, y, 0.0)

    beta = np.where(active & np.isfinite(start), start, 0.0)
    eta = linear_predictor(contain, beta, terms, active)
    mu = np.where(kept, np.exp(eta), 0.0)
    ll = (yk * eta - mu).sum(axis=1)
    upper = np.full(n, np.inf)
    done = np.zeros(n, dtype=bool)
    for it in range(max_iter):
        todo = np.flatnonzero(~done)
        b = len(todo)
        if b == 0:
            break
        every = b == n
        pick = slice(None) if every else todo
        terms_t, active_t, kept_t = terms[pick], active[pick], kept[pick]
        mu_t, eta_t = mu[pick], eta[pick]
        margins = np.zeros((b, width))
        margins[:, :n_cells] = mu_t @ contain_t
        grad = grad_target[pick] - np.take_along_axis(margins, terms_t, axis=1) * active_t
        offsets = (np.arange(b) * width)[:, None, None] + union[pick]
        H = margins.ravel()[offsets]
        H.reshape(b, -1)[:, diagonal] += fixed[pick]
        step = solve_stack(H, grad)
        decrement = np.einsum("bp,bp->b", grad, step)
        t = np.ones(b)
        b_old = beta[pick]
        ll_old = ll[pick]
        yk_t = yk[pick]
        finite_step = np.isfinite(step).all(axis=1)
        for _half in range(_HALVINGS):
            b_new = b_old + t[:, None] * step
            e_new = linear_predictor(contain, b_new, terms_t, active_t)
            m_new = np.where(kept_t, np.exp(e_new), 0.0)
            l_new = (yk_t * e_new - m_new).sum(axis=1)
            worse = ~(l_new >= ll_old - 1e-12 * (np.abs(ll_old) + 1.0)) & finite_step
            if not worse.any():
                break
            t = np.where(worse, t * 0.5, t)
        # Dual bound from a full step: nu = mu (1 + X d) has the margins of y.
        full = (t == 1.0) & finite_step & (np.maximum(e_new, eta_t) < _ETA_MAX).all(axis=1)
        with np.errstate(invalid="ignore", over="ignore"):
            nu = np.where(kept_t, mu_t * (1.0 + (e_new - eta_t)), 0.0)
            feasible = full & (nu >= 0.0).all(axis=1)
            dual = (special.xlogy(nu, nu) - nu).sum(axis=1)
        bound = np.where(feasible & np.isfinite(dual), dual, np.inf)
        redo = np.flatnonzero(full & ~feasible) if it == max_iter - 1 else ()
        if len(redo):
            # the last chance for a bound: move the negative part of nu onto the other cells
            bound[redo] = _repaired_dual(
                contain,
                contain_t,
                nu[redo],
                terms_t[redo],
                active_t[redo],
                union[pick][redo],
                fixed[pick][redo],
                grad_target[pick][redo],
            )
        if every:
            beta, eta, mu, ll = b_new, e_new, m_new, l_new
            upper = np.minimum(upper, bound)
        else:
            beta[todo] = b_new
            eta[todo] = e_new
            mu[todo] = m_new
            ll[todo] = l_new
            upper[todo] = np.minimum(upper[todo], bound)
        converged = (decrement < tol * (np.abs(ll_old) + 1.0)) & (t == 1.0)
        done[todo[converged | ~np.isfinite(decrement)]] = True

    const = np.where(kept, special.gammaln(y + 1), 0.0).sum(axis=1)
    beta = np.where(active, beta, -np.inf)
    ok = done & np.isfinite(ll)
    return beta, ll - const, upper - const, ok, done


def _repaired_dual(
    contain: np.ndarray,
    contain_t: np.ndarray,
    nu: np.ndarray,
    terms: np.ndarray,
    active: np.ndarray,
    union: np.ndarray,
    fixed: np.ndarray,
    target: np.ndarray,
) -> np.ndarray:
    """Dual values of points near ``nu`` with the margins ``target`` and no negative entries.

    A Newton step towards a maximum at infinity (no estimate on the table) leaves ``nu`` near 0,
    often slightly negative, on the empty cells whose fitted values go to 0. Those entries are
    set to 0 and the margins are made up on the other cells: ``nu' = nu+ (1 + X z)`` with
    ``X' diag(nu+) X z = target - X' nu+`` (solved twice, the second time for what the first
    left, with a tiny ridge: the cells left need not identify the direction to infinity).
    Cells that turn negative are set to 0 in the next of a few rounds. Where the result is
    non-negative and its margins match ``target`` to rounding (checked) its dual value bounds
    the maximum about as tightly as ``nu`` would; elsewhere ``inf``.
    """
    b, size = terms.shape
    n_cells = contain.shape[0]
    width = n_cells + 1
    diagonal = np.arange(size) * (size + 1)
    out = np.full(b, np.inf)
    rows = np.arange(b)
    margins = np.zeros((b, width))
    for _round in range(_REPAIR_ROUNDS):
        plus = np.maximum(nu, 0.0)
        margins[:, :n_cells] = plus @ contain_t
        A = margins.ravel()[(np.arange(len(rows)) * width)[:, None, None] + union]
        ridge = _RIDGE * (A.reshape(len(rows), -1)[:, diagonal].max(axis=1) + 1.0)
        A.reshape(len(rows), -1)[:, diagonal] += fixed + ridge[:, None]
        z = np.zeros((len(rows), size))
        new = plus
        with np.errstate(invalid="ignore", over="ignore"):
            for _refine in range(2):
                margins[:, :n_cells] = new @ contain_t
                miss = (target - np.take_along_axis(margins, terms, axis=1)) * active
                z = z + solve_stack(A, miss)
                xz = linear_predictor(contain, np.nan_to_num(z), terms, active)
                new = plus * (1.0 + xz)
            margins[:, :n_cells] = new @ contain_t
            miss = np.abs(np.take_along_axis(margins, terms, axis=1) - target) * active
            matched = miss.max(axis=1) <= _MISS * (np.abs(target).max(axis=1) + 1.0)
            matched &= np.isfinite(z).all(axis=1) & (np.abs(xz) < _ETA_MAX).all(axis=1)
            good = matched & (new >= 0.0).all(axis=1)
            dual = (special.xlogy(new, new) - new).sum(axis=1)
        out[rows[good]] = np.where(np.isfinite(dual[good]), dual[good], np.inf)
        # another round where only the sign failed
        again = matched & ~good
        if not again.any():
            break
        rows, nu, union = rows[again], new[again], union[again]
        terms, active, target, fixed = terms[again], active[again], target[again], fixed[again]
        margins = margins[again]
    return out
