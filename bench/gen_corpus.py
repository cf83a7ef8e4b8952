#!/usr/bin/python3
"""Deterministic benchmark corpus of InsightScores responses (spec/insights-scores.yaml).

usage: gen_corpus.py OUTDIR [--valid-mb 50] [--mix-mb 10] [--seed 6]

Writes OUTDIR/valid.ndjson (every document valid), OUTDIR/mix.ndjson (about
60 % of documents carry 1-3 violations: missing required members, wrong
types, null lastPeriod, floats for integers; the rest are valid, some with
integer-valued floats such as 72.0 that every validator must accept) and
OUTDIR/corpus.json (document and expected-invalid counts, which the driver
checks every validator against).

Standard library only; the same seed and sizes give the same bytes.
"""
import argparse
import json
import os
import random

METRICS = ["overall", "deploymentFrequency", "deploymentFailureRate", "leadTime",
           "impactSize", "experimentationCoverage", "flagHealth", "velocity", "risk",
           "efficiency"]
OPTIONAL_METRIC = "creationRatio"
# (indicator, min, max) bands as LaunchDarkly's examples use them.
BANDS = [("excellent", 80, 100), ("good", 60, 79), ("fair", 40, 59), ("poor", 0, 39)]
DAY_MS = 86_400_000
EPOCH_2023_MS = 1_672_531_200_000
LINK_NAMES = ["self", "parent", "project", "environment", "next", "prev"]
PROJECTS = ["default", "mobile-app", "checkout", "platform", "data-pipeline", "web"]
ENVIRONMENTS = ["production", "staging", "test", "dev"]


def metric(rng, depth):
    """One InsightsMetricScore, its lastPeriod chain `depth` levels deep."""
    indicator, lo, hi = rng.choice(BANDS)
    m = {"score": rng.randint(lo, hi), "indicator": indicator,
         "indicatorRange": {"min": lo, "max": hi}}
    if rng.random() < 0.6:
        m["aggregateOf"] = rng.sample(METRICS[1:], rng.randint(0, 4))
    if rng.random() < 0.7:
        m["diffVsLastPeriod"] = rng.randint(-40, 40)
    if depth > 0:
        m["lastPeriod"] = metric(rng, depth - 1)
    return m


def links(rng, project, env):
    out = {}
    for name in rng.sample(LINK_NAMES, rng.randint(0, 4)):
        link = {}
        if rng.random() < 0.9:
            link["href"] = ("/api/v2/engineering-insights/insights/scores?projectKey=%s"
                            "&environmentKey=%s&rel=%s" % (project, env, name))
        if rng.random() < 0.8:
            link["type"] = "application/json"
        out[name] = link
    return out


def document(rng):
    days = rng.choice([7, 14, 30, 90])
    end = EPOCH_2023_MS + rng.randint(0, 700) * DAY_MS + rng.randint(0, DAY_MS - 1)
    start = end - days * DAY_MS
    doc = {"period": {"startTime": start, "endTime": end},
           "lastPeriod": {"startTime": start - days * DAY_MS, "endTime": start}}
    names = METRICS + ([OPTIONAL_METRIC] if rng.random() < 0.5 else [])
    doc["scores"] = {name: metric(rng, rng.randint(0, 3)) for name in names}
    if rng.random() < 0.8:
        doc["_links"] = links(rng, rng.choice(PROJECTS), rng.choice(ENVIRONMENTS))
    if rng.random() < 0.05:
        doc["_meta"] = {"generatedBy": "insights", "version": 2}  # unknown member: allowed
    return doc


# ---- violations ------------------------------------------------------------
# Each mutation adds a violation, or does nothing when an earlier one removed
# its target; the first one applied to a fresh document always applies, and
# none removes a violation (a value it overwrites is replaced by a wrong one).

def all_metrics(doc):
    """Every InsightsMetricScore object in doc, nested lastPeriods included."""
    scores = doc.get("scores")
    found = []
    for m in (scores.values() if isinstance(scores, dict) else []):
        while isinstance(m, dict):
            found.append(m)
            m = m.get("lastPeriod")
    return found


def period_of(rng, doc):
    p = doc.get(rng.choice(["period", "lastPeriod"]))
    return p if isinstance(p, dict) else None


def drop_top(rng, doc):
    doc.pop(rng.choice(["period", "lastPeriod", "scores"]), None)


def drop_score_group(rng, doc):
    if isinstance(doc.get("scores"), dict):
        doc["scores"].pop(rng.choice(METRICS), None)


def drop_metric_member(rng, doc):
    ms = all_metrics(doc)
    if ms:
        rng.choice(ms).pop(rng.choice(["score", "indicator", "indicatorRange"]), None)


def drop_range_member(rng, doc):
    ms = all_metrics(doc)
    if ms:
        m = rng.choice(ms)
        r = m.setdefault("indicatorRange", {})
        if isinstance(r, dict):
            r.pop(rng.choice(["min", "max"]), None)


def drop_period_member(rng, doc):
    p = period_of(rng, doc)
    if p is not None:
        p.pop(rng.choice(["startTime", "endTime"]), None)


def null_last_period(rng, doc):
    ms = all_metrics(doc)
    if rng.random() < 0.5 or not ms:
        doc["lastPeriod"] = None
    else:
        rng.choice(ms)["lastPeriod"] = None


def wrong_type(rng, doc):
    ms = all_metrics(doc)
    if not ms:
        doc["scores"] = []
        return
    m = rng.choice(ms)
    choice = rng.randrange(8)
    if choice == 0:
        m["score"] = str(m.get("score", 1))
    elif choice == 1:
        m["indicator"] = 5
    elif choice == 2:
        m["indicatorRange"] = [0, 100]
    elif choice == 3:
        m["aggregateOf"] = "velocity"
    elif choice == 4:
        m["aggregateOf"] = ["velocity", 3]
    elif choice == 5:
        m["diffVsLastPeriod"] = True
    elif choice == 6:
        m["indicatorRange"] = {"min": "0", "max": 100}
    else:
        doc["_links"] = {"self": "/api/v2/engineering-insights/insights/scores"}


def float_for_int(rng, doc):
    ms = all_metrics(doc)
    p = period_of(rng, doc)
    choice = rng.randrange(3)
    if choice == 2 and p is not None:
        p["endTime"] = 1_717_200_000_000.5
    elif ms:
        m = rng.choice(ms)
        if choice == 0:
            m["score"] = 72.5
        else:
            m["indicatorRange"] = {"min": 60.25, "max": 79}
    else:
        doc["period"] = {"startTime": 0.5, "endTime": 1}


MUTATIONS = [drop_top, drop_score_group, drop_metric_member, drop_range_member,
             drop_period_member, null_last_period, wrong_type, float_for_int]


def integral_floats(rng, doc):
    """Valid trap: 72.0 is an integer in JSON Schema 2020-12."""
    for m in rng.sample(all_metrics(doc), 2):
        m["score"] = float(m["score"])


def violating(rng, doc):
    for _ in range(rng.randint(1, 3)):
        rng.choice(MUTATIONS)(rng, doc)
    return doc


# ---- output ----------------------------------------------------------------

def write_stream(path, target_bytes, make):
    """Write documents from make() until target_bytes; returns (docs, invalid)."""
    docs = invalid = size = 0
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        while size < target_bytes:
            doc, bad = make()
            line = json.dumps(doc, separators=(",", ":")) + "\n"
            out.write(line)
            size += len(line)
            docs += 1
            invalid += bad
    return docs, invalid, size


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir")
    ap.add_argument("--valid-mb", type=float, default=50.0)
    ap.add_argument("--mix-mb", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=6)
    args = ap.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    mb = 1_000_000

    rng = random.Random(args.seed)
    valid = write_stream(os.path.join(args.outdir, "valid.ndjson"), args.valid_mb * mb,
                         lambda: (document(rng), 0))

    def mixed():
        doc = document(rng)
        if rng.random() < 0.6:
            return violating(rng, doc), 1
        if rng.random() < 0.3:
            integral_floats(rng, doc)
        return doc, 0

    mix = write_stream(os.path.join(args.outdir, "mix.ndjson"), args.mix_mb * mb, mixed)
    manifest = {"seed": args.seed,
                "valid": {"documents": valid[0], "invalid": valid[1], "bytes": valid[2]},
                "mix": {"documents": mix[0], "invalid": mix[1], "bytes": mix[2]}}
    with open(os.path.join(args.outdir, "corpus.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    print("corpus: valid %d docs %.1f MB; mix %d docs (%d invalid) %.1f MB"
          % (valid[0], valid[2] / mb, mix[0], mix[1], mix[2] / mb))


if __name__ == "__main__":
    main()
