"""Local Sphinx extension for skreg's documentation.

* The API reference must cover ``skreg.__all__``: at the start of a build,
  the names listed in ``api.rst``'s autosummary tables are compared with the
  public names of the package, and the build fails (listing the missing or
  unknown names) when they differ, so a name added to ``skreg.__all__``
  cannot go undocumented.
* Methods the estimators inherit from scikit-learn (``score``,
  ``get_params``, ``set_output``...) are documented with scikit-learn's own
  docstrings, whose ``:ref:`` and ``:term:`` roles point into scikit-learn's
  documentation; there they become plain text instead of broken links.
"""

import pathlib
import re

from sphinx.errors import ExtensionError

_ENTRY = re.compile(r"^\s{3,}(~?[A-Za-z_][\w.]*)\s*$")


def listed_api_names(api_rst):
    """Names listed under ``.. autosummary::`` directives of ``api_rst``."""
    names, inside = set(), False
    for line in pathlib.Path(api_rst).read_text().splitlines():
        if line.strip().startswith(".. autosummary::"):
            inside = True
            continue
        if inside:
            if line.strip() == "" or line.strip().startswith(":"):
                continue
            match = _ENTRY.match(line)
            if match is None:
                inside = False
                continue
            names.add(match.group(1).lstrip("~").rsplit(".", 1)[-1])
    return names


def check_api_coverage(app):
    import skreg

    listed = listed_api_names(pathlib.Path(app.srcdir) / "api.rst")
    public = set(skreg.__all__)
    missing, unknown = sorted(public - listed), sorted(listed - public)
    if missing or unknown:
        raise ExtensionError(
            "api.rst and skreg.__all__ disagree: "
            f"not documented {missing}, documented but not public {unknown}"
        )


_FOREIGN_ROLE = re.compile(r":(?:ref|term):`([^`<]*?)\s*(<[^`>]*>)?`")


def _plain_text(match):
    """A titled link keeps its title as text; a bare label becomes a literal."""
    title, target = match.group(1), match.group(2)
    if target and title:
        return title
    return f"``{title or target.strip('<>')}``"


def unlink_foreign_roles(app, what, name, obj, options, lines):
    """Turn scikit-learn's cross-document roles into literal text."""
    module = getattr(obj, "__module__", None) or ""
    if not module.startswith("sklearn"):
        return
    for i, line in enumerate(lines):
        lines[i] = _FOREIGN_ROLE.sub(_plain_text, line)


def setup(app):
    app.connect("builder-inited", check_api_coverage)
    # Before numpydoc (priority 500) turns the sections into reST.
    app.connect("autodoc-process-docstring", unlink_foreign_roles, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
