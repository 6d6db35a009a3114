#!/usr/bin/env bash
# End-to-end check of `mimi-harness serve` as a real process: start it, wait
# for hosts.json, fetch discovery with curl, check that curl refuses the
# expired-certificate variant host, then stop it with a signal (SIGTERM, then
# SIGINT on a second run) and expect exit 0 each time.
set -euo pipefail
for signal in TERM INT; do
  dir=$(mktemp -d)
  node bin/mimi-harness.js serve --providers 2 --out "$dir" &
  pid=$!
  for _ in $(seq 1 100); do [[ -s "$dir/hosts.json" ]] && break; sleep 0.1; done
  [[ -s "$dir/hosts.json" ]] || { echo "serve did not write hosts.json"; kill "$pid"; exit 1; }
  port=$(node -e "console.log(require('$dir/hosts.json')['provider1.test'].address.split(':')[1])")
  code=$(curl --silent --cacert "$dir/ca.pem" --resolve "provider1.test:$port:127.0.0.1" -o "$dir/answer.bin" -w '%{http_code}' "https://provider1.test:$port/.well-known/mimi/ds-domain")
  [[ "$code" == 200 ]] || { echo "discovery answered $code"; kill "$pid"; exit 1; }
  bad=$(node -e "console.log(require('$dir/hosts.json')['expired.test'].address.split(':')[1])")
  if curl --silent --cacert "$dir/ca.pem" --resolve "expired.test:$bad:127.0.0.1" -o /dev/null "https://expired.test:$bad/.well-known/mimi/ds-domain"; then
    echo "curl accepted the expired-certificate host"; kill "$pid"; exit 1
  fi
  npx mimi-harness decode DSDomainResponse "$(od -An -tx1 -v "$dir/answer.bin" | tr -d ' \n')" >/dev/null
  kill -"$signal" "$pid"
  wait "$pid"
  echo "serve smoke (SIG$signal): ok"
done
