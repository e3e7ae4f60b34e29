"""
Regularization paths: Lasso, elastic net and Ridge
==================================================

A regularization path is the sequence of solutions as the penalty goes from
strong (every coefficient zero, or nearly) to weak (close to least squares).
Drawn for the diabetes data, the three penalties behave differently:

* the **Lasso** (:func:`skreg.lasso_path`) keeps coefficients at exactly zero
  until their feature's correlation with the residual exceeds ``alpha``, so
  features enter one at a time: reading the plot from left to right reads a
  ranking of the features;
* the **elastic net** (:func:`skreg.enet_path`, ``l1_ratio=0.5``) still
  selects, but its L2 part lets correlated features enter together and
  shrinks them toward each other;
* **Ridge** (:class:`skreg.Ridge` over a grid) shrinks every coefficient
  smoothly and never sets one to zero.

Each point of the Lasso and elastic-net paths is warm-started from the
previous one and carries its duality gap, so every point of the curves is
certified, not just the last.
"""

# %%
# The data and the paths
# ----------------------
# The path functions fit no intercept (as scikit-learn's), so the data are
# centred first; the estimators (``Ridge`` here) centre by themselves.
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes

from skreg import ElasticNet, Ridge, enet_path, lasso_path

data = load_diabetes()
names = np.asarray(data.feature_names)
X, y = data.data, data.target
n_samples = X.shape[0]
Xc, yc = X - X.mean(axis=0), y - y.mean()

lasso_alphas, lasso_coefs, lasso_gaps = lasso_path(Xc, yc, alphas=100, eps=1e-4, tol=1e-8)
enet_alphas, enet_coefs, enet_gaps = enet_path(
    Xc, yc, l1_ratio=0.5, alphas=100, eps=1e-4, tol=1e-8
)
ridge_alphas = np.geomspace(1e4, 1e-4, 100)
ridge_coefs = np.array([Ridge(alpha=a).fit(X, y).coef_ for a in ridge_alphas]).T

print(f"largest duality gap along the Lasso path: {lasso_gaps.max():.1e}")
print(f"largest duality gap along the elastic-net path: {enet_gaps.max():.1e}")

# Order in which features enter the Lasso model (first non-zero alpha).
entry = [np.argmax(lasso_coefs[j] != 0) for j in range(X.shape[1])]
order = np.argsort(entry)
print("features in the order they enter the Lasso:", ", ".join(names[order]))

# %%
# Three paths
# -----------
# The x axes run from strong to weak penalty. For the Lasso and elastic net
# ``alpha`` is divided by the path's own ``alpha_max`` (the first alpha of
# the automatic grid); Ridge's ``alpha`` has another scale (see below).
colors = {name: f"C{i}" for i, name in enumerate(names)}
fig, axes = plt.subplots(1, 3, figsize=(13, 4.3), sharey=True)
panels = [
    (axes[0], lasso_alphas / lasso_alphas[0], lasso_coefs, "Lasso (lasso_path)",
     "alpha / alpha_max"),
    (axes[1], enet_alphas / enet_alphas[0], enet_coefs, "Elastic net, l1_ratio=0.5 (enet_path)",
     "alpha / alpha_max"),
    (axes[2], ridge_alphas, ridge_coefs, "Ridge (skreg.Ridge over a grid)", "alpha"),
]  # fmt: skip
for ax, x, coefs, title, xlabel in panels:
    for j in order:
        ax.plot(x, coefs[j], color=colors[names[j]], label=names[j])
    ax.set_xscale("log")
    ax.invert_xaxis()
    ax.axhline(0, color="black", linewidth=0.6)
    ax.set_title(title, fontsize="medium")
    ax.set_xlabel(xlabel + " (log scale)")
axes[0].set_ylabel("coefficient")
axes[2].legend(ncol=2, fontsize="small", loc="upper left")
fig.tight_layout()
plt.show()

# %%
# Counting zeros makes the difference plain:
for name, coefs in [("Lasso", lasso_coefs), ("elastic net", enet_coefs), ("Ridge", ridge_coefs)]:
    zeros = (coefs == 0).sum(axis=0)
    print(f"{name:>11s}: {zeros[0]} zero coefficients at the strongest penalty, "
          f"{zeros[len(zeros) // 2]} halfway, {zeros[-1]} at the weakest")

# %%
# Why Ridge's alpha is on another scale
# -------------------------------------
# Ridge minimizes :math:`\|y - Xw - b\|^2 + \alpha\|w\|^2`, with no
# :math:`1/(2n)` in front of the loss, while the elastic net minimizes
# :math:`\frac{1}{2n}\|y - Xw - b\|^2 + \alpha\rho\|w\|_1 +
# \frac{\alpha(1-\rho)}{2}\|w\|^2`. Multiplying the elastic net's objective
# with :math:`\rho = 0` by :math:`2n` gives Ridge's with penalty
# :math:`\alpha n`: ``ElasticNet(l1_ratio=0, alpha=a)`` and
# ``Ridge(alpha=a * n_samples)`` are the same model. Checked:
a = 0.01
enet = ElasticNet(alpha=a, l1_ratio=0.0, tol=1e-12, max_iter=100_000).fit(X, y)
ridge = Ridge(alpha=a * n_samples).fit(X, y)
print(f"max |ElasticNet(l1_ratio=0, alpha={a}) - Ridge(alpha={a * n_samples:g})| "
      f"= {np.max(np.abs(enet.coef_ - ridge.coef_)):.1e}")  # fmt: skip
