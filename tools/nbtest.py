#!/usr/bin/env python3
"""`make test`: export + clean must leave no diff, README must match nbs/index.ipynb, then every notebook is
run by nbdev's own `test_nb` (cells flagged with `tst_flags` skipped) and the last line is `N passed, N failed`."""
import argparse, hashlib, os, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def snapshot(paths):
    "Hash of the working tree's state of `paths` relative to HEAD (tracked diffs + untracked files)."
    out = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all", "--", *paths],
                         cwd=ROOT, capture_output=True, text=True).stdout
    h = hashlib.sha1(out.encode())
    for line in out.splitlines():
        p = ROOT / line[3:].strip().strip('"')
        if p.is_file(): h.update(p.read_bytes())
    return h.hexdigest(), out

RUNNER = """
import sys; from pathlib import Path; from nbdev.test import test_nb
ok, secs = test_nb(Path(sys.argv[1]), skip_flags=sys.argv[2].split(), force_flags=sys.argv[3].split(), basepath=sys.argv[4])
sys.exit(0 if ok else 1)
"""

def run_one(fn, skip_flags, force_flags, env):
    "Each notebook in its own process (isolated state; nbdev's own test_nb runs it)."
    t = time.time()
    r = subprocess.run([sys.executable, "-c", RUNNER, str(fn), " ".join(skip_flags), " ".join(force_flags), str(ROOT)],
                       cwd=fn.parent, capture_output=True, text=True, env=env)
    if r.returncode: sys.stderr.write(f"\n===== {fn.name} failed =====\n{r.stderr[-6000:]}\n")
    return fn, r.returncode == 0, time.time() - t

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--flags", default="", help="space-separated tst_flags to run (e.g. 'slow')")
    ap.add_argument("--path", default=None, help="a notebook or glob (default: all of nbs/)")
    ap.add_argument("--n_workers", type=int, default=2)
    ap.add_argument("--no-sync-check", action="store_true")
    a = ap.parse_args()
    os.chdir(ROOT)
    problems = []
    if not a.no_sync_check:
        watched = ["conceptlab", "nbs", "README.md"]
        before, _ = snapshot(watched)
        for cmd in (["nbdev_export"], ["nbdev_clean"], [sys.executable, "tools/readme.py"]):
            r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
            if r.returncode: problems.append(f"{' '.join(cmd)} failed:\n{r.stderr[-2000:]}")
        after, status = snapshot(watched)
        if before != after:
            problems.append("nbdev_export / nbdev_clean / tools/readme.py changed files: the package or README was out "
                            "of sync with nbs/. Run `nbdev_export && nbdev_clean && make readme` and commit.\n" + status)
    from nbdev.config import get_config
    from nbdev.test import _keep_file
    from nbdev.doclinks import nbglob
    from concurrent.futures import ThreadPoolExecutor
    cfg = get_config()
    skip, force = cfg.tst_flags.split(), a.flags.split()
    files = [f.absolute() for f in sorted(nbglob(a.path, as_path=True)) if _keep_file(f, ".notest")]
    env = os.environ | {"OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1" if a.n_workers > 1 else str(os.cpu_count()))}
    t0 = time.time()
    with ThreadPoolExecutor(a.n_workers) as ex:
        res = list(ex.map(lambda f: run_one(f, skip, force, env), files))
    npass = sum(ok for _, ok, _ in res)
    for fn, ok, secs in sorted(res, key=lambda r: str(r[0])):
        print(f"{'PASS' if ok else 'FAIL'} {fn.relative_to(ROOT)} ({secs:.0f} s)")
    print(f"total {time.time()-t0:.0f} s, flags run: {' '.join(force) or '(none)'}")
    for p in problems: print("ERROR:", p)
    nfail = len(res) - npass
    print(f"{npass} passed, {nfail} failed")
    sys.exit(1 if (nfail or problems) else 0)

if __name__ == "__main__": main()
