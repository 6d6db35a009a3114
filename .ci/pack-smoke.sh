#!/usr/bin/env bash
# What a consumer installs: `npm pack` the current build (dist/ and the
# patched node_modules/ts-mls, which package.json bundles), check the
# tarball's contents, install it into a fresh project outside the repo (with
# an unpatched ts-mls of its own beside it, which must not be the one the
# harness uses), then run .ci/pack-smoke-consumer.sh there (every subpath
# export, the bundled ts-mls is the patched one, one external join, runCatalog
# from the package against a planted bug and the reference) and the CLI through
# npx (`run` over the whole catalog with --json, exit 1 against a planted bug),
# and defineConformanceSuite in the consumer's own vitest (an optional peer the
# consumer installs). Exits 1 with a "pack-smoke: FAIL:" line on any problem.
# Needs the repo's `npm ci` first (dist/ built, ts-mls patched). Other
# dependencies come from the npm cache or registry (--prefer-offline).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
fail() { echo "pack-smoke: FAIL: $*" >&2; exit 1; }

[[ -f dist/harness/index.js ]] || fail "dist/ is not built; run npm ci (or npm run build) first"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The build is already fresh here, so pack it as is (prepare would rebuild).
tarball=$(npm pack --ignore-scripts --silent --pack-destination "$work" | tail -n 1)
tgz="$work/$tarball"
[[ -f "$tgz" ]] || fail "npm pack wrote no tarball (got '$tarball')"
listing=$(tar -tzf "$tgz")
for file in package/node_modules/ts-mls/package.json package/node_modules/ts-mls/dist/src/externalSender.js \
  package/node_modules/@hpke/core/package.json package/dist/harness/index.js package/bin/mimi-harness.js \
  package/fixtures/vectors/DSRequest.json package/fixtures/mls-wg/messages.json package/dist/scenarios/index.js \
  package/dist/scenarios/index.d.ts package/dist/harness/vitest/index.js package/dist/harness/report/index.js; do
  grep -qx "$file" <<<"$listing" || fail "the tarball lacks $file (bundleDependencies or files in package.json?)"
done
tar -xzOf "$tgz" package/node_modules/ts-mls/dist/src/externalSender.js | grep -q 'export function decodeExternalSenders(' \
  || fail "the tarball's node_modules/ts-mls is not patched (was npm ci run with --ignore-scripts?)"
unwanted='^package/(test|harness|scenarios|\.ci|coverage|node_modules/\.bin)/|^package/dist/.*\.map$|^package/dist/.*\.test\.(js|d\.ts)$|\.tgz$'
if grep -Eq "$unwanted" <<<"$listing"; then
  fail "the tarball ships what it should not: $(grep -E "$unwanted" <<<"$listing" | head -3 | tr '\n' ' ')"
fi
# Nothing may run at a consumer's install: patch-package and tsc are dev dependencies.
tar -xzOf "$tgz" package/package.json | node -e '
  const scripts = JSON.parse(require("fs").readFileSync(0, "utf8")).scripts ?? {};
  const run = ["preinstall", "install", "postinstall"].filter((s) => s in scripts);
  if (run.length > 0) { console.error(`pack-smoke: FAIL: the package runs ${run.join(", ")} at a consumer'"'"'s install`); process.exit(1); }'

consumer="$work/consumer"
mkdir "$consumer"
printf '{ "name": "pack-smoke-consumer", "version": "1.0.0", "private": true, "type": "module" }\n' >"$consumer/package.json"
tsmls=$(node -p 'require("./package.json").dependencies["ts-mls"]')
# vitest is the harness's optional peer (for ./vitest): the consumer brings its own, as a real one would.
vitest=$(node -p 'require("./package.json").devDependencies.vitest')
(cd "$consumer" && npm install --prefer-offline --no-audit --no-fund --loglevel=error "$tgz" "ts-mls@$tsmls" "vitest@$vitest") \
  || fail "npm install of the tarball into a fresh project failed"
bash .ci/pack-smoke-consumer.sh "$consumer" || fail "the installed package does not work (see the FAIL lines above)"
help=$(cd "$consumer" && npx --no-install mimi-harness --help) || fail "npx mimi-harness --help failed in the consumer"
grep -q '^Commands:' <<<"$help" || fail "npx mimi-harness --help did not print the help"
structs=$(cd "$consumer" && npx --no-install mimi-harness structs) || fail "npx mimi-harness structs failed in the consumer"
grep -qx 'DSRequest' <<<"$structs" || fail "npx mimi-harness structs does not list DSRequest"
(cd "$consumer" && npx --no-install mimi-harness check-vectors >/dev/null) || fail "npx mimi-harness check-vectors (the bundled vectors) failed in the consumer"
# The fuzzer from the installed package, against the harness's own decoder as a spawned process: no finding (exit 0).
(cd "$consumer" && npx --no-install mimi-harness fuzz --against "node node_modules/mimi-transport-harness/bin/mimi-harness.js decode --stdin" --runs 300 --seed 1 >fuzz.log 2>&1) \
  || { tail -20 "$consumer/fuzz.log" >&2; fail "npx mimi-harness fuzz against the harness's own decode --stdin failed in the consumer"; }
# The main job from the installed package: the whole catalog against the reference passes (exit 0) and writes
# its JSON; against a planted-bug variant it exits 1.
(cd "$consumer" && npx --no-install mimi-harness run --json run.json >run.log 2>&1) || { tail -20 "$consumer/run.log" >&2; fail "npx mimi-harness run failed in the consumer"; }
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); if (!(r.results.length > 0 && /^[0-9a-f]{64}$/.test(r.traceHash))) process.exit(1)' "$consumer/run.json" \
  || fail "npx mimi-harness run --json wrote no results or no trace hash"
# A planted bug with a MUST or PROFILE check among those that catch it, and that check's id (tab-separated).
pick=$(cd "$consumer" && node --input-type=module -e '
  import { CATALOG, PLANTED } from "mimi-transport-harness/catalog";
  const gating = (id) => ["MUST", "PROFILE"].includes(CATALOG.find((c) => c.id === id)?.level);
  const bug = PLANTED.find((b) => b.caughtBy.some(gating));
  console.log(`${bug.name}\t${bug.caughtBy.find(gating)}`);') || fail "no planted bug with a MUST or PROFILE check in the installed catalog"
set +e
(cd "$consumer" && npx --no-install mimi-harness run --planted "${pick%%$'\t'*}" --check "${pick#*$'\t'}" >/dev/null 2>&1)
status=$?
set -e
[[ $status -eq 1 ]] || fail "npx mimi-harness run --planted \"${pick%%$'\t'*}\" --check ${pick#*$'\t'} exited $status, not 1"
# defineConformanceSuite in the consumer's own vitest: one test per check, the first check of the catalog passes.
cat >"$consumer/conformance.test.js" <<'EOF_TEST'
import { referenceTarget } from 'mimi-transport-harness/conformance';
import { CATALOG } from 'mimi-transport-harness/catalog';
import { defineConformanceSuite } from 'mimi-transport-harness/vitest';
defineConformanceSuite({ target: referenceTarget({ domain: 'target.test' }), checks: CATALOG.slice(0, 1) });
EOF_TEST
(cd "$consumer" && npx --no-install vitest run conformance.test.js >vitest.log 2>&1) || { tail -20 "$consumer/vitest.log" >&2; fail "defineConformanceSuite failed in the consumer's vitest"; }
grep -q 'Tests .*1 passed' "$consumer/vitest.log" || { tail -20 "$consumer/vitest.log" >&2; fail "the consumer's vitest did not report the one conformance test as passed"; }
echo "pack-smoke: ok ($tarball, $(wc -c <"$tgz") bytes, $(grep -c . <<<"$listing") files, $((SECONDS - started)) s)"
