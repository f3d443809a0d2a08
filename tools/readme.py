#!/usr/bin/env python3
"""Write README.md from nbs/index.ipynb without Quarto: markdown cells as they are, code cells with their outputs.

README numbers come from committed files under results/ or bench/, never typed by hand. Markers in index.ipynb's
markdown are replaced as the README is written:

- `<!-- bench-table: CSV shape=S -->`: the ratio table `conceptlab.bench.bench_markdown` makes for one base shape.
- A table. The first line names the files and options; then the header and alignment lines, as written; then one
  template row, repeated for every data row:

      <!-- table: results/compressor/summary.csv rows=model~^compressor
      | model | held-out NLL | realised R (target) |
      |---|---:|---:|
      | {model} | {nll:.3f} | {tokens_per_concept:.2f} ({R_target}) |
      -->

- A value in a sentence, one field of one row: `<!-- value: FILE [options] {FIELD[:SPEC]} -->`.

Files (under results/ or bench/): `.csv`; `.jsonl` (a row per line); `.json` (a list of rows, or one dict; `key=a.b` descends first). Nested
dicts and lists flatten to fields `a.b.0.c`. With several files, rows are read in turn and carry a field `file`
(1, 2, …). Options (shell-quoted when they hold spaces):
- `rows=COL:A|B|C` keeps the rows whose COL is A, B, C, in that order (each must be there);
  `rows=COL~REGEX` keeps the rows whose COL matches, in file order. Several `rows=` apply one after the other.
- `group=C1,C2` merges the rows that share these columns, first non-missing value of each field (a join of files).
  With `by=C` as well, each field F of a row also becomes `F@v`, v the row's C (a pivot: `{prefill_speedup@1024}`);
  a group with no row for some v has `F@v` missing.
- `labels=A|B|C` gives the kept rows, in order, a field `label`.
- `cmd=...` names the regenerating command when COMMANDS has none for the file.

Fields are `{FIELD}` or `{FIELD:SPEC}`. SPEC is Python's format spec, plus: no spec prints 3 significant digits
(whole numbers as they are); a `%` spec prints `96.8 %`; `p` is a percentage without its sign (`{answer_lo:.1p}`
→ 95.5); `yes/no` picks a word for a boolean; a trailing `?TEXT` prints TEXT for a missing value. Minus signs print
as `−`, in text fields too. A missing value (empty, NaN) prints `–`; a cell whose fields are all missing is `–` alone.
Each table is followed by a line naming its files and the commands that write them (COMMANDS, checked against the
Makefile). A marker naming a missing file, row or field fails with the marker in the message.
"""
import json, math, re, shlex, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path: sys.path.insert(0, str(ROOT))

def cell_text(c): return "".join(c["source"]) if isinstance(c["source"], list) else c["source"]

def render(nb):
    out = []
    for c in nb["cells"]:
        src = cell_text(c)
        if c["cell_type"] == "markdown": out.append(src.strip()); continue
        if c["cell_type"] != "code": continue
        lines = src.splitlines()
        dirs = [l for l in lines if l.startswith("#|")]
        if any(re.match(r"#\|\s*(hide|exporti?)\b", d) for d in dirs): continue
        code = "\n".join(l for l in lines if not l.startswith("#|")).strip()
        if code and not any(re.match(r"#\|\s*echo:\s*false", d) for d in dirs): out.append(f"```python\n{code}\n```")
        for o in c.get("outputs", []):
            data = o.get("data", {})
            if "text/markdown" in data: out.append(cell_text({"source": data["text/markdown"]}).strip())
            elif "text/plain" in data or o.get("output_type") == "stream":
                txt = cell_text({"source": data.get("text/plain", o.get("text", ""))}).rstrip()
                if txt: out.append(f"```\n{txt}\n```")
    return "\n\n".join(out) + "\n"

# The command that writes each results path (longest prefix wins). `make T` commands are checked against the Makefile.
COMMANDS = {
    "bench/": "make bench",
    "results/conceptlab-tiny/": "make pretrain PRETRAIN_STEPS=4000 && make export-tiny",
    "results/demo/": "make train",
    "results/demo-lora/": "make train METHOD=lora DATA='arith:steps=3,digits=2,ops=+-*' STEPS=300",
    "results/smollm2-pooler-json/": "make train METHOD=pooler BASE=smollm2-135m DATA=json:data/examples/arith_traces.jsonl STEPS=30 RUN=smollm2-pooler-json",
    "results/monitor/": "make train METHOD=compressor DATA=shakespeare STEPS=200 RUN=monitor-demo",
    "results/pooler/": "make study-pooler",
    "results/pooler/variants/": "make study-pooler-variants",
    "results/cauchy/summary.csv": "CONCEPTLAB_WRITE_RESULTS=1 python tools/nbtest.py --flags slow --path nbs/07_cauchy.ipynb --no-sync-check",
    "results/cauchy/train_speed.csv": "OMP_NUM_THREADS=2 python tools/cauchy_speed.py",
    "results/cauchy/summary-600.csv": "python tools/nbtest.py --flags long --path nbs/07_cauchy.ipynb --no-sync-check",
    "results/cauchy/study/": "make study-cauchy",
    "results/cauchy/screen/": "make study-cauchy-screen",
    "results/compressor/": "make study-compressor",
    "results/compressor/steps-600/": "make study-compressor-600",
    "results/compressor/variants/": "make study-compressor-variants",
    "results/compressor/bench.csv": "make bench-compressor",
    "results/pooler/gen_speed-cpu-conceptlab-tiny.csv": "OMP_NUM_THREADS=2 python tools/pooler_speed.py --shape conceptlab-tiny --tokens 4096",
    "results/long-context/cpu-conceptlab-tiny.csv": "make bench-long",
    "results/long-context/cpu-conceptlab-tiny.png": "make bench-long",
    "results/long-context/cpu-qwen2.5-0.5b.csv": "make bench-long-qwen",
    "results/long-context/cpu-qwen2.5-0.5b.png": "make bench-long-qwen",
    "results/compressor/train_speed.csv": "make bench-compressor",
    "results/registers/": "make study-registers",
    "results/registers/bench.csv": "make bench-registers",
    "results/registers/variants/": "make study-registers-variants",
    "results/leaderboard/": "make leaderboard",
    "results/planner/": "make study-planner",
    "results/planner/bench.csv": "make bench-planner",
    "results/planner/bench-h200.csv": "python tools/gpu_planner.py OUT",
    "results/planner/gpu-h200/": 'python tools/gpu_planner.py OUT --no_bench --select "ae k=8,ae k=4,ae k=2" --ae_steps 1000 --ae_batch 128',
    "results/planner/lines/": "make study-planner-lines",
    "results/planner/prosqa/": "make study-planner-prosqa",
    "results/planner/task-1600/": "make study-planner-task-1600",
    "results/planner/variants/": "make study-planner-variants",
}

class MarkerError(ValueError): pass

def make_recipes():
    "Makefile target -> its recipe lines."
    rec, cur = {}, None
    for l in (ROOT / "Makefile").read_text().splitlines():
        m = re.match(r"^([\w.-]+):(?!=)", l)
        if m: cur = m.group(1); rec[cur] = []
        elif l.startswith("\t") and cur: rec[cur].append(l.strip())
        elif l.strip() and not l.startswith("#"): cur = None
    return rec

def command_for(path, cmd=None):
    "The command that writes `path` (a path relative to ROOT), with the `python -m conceptlab.studies` line a Make target runs."
    if cmd is None:
        keys = [k for k in COMMANDS if path == k or (k.endswith("/") and path.startswith(k))]
        if not keys: raise MarkerError(f"no command known for {path}: add it to COMMANDS in tools/readme.py or give cmd=")
        cmd = COMMANDS[max(keys, key=len)]
    out = []
    for part in cmd.split(" && "):
        words = part.split()
        if words[0] == "make":
            rec = make_recipes()
            for t in (w for w in words[1:] if "=" not in w):
                if t not in rec: raise MarkerError(f"{cmd!r}: no Make target {t!r}")
                m = re.search(r"-m conceptlab\.studies (\S+)", " ".join(rec[t]))
                if m and len(words) == 2: part += f"`, i.e. `python -m conceptlab.studies {m.group(1)}"
        out.append(f"`{part}`")
    return " then ".join(out)

def flatten(d, pre=""):
    if isinstance(d, dict): items = d.items()
    elif isinstance(d, list): items = enumerate(d)
    else: return {pre[:-1]: d}
    out = {}
    for k, v in items: out.update(flatten(v, f"{pre}{k}."))
    return out

def load_rows(path, key=None):
    "A list of dict rows from a CSV, JSONL or JSON file."
    p = ROOT / path
    if not path.startswith(("results/", "bench/")): raise MarkerError(f"{path}: numbers come from files under results/ or bench/")
    if not p.is_file(): raise MarkerError(f"no file {path}")
    if p.suffix == ".csv":
        import pandas as pd
        return pd.read_csv(p, keep_default_na=True).to_dict("records")
    if p.suffix == ".jsonl": rows = [json.loads(l) for l in p.read_text().splitlines() if l.strip()]
    elif p.suffix == ".json": rows = json.loads(p.read_text())
    else: raise MarkerError(f"{path}: not a .csv, .json or .jsonl file")
    for k in (key.split(".") if key else []):
        try: rows = rows[int(k)] if isinstance(rows, list) else rows[k]
        except (KeyError, IndexError, ValueError): raise MarkerError(f"{path}: no key {key!r}")
    return [flatten(r) if isinstance(r, dict) else {"value": r} for r in (rows if isinstance(rows, list) else [rows])]

def missing(v): return v is None or v == "" or (isinstance(v, float) and math.isnan(v))

def canon(v):
    "A value as a row key or a pivot name: whole floats without `.0`."
    if isinstance(v, float) and not math.isnan(v) and v == int(v): return str(int(v))
    return str(v)

def sig(v, n=3):
    "`n` significant digits, no exponent; whole numbers as they are."
    if v == int(v) and abs(v) < 1e15: return str(int(v))
    return f"{v:.{max(0, n - 1 - math.floor(math.log10(abs(v))))}f}"

def fmt(v, spec=""):
    "One value by SPEC (see the module's docstring)."
    spec, _, default = spec.partition("?")
    if missing(v): return default or "–"
    if spec.count("/") == 1: return spec.split("/")[0 if v in (True, "True", 1) else 1]
    if isinstance(v, (bool, str)): return re.sub(r"(?<![\w-])-(?=\d)", "−", format(str(v), spec))
    if not spec: s = sig(v)
    elif spec.endswith("%"): s = format(v, spec)[:-1] + " %"
    elif spec.endswith("p"): s = format(v, spec[:-1] + "%")[:-1]
    else: s = format(v, spec)
    return "−" + s[1:] if s.startswith("-") else s

FIELD = re.compile(r"\{([^{}:]+)(?::([^{}]*))?\}")

def fill(template, row, where):
    "Fill one cell's `{FIELD:SPEC}`s from `row`; `–` alone when every field is missing."
    fields = FIELD.findall(template)
    for f, _ in fields:
        if f not in row: raise MarkerError(f"{where}: no field {f!r}; fields are {sorted(row)}")
    if fields and all(missing(row[f]) and "?" not in s for f, s in fields): return "–"
    return FIELD.sub(lambda m: fmt(row[m.group(1)], m.group(2) or ""), template)

def select(rows, opts, where):
    "Apply `rows=`, `group=`/`by=` and `labels=` to the rows."
    if "group" in opts:
        keys, by, merged = opts["group"][-1].split(","), opts.get("by", [None])[-1], {}
        for r in rows:
            for k in keys + ([by] if by else []):
                if k not in r: raise MarkerError(f"{where}: no column {k!r} to group by; columns are {sorted(r)}")
            g = merged.setdefault(tuple(canon(r[k]) for k in keys), {k: r[k] for k in keys})
            for f, v in r.items():
                if f in keys or f == by: continue
                for name in [f] + ([f"{f}@{canon(r[by])}"] if by else []):
                    if name not in g or missing(g[name]): g[name] = v
        rows = list(merged.values())
        if by:                                       # a pivot cell no row filled (no such run at that length) is missing, not an error
            pivoted = {f for g in rows for f in g if "@" in f}
            for g in rows:
                for f in pivoted: g.setdefault(f, None)
    for sel in opts.get("rows", []):
        m = re.match(r"([^:~]+)([:~])(.*)$", sel)
        if not m: raise MarkerError(f"{where}: rows={sel!r} is neither COL:A|B nor COL~REGEX")
        col, op, val = m.groups()
        if rows and not any(col in r for r in rows): raise MarkerError(f"{where}: no column {col!r}; columns are {sorted(rows[0])}")
        if op == "~": rows = [r for r in rows if re.search(val, canon(r.get(col)))]
        else:
            out = []
            for v in val.split("|"):
                hit = [r for r in rows if canon(r.get(col)) == v]
                if not hit: raise MarkerError(f"{where}: no row with {col} = {v!r}; values are {sorted({canon(r.get(col)) for r in rows})}")
                out += hit
            rows = out
    if "labels" in opts:
        labels = opts["labels"][-1].split("|")
        if len(labels) != len(rows): raise MarkerError(f"{where}: {len(labels)} labels for {len(rows)} rows")
        rows = [dict(r, label=l) for r, l in zip(rows, labels)]
    if not rows: raise MarkerError(f"{where}: no rows")
    return rows

def parse(head, where):
    "Files and options of a marker's first line."
    try: toks = shlex.split(head)
    except ValueError as e: raise MarkerError(f"{where}: {e}")
    files, opts = [], {}
    for t in toks:
        k, eq, v = t.partition("=")
        if eq and re.fullmatch(r"[a-z]+", k): opts.setdefault(k, []).append(v)
        else: files.append(t)
    if not files: raise MarkerError(f"{where}: no file named")
    bad = set(opts) - {"key", "rows", "group", "by", "labels", "cmd"}
    if bad: raise MarkerError(f"{where}: unknown options {sorted(bad)}")
    return files, opts

def read(files, opts, where):
    rows = []
    for i, f in enumerate(files, 1):
        try: rs = load_rows(f, opts.get("key", [None])[-1])
        except MarkerError as e: raise MarkerError(f"{where}: {e}")
        rows += [dict(r, file=i) if len(files) > 1 else r for r in rs]
    names = list(dict.fromkeys(k for r in rows for k in r))
    return select([{k: r.get(k) for k in names} for r in rows], opts, where)

def source_line(files, opts):
    by_cmd = {}
    for f in files: by_cmd.setdefault(command_for(f, opts.get("cmd", [None])[-1]), []).append(f"`{f}`")
    return "*Source: " + "; ".join(f"{', '.join(fs)}, written by {c}" for c, fs in by_cmd.items()) + ".*"

def table(body):
    "Render a `<!-- table: ... -->` marker's body (without the comment delimiters)."
    lines = [l for l in body.strip().splitlines() if l.strip()]
    where = f"<!-- table: {lines[0]} -->"
    files, opts = parse(lines[0], where)
    tmpl = [l for l in lines[1:] if FIELD.search(l)]
    if len(tmpl) != 1: raise MarkerError(f"{where}: needs exactly one template row with {{fields}}, has {len(tmpl)}")
    rows = read(files, opts, where)
    cells = tmpl[0].strip().strip("|").split("|")
    out = [l for l in lines[1:] if l is not tmpl[0]]
    out += ["| " + " | ".join(fill(c.strip(), r, where) for c in cells) + " |" for r in rows]
    return "\n".join(out) + "\n\n" + source_line(files, opts)

def value(body):
    "Render a `<!-- value: FILE [options] {FIELD:SPEC} -->` marker."
    where = f"<!-- value: {body.strip()} -->"
    m = FIELD.search(body)
    if not m: raise MarkerError(f"{where}: no {{FIELD}}")
    files, opts = parse(body[:m.start()] + body[m.end():], where)
    rows = read(files, opts, where)
    if len(rows) != 1: raise MarkerError(f"{where}: {len(rows)} rows match, need one (add rows=)")
    return fill(m.group(0), rows[0], where)

TABLE = re.compile(r"<!-- bench-table: (\S+) shape=(\S+) -->")
SPLICE = re.compile(r"<!-- table:(.*?)-->", re.S)
VALUE = re.compile(r"<!-- value:(.*?)-->", re.S)

def markers(md):
    "Every table / value / bench-table marker in `md`, as (kind, text)."
    return ([("table", m.group(0)) for m in SPLICE.finditer(md)] + [("value", m.group(0)) for m in VALUE.finditer(md)]
            + [("bench-table", m.group(0)) for m in TABLE.finditer(md)])

def bench_table(csv, shape):
    from conceptlab.bench import bench_markdown
    try: return bench_markdown(ROOT / csv, shape) + "\n\n" + source_line([csv], {})
    except (FileNotFoundError, ValueError) as e: raise MarkerError(f"<!-- bench-table: {csv} shape={shape} -->: {e}")

def splice_tables(md):
    "Replace every marker by what it renders from its files."
    md = TABLE.sub(lambda m: bench_table(m.group(1), m.group(2)), md)
    md = SPLICE.sub(lambda m: table(m.group(1)), md)
    return VALUE.sub(lambda m: value(m.group(1)), md)

def readme():
    return splice_tables(render(json.loads((ROOT / "nbs" / "index.ipynb").read_text())))

if __name__ == "__main__":
    (ROOT / "README.md").write_text(readme())
