"""Metadata routing shared by the cross-validation estimators."""

from sklearn import get_config
from sklearn.utils.metadata_routing import MetadataRouter, MethodMapping


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


def cv_router(estimator, splitter, scorer=None):
    """The routing of a cross-validation estimator's ``fit``.

    The estimator's own requests, metadata for the splitter's ``split``
    (``groups``, ...), and for the scorer's ``score`` when there is one.

    Parameters
    ----------
    estimator : object
        The owner of the routing.
    splitter : cross-validation splitter
        The object whose ``split`` receives metadata.
    scorer : callable, default=None
        A scorer whose ``score`` receives metadata.

    Returns
    -------
    router : sklearn.utils.metadata_routing.MetadataRouter
    """
    router = MetadataRouter(owner=estimator).add_self_request(estimator)
    if scorer is not None:
        router.add(scorer=scorer, method_mapping=MethodMapping().add(caller="fit", callee="score"))
    return router.add(
        splitter=splitter, method_mapping=MethodMapping().add(caller="fit", callee="split")
    )
