#!/usr/bin/env bash
# Runs a busybox container with skiff-runc from a bundle built out of the host's static busybox.
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=$(mktemp -d /tmp/skiff-demo.XXXXXX)
trap 'rm -rf "$bundle"' EXIT
mkdir -p "$bundle/rootfs/bin"
cp /bin/busybox "$bundle/rootfs/bin/busybox"
mkdir -p "$bundle/rootfs/etc" && echo "root:x:0:0:root:/root:/bin/sh" > "$bundle/rootfs/etc/passwd"
for applet in $("$bundle/rootfs/bin/busybox" --list); do
  [ "$applet" = busybox ] || ln -sf busybox "$bundle/rootfs/bin/$applet"
done
runc=node_modules/.bin/skiff-runc
(cd "$bundle" && "$OLDPWD/$runc" spec)
jq '.process.terminal = false
  | .process.args = ["sh", "-c", "echo hello from a skiff-runc container; echo hostname: $(hostname); echo processes:; ps"]' \
  "$bundle/config.json" > "$bundle/config.tmp" && mv "$bundle/config.tmp" "$bundle/config.json"
${SKIFF_DEMO_WRAP:-} "$runc" run --bundle "$bundle" "skiff-demo-$$"
