# terminal_lib.bash - for the tests/cli/terminal_*.sh script tests (not a
# test itself: ctest registers only *.sh). Source it after validate_lib.bash.

# terminal_safe NAME FILE...
# Counts a failure (as expect does) when a file holds anything a terminal
# would act on or that hides text: a C0 control other than LF, DEL, a C1
# control (as UTF-8 or as a raw byte), invalid UTF-8, or a bidi control.
terminal_safe() {
  local name=$1
  shift
  checks=$((checks + 1))
  if ! python3 - "$@" <<'PY'
import sys
BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
bad = 0
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    try:
        text = data.decode("utf-8")  # strict: overlongs and surrogates fail too
    except UnicodeDecodeError as e:
        print(f"  {path}: invalid UTF-8 at byte {e.start}: {data[e.start:e.start + 4]!r}")
        bad = 1
        continue
    for i, ch in enumerate(text):
        o = ord(ch)
        if (o < 0x20 and ch != "\n") or 0x7F <= o <= 0x9F or o in BIDI:
            print(f"  {path}: raw U+{o:04X} at character {i}: {text[max(0, i - 20):i + 20]!r}")
            bad = 1
            break
sys.exit(bad)
PY
  then
    echo "FAIL $name: raw control bytes reach the terminal"
    failures=$((failures + 1))
  fi
}

# expect_safe NAME RC STDOUT STDERR -- COMMAND...
# expect, then terminal_safe on both of its streams.
expect_safe() {
  local name=$1
  expect "$@"
  terminal_safe "$name" "$tmp/out" "$tmp/err"
}
