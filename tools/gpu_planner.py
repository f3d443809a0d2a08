"""The planner study on one GPU (an H100/H200 lent by the device tool), longer training than the CPU study.

    python tools/gpu_planner.py OUT [--ae_steps 1500 --em_steps 500 --task_steps 1200 --deadline 330]

1. `planner_bench(device="cuda")` (the four planning schedules and executor decoding vs the base): OUT/bench_gpu.csv
2. every run of `PlannerStudy` trained at once, one process each (the tiny model leaves the GPU mostly idle, so the
   runs overlap); a run not done by `--deadline` seconds is stopped and the scoring is skipped
3. `planner_study` on the finished runs (it reuses them): OUT/study/{autoencoding,replacement,reasoning}.csv, study.png, study.json
4. the tail of every run's log: OUT/train_logs.txt
"""
import argparse, os, subprocess, sys, time, traceback
from dataclasses import replace
from pathlib import Path


def cfg_of(a):
    from conceptlab.studies.planner import PlannerStudy
    if a.tiny: return PlannerStudy.tiny()                                        # a check of this script on tiny-random (CPU is fine)
    return replace(PlannerStudy(), ae_steps=a.ae_steps, em_steps=a.em_steps, task_steps=a.task_steps, ae_batch=a.ae_batch, lr=a.lr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--ae_steps", type=int, default=1500)
    ap.add_argument("--em_steps", type=int, default=500)
    ap.add_argument("--task_steps", type=int, default=1200)
    ap.add_argument("--ae_batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--select", help="comma-separated run names of the study to train and score (default: all)")
    ap.add_argument("--deadline", type=float, default=330, help="seconds the training may take, all runs together")
    ap.add_argument("--runs", default="runs/planner-study-gpu")
    ap.add_argument("--only", help="train this one run (a child process)")
    ap.add_argument("--no_bench", action="store_true")
    ap.add_argument("--tiny", action="store_true", help="PlannerStudy.tiny() on tiny-random: checks the script in a minute")
    a = ap.parse_args()
    out, root = Path(a.out), Path(a.runs)
    out.mkdir(parents=True, exist_ok=True)
    import torch
    from conceptlab.studies.planner import _study_specs, _study_runs, planner_study, planner_bench
    cfg = cfg_of(a)
    if a.only:                                                                   # a child: one run, no progress bar
        t0 = time.time()
        _study_runs(cfg, root, progress=False, only={a.only})
        print(f"{a.only}: done in {time.time() - t0:.0f} s", flush=True)
        return
    print("torch", torch.__version__, "cuda", torch.cuda.is_available(), torch.cuda.get_device_name() if torch.cuda.is_available() else "", flush=True)
    t0 = time.time()
    if not a.no_bench:
      try:
        b = planner_bench(**(dict(base="tiny-random", types=(("what", 8, 4), ("how", 8, 4)), b=2, prompt=8, new_tokens=4, reps=1) if a.tiny else {}))
        b.to_csv(out/"bench_gpu.csv", float_format="%.4g"); print(b.to_string(), flush=True)
      except Exception: traceback.print_exc()
    print(f"bench: {time.time() - t0:.0f} s", flush=True)
    logs, procs = Path("/tmp/planner-logs"), {}
    logs.mkdir(exist_ok=True)
    env = os.environ | dict(OMP_NUM_THREADS="2", PYTHONUNBUFFERED="1")
    sel = a.select.split(",") if a.select else None
    for name, spec in _study_specs(cfg).items():
        if sel and name not in sel: continue
        f = open(logs/f"{spec.folder}.txt", "w")
        procs[name] = (subprocess.Popen([sys.executable, __file__, str(out), "--only", name, "--runs", str(root), "--ae_steps", str(a.ae_steps),
                                         "--em_steps", str(a.em_steps), "--task_steps", str(a.task_steps), "--ae_batch", str(a.ae_batch), "--lr", str(a.lr)] + (["--tiny"] if a.tiny else []), stdout=f, stderr=subprocess.STDOUT, env=env), spec.folder)
    t1 = time.time()
    while any(p.poll() is None for p, _ in procs.values()) and time.time() - t1 < a.deadline: time.sleep(5)
    ok = True
    for name, (p, d) in procs.items():
        if p.poll() is None: p.kill(); ok = False; print(f"{name}: stopped at the deadline", flush=True)
        elif p.returncode: ok = False; print(f"{name}: failed (rc {p.returncode})", flush=True)
    print(f"training: {time.time() - t1:.0f} s", flush=True)
    with open(out/"train_logs.txt", "w") as g:
        for name, (p, d) in procs.items():
            txt = (logs/f"{d}.txt").read_text()
            g.write(f"==== {name} ({d})\n{txt[-3000:]}\n")
            mj = root/d/"metrics.jsonl"
            if mj.exists() and mj.read_text().strip(): g.write("last metrics: " + mj.read_text().strip().splitlines()[-1][:1500] + "\n")
    if not ok: print("some runs did not finish: no scoring", flush=True); return
    t2 = time.time()
    tables = planner_study(cfg, out=out/"study", run_root=root, progress=False, only=sel,
                           parts=tuple(p for p in ("ae", "task") if sel is None or any(n.startswith("ae") == (p == "ae") for n in sel)))
    for k, t in tables.items(): print(k, t.drop(columns=["sample"], errors="ignore").to_string(), sep="\n", flush=True)
    print(f"scoring: {time.time() - t2:.0f} s", flush=True)


if __name__ == "__main__": main()
