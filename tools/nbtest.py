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

def run_one(fn, skip_flags, force_flags):
    from nbdev.test import test_nb
    from nbdev.config import get_config
    ok, secs = test_nb(fn, skip_flags=skip_flags, force_flags=force_flags, basepath=get_config().config_path)
    return fn, ok, secs

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
    from fastcore.parallel import parallel
    cfg = get_config()
    skip, force = cfg.tst_flags.split(), a.flags.split()
    files = [f.absolute() for f in sorted(nbglob(a.path, as_path=True)) if _keep_file(f, ".notest")]
    os.environ.setdefault("OMP_NUM_THREADS", "1" if a.n_workers > 1 else str(os.cpu_count()))
    t0 = time.time()
    res = parallel(run_one, files, skip_flags=skip, force_flags=force, n_workers=a.n_workers, pause=0.05)
    npass = sum(ok for _, ok, _ in res)
    for fn, ok, secs in sorted(res, key=lambda r: str(r[0])):
        print(f"{'PASS' if ok else 'FAIL'} {fn.relative_to(ROOT)} ({secs:.0f} s)")
    print(f"total {time.time()-t0:.0f} s, flags run: {' '.join(force) or '(none)'}")
    for p in problems: print("ERROR:", p)
    nfail = len(res) - npass
    print(f"{npass} passed, {nfail} failed")
    sys.exit(1 if (nfail or problems) else 0)

if __name__ == "__main__": main()
