#!/usr/bin/env bash
# Issue 12's measurement, as a new user would take it: `bin/chimera run --watch` on a folder while artifacts land
# in it (shuffled, one every --every seconds, each written under a hidden name and renamed), optionally with part of
# them in place before the start; then `bin/chimera run --once` over the same folder, and the two jobs' statistics
# compared (the latest revision of each series' window). Needs python3 for the comparison.
#
#   bench/watch-vs-once.sh [--source DIR] [--present-share 0.5] [--every 0.1] [--seed 7] [--quiet 90]
#                          [--keep-times] [--work DIR] [-- RUN FLAGS]
#
# --keep-times copies with cp -p: every file keeps the source's modification time, as an rsync -t or a copy of a
# farm's history would.
#
# Prints: values averaged and failed values counted by each job, windows whose numbers differ, revisions seen.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source_dir="$here/../shared/corpus/chimera"
present_share=0
every=0.1
seed=7
quiet_seconds=90
copy=(cp)
work="$(mktemp -d /tmp/watch-vs-once.XXXXXX)"
run_flags=()
while [ $# -gt 0 ]; do
  case "$1" in
    --source) source_dir="$2"; shift 2 ;;
    --present-share) present_share="$2"; shift 2 ;;
    --every) every="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --quiet) quiet_seconds="$2"; shift 2 ;;
    --keep-times) copy=(cp -p); shift ;;
    --work) work="$2"; shift 2 ;;
    --) shift; run_flags=("$@"); break ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

farm="$work/farm"
mkdir -p "$farm"
rm -rf "$work/out-watch" "$work/out-once" "${farm:?}"/*
# Build first, so the watching job does not start while Maven runs.
"$here/bin/chimera" help >/dev/null

mapfile -t files < <(cd "$source_dir" && find . -type f ! -name LICENSE | sed 's|^\./||' \
  | python3 -c "import random,sys; l=sys.stdin.read().split(); random.Random($seed).shuffle(l); print('\n'.join(l))")
present=$(python3 -c "print(int(${#files[@]} * $present_share))")

land() {
  local relative="$1" target="$farm/$1"
  mkdir -p "$(dirname "$target")"
  local hidden
  hidden="$(dirname "$target")/.$(basename "$target")"
  "${copy[@]}" "$source_dir/$relative" "$hidden"
  mv "$hidden" "$target"
}

for ((i = 0; i < present; i++)); do land "${files[$i]}"; done
"$here/bin/chimera" run --watch --input "$farm" --output "$work/out-watch" --web-ui-port 0 "${run_flags[@]}" \
  >"$work/watch.log" 2>&1 &
watcher=$!
sleep 8
for ((i = present; i < ${#files[@]}; i++)); do land "${files[$i]}"; sleep "$every"; done

# Quiet: no new committed statistics for longer than a window (1 min by default) plus the flush timeout and a
# checkpoint interval: the last window closes by the wall clock, and outputs are committed at each checkpoint.
last=""
quiet=0
while [ "$quiet" -lt "$quiet_seconds" ]; do
  # A part file renamed while find walks makes it fail: count again next time.
  now="$( (find "$work/out-watch/stats" -name '*.jsonl' ! -name '.*' -exec cat {} + 2>/dev/null || true) | wc -l)"
  if [ "$now" = "$last" ]; then quiet=$((quiet + 2)); else quiet=0; last="$now"; fi
  sleep 2
done
kill -TERM "$watcher" 2>/dev/null || true
wait "$watcher" 2>/dev/null || true

"$here/bin/chimera" run --once --input "$farm" --output "$work/out-once" "${run_flags[@]}" >"$work/once.log" 2>&1

python3 - "$work" <<'EOF'
import glob, json, os, sys
work = sys.argv[1]

def latest(out):
    best = {}
    for path in glob.glob(os.path.join(out, "stats", "**", "*.jsonl"), recursive=True):
        if os.path.basename(path).startswith("."):
            continue
        for line in open(path):
            s = json.loads(line)
            key = (s["suite"], s["windowStart"], s["metric"], s.get("unit"), json.dumps(s["series"], sort_keys=True))
            if key not in best or s.get("revision", 0) >= best[key].get("revision", 0):
                best[key] = s
    return best

watch, once = latest(os.path.join(work, "out-watch")), latest(os.path.join(work, "out-once"))
fields = ["count", "failed", "sum", "mean", "min", "max"]
differ = [k for k in once if k not in watch or any(watch[k][f] != once[k][f] for f in fields)]
revisions = sum(1 for s in watch.values() if s.get("revision", 0) > 0)
print(f"bounded run: {sum(s['count'] for s in once.values())} values averaged, "
      f"{sum(s['failed'] for s in once.values())} failed values, {len(once)} series windows")
print(f"watching job (latest revisions): {sum(s['count'] for s in watch.values())} values averaged, "
      f"{sum(s['failed'] for s in watch.values())} failed values, {len(watch)} series windows, "
      f"{revisions} of them revised")
print(f"series windows whose numbers differ or are missing: {len(differ)}; only in the watching job: "
      f"{len([k for k in watch if k not in once])}")
EOF
echo "work folder: $work"
