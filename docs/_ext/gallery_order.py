"""The order in which the gallery tells its stories (sphinx-gallery sort key)."""

STORY = [
    "plot_quickstart.py",
    "plot_sparsity_geometry.py",
    "plot_overfitting.py",
    "plot_standardization.py",
    "plot_regularization_paths.py",
    "plot_lasso_feature_selection.py",
    "plot_weight_decay.py",
]


class StoryOrder:
    """Sort key: the examples of ``STORY`` in that order, any other after them.

    sphinx-gallery builds one instance per gallery directory and calls it
    with each example's file name.
    """

    def __init__(self, src_dir):
        self.src_dir = src_dir

    def __call__(self, filename):
        if filename in STORY:
            return (STORY.index(filename), filename)
        return (len(STORY), filename)

    def __repr__(self):
        return f"StoryOrder({self.src_dir!r})"
