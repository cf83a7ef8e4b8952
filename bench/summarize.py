#!/usr/bin/python3
"""Summarize bench/out/results.tsv: medians, the table, the ratios against
the speed goals, the agreement check on invalid-document counts.

usage: summarize.py OUTDIR [--readme bench/README.md]

Prints the report; writes OUTDIR/throughput.dat (for plot.gp) and
OUTDIR/summary.md; with --readme replaces the part of README.md between the
results markers. Exit status 3 when validators disagree on invalid counts.
"""
import argparse
import csv
import json
import os
import statistics
import sys

BEGIN, END = "<!-- bench:results:begin -->", "<!-- bench:results:end -->"
VALIDATORS = ["ldrest-1core", "ldrest-jobs", "ajv", "python", "valijson"]
FLOORS = ["cjson-floor", "oas-json-floor", "simdjson-floor", "rapidjson-floor"]
TOOLS = VALIDATORS + FLOORS
# Peers whose verdicts differ from the specification's on a known point: their
# count is shown with the reason, and does not fail the run.
KNOWN_DEVIATIONS = {
    "valijson": "valijson 1.0 does not take 72.0 as an integer (JSON Schema draft 6 and "
                "later do); the mix spells some valid integers that way",
}
MB = 1e6


def num(text):
    try:
        return float(text)
    except ValueError:
        return None


def median(rows, key):
    values = [num(r.get(key) or "") for r in rows if num(r.get(key) or "") is not None]
    return statistics.median(values) if values else None


def load(outdir):
    with open(os.path.join(outdir, "results.tsv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    with open(os.path.join(outdir, "corpus.json"), encoding="utf-8") as f:
        corpus = json.load(f)
    machine = {}
    path = os.path.join(outdir, "machine.txt")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            machine = dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line)
    return rows, corpus, machine


def group(rows, kind):
    out = {}
    for r in rows:
        if r["kind"] == kind:
            out.setdefault((r["tool"], r["corpus"]), []).append(r)
    return out


def stats(rs):
    """Medians of one (tool, corpus): throughput from wall time and from the
    tool's own in-process timing (which leaves out node/python start-up and
    schema compilation)."""
    wall, inproc, cpu = median(rs, "wall_s"), median(rs, "inproc_s"), median(rs, "cpu_s")
    nbytes, docs = num(rs[0]["bytes"]), num(rs[0]["documents"])
    return {
        "runs": len(rs), "wall": wall, "rss_kb": median(rs, "rss_kb"),
        "bytes": nbytes, "docs": docs,
        "invalid": sorted({r["invalid"] for r in rs}),
        "mbps": nbytes / MB / wall if nbytes and wall else None,
        "docps": docs / wall if docs and wall else None,
        "mbps_inproc": nbytes / MB / inproc if nbytes and inproc else None,
        "mbps_cpu": nbytes / MB / cpu if nbytes and cpu else None,
    }


def fmt(v, digits=1):
    if v is None:
        return "n/a"
    return ("%." + str(digits) + "f") % v


def fmt_x(v):
    return fmt(v, 2) + "x" if v is not None else "n/a"


def ratio(a, b):
    return a / b if a and b else None


def paired_ratio(ours, theirs, our_key, their_key):
    """Median over runs of our MB/s over theirs, run r of one against run r
    of the other (python reads a prefix of the corpus: rates, not times).
    Runs are interleaved, so the two of a pair ran seconds apart: a slow
    stretch of the machine slows both, where a ratio of medians compares
    medians taken at different moments."""
    def rate(r, key):
        t, nbytes = num(r.get(key) or ""), num(r.get("bytes") or "")
        return nbytes / t if t and nbytes else None
    theirs_by_run = {r["run"]: rate(r, their_key) for r in theirs}
    values = []
    for r in ours:
        a, b = rate(r, our_key), theirs_by_run.get(r["run"])
        if a and b:
            values.append(a / b)
    return statistics.median(values) if values else None


def validation_section(val, corpus, lines, problems, notes):
    lines.append("| tool | corpus | MB | docs | invalid | MB/s (wall) | MB/s (in-process) "
                 "| MB per CPU-s | docs/s | peak RSS MiB | runs |")
    lines.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    table = {}
    for tool in TOOLS:
        for name in ("valid", "mix"):
            rs = val.get((tool, name))
            if not rs:
                continue
            s = table[(tool, name)] = stats(rs)
            lines.append("| %s | %s | %.1f | %d | %s | %s | %s | %s | %s | %s | %d |" % (
                tool, name, (s["bytes"] or 0) / MB, s["docs"] or 0, ",".join(s["invalid"]),
                fmt(s["mbps"]), fmt(s["mbps_inproc"]), fmt(s["mbps_cpu"]), fmt(s["docps"], 0),
                fmt(s["rss_kb"] / 1024 if s["rss_kb"] else None), s["runs"]))
            check_agreement(tool, name, s, corpus, problems, notes)
    return table


def check_agreement(tool, name, s, corpus, problems, notes):
    expected_invalid = corpus[name]["invalid"] if tool in VALIDATORS else 0
    if s["invalid"] != [str(expected_invalid)] and tool in KNOWN_DEVIATIONS:
        notes.append("%s on %s: invalid documents %s, the generator's count %d (%s)"
                     % (tool, name, "/".join(s["invalid"]), expected_invalid,
                        KNOWN_DEVIATIONS[tool]))
    elif s["invalid"] != [str(expected_invalid)]:
        problems.append("%s on %s: invalid documents %s, expected %d (the generator's count)"
                        % (tool, name, "/".join(s["invalid"]), expected_invalid))
    partial = tool == "python" and name == "valid"  # python reads a prefix
    if not partial and s["docs"] != corpus[name]["documents"]:
        problems.append("%s on %s: %s documents, expected %d"
                        % (tool, name, s["docs"], corpus[name]["documents"]))


def verdict(measured, target, higher_is_better=True):
    if measured is None:
        return "not measured"
    met = measured >= target if higher_is_better else measured <= target
    if met:
        return "met"
    if higher_is_better:
        return "MISSED: needs %.2fx more" % (target / measured)
    return "MISSED by %.0f%%" % (100 * (measured / target - 1))


def targets_section(table, rows, machine, lines):
    def t(tool, name):
        return table.get((tool, name), {})

    val = group(rows, "validate")

    def ratio_row(label, name, peer, target):
        ours, theirs = val.get(("ldrest-1core", name), []), val.get((peer, name), [])
        # our wall time against the peer's own in-process time (conservative:
        # its start-up, node's or python's, is left out), wall against wall,
        # CPU against CPU; each the median of the runs' paired ratios
        r_conservative = paired_ratio(ours, theirs, "wall_s", "inproc_s")
        r_wall = paired_ratio(ours, theirs, "wall_s", "wall_s")
        r_cpu = paired_ratio(ours, theirs, "cpu_s", "cpu_s")
        lines.append("| %s | %s | %s (wall: %s, CPU: %s) | %s |" % (
            label, "%gx" % target if target else "-", fmt_x(r_conservative), fmt_x(r_wall),
            fmt_x(r_cpu),
            verdict(r_conservative, target) if target else "reference"))

    lines.append("| ratio (one core, median of the runs' paired ratios) | target | measured | verdict |")
    lines.append("|---|---|---|---|")
    ratio_row("ldrest / ajv, valid corpus", "valid", "ajv", 3)
    ratio_row("ldrest / ajv, violation mix", "mix", "ajv", 3)
    ratio_row("ldrest / python-jsonschema, valid", "valid", "python", 50)
    ratio_row("ldrest / python-jsonschema, mix", "mix", "python", 50)
    ratio_row("ldrest / cJSON parse+free floor, valid", "valid", "cjson-floor", 0)
    ratio_row("ldrest / oas_json parse+free floor, valid", "valid", "oas-json-floor", 0)
    ratio_row("ldrest / valijson (C++ validator), valid", "valid", "valijson", 0)
    ratio_row("ldrest / valijson (C++ validator), mix", "mix", "valijson", 0)
    ratio_row("validate / parse-only floor (simdjson parse_many), valid", "valid",
              "simdjson-floor", 0.8)
    ratio_row("validate / parse-only floor (simdjson parse_many), mix", "mix",
              "simdjson-floor", 0.8)
    ratio_row("validate / parse-only floor (RapidJSON per line), valid", "valid",
              "rapidjson-floor", 0)
    one = t("ldrest-1core", "valid").get("mbps")
    lines.append("| ldrest-1core, valid, MB/s wall incl. start | >= 600 | %s | %s |" % (
        fmt(one), verdict(one, 600)))

    cores = int(machine.get("nproc", "1") or 1)
    for name in ("valid", "mix"):
        speedup = paired_ratio(val.get(("ldrest-jobs", name), []),
                               val.get(("ldrest-1core", name), []), "wall_s", "wall_s")
        lines.append("| --jobs %d / --jobs 1, %s | ~%dx (near-linear) | %sx | %s |" % (
            cores, name, cores, fmt(speedup, 2),
            verdict(speedup, 0.8 * cores) + " (>= 80% of linear)"))

    stream = group(rows, "stream")
    for tool in ("ldrest-1core", "ldrest-jobs"):
        rs = stream.get((tool, "stream"))
        if rs:
            s = stats(rs)
            mib = s["rss_kb"] / 1024 if s["rss_kb"] else None
            lines.append("| peak RSS streaming %.0f MB, %s (%s MB/s) | < 32 MiB | %s MiB | %s |" % (
                s["bytes"] / MB, tool, fmt(s["mbps"]), fmt(mib), verdict(mib, 32, False)))

    gen = group(rows, "gen")
    ours, theirs = gen.get(("oas2c", "ld-openapi")), gen.get(("openapi-typescript", "ld-openapi"))
    if ours:
        w = median(ours, "wall_s")
        lines.append("| oas2c on ld-openapi.yaml (%.1f MB) | < 1 s | %s s (RSS %s MiB) | %s |" % (
            num(ours[0]["bytes"]) / MB, fmt(w, 3), fmt(median(ours, "rss_kb") / 1024),
            verdict(w, 1.0, False)))
    if ours and theirs:
        w2 = median(theirs, "wall_s")
        lines.append("| openapi-typescript / oas2c time | >= 10x | %sx (%s s vs %s s) | %s |" % (
            fmt(ratio(w2, median(ours, "wall_s")), 2), fmt(w2, 3), fmt(median(ours, "wall_s"), 3),
            verdict(ratio(w2, median(ours, "wall_s")), 10)))

    req = group(rows, "request")
    rps = {}
    for tool in ("curl-loop", "curl-cjson", "request-fn", "request-fn-novalidate", "request-http"):
        rs = req.get((tool, "loopback"))
        secs = median(rs, "inproc_s") if rs else None
        if secs and num(rs[0]["documents"]):
            rps[tool] = num(rs[0]["documents"]) / secs
    if "curl-loop" in rps and "request-fn" in rps:
        r = ratio(rps["request-fn"], rps["curl-loop"])
        lines.append("| request fn / bare libcurl loop (req/s) | >= 0.9x | %sx (%s vs %s req/s) | %s |"
                     % (fmt(r, 2), fmt(rps["request-fn"], 0), fmt(rps["curl-loop"], 0),
                        verdict(r, 0.9)))
        if "curl-cjson" in rps:
            lines.append("| request fn / libcurl loop + cJSON parse of the body (req/s) | - | %sx "
                         "(%s req/s) | reference |" % (fmt(ratio(rps["request-fn"], rps["curl-cjson"]), 2),
                                                       fmt(rps["curl-cjson"], 0)))
        if "request-fn-novalidate" in rps:
            lines.append("| (diagnostic) request fn, validation off / curl loop | - | %sx (%s req/s) "
                         "| reference |" % (fmt(ratio(rps["request-fn-novalidate"], rps["curl-loop"]), 2),
                                            fmt(rps["request-fn-novalidate"], 0)))
        if "request-http" in rps:
            lines.append("| (diagnostic) HTTP layer alone (oas_client_request) / curl loop | - | %sx "
                         "(%s req/s) | reference |" % (fmt(ratio(rps["request-http"], rps["curl-loop"]), 2),
                                                       fmt(rps["request-http"], 0)))
    else:
        lines.append("| request fn / bare libcurl loop (req/s) | >= 0.9x | not measured | "
                     "TODO: `ldrest mock` was not available in this run |")


def machine_section(machine, lines):
    keys = ["nproc", "cpu", "kernel", "cc", "node", "ajv", "openapi-typescript", "python",
            "jsonschema", "cjson", "libcurl", "simdjson", "rapidjson", "valijson", "ldrest", "oas2c", "date"]
    lines.append("Machine and versions: " + "; ".join(
        "%s %s" % (k, machine[k]) for k in keys if k in machine) + ".")


def write_plot_data(table, outdir):
    with open(os.path.join(outdir, "throughput.dat"), "w", encoding="utf-8") as f:
        # The basis of the target ratios: ldrest's wall time, the peers' own
        # in-process time (their start-up and schema compilation left out).
        f.write("# tool valid_MBps mix_MBps (medians)\n")
        for tool in TOOLS:
            v = table.get((tool, "valid"), {}).get("mbps_inproc")
            m = table.get((tool, "mix"), {}).get("mbps_inproc")
            if v or m:
                f.write("%s %s %s\n" % (tool, fmt(v, 2) if v else "NaN", fmt(m, 2) if m else "NaN"))


def replace_section(readme, text):
    with open(readme, encoding="utf-8") as f:
        content = f.read()
    if BEGIN not in content or END not in content:
        content = content.rstrip("\n") + "\n\n" + BEGIN + "\n" + END + "\n"
    head, rest = content.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    with open(readme, "w", encoding="utf-8") as f:
        f.write(head + BEGIN + "\n" + text + END + tail)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--readme")
    args = ap.parse_args()
    rows, corpus, machine = load(args.outdir)
    lines, problems, notes = [], [], []
    machine_section(machine, lines)
    lines.append("")
    table = validation_section(group(rows, "validate"), corpus, lines, problems, notes)
    lines.append("")
    targets_section(table, rows, machine, lines)
    lines.append("")
    if problems:
        lines.append("**Disagreements on invalid counts:** " + "; ".join(problems + notes))
    else:
        lines.append("Every validator found exactly the generator's count of invalid documents "
                     "(valid: %d of %d, mix: %d of %d)." % (
                         corpus["valid"]["invalid"], corpus["valid"]["documents"],
                         corpus["mix"]["invalid"], corpus["mix"]["documents"]) +
                     (" Known deviations: " + "; ".join(notes) + "." if notes else ""))
    text = "\n".join(lines) + "\n"
    print(text)
    with open(os.path.join(args.outdir, "summary.md"), "w", encoding="utf-8") as f:
        f.write(text)
    write_plot_data(table, args.outdir)
    if args.readme:
        replace_section(args.readme, text)
    if problems:
        bar = "!" * 72
        print("\n".join([bar, "!!! VALIDATORS DISAGREE ON INVALID COUNTS:"] +
                        ["!!!   " + p for p in problems] + [bar]), file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
