#!/usr/bin/env bash
# Installs everything Skiff and its tests need on a Debian 12 machine (run as root), then builds.
# Idempotent: packages already present are not reinstalled.
set -euo pipefail
cd "$(dirname "$0")/.."

debian_packages=(
  busybox-static   # test and demo images
  iproute2 iptables jq strace curl
  runc             # a runtime to swap in, and the reference for benchmarks
  docker.io        # a real dockerd: skiff-runc runs under it, and benchmarks compare against it
  skopeo umoci docker-compose python3-docker
  docker-registry apache2-utils openssl   # a real registry for pull/push tests, htpasswd, token-auth certificates
)

missing=()
for p in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Debian's docker.io starts its own daemon on install; Skiff's tests start private ones instead.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet docker 2>/dev/null; then
  systemctl stop docker docker.socket containerd >/dev/null 2>&1 || true
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
# Quiet when it works; a failed build shows its compiler errors.
build_log=$(mktemp)
if ! NX_DAEMON=false NX_NO_CLOUD=true npx nx run-many -t build --output-style=static >"$build_log" 2>&1; then
  cat "$build_log"
  rm -f "$build_log"
  echo "setup: the build failed"
  exit 1
fi
rm -f "$build_log"
echo "setup: done"
