#!/usr/bin/env bash
# Idempotent toolchain bootstrap for Org Console. Every step checks first and skips what is
# already there, so a second run takes seconds. The first run on a fresh machine takes about
# 20 minutes on 2 cores (trunk alone is ~12 of them).
#
# Versions are fixed on purpose (see ../shared/reference/toolchain.md):
# - wasm-bindgen-cli must equal the wasm-bindgen version in Cargo.lock, or trunk tries a download;
# - trunk 0.22 needs a newer rustc than this machine's 1.95;
# - Debian's binaryen is too old for rustc 1.95 output, npm's binaryen 132 is not.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools"
export PATH="$tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

want_bindgen=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$root/Cargo.lock")
want_trunk=0.21.14
want_binaryen=132

step() { printf '\n==> %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target (seconds)"
  rustup target add wasm32-unknown-unknown
fi

if ! have chromium || ! have chromedriver; then
  step "installing Debian's chromium and chromium-driver for browser tests (about a minute)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $want_bindgen\$"; then
  step "installing wasm-bindgen-cli $want_bindgen (about 4 minutes)"
  # Not --locked: its lock file names a webpki-roots version the registry here does not serve.
  cargo install wasm-bindgen-cli --version "$want_bindgen" --force
fi

if ! trunk --version 2>/dev/null | grep -q " $want_trunk\$"; then
  step "installing trunk $want_trunk (about 12 minutes)"
  cargo install trunk --version "$want_trunk" --locked --force
fi

if ! wasm-opt --version 2>/dev/null | grep -q "version $want_binaryen"; then
  step "installing wasm-opt from npm's binaryen@$want_binaryen into .tools/ (seconds)"
  mkdir -p "$tools"
  npm install --silent --prefix "$tools" "binaryen@$want_binaryen" >/dev/null
fi

# Only `make bench` drives a browser from Node: `bash scripts/setup.sh bench` adds playwright-core,
# so `make test` never pays for it. It uses Debian's chromium; no browser is downloaded.
want_playwright=1.65.1
have_playwright=$(node -p "require('$tools/node_modules/playwright-core/package.json').version" 2>/dev/null || true)
if [[ "${1:-}" == bench && "$have_playwright" != "$want_playwright" ]]; then
  step "installing playwright-core@$want_playwright into .tools/ for make bench (seconds)"
  mkdir -p "$tools"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --silent --save-exact --prefix "$tools" \
    "playwright-core@$want_playwright" >/dev/null
fi

step "toolchain ready: $(wasm-bindgen --version), $(trunk --version), $(wasm-opt --version | head -1)"
