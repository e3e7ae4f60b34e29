"""Declarative checks of estimator parameters, run at the start of ``fit``.

scikit-learn's own machinery for this lives in a private module; this small
version gives the same exception type (a subclass of both ``ValueError`` and
``TypeError``) and the same shape of message, from public Python only.
"""

import math
from numbers import Integral, Real

import numpy as np

try:
    # The one private scikit-learn name skreg touches, and only to inherit
    # from it: code that catches scikit-learn's parameter error then catches
    # skreg's too. Without it, the same two public bases are used.
    from sklearn.utils._param_validation import InvalidParameterError as _SklearnParamError
except ImportError:  # pragma: no cover - depends on the installed release

    class _SklearnParamError(ValueError, TypeError):
        pass


class InvalidParameterError(_SklearnParamError):
    """Raised when an estimator parameter has a wrong type or value.

    A subclass of scikit-learn's error of the same name (and so of both
    ``ValueError`` and ``TypeError``), so existing ``except`` clauses keep
    working.
    """


class Interval:
    """A numeric range ``type`` in ``[left, right]``, each side open or closed.

    Parameters
    ----------
    kind : {numbers.Real, numbers.Integral}
        Accepted number type (booleans are never accepted).
    left, right : float or None
        Bounds; ``None`` means unbounded.
    closed : {"left", "right", "both", "neither"}
        Which bounds belong to the interval.
    """

    def __init__(self, kind, left, right, closed):
        self.kind = kind
        self.left = left
        self.right = right
        self.closed = closed

    def is_satisfied_by(self, value):
        """Whether ``value`` is a number of the right kind inside the range."""
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, self.kind):
            return False
        if isinstance(value, Real) and math.isnan(value):
            return False
        if self.left is not None:
            if value < self.left or (value == self.left and self.closed in ("right", "neither")):
                return False
        if self.right is not None:
            if value > self.right or (value == self.right and self.closed in ("left", "neither")):
                return False
        return True

    def __str__(self):
        name = "an int" if self.kind is Integral else "a float"
        as_num = int if self.kind is Integral else float
        left = "-inf" if self.left is None else str(as_num(self.left))
        right = "inf" if self.right is None else str(as_num(self.right))
        lb = "[" if self.closed in ("left", "both") and self.left is not None else "("
        rb = "]" if self.closed in ("right", "both") and self.right is not None else ")"
        return f"{name} in the range {lb}{left}, {right}{rb}"


class Options:
    """One of a fixed set of strings."""

    def __init__(self, *options):
        self.options = set(options)

    def is_satisfied_by(self, value):
        """Whether ``value`` is one of the options."""
        return isinstance(value, str) and value in self.options

    def __str__(self):
        return "a str among {" + ", ".join(repr(o) for o in sorted(self.options)) + "}"


class _Boolean:
    def is_satisfied_by(self, value):
        return isinstance(value, (bool, np.bool_))

    def __str__(self):
        return "an instance of 'bool'"


class _ArrayLike:
    def is_satisfied_by(self, value):
        return hasattr(value, "__array__") or hasattr(value, "__len__") and not isinstance(value, str)

    def __str__(self):
        return "an array-like"


class _RandomState:
    def is_satisfied_by(self, value):
        if value is None or isinstance(value, np.random.RandomState):
            return True
        return Interval(Integral, 0, 2**32 - 1, "both").is_satisfied_by(value)

    def __str__(self):
        return (
            "an int in the range [0, 4294967295], an instance of "
            "'numpy.random.mtrand.RandomState' or None"
        )


class _CVSplitter:
    def is_satisfied_by(self, value):
        if value is None or hasattr(value, "split"):
            return True
        if Interval(Integral, 2, None, "left").is_satisfied_by(value):
            return True
        return hasattr(value, "__iter__") and not isinstance(value, str)

    def __str__(self):
        return (
            "an int in the range [2, inf), an object implementing 'split' and "
            "'get_n_splits', an iterable or None"
        )


class _Scoring:
    def is_satisfied_by(self, value):
        if value is None or callable(value):
            return True
        from sklearn.metrics import get_scorer_names

        return isinstance(value, str) and value in get_scorer_names()

    def __str__(self):
        return (
            "a str among the scorer names of sklearn.metrics.get_scorer_names(), "
            "a callable or None"
        )


class _Verbose:
    def is_satisfied_by(self, value):
        return isinstance(value, (bool, np.bool_)) or Interval(
            Integral, 0, None, "left"
        ).is_satisfied_by(value)

    def __str__(self):
        return "an int in the range [0, inf) or an instance of 'bool'"


class _NoneValue:
    def is_satisfied_by(self, value):
        return value is None

    def __str__(self):
        return "None"


BOOLEAN = _Boolean()
ARRAY_LIKE = _ArrayLike()
RANDOM_STATE = _RandomState()
NONE = _NoneValue()
CV_SPLITTER = _CVSplitter()
SCORING = _Scoring()
VERBOSE = _Verbose()


# Value types whose validity depends on the value alone (hashable, immutable).
_PLAIN = frozenset({int, float, bool, str, type(None), np.float64, np.int64})
# Values known to pass, per constraints dict, at most _KNOWN_MAX each.
_KNOWN_VALID = {}
_KNOWN_MAX = 4096


def check_parameters(estimator, constraints, owner=None):
    """Check ``estimator``'s parameters against ``constraints``.

    Parameters
    ----------
    estimator : estimator instance
        Its parameters (attributes of the same names) are checked.
    constraints : dict of str to list
        For each parameter name, the constraints of which at least one must
        hold (instances of :class:`Interval`, :class:`Options` or the module
        constants ``BOOLEAN``, ``ARRAY_LIKE``, ``RANDOM_STATE``, ``NONE``,
        ``CV_SPLITTER``, ``SCORING``, ``VERBOSE``).
    owner : str, default=None
        Name used in the message; the estimator's class name by default
        (pass the function's name when checking a function's arguments held
        in a namespace).

    Raises
    ------
    InvalidParameterError
        Naming the first parameter that satisfies none of its constraints.
    """
    # Plain attribute reads: get_params inspects the signature on every call,
    # which dominated the cost of small fits along a path. A value that is
    # the very object that passed last time passes again (the constraints
    # look at types and ranges, which an object keeps), so a refit checks
    # only what set_params changed.
    #
    # Plain values (numbers, strings, None) that once passed a set of
    # constraints always pass it: they are remembered per constraints dict,
    # so that a new estimator with common settings (a grid search's, a
    # benchmark's) is not checked constraint by constraint again.
    passed = getattr(estimator, "_passed_parameter_checks", None) or {}
    # The dict itself is kept with its set, so that its id is never reused.
    known = _KNOWN_VALID.setdefault(id(constraints), (constraints, set()))[1]
    checked = {}
    for name, allowed in constraints.items():
        value = getattr(estimator, name)
        key = (name, type(value), value) if type(value) in _PLAIN else None
        if (
            (name in passed and passed[name] is value)
            or (key is not None and key in known)
            or any(c.is_satisfied_by(value) for c in allowed)
        ):
            if key is not None and len(known) < _KNOWN_MAX:
                known.add(key)
            checked[name] = value
            continue
        texts = [str(c) for c in allowed]
        expected = texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " or " + texts[-1]
        raise InvalidParameterError(
            f"The {name!r} parameter of {owner or type(estimator).__name__} must be "
            f"{expected}. Got {value!r} instead."
        )
    estimator._passed_parameter_checks = checked
