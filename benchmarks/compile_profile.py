"""Where first-fit time goes: numba compilations per entry point, empty cache.

For each entry point (the first fit of an estimator or path function a user
meets), a fresh process with an empty ``NUMBA_CACHE_DIR`` imports skreg, runs
that one fit, and records numba's ``numba:compile`` events (one per function
x signature compiled; a cache hit raises none). The table gives per entry
point the number of compilations, the time spent compiling (events nested
in another, a callee compiled for its caller, counted once) and the whole
process's wall time; the last row runs every entry point in one process, for
both dtypes.

Run: ``python benchmarks/compile_profile.py [--entry NAME ...] [--top 5]``.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

SETUP = """
import numpy as np, scipy.sparse as sp
rng = np.random.default_rng(0)
X = rng.normal(size=(100, 20)); y = X[:, :3] @ [1.0, 2.0, 3.0] + rng.normal(size=100)
import skreg
"""

ENTRY_POINTS = {
    "dense Lasso": "skreg.Lasso(alpha=0.1).fit(X, y)",
    "sparse Lasso": "skreg.Lasso(alpha=0.1).fit(sp.csc_matrix(X), y)",
    "Gram route": "skreg.Lasso(alpha=0.1, precompute=True).fit(X, y)",
    "FISTA": "skreg.Lasso(alpha=0.1, solver='fista').fit(X, y)",
    "float32 Lasso": "skreg.Lasso(alpha=0.1).fit(X.astype(np.float32), y)",
    "ElasticNetCV": "skreg.ElasticNetCV(cv=3).fit(X, y)",
    "lasso_path": "skreg.lasso_path(X, y)",
    "Ridge 'cd'": "skreg.Ridge(solver='cd').fit(X, y)",
}
ALL = "all, both dtypes"

RECORD = """
import json, threading
from numba.core import event
events = []
class Recorder(event.Listener):
    def on_start(self, e):
        events.append([str(e.data['dispatcher'].py_func.__qualname__),
                       str(e.data['args']), time.perf_counter(), None,
                       threading.get_ident()])
        self._stack.append(len(events) - 1)
    def on_end(self, e):
        events[self._stack.pop()][3] = time.perf_counter()
recorder = Recorder(); recorder._stack = []
event.register("numba:compile", recorder)
"""


def _program(statements):
    # After each statement, the number of compilations so far.
    steps = [f"{statement}\nmarks.append(len(events))" for statement in statements]
    return "\n".join([
        "import time", "t0 = time.perf_counter()", SETUP, RECORD, "marks = []",
        "t1 = time.perf_counter()", *steps, "t2 = time.perf_counter()",
        "print('RESULT' + json.dumps({'events': events, 'marks': marks, "
        "'import': t1 - t0, 'fit': t2 - t1}))",
    ])  # fmt: skip


def run_fresh(statements):
    """Run ``statements`` in a new process with an empty numba cache.

    Returns a dict: ``events`` (qualname, signature, start, end, thread of
    each compilation), ``marks`` (compilations so far after each statement),
    ``import``, ``fit`` and ``wall`` (seconds).
    """
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, NUMBA_CACHE_DIR=cache)
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", _program(statements)], env=env, check=True,
            capture_output=True, text=True,
        ).stdout  # fmt: skip
        wall = time.perf_counter() - start
    line = next(line for line in out.splitlines() if line.startswith("RESULT"))
    result = json.loads(line[len("RESULT"):])
    result["wall"] = wall
    return result


def compile_seconds(events):
    """Time inside compile events, each nested event counted once."""
    total, outer_end = 0.0, -1.0
    for _, _, start, end, _ in sorted(events, key=lambda e: e[2]):
        if start >= outer_end:
            total += end - start
            outer_end = end
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entry", action="append", help="only these entry points")
    parser.add_argument("--top", type=int, default=0, help="list the N slowest compilations")
    args = parser.parse_args()
    names = args.entry or [*ENTRY_POINTS, ALL]
    print(f"{'entry point':>18s} {'compilations':>12s} {'compiling':>10s} {'process':>8s}")
    for name in names:
        if name == ALL:
            statements = [*ENTRY_POINTS.values(), "X = X.astype(np.float32)",
                          *ENTRY_POINTS.values()]  # fmt: skip
        else:
            statements = [ENTRY_POINTS[name]]
        result = run_fresh(statements)
        events = result["events"]
        print(f"{name:>18s} {len(events):12d} {compile_seconds(events):9.1f}s "
              f"{result['wall']:7.1f}s")  # fmt: skip
        for qualname, signature, start, end, _ in sorted(
            events, key=lambda e: e[2] - e[3]
        )[: args.top]:
            print(f"{'':>20s}{end - start:6.2f}s  {qualname}{signature[:60]}")


if __name__ == "__main__":
    main()
