"""
Overfitting, and the alpha cross-validation picks
=================================================

With more features than samples, least squares can fit the training data
exactly, noise included, and then predicts new data badly: it overfits. The
penalty ``alpha`` of the Lasso trades fit for simplicity. Large ``alpha``
underfits (too few features, too much shrinkage); small ``alpha`` overfits
(the training error goes to zero while the test error grows).

Here 80 training samples have 300 features, of which 10 carry signal. The
training and test errors of :class:`skreg.Lasso` are drawn along a grid of
``alpha``, with the ``alpha`` that :class:`skreg.LassoCV` chooses from the
training data alone. Cross-validation never sees the test set, yet lands
near the bottom of the test curve.
"""

# %%
# Data: wide, with a sparse truth
# -------------------------------
import matplotlib.pyplot as plt
import numpy as np
from sklearn.metrics import mean_squared_error

from skreg import Lasso, LassoCV

rng = np.random.default_rng(42)
n_train, n_test, n_features, n_informative = 80, 2000, 300, 10


def sample(n):
    return rng.normal(size=(n, n_features))


true_coef = np.zeros(n_features)
true_coef[:n_informative] = rng.choice([-1, 1], n_informative) * rng.uniform(1, 2, n_informative)
X_train, X_test = sample(n_train), sample(n_test)
noise = 1.5
y_train = X_train @ true_coef + noise * rng.normal(size=n_train)
y_test = X_test @ true_coef + noise * rng.normal(size=n_test)

# %%
# Errors along alpha
# ------------------
# One warm-started Lasso per ``alpha``, from ``alpha_max`` (every coefficient
# zero) down a log-spaced grid.
alpha_max = np.max(np.abs((X_train - X_train.mean(0)).T @ (y_train - y_train.mean()))) / n_train
alphas = alpha_max * np.geomspace(1, 1e-3, 60)

model = Lasso(warm_start=True, max_iter=10_000)
train_error, test_error, n_nonzero = [], [], []
for alpha in alphas:
    model.set_params(alpha=alpha).fit(X_train, y_train)
    train_error.append(mean_squared_error(y_train, model.predict(X_train)))
    test_error.append(mean_squared_error(y_test, model.predict(X_test)))
    n_nonzero.append(np.count_nonzero(model.coef_))

# %%
# The alpha cross-validation chooses
# ----------------------------------
# :class:`skreg.LassoCV` runs one warm-started path per fold (5 folds) on
# the training data and keeps the alpha of lowest mean validation error.
cv_model = LassoCV(alphas=alphas, cv=5, max_iter=10_000).fit(X_train, y_train)
cv_test_error = mean_squared_error(y_test, cv_model.predict(X_test))
best = int(np.argmin(test_error))
print(f"alpha chosen by LassoCV: {cv_model.alpha_:.4f} "
      f"({np.count_nonzero(cv_model.coef_)} features, test MSE {cv_test_error:.2f})")
print(f"best alpha on the test set: {alphas[best]:.4f} "
      f"({n_nonzero[best]} features, test MSE {test_error[best]:.2f})")
print(f"smallest alpha: train MSE {train_error[-1]:.3f}, test MSE {test_error[-1]:.2f}")
print(f"noise variance (the best achievable MSE): {noise**2:.2f}")

fig, (ax, ax_count) = plt.subplots(
    2, 1, figsize=(7, 6), sharex=True, gridspec_kw={"height_ratios": [3, 1.2]}
)
ax.plot(alphas, train_error, label="training error", color="tab:blue")
ax.plot(alphas, test_error, label="test error", color="tab:orange")
ax.axhline(noise**2, color="gray", linestyle=":", label="noise variance")
ax.axvline(cv_model.alpha_, color="black", linestyle="--",
           label=f"LassoCV alpha_ = {cv_model.alpha_:.3f}")  # fmt: skip
ax.set_xscale("log")
ax.set_yscale("log")
ax.set_ylabel("mean squared error")
ax.text(alphas[2], test_error[2] * 0.55, "underfitting", fontsize="small")
ax.text(alphas[-12], test_error[-1] * 1.3, "overfitting", fontsize="small")
ax.legend(fontsize="small")
ax.set_title(f"Lasso with {n_train} samples and {n_features} features (skreg)")
ax_count.plot(alphas, n_nonzero, color="tab:green")
ax_count.axhline(n_informative, color="gray", linestyle=":")
ax_count.axvline(cv_model.alpha_, color="black", linestyle="--")
ax_count.set_ylabel("non-zero\ncoefficients")
ax_count.set_xlabel("alpha (log scale, decreasing to the right)")
ax_count.invert_xaxis()
fig.tight_layout()
plt.show()

# %%
# Reading from left to right: at ``alpha_max`` no feature is used and both
# errors equal the variance of the target. As ``alpha`` decreases the
# informative features enter and both errors fall. Past the chosen alpha,
# features that only fit the noise of these 80 samples enter: the training
# error keeps falling toward zero while the test error rises.
