"""
Weight decay: Ridge as shrinking every weight at every step
===========================================================

Ridge regression minimizes

.. math::

    F(w) = \\|y - Xw - b\\|_2^2 + \\alpha \\|w\\|_2^2 ,

the objective of :class:`skreg.Ridge`. Write it as a smooth loss
:math:`f(w) = \\|y - Xw - b\\|_2^2` plus the penalty
:math:`\\frac{\\alpha'}{2}\\|w\\|_2^2` with :math:`\\alpha' = 2\\alpha`. A
proximal-gradient step of size :math:`\\eta` takes a gradient step on the loss,
then applies the proximal operator of the penalty, which for a squared norm
is a division:

.. math::

    w \\leftarrow \\frac{w - \\eta \\nabla f(w)}{1 + \\eta \\alpha'} .

Every weight is multiplied by the same factor :math:`1 / (1 + \\eta\\alpha') < 1`
at every step: it *decays* toward zero unless the data pull it back. This is
the "weight decay" of neural-network training; the version usually written
there, :math:`w \\leftarrow (1 - \\eta\\alpha') w - \\eta \\nabla f(w)`, is the same
step to first order in :math:`\\eta\\alpha'`. At the fixed point, decay and data
balance, and that fixed point is exactly the Ridge solution.
"""

# %%
# The iteration, in numpy
# -----------------------
# On the diabetes data (centred: the intercept is not penalized, and with
# centred data it is just the mean of ``y``). The step is :math:`\eta = 1/L`
# with :math:`L = 2\lambda_{\max}(X_c^T X_c)`, the Lipschitz constant of
# :math:`\nabla f`.
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes

from skreg import Ridge

data = load_diabetes()
X, y = data.data, data.target
names = np.asarray(data.feature_names)
Xc, yc = X - X.mean(axis=0), y - y.mean()

alpha = 0.1
alpha_prime = 2 * alpha
L = 2 * np.linalg.eigvalsh(Xc.T @ Xc).max()
eta = 1.0 / L
shrink = 1.0 / (1.0 + eta * alpha_prime)
print(f"step eta = {eta:.4f}, shrink factor per step 1/(1 + eta alpha') = {shrink:.5f}")

n_steps = 600
w = np.zeros(X.shape[1])
iterates = [w]
for _ in range(n_steps):
    gradient = -2 * Xc.T @ (yc - Xc @ w)
    w = (w - eta * gradient) * shrink
    iterates.append(w)
iterates = np.array(iterates)

# %%
# The limit is Ridge's solution
# -----------------------------
# :class:`skreg.Ridge` solves the same problem directly (a Cholesky
# factorization); its ``coef_`` is where the iterates go.
ridge = Ridge(alpha=alpha).fit(X, y)
distance = np.linalg.norm(iterates - ridge.coef_, axis=1)
print(f"after {n_steps} steps: max |w - Ridge.coef_| = {np.abs(iterates[-1] - ridge.coef_).max():.2e}")
print(f"intercept: mean(y) - mean(X) w = {y.mean() - X.mean(axis=0) @ iterates[-1]:.3f}, "
      f"Ridge.intercept_ = {ridge.intercept_:.3f}")  # fmt: skip

# skreg's own proximal-gradient kernel, for comparison: it takes the same
# kind of step, with momentum (FISTA), so it needs fewer of them.
fista = Ridge(alpha=alpha, solver="fista", tol=1e-10).fit(X, y)
print(f"Ridge(solver='fista'): n_iter_ = {int(np.max(fista.n_iter_))}, "
      f"max |coef_ - Ridge.coef_| = {np.abs(fista.coef_ - ridge.coef_).max():.2e}")

# %%
# Shrink factor, iterates, convergence
# ------------------------------------
fig, axes = plt.subplots(1, 3, figsize=(14, 4.2))

alphas = np.geomspace(1e-3, 1e2, 200)
axes[0].plot(alphas, 1.0 / (1.0 + eta * 2 * alphas), color="tab:purple")
axes[0].plot(alpha, shrink, "o", color="black", label=f"alpha = {alpha}: {shrink:.4f}")
axes[0].set_xscale("log")
axes[0].set_xlabel("alpha")
axes[0].set_ylabel("1 / (1 + eta alpha')")
axes[0].set_title("Shrink factor applied at every step", fontsize="medium")
axes[0].legend(fontsize="small")

shown = np.argsort(-np.abs(ridge.coef_))[:5]
for k, j in enumerate(shown):
    axes[1].plot(np.arange(1, n_steps + 1), iterates[1:, j], color=f"C{k}", label=names[j])
    axes[1].axhline(ridge.coef_[j], color=f"C{k}", linestyle="--", linewidth=0.8)
axes[1].set_xscale("log")
axes[1].set_xlabel("step (log scale)")
axes[1].set_ylabel("weight")
axes[1].set_title("Iterates (dashed: skreg.Ridge coef_)", fontsize="medium")
axes[1].legend(fontsize="small", ncol=2)

axes[2].semilogy(distance, color="tab:red")
axes[2].set_xlabel("step")
axes[2].set_ylabel("||w - Ridge.coef_||")
axes[2].set_title("Linear convergence to Ridge's solution", fontsize="medium")
fig.tight_layout()
plt.show()

# %%
# A stronger penalty gives a smaller shrink factor: the weights decay faster,
# settle closer to zero, and the iteration converges in fewer steps, because
# the penalty also makes the problem better conditioned.
