#!/usr/bin/env python3
"""The explorer in a real browser: JupyterLab on 127.0.0.1, Debian's chromium driven by selenium.

    python tools/browser_check.py [--out runs/browser-check] [--keep]

1. Trains a 2-step run of every registered method on `tiny-random` (plus a LoRA baseline beside one method) under
   OUT/runs — the plumbing, not learning — unless they are there already.
2. Starts JupyterLab on a free local port with CONCEPTLAB_RUNS=OUT/runs, opens nbs/explore.ipynb, runs all cells.
3. Picks every run in the explorer's dropdown, waits for the view, saves a screenshot OUT/<i>-<run>.png, and
   fails when the output holds an error, when a view shows no coloured tokens, or when an image in it is blank.

Needs `apt-get install chromium chromium-driver` and `pip install selenium`; not part of CI (no browser there).
Exits 0 when every method passed, 1 otherwise; prints one line per run.
"""
import argparse, io, json, os, shutil, socket, subprocess, sys, tempfile, time, secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def train_runs(root: Path):
    "2-step runs of every method on tiny-random (quiet), and a LoRA baseline beside the compressor."
    from conceptlab.registry import METHODS
    from conceptlab.train import train
    cfg = dict(pooler=dict(window=2, n_new=1), registers=dict(mode="memory", k=2, segment=16), compressor=dict(R=4))
    names = [m for m in METHODS if m != "pretrain"]
    for m in names:
        d = root/m
        if (d/"model"/"config.json").exists(): continue
        train(m, "tiny-random", "arith:steps=2,digits=1", 2, d, seq_len=64, batch_size=4, packed=False, lr=3e-2,
              progress=False, ckpt_every=1, method_cfg=cfg.get(m, {}))
    if not (root/"compressor-lora"/"model").exists():
        train("lora", "tiny-random", "arith:steps=2,digits=1", 2, root/"compressor-lora", seq_len=64, batch_size=4,
              packed=False, lr=3e-2, progress=False, ckpt_every=1)
    return names


def free_port() -> int:
    with socket.socket() as s: s.bind(("127.0.0.1", 0)); return s.getsockname()[1]


def start_lab(runs_root: Path, port: int, token: str):
    env = dict(os.environ, CONCEPTLAB_RUNS=str(runs_root), HF_HUB_OFFLINE="1", PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip", "127.0.0.1", f"--port={port}",
           f"--ServerApp.token={token}", f"--ServerApp.root_dir={ROOT/'nbs'}", "--ServerApp.open_browser=False"]
    if os.geteuid() == 0: cmd.append("--allow-root")
    log = open(Path(tempfile.gettempdir())/f"browser-check-lab-{port}.log", "w")
    p = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(120):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close(); return p
        except OSError: time.sleep(0.5)
    p.kill(); raise RuntimeError(f"JupyterLab did not start on port {port}: see {log.name}")


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    o = webdriver.ChromeOptions()
    o.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--window-size=1500,2200", f"--user-data-dir={tempfile.mkdtemp()}"):
        o.add_argument(a)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=o)


def blank(png: bytes) -> bool:
    "True when an image has (nearly) one colour."
    from PIL import Image
    im = Image.open(io.BytesIO(png)).convert("L")
    lo, hi = im.getextrema()
    return hi - lo < 10


def run_all(drv, wait):
    "Run → Run All Cells through JupyterLab's menu bar."
    from selenium.webdriver.common.by import By
    menu = wait(lambda d: [e for e in d.find_elements(By.CSS_SELECTOR, ".lm-MenuBar-itemLabel") if e.text.strip() == "Run"])
    menu[0].click()
    item = wait(lambda d: [e for e in d.find_elements(By.CSS_SELECTOR, ".lm-Menu-itemLabel") if e.text.strip() == "Run All Cells"])
    item[0].click()


def check(out: Path, keep: bool) -> int:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait
    runs_root = out/"runs"; runs_root.mkdir(parents=True, exist_ok=True)
    methods = train_runs(runs_root)
    port, token = free_port(), secrets.token_hex(16)
    lab = start_lab(runs_root, port, token)
    drv = browser()
    failures = []
    try:
        def wait(cond, t=180):
            return WebDriverWait(drv, t, poll_frequency=0.5).until(lambda d: cond(d) or None)
        drv.get(f"http://127.0.0.1:{port}/lab/tree/explore.ipynb?token={token}")
        wait(lambda d: d.find_elements(By.CSS_SELECTOR, ".jp-Notebook .jp-Cell"))
        time.sleep(3)                                                    # the kernel starts
        run_all(drv, wait)
        sel = wait(lambda d: [s for s in d.find_elements(By.CSS_SELECTOR, ".widget-dropdown select")], t=300)[0]
        options = [o.text for o in Select(sel).options]
        out_area = lambda d: d.find_elements(By.CSS_SELECTOR, ".widget-output")
        for i, label in enumerate(options):
            name = label.strip().split()[0] if not label.strip().startswith("↳") else label.strip().split()[1]
            if i: Select(sel).select_by_index(i)
            # the view is ready when its heading names this run and the tokens are drawn
            wait(lambda d: out_area(d) and f"<b>{name} @" in out_area(d)[-1].get_attribute("innerHTML")
                 and ("title=" in out_area(d)[-1].get_attribute("innerHTML") or "color:#b00" in out_area(d)[-1].get_attribute("innerHTML")), t=240)
            time.sleep(1.5)
            o = out_area(drv)[-1]
            problems = []
            htm = o.get_attribute("innerHTML")
            if "color:#b00" in htm or "Traceback" in htm: problems.append("error: " + o.text[:300].replace("\n", " "))
            spans = o.find_elements(By.CSS_SELECTOR, "span[title]")
            if not spans: problems.append("no tokens drawn")
            for img in o.find_elements(By.TAG_NAME, "img"):
                if drv.execute_script("return arguments[0].naturalWidth", img) == 0 or blank(img.screenshot_as_png):
                    problems.append("blank image")
            drv.execute_script("arguments[0].scrollIntoView()", o)
            shot = out/f"{i:02d}-{name.replace('/', '_')}.png"
            o.screenshot(str(shot))
            summary = next((b.text for b in o.find_elements(By.TAG_NAME, "b")), "")
            print(f"{'FAIL' if problems else 'ok  '} {name:24s} {len(spans):4d} tokens, {len(o.find_elements(By.TAG_NAME, 'img'))} images  {summary[:90]}"
                  + (f"  <- {'; '.join(problems)}" if problems else ""))
            if problems: failures.append(name)
        seen = {l.strip().split()[0] if not l.strip().startswith("↳") else l.strip().split()[1] for l in options}
        missing = [m for m in methods if m not in seen]
        if missing: failures += missing; print(f"FAIL runs missing from the explorer: {missing}")
        (out/"result.json").write_text(json.dumps(dict(runs=options, failures=failures, when=time.strftime("%Y-%m-%d %H:%M")), indent=1))
    finally:
        drv.quit(); lab.terminate(); lab.wait(10)
    print(f"{len(options) - len(set(failures) & seen)} of {len(options)} views passed; screenshots in {out}")
    return 1 if failures else 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(ROOT/"runs"/"browser-check"))
    ap.add_argument("--keep", action="store_true", help="keep the trained runs (default: kept anyway; reused next time)")
    a = ap.parse_args()
    sys.exit(check(Path(a.out), a.keep))
