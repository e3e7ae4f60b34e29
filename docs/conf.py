"""Sphinx configuration of skreg's documentation.

Build from the repository root (warnings are errors)::

    sphinx-build -W -b html docs docs/_build/html
    python docs/check_built.py docs/_build/html
"""

import os
import pathlib
import sys

# Draw every figure off-screen, also in sphinx-gallery's worker.
os.environ.setdefault("MPLBACKEND", "agg")
import matplotlib  # noqa: E402

matplotlib.use("agg")

HERE = pathlib.Path(__file__).resolve().parent
# The local extension (API coverage check, gallery order) lives in _ext.
sys.path.insert(0, str(HERE / "_ext"))

import skreg  # noqa: E402

project = "skreg"
author = "the skreg developers"
copyright = "the skreg developers"
release = skreg.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
    "skreg_docs",
]

templates_path = ["_templates"]
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "requirements.txt"]
root_doc = "index"
default_role = "literal"
nitpicky = False

# -- API reference ----------------------------------------------------------
autosummary_generate = True
autosummary_imported_members = True
autodoc_default_options = {}
autodoc_typehints = "none"

numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
numpydoc_validation_checks = set()

# Links into the documentation of the projects skreg mirrors. Opt-in: the
# inventories are fetched over the network, and an unreachable one is a
# warning, which would fail an offline ``-W`` build.
if os.environ.get("SKREG_DOCS_INTERSPHINX") == "1":
    extensions.append("sphinx.ext.intersphinx")
    intersphinx_mapping = {
        "python": ("https://docs.python.org/3", None),
        "numpy": ("https://numpy.org/doc/stable", None),
        "scipy": ("https://docs.scipy.org/doc/scipy", None),
        "sklearn": ("https://scikit-learn.org/stable", None),
    }

# -- Example gallery --------------------------------------------------------
sphinx_gallery_conf = {
    "examples_dirs": "../examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": "/plot_",
    "ignore_pattern": r"__init__\.py",
    "within_subsection_order": "gallery_order.StoryOrder",
    "image_scrapers": ("matplotlib",),
    "matplotlib_animations": False,
    "doc_module": ("skreg",),
    "backreferences_dir": "generated/backreferences",
    "remove_config_comments": True,
    "plot_gallery": "True",
    "download_all_examples": False,
    "show_memory": False,
    "min_reported_time": 0,
}

# -- HTML -------------------------------------------------------------------
html_theme = "furo"
html_title = f"skreg {release}"
html_static_path = []
html_show_sourcelink = False
