# Sourced by the load scripts: LIMITS=(...) becomes the flags that lift every abuse limit, read from
# the one block of docs/benchmarks.md that lists them (after the line "<!-- limits-lifted -->").
# Every socket of a load test comes from 127.0.0.1, and the limits count per address.
bench_limits() {
  local doc="$1"
  awk '/^<!-- limits-lifted -->$/ { on = 1; next }
       on && /^```/ { if (fenced) exit; fenced = 1; next }
       on && fenced { for (i = 1; i <= NF; i++) if ($i ~ /^--/) print $i }' "$doc"
}
mapfile -t LIMITS < <(bench_limits "$(dirname "${BASH_SOURCE[0]}")/../../docs/benchmarks.md")
[ "${#LIMITS[@]}" -gt 0 ] || { echo "no limits-lifted block in docs/benchmarks.md" >&2; exit 1; }
