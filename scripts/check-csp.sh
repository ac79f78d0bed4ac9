#!/usr/bin/env bash
# Loads the release build from dist/ in headless Chromium under its Content-Security-Policy and
# fails if the console does not render or the browser reports a policy violation.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
port=${CSP_PORT:-8097}
log=$(mktemp)
profile=$(mktemp -d)

grep -q 'http-equiv="Content-Security-Policy"' "$root/dist/index.html" || {
  echo "check-csp: dist/index.html has no Content-Security-Policy"; exit 1; }

python3 "$root/scripts/preview.py" --port "$port" --base / "$root/dist" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$log" "$profile"' EXIT
sleep 1

dom=$(chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --enable-logging=stderr --v=0 --virtual-time-budget=5000 \
  --dump-dom "http://127.0.0.1:$port/users" 2>"$log")

if grep -q "Content Security Policy" "$log"; then
  echo "check-csp: the browser reported a policy violation:"; grep "Content Security Policy" "$log"; exit 1
fi
grep -q "<h1>Users" <<<"$dom" || { echo "check-csp: the console did not render under the policy"; exit 1; }
echo "check-csp: the console renders under its Content-Security-Policy with no violation"
