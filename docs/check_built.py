"""Check a built HTML site of skreg's documentation.

Usage::

    python docs/check_built.py docs/_build/html

Exits with status 1, listing every problem, unless

* every example script ``examples/plot_*.py`` has its page
  ``auto_examples/<name>.html``, and that page embeds at least one image
  the example generated (an ``<img>`` whose ``src`` points into
  ``_images/sphx_glr_``), and the file it points to exists;
* every name of ``skreg.__all__`` has its API page ``generated/skreg.<name>.html``
  describing ``skreg.<name>``.

Only the standard library and skreg itself are needed.
"""

import argparse
import pathlib
import re
import sys

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples"
IMG_SRC = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def gallery_problems(build):
    """Problems with the example pages of the build directory ``build``."""
    problems = []
    scripts = sorted(EXAMPLES.glob("plot_*.py"))
    if not scripts:
        problems.append(f"no examples found in {EXAMPLES}")
    for script in scripts:
        page = build / "auto_examples" / f"{script.stem}.html"
        if not page.is_file():
            problems.append(f"{script.name}: no page {page.relative_to(build)}")
            continue
        sources = IMG_SRC.findall(page.read_text(encoding="utf-8"))
        generated = [src for src in sources if "_images/sphx_glr_" in src]
        if not generated:
            problems.append(f"{script.name}: {page.name} embeds no generated image")
            continue
        for src in generated:
            target = (page.parent / src.split("#")[0].split("?")[0]).resolve()
            if not target.is_file():
                problems.append(f"{script.name}: image {src} missing from the build")
    return problems


def api_problems(build):
    """Problems with the API pages of the build directory ``build``."""
    import skreg

    problems = []
    for name in skreg.__all__:
        page = build / "generated" / f"skreg.{name}.html"
        if not page.is_file():
            problems.append(f"skreg.{name}: no API page {page.relative_to(build)}")
            continue
        if f'id="skreg.{name}"' not in page.read_text(encoding="utf-8"):
            problems.append(f"skreg.{name}: {page.name} does not describe skreg.{name}")
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", type=pathlib.Path, help="the HTML build directory")
    args = parser.parse_args(argv)
    build = args.build.resolve()
    if not (build / "index.html").is_file():
        print(f"FAIL: {build} is not an HTML build (no index.html)")
        return 1
    problems = gallery_problems(build) + api_problems(build)
    for problem in problems:
        print(f"FAIL: {problem}")
    if problems:
        return 1
    n_examples = len(list(EXAMPLES.glob("plot_*.py")))
    print(f"OK: {n_examples} example pages with figures, API pages for every name in skreg.__all__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
