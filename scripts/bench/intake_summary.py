"""Summarises intake.sh RESULT lines (stdin): median over rounds per target, and the product/limit ratios."""
import statistics
import sys

rows = {}
for line in sys.stdin:
    name, *kv = line.split()
    values = {k: float(v) for k, v in (x.split("=") for x in kv)}
    rows.setdefault(name.rsplit("-", 1)[0], []).append(values)


def med(target, key):
    return statistics.median(r[key] for r in rows[target])


print()
print("| target | req/s (median of rounds) | p50 ms | p99 ms | non-2xx | socket errors |")
print("|---|---:|---:|---:|---:|---:|")
for t in ("product", "limit"):
    non2xx = sum(r["non2xx"] for r in rows[t])
    sock = sum(r["socket_errors"] for r in rows[t])
    print(f"| {t} | {med(t, 'rps'):.0f} | {med(t, 'p50_ms'):.2f} | {med(t, 'p99_ms'):.2f} | {non2xx:.0f} | {sock:.0f} |")
print()
print(f"throughput ratio product/limit = {med('product', 'rps') / med('limit', 'rps'):.2f} (goal >= 0.9); "
      f"p99 ratio = {med('product', 'p99_ms') / med('limit', 'p99_ms'):.2f} (goal <= 2)")
