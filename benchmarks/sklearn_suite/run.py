"""Run scikit-learn's own tests for the estimators skreg replaces, against skreg.

The installed scikit-learn's test files (``test_coordinate_descent.py``,
``test_sparse_coordinate_descent.py``, ``test_ridge.py`` and
``preprocessing/tests/test_data.py``) are run in place with the plugin
``skreg_rebind`` (see its docstring), which binds scikit-learn's public names
to skreg's. A test counts for a name when it constructs that class or calls
that function; the table gives, per name, how many of those pass.

Run: ``python benchmarks/sklearn_suite/run.py [-n WORKERS] [--failures]``
(``-n`` needs pytest-xdist). Prints the table, then every failing test with
the last line of its error when ``--failures`` is given.
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

FILES = [
    "sklearn.linear_model.tests.test_coordinate_descent",
    "sklearn.linear_model.tests.test_sparse_coordinate_descent",
    "sklearn.linear_model.tests.test_ridge",
    "sklearn.preprocessing.tests.test_data",
]
HERE = os.path.dirname(os.path.abspath(__file__))


def run_suite(workers, extra):
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "report.json")
        env = dict(os.environ, SKREG_REBIND_REPORT=report,
                   PYTHONPATH=os.pathsep.join([HERE, os.environ.get("PYTHONPATH", "")]))
        command = [sys.executable, "-m", "pytest", "-p", "skreg_rebind", "-q",
                   "-p", "no:cacheprovider", "--pyargs", *FILES, *extra]
        if workers:
            # Each worker writes its own report; merged below.
            command += ["-n", str(workers)]
        subprocess.run(command, env=env, cwd=tmp, stdout=subprocess.DEVNULL)
        results = {}
        files = [name for name in os.listdir(tmp) if name.startswith("report.json")]
        if workers:
            files.remove("report.json")  # the controller's, which ran nothing
        for name in files:
            with open(os.path.join(tmp, name)) as handle:
                results.update(json.load(handle))
        return results


def tally(results):
    counts = collections.defaultdict(collections.Counter)
    for entry in results.values():
        for name in entry["names"] + (["(any)"] if entry["names"] else []):
            counts[name][entry["outcome"]] += 1
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=0, help="pytest-xdist workers")
    parser.add_argument("--failures", action="store_true")
    parser.add_argument("-k", default=None, help="pytest -k expression")
    parser.add_argument("--json", default=None, help="write the raw results here")
    args = parser.parse_args()
    extra = ["-k", args.k] if args.k else []
    results = run_suite(args.n, extra)
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(results, handle, indent=1)
    counts = tally(results)
    print(f"{'name':>15s} {'passed':>7s} {'failed':>7s} {'rate':>7s}  (xfailed, skipped)")
    for name in sorted(counts):
        c = counts[name]
        passed = c["passed"] + c["xpassed"]
        relevant = passed + c["failed"]
        rate = passed / relevant if relevant else float("nan")
        print(f"{name:>15s} {passed:7d} {c['failed']:7d} {rate:7.1%}  "
              f"({c['xfailed']}, {c['skipped']})")
    if args.failures:
        for nodeid, entry in sorted(results.items()):
            if entry["outcome"] == "failed" and entry["names"]:
                last = entry.get("message", "").strip().splitlines()[-1:]
                print(nodeid, entry["names"], last)


if __name__ == "__main__":
    main()
