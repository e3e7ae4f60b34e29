"""Metadata routing shared by the cross-validation estimators."""

from sklearn import get_config


def routing_enabled():
    """Whether scikit-learn's metadata routing is switched on."""
    return get_config().get("enable_metadata_routing", False)


def refuse_params_without_routing(estimator, params):
    """Raise scikit-learn's error for extra ``fit`` parameters without routing.

    Parameters
    ----------
    estimator : object
        The estimator whose ``fit`` received ``params``.
    params : dict
        The extra keyword arguments of ``fit`` (``groups``, ...).
    """
    if params and not routing_enabled():
        raise ValueError(
            f"Passing extra keyword arguments to {type(estimator).__name__}.fit is "
            "only supported if enable_metadata_routing=True, which you can set "
            "using `sklearn.set_config`. See the User Guide "
            "<https://scikit-learn.org/stable/metadata_routing.html> for more "
            f"details. Extra parameters passed are: {set(params)}"
        )
