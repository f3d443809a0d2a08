"""Cauchy training speed: the fused OvR loss (conceptlab.cauchy.ovr_bce) against the dense autograd form and the LoRA
baseline, alternating steps in one process (conceptlab-tiny, 8 x 256 tokens, bf16 autocast, median of 5).

    OMP_NUM_THREADS=2 python tools/cauchy_speed.py      # writes results/cauchy/train_speed.csv
"""
import sys
from pathlib import Path
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import time, statistics, torch, conceptlab.registry, conceptlab.cauchy as C
from conceptlab.method import build_method
torch.manual_seed(0)
B, T = 8, 256
models = {"lora": build_method("lora", "conceptlab-tiny", r=16)[0].train(), "cauchy": build_method("cauchy", "conceptlab-tiny")[0].train()}
V = models["lora"].lm.config.vocab_size
x = torch.randint(100, V - 2000, (B, T), generator=torch.Generator().manual_seed(0))
opts = {k: torch.optim.AdamW([p for p in m.parameters() if p.requires_grad], lr=1e-5) for k, m in models.items()}
def step(k, chunk):
    C.OVR_CHUNK = chunk
    with torch.autocast("cpu", dtype=torch.bfloat16):
        loss = models[k](input_ids=x, labels=x).loss
    loss.backward(); opts[k].step(); opts[k].zero_grad(set_to_none=True)
runs = {"lora": ("lora", 8192), "cauchy fused": ("cauchy", 8192), "cauchy dense": ("cauchy", 0)}
for k, (m, c) in runs.items(): step(m, c)
ts = {k: [] for k in runs}
for _ in range(5):
    for k, (m, c) in runs.items():
        t0 = time.perf_counter(); step(m, c); ts[k].append(time.perf_counter() - t0)
med = {k: statistics.median(v) for k, v in ts.items()}
import pandas as pd
df = pd.DataFrame([dict(method=k, train_tok_s=round(B * T / med[k]), ratio_vs_lora=med["lora"] / med[k]) for k in runs])
out = ROOT/"results"/"cauchy"/"train_speed.csv"; df.to_csv(out, index=False, float_format="%.5g")
print(df.to_string(index=False)); print(f"wrote {out}")
