"""
Lasso selects features: coefficients entering one by one
=========================================================

On scikit-learn's diabetes data, fit :class:`skreg.Lasso` over a grid of
``alpha`` from ``alpha_max`` (where every coefficient is zero) down to
``alpha_max / 1000``, warm-starting each fit from the previous one. The L1
penalty keeps coefficients exactly at zero until the correlation of their
feature with the residual beats ``alpha``, so features enter the model one by
one: reading the plot from left to right is reading a feature ranking.

Every fit also carries its duality gap, a certificate of how close to the
optimum it is; the largest gap along the path is printed.
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes

from skreg import Lasso

X, y = load_diabetes(return_X_y=True)
names = load_diabetes().feature_names
n_samples = X.shape[0]

# The smallest alpha at which all coefficients are zero (with an intercept).
alpha_max = np.max(np.abs((X - X.mean(axis=0)).T @ (y - y.mean()))) / n_samples
alphas = alpha_max * np.geomspace(1, 1e-3, 60)

model = Lasso(warm_start=True, tol=1e-8)
coefs, gaps = [], []
for alpha in alphas:
    model.set_params(alpha=alpha).fit(X, y)
    coefs.append(model.coef_.copy())
    gaps.append(model.dual_gap_)
coefs = np.array(coefs)

entry = [np.argmax(coefs[:, j] != 0) for j in range(coefs.shape[1])]
order = np.argsort(entry)
print("features in the order they enter the model:", [names[j] for j in order])
print(f"largest duality gap along the path: {max(gaps):.2e}")

fig, ax = plt.subplots(figsize=(7, 4.5))
for j in order:
    ax.plot(alphas / alpha_max, coefs[:, j], label=names[j])
ax.set_xscale("log")
ax.invert_xaxis()
ax.set_xlabel("alpha / alpha_max")
ax.set_ylabel("coefficient")
ax.set_title("Lasso path on the diabetes data (skreg)")
ax.legend(ncol=2, fontsize="small")
fig.tight_layout()
plt.show()
