"""
Why the L1 penalty gives sparse solutions
=========================================

A penalized least-squares problem is also a constrained one: for every
``alpha`` there is a budget :math:`t` such that the Lasso solution minimizes
the squared loss over the L1 ball :math:`\\|w\\|_1 \\le t`, and the Ridge
solution minimizes it over the L2 ball :math:`\\|w\\|_2 \\le t` (the budget is
the norm of the solution itself). With two features these balls can be
drawn: the L1 ball is a diamond, the L2 ball a disc.

The solution is where the smallest level set of the loss (an ellipse around
the least-squares solution) first touches the ball. A disc has no corners:
the ellipse touches it at a generic point, with both coordinates non-zero. A
diamond has corners on the axes, and an ellipse coming from outside meets a
corner far more often than it meets the inside of an edge; at a corner one
coordinate is exactly zero. That is the Lasso's feature selection.

The points marked below are not drawn by hand: they are the solutions
:class:`skreg.Lasso` and :class:`skreg.Ridge` compute on a two-feature
problem, and the balls are drawn with their norms.
"""

# %%
# A two-feature problem
# ---------------------
# Two correlated features; the target depends strongly on the first and
# weakly on the second. The data are centred, so the loss depends on ``w``
# only and its level sets can be drawn in the plane of the coefficients.
import matplotlib.pyplot as plt
import numpy as np

from skreg import Lasso, Ridge

rng = np.random.default_rng(0)
n_samples = 100
cov = [[1.0, 0.6], [0.6, 1.0]]
X = rng.multivariate_normal([0.0, 0.0], cov, size=n_samples)
y = X @ np.array([1.5, 0.5]) + 0.8 * rng.normal(size=n_samples)
X -= X.mean(axis=0)
y -= y.mean()

w_ols = np.linalg.lstsq(X, y, rcond=None)[0]

# The smallest alpha at which the Lasso sets every coefficient to zero.
alpha_max = np.max(np.abs(X.T @ y)) / n_samples
lasso = Lasso(alpha=0.5 * alpha_max, tol=1e-10).fit(X, y)
# Ridge's alpha has its own scale (no 1/n in its objective): it is chosen
# here so that the two solutions shrink the least-squares solution by a
# similar amount.
ridge = Ridge(alpha=60.0).fit(X, y)

print(f"least squares: w = {np.round(w_ols, 3)}")
print(f"Lasso:         w = {np.round(lasso.coef_, 3)}  (L1 norm {np.abs(lasso.coef_).sum():.3f})")
print(f"Ridge:         w = {np.round(ridge.coef_, 3)}  (L2 norm {np.linalg.norm(ridge.coef_):.3f})")

# %%
# The loss, the balls and the solutions
# -------------------------------------
# The loss :math:`\frac{1}{2n}\|y - Xw\|^2` is evaluated on a grid of
# coefficients. Thin lines are its level sets; the thick one is the level
# set through the solution: it touches the ball exactly there, because the
# solution is the lowest loss the ball allows.


def loss(w1, w2):
    """The loss at coefficients (w1, w2), for scalars or grids of them."""
    w1, w2 = np.asarray(w1, dtype=float), np.asarray(w2, dtype=float)
    residual = y - X[:, 0] * w1[..., None] - X[:, 1] * w2[..., None]
    return 0.5 * np.mean(residual**2, axis=-1)


w1, w2 = np.meshgrid(np.linspace(-0.6, 2.2, 300), np.linspace(-0.9, 1.6, 300))
grid_loss = loss(w1, w2)
levels = loss(*w_ols) + np.geomspace(0.01, 3.0, 12)

fig, axes = plt.subplots(1, 2, figsize=(10, 4.8), sharey=True)
for ax, coef, name in [(axes[0], lasso.coef_, "L1"), (axes[1], ridge.coef_, "L2")]:
    ax.contour(w1, w2, grid_loss, levels=levels, colors="gray", linewidths=0.6)
    ax.contour(w1, w2, grid_loss, levels=[loss(*coef)], colors="tab:red", linewidths=2)
    if name == "L1":
        t = np.abs(coef).sum()
        ball = plt.Polygon(
            [(t, 0), (0, t), (-t, 0), (0, -t)], alpha=0.3, color="tab:blue", label="L1 ball"
        )
        title = "Lasso: the ellipse meets a corner of the diamond"
    else:
        t = np.linalg.norm(coef)
        ball = plt.Circle((0, 0), t, alpha=0.3, color="tab:green", label="L2 ball")
        title = "Ridge: the ellipse touches the disc off the axes"
    ax.add_patch(ball)
    ax.plot(*w_ols, "k+", markersize=12, mew=2, label="least squares")
    ax.plot(*coef, "o", color="tab:red", markersize=8,
            label=f"skreg solution ({coef[0]:.2f}, {coef[1]:.2f})")  # fmt: skip
    ax.axhline(0, color="black", linewidth=0.6)
    ax.axvline(0, color="black", linewidth=0.6)
    ax.set_aspect("equal")
    ax.set_xlabel("$w_1$")
    ax.set_title(title, fontsize="medium")
    ax.legend(loc="upper left", fontsize="small")
axes[0].set_ylabel("$w_2$")
fig.tight_layout()
plt.show()

# %%
# The Lasso's solution sits on the :math:`w_1` axis: :math:`w_2` is exactly
# zero, not merely small. Ridge shrinks both coefficients toward zero but
# keeps both. As ``alpha`` grows the diamond shrinks and the second
# coefficient stays at zero until the first one reaches zero too, which is
# why a Lasso path (see :ref:`sphx_glr_auto_examples_plot_regularization_paths.py`)
# drops features one at a time.
