"""
Feature selection: the minimum-error and the one-standard-error rules
=====================================================================

Cross-validation estimates the prediction error of every ``alpha``, but only
up to noise: the mean over the folds has a standard error. Many alphas near
the minimum are statistically as good as the minimum itself. The
one-standard-error rule (Hastie, Tibshirani and Friedman, *The Elements of
Statistical Learning*, 2nd ed., section 7.10; glmnet's ``lambda.1se``) takes
the **largest** alpha whose mean error is within one standard error of the
minimum: the simplest model the data cannot tell apart from the best one.
For the Lasso, simpler means fewer features.

:class:`skreg.LassoCV` offers both rules: ``alpha_rule='min'`` (the default,
scikit-learn's) and ``alpha_rule='1se'``. Plugged into scikit-learn's
:class:`~sklearn.feature_selection.SelectFromModel`, it becomes a feature
selector that can sit in a :class:`~sklearn.pipeline.Pipeline`.
"""

# %%
# The diabetes data, with noise features
# --------------------------------------
# To give the selector something to reject, 20 columns of pure noise are
# appended to the 10 real measurements.
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.feature_selection import SelectFromModel
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.linear_model import LinearRegression

from skreg import LassoCV, StandardScaler

data = load_diabetes()
rng = np.random.default_rng(0)
n_noise = 20
X = np.hstack([data.data, rng.normal(size=(data.data.shape[0], n_noise))])
y = data.target
names = np.array(list(data.feature_names) + [f"noise{i}" for i in range(n_noise)])
X = StandardScaler().fit_transform(X)  # one penalty for features on one scale

# %%
# Both rules on the same folds
# ----------------------------
# ``n_jobs=2`` runs the folds in two threads: skreg's kernels release the
# GIL, so threads share the compiled code and the data.
folds = KFold(n_splits=10, shuffle=True, random_state=0)
by_rule = {
    rule: LassoCV(cv=folds, alpha_rule=rule, n_jobs=2).fit(X, y) for rule in ["min", "1se"]
}
for rule, model in by_rule.items():
    kept = np.flatnonzero(model.coef_)
    print(f"alpha_rule={rule!r}: alpha_ = {model.alpha_:.3f}, {kept.size} features kept: "
          f"{', '.join(names[kept])}")  # fmt: skip

# %%
# The cross-validation curve
# --------------------------
# ``mse_path_`` holds the validation error of every alpha on every fold; its
# mean over the folds, plus or minus one standard error, is the curve both
# rules read.
model = by_rule["min"]
mean = model.mse_path_.mean(axis=1)
se = model.mse_path_.std(axis=1, ddof=1) / np.sqrt(model.mse_path_.shape[1])
best = np.argmin(mean)

fig, ax = plt.subplots(figsize=(7, 4.5))
ax.fill_between(model.alphas_, mean - se, mean + se, color="tab:blue", alpha=0.25,
                label="± one standard error")  # fmt: skip
ax.plot(model.alphas_, mean, color="tab:blue", label="mean validation MSE (10 folds)")
ax.axhline(mean[best] + se[best], color="gray", linestyle=":",
           label="minimum + one standard error")  # fmt: skip
for rule, style in [("min", "--"), ("1se", "-.")]:
    chosen = by_rule[rule]
    ax.axvline(chosen.alpha_, color="black", linestyle=style,
               label=f"alpha_rule='{rule}': alpha={chosen.alpha_:.2f}, "
               f"{np.count_nonzero(chosen.coef_)} features")  # fmt: skip
ax.set_xscale("log")
ax.invert_xaxis()
ax.set_xlabel("alpha (log scale, decreasing to the right)")
ax.set_ylabel("mean squared error")
ax.set_ylim(mean.min() * 0.9, mean.min() * 1.6)
ax.set_title("skreg.LassoCV on diabetes + 20 noise features")
ax.legend(fontsize="small")
fig.tight_layout()
plt.show()

# %%
# Selecting features in a pipeline
# --------------------------------
# :class:`~sklearn.feature_selection.SelectFromModel` keeps the features whose
# Lasso coefficient is non-zero (its default threshold for Lasso models is a
# tiny 1e-5). Here the selected features feed an unpenalized least-squares
# fit, and the whole pipeline (scaling, selection, fit) is cross-validated:
# the selection is redone inside every training fold, as it must be.
scores = {}
for rule in ["min", "1se"]:
    pipeline = make_pipeline(
        StandardScaler(),
        SelectFromModel(LassoCV(cv=5, alpha_rule=rule)),
        LinearRegression(),
    )
    scores[rule] = cross_val_score(pipeline, X, y, cv=folds, scoring="r2")
    selector = pipeline.fit(X, y)[1]
    print(f"alpha_rule={rule!r}: selects {selector.get_support().sum()} features, "
          f"cross-validated R^2 of the pipeline {scores[rule].mean():.3f} "
          f"± {scores[rule].std(ddof=1) / np.sqrt(len(scores[rule])):.3f}")  # fmt: skip

fig, ax = plt.subplots(figsize=(7, 3.5))
coef_min, coef_1se = by_rule["min"].coef_, by_rule["1se"].coef_
shown = np.flatnonzero((coef_min != 0) | (coef_1se != 0))
positions = np.arange(shown.size)
ax.bar(positions - 0.2, coef_min[shown], 0.4, label="alpha_rule='min'", color="tab:blue")
ax.bar(positions + 0.2, coef_1se[shown], 0.4, label="alpha_rule='1se'", color="tab:orange")
ax.set_xticks(positions, names[shown], rotation=60, fontsize="small")
ax.axhline(0, color="black", linewidth=0.6)
ax.set_ylabel("coefficient (standardized features)")
ax.set_title("Features kept by either rule")
ax.legend(fontsize="small")
fig.tight_layout()
plt.show()

# %%
# The 1-SE rule keeps fewer features (and drops noise columns the minimum-error
# rule lets in) for a cross-validated R² within noise of the minimum-error
# rule's.
