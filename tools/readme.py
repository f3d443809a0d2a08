#!/usr/bin/env python3
"Write README.md from nbs/index.ipynb without Quarto: markdown cells as they are, code cells with their outputs."
import json, re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

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

TABLE = re.compile(r"<!-- bench-table: (\S+) shape=(\S+) -->")

def splice_tables(md):
    "Replace each `<!-- bench-table: CSV shape=S -->` marker by the table `conceptlab.bench.bench_markdown` makes from the file."
    if not TABLE.search(md): return md
    from conceptlab.bench import bench_markdown
    return TABLE.sub(lambda m: bench_markdown(ROOT / m.group(1), m.group(2)), md)

def readme():
    return splice_tables(render(json.loads((ROOT / "nbs" / "index.ipynb").read_text())))

if __name__ == "__main__":
    (ROOT / "README.md").write_text(readme())
