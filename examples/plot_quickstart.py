"""
Quickstart: a Lasso on the diabetes data
========================================

The job ``python -m skreg`` does, as a script: fit :class:`skreg.Lasso` on
scikit-learn's diabetes data (442 patients, 10 baseline measurements, a
measure of disease progression one year later), and look at what came out:
the coefficients, the features the L1 penalty kept, the R² on held-out
patients, the duality gap that certifies the fit, and how long it took.

skreg's ``Lasso`` takes the same parameters as scikit-learn's and minimizes
the same objective,

.. math::

    \\frac{1}{2n}\\|y - Xw - b\\|_2^2 + \\alpha \\|w\\|_1 ,

so switching is a change of import.
"""

# %%
# Fit
# ---
# A quarter of the patients is held out to measure the fit honestly. The
# first fit in a fresh Python process loads the compiled coordinate-descent
# kernel from numba's disk cache (or compiles it, once per machine), so it is
# timed apart from the second one, which is what every later fit costs.
import time

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split

from skreg import Lasso

data = load_diabetes()
names = np.asarray(data.feature_names)
X_train, X_test, y_train, y_test = train_test_split(
    data.data, data.target, test_size=0.25, random_state=0
)

start = time.perf_counter()
Lasso(alpha=0.1).fit(X_train, y_train)
first_fit = time.perf_counter() - start

start = time.perf_counter()
model = Lasso(alpha=0.1, tol=1e-8).fit(X_train, y_train)
fit_time = time.perf_counter() - start

# %%
# What the model says
# -------------------
# ``coef_`` holds one weight per feature; the L1 penalty has set some of
# them exactly to zero, which removes those features from the model.
# ``dual_gap_`` is an upper bound on how far the objective of this fit is
# from the best possible one, in the objective's units: next to the
# objective itself (printed below), negligible, so these coefficients are
# the Lasso's answer, not a rough approximation of it.
kept = np.flatnonzero(model.coef_)
print(f"kept {kept.size} of {names.size} features: {', '.join(names[kept])}")
print(f"dropped: {', '.join(names[model.coef_ == 0])}")
print(f"intercept {model.intercept_:.2f}")
print(f"test R^2 {model.score(X_test, y_test):.3f}")
residual = y_train - model.predict(X_train)
objective = residual @ residual / (2 * len(y_train)) + 0.1 * np.abs(model.coef_).sum()
print(f"objective {objective:.1f}, duality gap {model.dual_gap_:.1e} after {model.n_iter_} epochs")
print(f"fit time {fit_time * 1e3:.2f} ms (first fit in this process: {first_fit:.2f} s)")

# %%
# The coefficients, kept and dropped
# ----------------------------------
order = np.argsort(np.abs(model.coef_))
colors = np.where(model.coef_[order] != 0, "tab:blue", "lightgray")

fig, ax = plt.subplots(figsize=(6.5, 4))
ax.barh(names[order], model.coef_[order], color=colors)
for position, j in enumerate(order):
    if model.coef_[j] == 0:
        ax.text(0, position, "  0 (dropped)", va="center", color="gray", fontsize="small")
ax.axvline(0, color="black", linewidth=0.8)
ax.set_xlabel("coefficient")
ax.set_title(
    f"skreg.Lasso(alpha=0.1): {kept.size} of {names.size} features kept, "
    f"test R² = {model.score(X_test, y_test):.2f}",
    fontsize="medium",
)
fig.tight_layout()
plt.show()
