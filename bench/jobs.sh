#!/usr/bin/env bash
# jobs.sh - how `ldrest validate --ndjson --jobs N` scales, beside its peer
# on the same cores at the same moment: the file cut in N whole-line parts,
# each checked by its own `--jobs 1` process, all N at once. The processes
# share nothing, so their speed-up is what these cores give independent work
# right now (other load included); --jobs N should come near it.
# Prints, per configuration, medians of wall seconds and of CPU seconds
# (user + system, GNU time, 10 ms resolution), MB/s, MB per CPU-second, and
# the speed-ups against --jobs 1. CPU per MB should not grow with N: a lock,
# a shared allocator or a busy-waiting reader would show there first.
# Under load from other work the wall figures say more about the scheduler
# than about ldrest (N threads get N shares of a busy machine). JOBS_RT=1
# runs every process under `chrt -f 10` (SCHED_FIFO, needs root): our
# threads then take the cores before any ordinary task, as on a quiet
# machine, for the second or so each run lasts.
# Not a test. Runnable alone.
#
# usage: bench/jobs.sh FILE.ndjson [LDREST...]   (default LDREST:
#   build-bench/ldrest); several binaries (e.g. before/after) are measured
#   interleaved in the same run. Knobs: JOBS_N=2 JOBS_RUNS=7
#   JOBS_SCHEMA=InsightScores JOBS_RT=0.
set -uo pipefail

file=${1:?usage: bench/jobs.sh FILE.ndjson [LDREST...]}
shift
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ $# -gt 0 ] || set -- "$root/build-bench/ldrest"
n=${JOBS_N:-2}
runs=${JOBS_RUNS:-7}
schema=${JOBS_SCHEMA:-InsightScores}
rt=()
[ "${JOBS_RT:-0}" = 1 ] && rt=(chrt -f 10)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bytes=$(stat -c %s "$file")
# N parts of whole lines for the peer (split -n l/N never cuts a line).
split -n "l/$n" -d "$file" "$work/part."

# timed_group LABEL CMD...: run CMD (a command line for bash) in one shell
# under $rt; append "LABEL wall cpu" to $work/rows: wall measured inside that
# shell (ns clock), CPU (user + system) summed over the *.time files that
# GNU time leaves in $work/t.
timed_group() {
  local label=$1
  shift
  rm -f "$work"/t/*.time
  # shellcheck disable=SC2016 # expanded by the inner shell
  "${rt[@]}" bash -c 't0=$(date +%s%N); '"$*"'; t1=$(date +%s%N); echo $(((t1 - t0) / 1000))' \
    >"$work/us" 2>"$work/err" || { echo "jobs: $label failed: $(head -c 300 "$work/err")" >&2; return; }
  cat "$work"/t/*.time | awk -v l="$label" -v us="$(cat "$work/us")" \
    '{ t += $1 + $2 } END { printf "%s %.6f %.2f\n", l, us / 1e6, t }' >>"$work/rows"
}

# ldrest_cmd LDREST JOBS FILE TIMEFILE: the command line of one process.
ldrest_cmd() {
  printf '/usr/bin/time -f "%%U %%S" -o %q %q validate --schema %q --ndjson --format json \
--max-errors 0 --jobs %q %q >/dev/null 2>&1 || [ $? -le 1 ]' "$4" "$1" "$schema" "$2" "$3"
}

mkdir -p "$work/t"
: >"$work/rows"
for ((r = 1; r <= runs; r++)); do
  i=0
  for ldrest in "$@"; do
    i=$((i + 1))
    for jobs in 1 "$n"; do
      timed_group "bin$i --jobs $jobs" "$(ldrest_cmd "$ldrest" "$jobs" "$file" "$work/t/1.time")"
    done
    # The peer: N processes started together, the group timed as one.
    group=''
    for p in "$work"/part.*; do
      group+="$(ldrest_cmd "$ldrest" 1 "$p" "$work/t/${p##*/}.time") & "
    done
    timed_group "bin$i $n-processes" "$group wait"
  done
  echo "  run $r/$runs" >&2
done

echo "file $file ($bytes bytes), $runs runs, interleaved${rt[*]:+, under ${rt[*]}}; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
i=0
for ldrest in "$@"; do
  i=$((i + 1))
  echo "bin$i = $ldrest"
done
python3 - "$work/rows" "$bytes" "$n" <<'PY'
import statistics, sys
rows, size, n = sys.argv[1], int(sys.argv[2]), sys.argv[3]
data = {}
for line in open(rows):
    *label, wall, cpu = line.split()
    data.setdefault(" ".join(label), []).append((float(wall), float(cpu)))
mb = size / 1e6
print("| run | wall s | CPU s | MB/s | MB per CPU-s | speed-up vs --jobs 1 | CPU vs --jobs 1 |")
print("|---|---:|---:|---:|---:|---:|---:|")
for label, vals in data.items():
    wall = statistics.median(v[0] for v in vals)
    cpu = statistics.median(v[1] for v in vals)
    base = data[label.split()[0] + " --jobs 1"]
    bwall = statistics.median(v[0] for v in base)
    bcpu = statistics.median(v[1] for v in base)
    print("| %s | %.3f | %.2f | %.0f | %.0f | %.2fx | %.2fx |" % (
        label, wall, cpu, mb / wall, mb / cpu if cpu else float("inf"), bwall / wall,
        cpu / bcpu if bcpu else float("nan")))
PY
