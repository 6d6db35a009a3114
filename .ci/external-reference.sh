#!/bin/sh
# The whole catalog against the reference provider behind `mimi-harness serve`, as an external target in
# another process over real loopback TLS, compared with the in-process run (issue 11 §5): every verdict must be
# equal, except checks that report skip or unsupported with a reason for an external target (docs/EXTERNAL.md).
# Optional: a --check glob as $1, to compare only those checks.
set -eu
cd "$(dirname "$0")/.."
select=${1:+--check $1}
[ -f dist/harness/cli/index.js ] || npm run -s build
dir=$(mktemp -d)
serve_pid=
cleanup() { [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
node bin/mimi-harness.js run --seed 1 $select --json "$dir/in.json" > "$dir/in.log" || true
node bin/mimi-harness.js serve --providers 1 --out "$dir/serve" --peers "$dir/peers" --peers-timeout-ms 60000 > "$dir/serve.log" 2>&1 &
serve_pid=$!
i=0
until [ -f "$dir/serve/target.json" ]; do
  i=$((i + 1)); [ "$i" -le 300 ] || { echo "external-reference: serve wrote no target.json within 30 s"; cat "$dir/serve.log"; exit 1; }
  sleep 0.1
done
node bin/mimi-harness.js run --seed 1 --check-timeout-ms "${MIMI_CHECK_TIMEOUT_MS:-120000}" $select --target-config "$dir/serve/target.json" --peers-out "$dir/peers" --json "$dir/ext.json" > "$dir/ext.log" || true
tail -n 14 "$dir/ext.log"
node -e '
const [inside, outside] = process.argv.slice(1).map((f) => JSON.parse(require("fs").readFileSync(f, "utf8")).results);
const byId = new Map(inside.map((r) => [r.id, r]));
let bad = 0, excused = 0;
for (const r of outside) {
  const i = byId.get(r.id);
  if (i === undefined) { console.log(`only external: ${r.id}`); bad++; continue; }
  if (r.status === i.status) continue;
  if ((r.status === "skip" || r.status === "unsupported") && (r.evidence.actual ?? "") !== "") { excused++; console.log(`excused   ${r.id}: ${r.status} (${r.evidence.actual})`); continue; }
  bad++; console.log(`DIFFERENT ${r.id}: in-process ${i.status}, external ${r.status}: ${r.evidence.actual ?? ""}`);
}
console.log(`${outside.length} checks: ${outside.length - bad - excused} equal, ${excused} skip/unsupported with a reason, ${bad} different`);
process.exit(bad === 0 && outside.length === inside.length ? 0 : 1);
' "$dir/in.json" "$dir/ext.json"
