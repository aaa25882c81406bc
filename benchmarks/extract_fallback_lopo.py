"""Round 9: the fallback's settings chosen by leave-one-part-out over the nine open parts.

    python benchmarks/extract_fallback_lopo.py   # every setting on every part, then the LOPO table

For each setting (reach in characters, comma as a clause break, least value of a bare number, cue
families, which numbers), the counts of every open part (value+qualifier+metric right, drafts,
figures, value right, false alarms); then for each part the setting that is best on the other
eight by value+qualifier+metric F1, and that part's numbers before and with it.
The settings are knobs of `hfig.extract.metrics` as of commit 1f37729, which added this script;
the code after it keeps only the chosen setting, so run it on a checkout of 1f37729.
"""
import sys, json, itertools
from pathlib import Path
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / 'benchmarks')); sys.path.insert(0, str(ROOT))
import extract_real as er
import hfig.extract.metrics as mx
if not hasattr(mx, 'FALLBACK_SCOPE'):
    raise SystemExit('the fallback settings are knobs only at commit 1f37729: run this script there')
run = er.hfig_extractor()
sets = {p: er.load_set(p) for p in er.OPEN}
out = {}
configs = [("off", 0, False, 0, "", "")]
for r in (30, 50, 80):
    for c in (False, True):
        for m in (0, 10, 100):
            configs.append((f"r{r}c{int(c)}m{m}allall", r, c, m, "all", "all"))
    for f in ("all", "harm"):
        for sc in ("all", "entity", "bare"):
            if (f, sc) != ("all", "all"):
                configs.append((f"r{r}c1m100{f}{sc}", r, True, 100, f, sc))
orig = mx._fallback
for name, r, c, m, f, sc in configs:
    if name == "off":
        mx._fallback = lambda *a, **k: None
    else:
        mx._fallback = orig
        mx.FALLBACK_REACH, mx.FALLBACK_COMMA, mx.FALLBACK_MIN_BARE, mx.FALLBACK_FAMILIES, mx.FALLBACK_SCOPE = r, c, m, f, sc
    res = {}
    for p, texts in sets.items():
        t = er.run(texts, run).total
        res[p] = [t.correct["value+qualifier+metric"], t.drafts, t.figures, t.correct["value"], t.false_alarms]
    out[name] = res
    print(name, {p: v for p, v in res.items()}, flush=True)



def f1(res, ps, idx=0):
    c = sum(res[p][idx] for p in ps); d = sum(res[p][1] for p in ps); n = sum(res[p][2] for p in ps)
    P, R = c / d, c / n
    return 2 * P * R / (P + R), P, R


parts = list(out["off"])
for k, res in out.items():
    print(f"{k:22} vqm F1 {f1(res, parts)[0]:.4f}  value F1 {f1(res, parts, 3)[0]:.4f}")
for p in parts:
    rest = [q for q in parts if q != p]
    best = max(out, key=lambda k: (round(f1(out[k], rest)[0], 6), k == "off"))
    fb, fa = f1(out["off"], [p]), f1(out[best], [p])
    print(f"{p:7} chosen {best:22} vqm P/R {fb[1]:.3f}/{fb[2]:.3f} -> {fa[1]:.3f}/{fa[2]:.3f}")
