# shellcheck shell=bash disable=SC2154 # the variables are run.sh's
# lib.sh - the measuring functions of bench/run.sh (sourced; uses its
# variables: root bench out build py runs gen_runs stream_mb requests results).
# Every measurement appends one row to $results:
#   kind tool corpus run wall_s rss_kb documents invalid inproc_s bytes exit cpu_s
# cpu_s (user + system, from wait4: proc_clock.c) is steadier than wall time on a busy
# machine: time spent waiting for a core does not count.
# kind: validate | stream | gen | request. For request rows "documents" is
# the request count and "invalid" the failed requests.

cflags=(-std=c11 -O3 -DNDEBUG -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wshadow
        -Wstrict-prototypes -Wmissing-prototypes -Werror)
cxxflags=(-std=c++17 -O3 -DNDEBUG -Wall -Wextra -Wshadow -Werror)

build_bench_programs() {
  build_c_programs && build_cxx_peers
}

# The C programs, from the project's packages alone (the test
# bench_programs_build compiles them, so they follow the library's headers):
# the floors and loops, keys_bench, proc_clock. Needs $build's libldrest.a.
build_c_programs() {
  local libs mhd own=(-I"$root/runtime/include/oas")
  libs=$(pkg-config --libs libcjson libcurl) || return 1
  mhd=$(pkg-config --cflags --libs libmicrohttpd) || return 1
  mkdir -p "$out/bin"
  # shellcheck disable=SC2086 # pkg-config output is a word list
  cc "${cflags[@]}" -o "$out/bin/cjson_floor" "$bench/cjson_floor.c" $libs &&
  cc "${cflags[@]}" "${own[@]}" -o "$out/bin/oas_json_floor" "$bench/oas_json_floor.c" \
     "$build/libldrest.a" $libs -lm &&
  cc "${cflags[@]}" -o "$out/bin/curl_loop" "$bench/curl_loop.c" $libs &&
  cc "${cflags[@]}" "${own[@]}" -I"$build/generated" -o "$out/bin/request_loop" \
     "$bench/request_loop.c" "$build/libldrest.a" $libs -lm -lpthread &&
  cc "${cflags[@]}" "${own[@]}" -I"$root/tests/runtime" -o "$out/bin/keys_bench" \
     "$bench/keys_bench.c" "$root/tests/runtime/support_crafted_keys.c" "$build/libldrest.a" \
     $libs -lm &&
  cc "${cflags[@]}" -o "$out/bin/static_server" "$bench/static_server.c" $mhd &&
  cc "${cflags[@]}" -o "$out/bin/proc_clock" "$bench/proc_clock.c"
}

# The C++ peers of bench/floor/ (bench-only Debian packages, see
# bench/install-deps.sh): simdjson and RapidJSON parse-only floors, the
# valijson validator.
build_cxx_peers() {
  c++ "${cxxflags[@]}" -o "$out/bin/simdjson_floor" "$bench/floor/simdjson_floor.cpp" -lsimdjson &&
  c++ "${cxxflags[@]}" -o "$out/bin/rapidjson_floor" "$bench/floor/rapidjson_floor.cpp" &&
  c++ "${cxxflags[@]}" -o "$out/bin/valijson_validate" "$bench/floor/valijson_validate.cpp"
}

# timed CMD...: run it with stdout in $out/last.stdout; sets WALL and CPU
# (seconds, microsecond resolution: proc_clock.c, which build_c_programs
# builds), RSS (peak KiB) and EXIT.
timed() {
  "$out/bin/proc_clock" "$out/last.time" "$@" >"$out/last.stdout" 2>"$out/last.stderr"
  read -r WALL CPU RSS EXIT <"$out/last.time" || { WALL=NA CPU=NA RSS=NA EXIT=2; }
}

record() { # kind tool corpus run documents invalid inproc bytes
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
    "$1" "$2" "$3" "$4" "$WALL" "$RSS" "$5" "$6" "$7" "$8" "$EXIT" "${CPU:-NA}" >>"$results"
}

loud() {
  printf '\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n' >&2
  printf '!!! %s\n' "$@" >&2
  printf '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\n' >&2
}

# measure_peer TOOL CORPUS RUN FILE CMD...: the command prints
# `documents N invalid M seconds S`.
measure_peer() {
  local tool=$1 corpus=$2 run=$3 file=$4
  shift 4
  timed "$@"
  local docs invalid secs
  read -r _ docs _ invalid _ secs < <(grep '^documents ' "$out/last.stdout")
  if [ "$EXIT" -ne 0 ] || [ -z "${secs:-}" ]; then
    loud "$tool on $corpus failed (exit $EXIT): $(tail -n 3 "$out/last.stderr")"
    docs=NA invalid=NA secs=NA
  fi
  record validate "$tool" "$corpus" "$run" "$docs" "$invalid" "$secs" "$(stat -c %s "$file")"
}

# measure_ldrest TOOL CORPUS RUN FILE OPTIONS...: one JSON verdict per line.
# Formats asserted, as the peers assert int64/int32 (the same work).
measure_ldrest() {
  local tool=$1 corpus=$2 run=$3 file=$4
  shift 4
  timed "$build/ldrest" validate --ndjson --format json --max-errors 0 --assert-formats "$@" "$file"
  local docs invalid
  docs=$(wc -l <"$out/last.stdout")
  invalid=$(grep -c '"valid":false' "$out/last.stdout")
  if [ "$EXIT" -gt 1 ]; then
    loud "$tool on $corpus failed (exit $EXIT): $(tail -n 3 "$out/last.stderr")"
    docs=NA invalid=NA
  fi
  record validate "$tool" "$corpus" "$run" "$docs" "$invalid" "$WALL" "$(stat -c %s "$file")"
}

measure_generators() {
  local spec="$root/spec/ld-openapi.yaml" bytes r
  [ -f "$spec" ] || spec="$root/../shared/specs/ld-openapi.yaml"
  [ -f "$spec" ] || { echo "bench: no ld-openapi.yaml; generator timing skipped" >&2; return; }
  bytes=$(stat -c %s "$spec")
  mkdir -p "$out/gen-oas2c" "$out/gen-openapi-typescript"
  for ((r = 1; r <= gen_runs; r++)); do
    timed "$build/oas2c" --prefix ld_ --output "$out/gen-oas2c" "$spec"
    [ "$EXIT" -eq 0 ] || loud "oas2c failed on $spec (exit $EXIT)"
    record gen oas2c ld-openapi "$r" 1 0 "$WALL" "$bytes"
    timed "$bench/node_modules/.bin/openapi-typescript" "$spec" \
      -o "$out/gen-openapi-typescript/ld-openapi.ts"
    [ "$EXIT" -eq 0 ] || loud "openapi-typescript failed on $spec (exit $EXIT)"
    record gen openapi-typescript ld-openapi "$r" 1 0 "$WALL" "$bytes"
  done
}

# The valid corpus repeated to stream_mb through a pipe into `validate -`:
# peak RSS must not grow with the input. Verdicts go to /dev/null; the exit
# status tells whether every document was valid.
measure_stream() {
  local bytes docs reps jobs tool
  bytes=$(stat -c %s "$out/valid.ndjson")
  docs=$(wc -l <"$out/valid.ndjson")
  reps=$(((stream_mb * 1000000 + bytes - 1) / bytes))
  for jobs in 1 0; do
    tool=ldrest-1core
    [ "$jobs" = 0 ] && tool=ldrest-jobs
    local t0 t1
    t0=$(date +%s%N)
    for ((i = 0; i < reps; i++)); do cat "$out/valid.ndjson"; done |
      /usr/bin/time -v -o "$out/last.time" "$build/ldrest" validate --ndjson --format json \
        --max-errors 0 --jobs "$jobs" - >/dev/null 2>"$out/last.stderr"
    EXIT=$?
    t1=$(date +%s%N)
    WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", (b - a) / 1e9 }')
    RSS=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/last.time")
    CPU=$(awk -F': ' '/User time|System time/ { t += $2 } END { printf "%.2f", t }' "$out/last.time")
    [ "$EXIT" -eq 0 ] || loud "streaming $tool: exit $EXIT (expected 0: all valid)"
    record stream "$tool" "stream" 1 $((docs * reps)) $((EXIT == 0 ? 0 : -1)) "$WALL" \
      $((bytes * reps))
    echo "  $tool: $((bytes * reps / 1000000)) MB, peak RSS ${RSS} KiB" >&2
  done
}

# listening_url LOG PID: the URL a server started with --port 0 printed to
# LOG ("listening on URL"), waiting up to 5 s while PID runs; fails when it
# never does.
listening_url() {
  local log=$1 pid=$2 i base
  for ((i = 0; i < 50; i++)); do
    base=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$log" | head -n 1)
    [ -n "$base" ] && { echo "$base"; return 0; }
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

measure_requests() {
  local base url pid r reqs failed secs
  "$build/ldrest" mock --host 127.0.0.1 --port 0 --quiet >"$out/mock.log" 2>&1 &
  pid=$!
  base=$(listening_url "$out/mock.log" "$pid")
  url="$base/api/v2/engineering-insights/insights/scores?projectKey=default&environmentKey=production"
  if [ -z "$base" ] || ! "$out/bin/curl_loop" "$url" 1 >/dev/null 2>&1; then
    echo "  ldrest mock is not available ($(head -c 200 "$out/mock.log")); request path skipped" >&2
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    return
  fi
  for ((r = 1; r <= runs; r++)); do
    for tool in curl-loop curl-cjson request-fn request-fn-novalidate request-http; do
      case $tool in
        curl-loop) timed "$out/bin/curl_loop" "$url" "$requests" ;;
        curl-cjson) timed "$out/bin/curl_loop" "$url" "$requests" cjson ;;
        request-fn) timed "$out/bin/request_loop" "$base" "$requests" ;;
        request-http) timed "$out/bin/request_loop" "$base" "$requests" raw ;;
        *) timed "$out/bin/request_loop" "$base" "$requests" off ;;
      esac
      reqs='' failed='' secs=''
      read -r _ reqs _ failed _ secs < <(grep '^requests ' "$out/last.stdout")
      [ "$EXIT" -eq 0 ] || loud "$tool: $failed of $reqs requests failed: $(head -c 300 "$out/last.stderr")"
      record request "$tool" loopback "$r" "${reqs:-NA}" "${failed:-NA}" "${secs:-NA}" 0
    done
  done
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}

collect_machine_info() {
  local cpu
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
  echo "nproc=$(nproc)"
  echo "cpu=${cpu:-unknown}"
  echo "kernel=$(uname -r)"
  echo "cc=$(cc --version | head -n 1)"
  echo "node=$(node --version)"
  echo "ajv=$(node -p "require('$bench/node_modules/ajv/package.json').version")"
  echo "openapi-typescript=$(node -p "require('$bench/node_modules/openapi-typescript/package.json').version")"
  echo "python=$("$py" -c 'import platform; print(platform.python_version())')"
  echo "jsonschema=$("$py" -c 'import importlib.metadata as m; print(m.version("jsonschema"))')"
  echo "cjson=$(pkg-config --modversion libcjson)"
  echo "libcurl=$(pkg-config --modversion libcurl)"
  echo "simdjson=$(pkg-config --modversion simdjson)"
  echo "rapidjson=$(dpkg-query -W -f='${Version}' rapidjson-dev 2>/dev/null)"
  echo "valijson=$(dpkg-query -W -f='${Version}' libvalijson-dev 2>/dev/null)"
  echo "ldrest=$("$build/ldrest" --version 2>&1 | head -n 1)"
  echo "oas2c=$("$build/oas2c" --version 2>&1 | head -n 1)"
  echo "date=$(date -u +%Y-%m-%d)"
}
