#!/usr/bin/env bash
# The Debian packages the tests and the demo need, installed when missing: `npm test` (scripts/test.mjs), `npm run
# demo` and `npm run e2e:setup` (scripts/e2e-setup.sh) run this first, and so does CI through npm test.
#   bash scripts/debian-packages.sh         every package below
#   bash scripts/debian-packages.sh unit    only those of the unit suite (npm test with SKIP_E2E=1)
# apt-get update runs only when something is missing. As root it installs; otherwise through sudo; without either
# it stops, naming the command to run.
set -euo pipefail

# The unit suite's tests over TLS go through a real proxy (test/support/squid.ts).
UNIT=(
  squid         # the corporate proxy
  apache2-utils # htpasswd, which writes the proxy's users
)
# The end-to-end suite and `npm run demo -- --browser`: code-server built from the npm registry, driven in Chromium.
E2E=(
  chromium        # the browser (/usr/bin/chromium)
  libkrb5-dev     # gssapi headers: code-server's kerberos module does not build without them
  build-essential # the compiler and make with which node-gyp builds code-server's native modules
  python3         # node-gyp itself
)

say() { echo "debian-packages: $*"; }

wanted=("${UNIT[@]}")
[ "${1:-all}" = unit ] || wanted+=("${E2E[@]}")

if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
  say "this machine has no dpkg/apt-get (not Debian or Ubuntu). Install these with its own package manager, then run again: ${wanted[*]}"
  exit 1
fi

missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    say "missing: ${missing[*]}. This user is not root and there is no sudo: as root, run"
    say "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
    say "then run the same npm command again."
    exit 1
  fi
  sudo=(sudo)
fi

say "installing ${missing[*]} (apt-get update first)"
export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# dpkg's page of unpacking lines is kept out of the way, and shown when something fails.
if ! "${sudo[@]}" apt-get update -qq >"$log" 2>&1 \
  || ! "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
  tail -n 20 "$log"
  say "installing failed (above: apt-get's last lines; is a Debian mirror reachable?). Run it yourself:"
  say "  ${sudo[*]:+sudo }apt-get update && ${sudo[*]:+sudo }apt-get install -y --no-install-recommends ${missing[*]}"
  exit 1
fi
say "installed ${missing[*]}"
