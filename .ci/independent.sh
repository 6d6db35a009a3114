#!/bin/sh
# The whole catalog against the independent provider (test/independent-provider/, issue 11 §3): a MIMI provider
# in another process that shares only the codec, messages and MLS layer with the harness. Every check it implements
# must pass; the ones it leaves out are expected failures in its target config (expected-failures.json), which the
# report shows as such and which do not gate. This is the worked example of docs/ADAPTER.md, step by step.
set -eu
cd "$(dirname "$0")/.."
[ -f dist/harness/cli/index.js ] || npm run -s build
# 1. Build it.
npx tsc -p test/independent-provider
dir=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
# 2. Start it: it makes its CA and certificate, listens, writes its target config, and waits for the peers dir.
node test/independent-provider/build/main.js --peers "$dir/peers" --out "$dir/provider" > "$dir/provider.log" 2>&1 &
pid=$!
i=0
until [ -f "$dir/provider/target.json" ]; do
  i=$((i + 1)); [ "$i" -le 300 ] || { echo "independent: no target.json within 30 s"; cat "$dir/provider.log"; exit 1; }
  sleep 0.1
done
# 3. Run the catalog against it; the harness writes its peers dir, which the provider reads before it answers discovery.
status=0
node bin/mimi-harness.js run --seed 1 --check-timeout-ms "${MIMI_CHECK_TIMEOUT_MS:-120000}" --target-config "$dir/provider/target.json" --peers-out "$dir/peers" \
  --json "${MIMI_INDEPENDENT_JSON:-$dir/report.json}" ${MIMI_INDEPENDENT_CHECKS:+--check "$MIMI_INDEPENDENT_CHECKS"} > "$dir/run.log" 2>&1 || status=$?
# 4. Read the report: one line per check, then the summary.
cat "$dir/run.log"
[ "$status" -eq 0 ] || { echo "independent: the run failed (exit $status); the provider's log:"; tail -n 40 "$dir/provider.log"; }
exit "$status"
