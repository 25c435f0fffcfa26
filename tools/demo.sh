#!/usr/bin/env bash
# Starts the engine (skiffd with its own skiff-containerd, on the default roots) unless it is
# already running, makes a busybox image from the host's static busybox (there is no registry
# to pull from here) and runs a container from it with the docker CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
socket=/run/skiff/skiff.sock
export DOCKER_HOST="unix://$socket"
docker=$(command -v docker || true)
[ -n "$docker" ] || { echo "demo: the docker CLI is missing (apt-get install docker.io)"; exit 1; }

if ! curl -sf --unix-socket "$socket" http://skiff/_ping >/dev/null 2>&1; then
  mkdir -p /run/skiff /var/log/skiff
  echo "demo: starting skiffd (log: /var/log/skiff/skiffd.log)"
  nohup node packages/daemon/bin/skiffd >>/var/log/skiff/skiffd.log 2>&1 &
  for _ in $(seq 1 100); do
    curl -sf --unix-socket "$socket" http://skiff/_ping >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -sf --unix-socket "$socket" http://skiff/_ping >/dev/null || { echo "demo: skiffd did not answer; see /var/log/skiff/skiffd.log"; exit 1; }
fi

if ! "$docker" image inspect busybox >/dev/null 2>&1; then
  rootfs=$(mktemp -d /tmp/skiff-demo.XXXXXX)
  trap 'rm -rf "$rootfs"' EXIT
  mkdir -p "$rootfs/bin" "$rootfs/etc" "$rootfs/tmp"
  cp /bin/busybox "$rootfs/bin/busybox"
  echo "root:x:0:0:root:/root:/bin/sh" > "$rootfs/etc/passwd"
  for applet in $("$rootfs/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$rootfs/bin/$applet"
  done
  tar -C "$rootfs" --numeric-owner -cf - . | "$docker" import -c 'CMD ["sh"]' - busybox:latest >/dev/null
  echo "demo: imported busybox:latest from /bin/busybox"
fi

"$docker" run --rm busybox sh -c 'echo "hello from a skiff container: hostname $(hostname), pid $$"'
echo
echo "skiffd is running on $socket. Try:"
echo "  export DOCKER_HOST=unix://$socket"
echo "  docker run -it --rm busybox sh"
echo "Stop it with: kill \$(cat /run/skiff/skiffd.pid)   (containers keep running)"
