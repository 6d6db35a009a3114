#!/usr/bin/env bash
# What a consumer installs: `npm pack` the current build (dist/ and the
# patched node_modules/ts-mls, which package.json bundles), check the
# tarball's contents, install it into a fresh project outside the repo (with
# an unpatched ts-mls of its own beside it, which must not be the one the
# harness uses), then run .ci/pack-smoke-consumer.sh there (every subpath
# export, the bundled ts-mls is the patched one, one external join) and the
# CLI through npx. Exits 1 with a "pack-smoke: FAIL:" line on any problem.
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
  package/fixtures/vectors/DSRequest.json package/fixtures/mls-wg/messages.json; do
  grep -qx "$file" <<<"$listing" || fail "the tarball lacks $file (bundleDependencies or files in package.json?)"
done
tar -xzOf "$tgz" package/node_modules/ts-mls/dist/src/externalSender.js | grep -q 'export function decodeExternalSenders(' \
  || fail "the tarball's node_modules/ts-mls is not patched (was npm ci run with --ignore-scripts?)"
unwanted='^package/(test|harness|\.ci|coverage|node_modules/\.bin)/|^package/dist/.*\.map$|\.tgz$'
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
(cd "$consumer" && npm install --prefer-offline --no-audit --no-fund --loglevel=error "$tgz" "ts-mls@$tsmls") \
  || fail "npm install of the tarball into a fresh project failed"
bash .ci/pack-smoke-consumer.sh "$consumer" || fail "the installed package does not work (see the FAIL lines above)"
help=$(cd "$consumer" && npx --no-install mimi-harness --help) || fail "npx mimi-harness --help failed in the consumer"
grep -q '^Commands:' <<<"$help" || fail "npx mimi-harness --help did not print the help"
structs=$(cd "$consumer" && npx --no-install mimi-harness structs) || fail "npx mimi-harness structs failed in the consumer"
grep -qx 'DSRequest' <<<"$structs" || fail "npx mimi-harness structs does not list DSRequest"
(cd "$consumer" && npx --no-install mimi-harness run >/dev/null) || fail "npx mimi-harness run (the bundled vectors) failed in the consumer"
echo "pack-smoke: ok ($tarball, $(wc -c <"$tgz") bytes, $(grep -c . <<<"$listing") files, $((SECONDS - started)) s)"
