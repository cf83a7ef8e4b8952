#!/usr/bin/python3
"""Summarize OUTDIR/shapes-results.tsv (written by bench/shapes.sh): per
shape and tool, the medians of wall time and peak RSS, as MB/s and as peak
RSS per document byte.

usage: summarize_shapes.py OUTDIR

Prints a Markdown table and writes it to OUTDIR/shapes-summary.md.
MB/s = document bytes / median wall time of the whole process (start-up,
reading the file, parsing, validating, freeing); MB per CPU-s uses user +
system time instead (GNU time, 10 ms resolution), which does not count time
spent waiting for a core; MB = 10^6 bytes.
"""
import csv
import os
import statistics
import sys

MB = 1e6


def main():
    outdir = sys.argv[1]
    with open(os.path.join(outdir, "shapes-results.tsv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    groups = {}
    for r in rows:
        groups.setdefault((r["shape"], r["tool"]), []).append(r)
    lines = ["| shape | MB | tool | outcome | MB/s (wall) | MB per CPU-s | peak RSS MiB"
             " | RSS / doc bytes | runs |",
             "|---|---:|---|---|---:|---:|---:|---:|---:|"]
    for (shape, tool), rs in groups.items():
        size = int(rs[0]["bytes"])
        walls = [float(r["wall_s"]) for r in rs]
        rss = [int(r["rss_kb"]) for r in rs if r["rss_kb"].isdigit()]
        outcomes = sorted({r["outcome"] for r in rs})
        cpus = [float(r["cpu_s"]) for r in rs if r["cpu_s"] not in ("", "NA")]
        wall = statistics.median(walls)
        cpu = statistics.median(cpus) if cpus else None
        peak = statistics.median(rss) * 1024 if rss else None
        lines.append("| %s | %.1f | %s | %s | %.1f | %s | %s | %s | %d |" % (
            shape, size / MB, tool, "/".join(outcomes), size / MB / wall,
            "%.1f" % (size / MB / cpu) if cpu else "NA",
            "%.0f" % (peak / 2**20) if peak else "NA",
            "%.1f" % (peak / size) if peak else "NA", len(rs)))
    table = "\n".join(lines) + "\n"
    sys.stdout.write(table)
    with open(os.path.join(outdir, "shapes-summary.md"), "w", encoding="utf-8") as f:
        f.write(table)


if __name__ == "__main__":
    main()
