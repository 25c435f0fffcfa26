#!/usr/bin/env bash
# OCI runtime conformance: the opencontainers/runtime-tools validation suite
# (validation/*/ test programs + runtimetest) run against one or more runtimes,
# by default Debian's runc (the reference) and skiff-runc, with a per-test
# table and the list of tests runc passes that skiff-runc does not.
#
# usage: run.sh [options] [LABEL=RUNTIME_PATH ...]
#   --only REGEX      run only tests whose name matches REGEX (grep -E)
#   --timeout SEC     per-test timeout (default 180)
#   --results DIR     keep logs and results there (default: a new dir under /tmp)
#   --build-only      install packages and build the suite, run nothing
#   --list            list the test names and exit
#   default runtimes: runc=/usr/sbin/runc skiff-runc=<repo>/packages/runc/bin/skiff-runc
#
# Environment:
#   RUNTIME_TOOLS_SRC   a runtime-tools source tree with validation/ and cmd/runtimetest/
#                       (default: the first of $CONFORMANCE_CACHE/src/runtime-tools and
#                       <repo>/../shared/ref/runtime-tools that has them; see "Source" below)
#   CONFORMANCE_CACHE   where the suite is built and cached (default /var/cache/skiff-conformance)
#
# Source: Debian's golang-github-opencontainers-runtime-tools-dev ships only the
# library packages (generate, specerror, validate, cgroups, ...), not validation/
# nor cmd/runtimetest, and neither Debian's source archive nor the Go module proxy
# is reachable from these machines. So the test programs must be provided as a
# source tree (an upstream checkout, or any tree with validation/ and
# cmd/runtimetest/). They are built in GOPATH mode against the Debian library and
# Debian's golang-*-dev packages; github.com/mndrix/tap-go (not packaged by Debian)
# comes from the tree's vendor/ if present, else from tap-go/tap.go beside this script.
# An upstream checkout with go.mod and vendor/ is built in module mode instead.
#
# Isolation and cleanup: each runtime is called through a shim that adds
# --root <private dir>, tests put their bundles under a private TMPDIR, each test
# runs under reaper.py (a child subreaper with a timeout, since PID 1 here does not
# reap orphans) which force-deletes leftover containers and kills leftover
# processes; after each test new cgroup directories and new mounts under the run
# directory are removed, and reported as leftovers of that runtime.
#
# Test statuses (PASS, FAIL, EMPTY, DIAG, TIMEOUT) are defined in tapsum.py.
#
# Needs root (the suite creates containers, cgroups and mounts). Output ends with
# "conformance: N passed, N failed" for the last runtime. Exit status: 0 if every
# test the first runtime passes also passes on every other runtime, 1 otherwise,
# 3 if the suite source is missing, 2 on usage or build errors.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../../.." && pwd)
CACHE=${CONFORMANCE_CACHE:-/var/cache/skiff-conformance}
# The suite's source: $RUNTIME_TOOLS_SRC, else the machine's cache, else shared/ beside the repo.
if [ -n "${RUNTIME_TOOLS_SRC:-}" ]; then
  SRC=$RUNTIME_TOOLS_SRC
else
  SRC=$CACHE/src/runtime-tools
  for cand in "$CACHE/src/runtime-tools" "$REPO/../shared/ref/runtime-tools"; do
    if [ -f "$cand/validation/util/test.go" ]; then SRC=$cand; break; fi
  done
fi
TIMEOUT=180
ONLY=
RESULTS=
BUILD_ONLY=0
LIST=0
RUNTIMES=()

# ---------------------------------------------------------------- internal: cleanup
# Called by reaper.py after each test: force-delete every container in the
# runtime's private root.
if [ "${1:-}" = "__cleanup" ]; then
  shim=$2 root=$3
  ids=$( { "$shim" list -q 2>/dev/null || true; ls -1 "$root" 2>/dev/null || true; } | sort -u)
  for id in $ids; do
    [ -n "$id" ] || continue
    "$shim" delete --force "$id" >/dev/null 2>&1 || true
  done
  exit 0
fi

while [ $# -gt 0 ]; do
  case "$1" in
    --only) ONLY=$2; shift 2 ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    --results) RESULTS=$2; shift 2 ;;
    --build-only) BUILD_ONLY=1; shift ;;
    --list) LIST=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *=*) RUNTIMES+=("$1"); shift ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ ${#RUNTIMES[@]} -eq 0 ]; then
  RUNTIMES=("runc=/usr/sbin/runc" "skiff-runc=$REPO/packages/runc/bin/skiff-runc")
fi
if [ "$(id -u)" != 0 ]; then
  echo "run.sh: must run as root (containers, cgroups, mounts)" >&2
  exit 2
fi

log() { printf '[conformance] %s\n' "$*" >&2; }

# ---------------------------------------------------------------- packages
PKGS=(golang-go golang-github-opencontainers-runtime-tools-dev golang-github-google-uuid-dev
      golang-github-mrunalp-fileutils-dev golang-github-hashicorp-go-multierror-dev
      golang-github-urfave-cli-dev golang-github-sirupsen-logrus-dev golang-gocapability-dev
      golang-golang-x-sys-dev golang-github-opencontainers-selinux-dev
      golang-github-opencontainers-specs-dev busybox-static util-linux python3 tar gzip)
ensure_packages() {
  local missing=() p
  for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
    apt-get update >/dev/null
    apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
  }
}

# ---------------------------------------------------------------- build
DEB_RT=/usr/share/gocode/src/github.com/opencontainers/runtime-tools
# GOPATH mode: Debian's library + the tree's validation/ and cmd/runtimetest/.
build_gopath() {
  local B=$1
  local GP=$B/gopath RT=$B/gopath/src/github.com/opencontainers/runtime-tools
  mkdir -p "$GP/src/github.com/opencontainers" "$GP/src/github.com/mndrix/tap-go"
  cp -a "$DEB_RT" "$RT"
  rm -f "$RT/go.mod" "$RT/go.sum"
  rm -rf "$RT/validation" "$RT/cmd"
  mkdir -p "$RT/cmd"
  cp -a "$SRC/validation" "$RT/validation"
  cp -a "$SRC/cmd/runtimetest" "$RT/cmd/runtimetest"
  if [ -d "$SRC/vendor/github.com/mndrix/tap-go" ]; then
    cp -a "$SRC/vendor/github.com/mndrix/tap-go/." "$GP/src/github.com/mndrix/tap-go/"
  else
    cp "$HERE/tap-go/tap.go" "$GP/src/github.com/mndrix/tap-go/"
  fi
  ( cd "$RT" && export GO111MODULE=off GOPATH="$GP:/usr/share/gocode" &&
    go build -o "$B/bin/runtimetest" ./cmd/runtimetest &&
    go build -o "$B/gobin/" ./validation/... )
}
build_suite() {
  if [ ! -f "$SRC/validation/util/test.go" ] || [ ! -f "$SRC/cmd/runtimetest/main.go" ]; then
    cat >&2 <<EOF
run.sh: the runtime-tools validation suite source was not found at
  $SRC
(it needs validation/util/test.go and cmd/runtimetest/main.go).
Debian's golang-github-opencontainers-runtime-tools-dev ships only the library
packages, and neither Debian's source archive nor the Go module proxy can be
reached from here. Put a runtime-tools source tree there, or point
RUNTIME_TOOLS_SRC at one.
EOF
    exit 3
  fi
  local key
  key=$( { cd "$SRC" && find validation cmd/runtimetest -type f -name '*.go' -print0 | sort -z | xargs -0 sha256sum;
           [ -f "$SRC/go.mod" ] && sha256sum "$SRC/go.mod" || true
           sha256sum "$HERE/tap-go/tap.go"
           go version 2>/dev/null || true
           dpkg-query -W golang-github-opencontainers-runtime-tools-dev golang-github-opencontainers-specs-dev busybox-static; } \
         | sha256sum | cut -c1-16)
  BIN=$CACHE/build/$key/bin
  if [ -f "$CACHE/build/$key/complete" ]; then
    return 0
  fi
  log "building the suite into $CACHE/build/$key"
  local B=$CACHE/build/$key
  rm -rf "$B"
  mkdir -p "$B/bin"
  export GOCACHE=$CACHE/gocache CGO_ENABLED=0 GOFLAGS=
  if [ -f "$SRC/go.mod" ] && [ -f "$SRC/vendor/modules.txt" ] && [ -d "$SRC/generate" ]; then
    # A full upstream checkout: module mode with its vendored dependencies.
    local W=$B/src
    cp -a "$SRC" "$W"
    if ! ( cd "$W" && GO111MODULE=on GOFLAGS=-mod=vendor go build -o "$B/bin/runtimetest" ./cmd/runtimetest &&
           GO111MODULE=on GOFLAGS=-mod=vendor go build -o "$B/gobin/" ./validation/... ); then
      log "module-mode build failed; trying GOPATH mode against Debian's library"
      rm -rf "$B/gobin" "$B/bin/runtimetest"
      build_gopath "$B"
    fi
  else
    build_gopath "$B"
  fi
  local f
  for f in "$B"/gobin/*; do
    [ "$(basename "$f")" = util ] && continue
    mv "$f" "$B/bin/$(basename "$f").t"
  done
  rm -rf "$B/gobin" "$B/gopath" "$B/src"
  # The bundles' root filesystem: busybox, as upstream's rootfs-amd64.tar.gz.
  local R=$B/rootfs a
  mkdir -p "$R"/{bin,sbin,dev,etc,proc,sys,tmp,root,home,mnt,run,var,usr/bin,usr/sbin}
  cp /bin/busybox "$R/bin/busybox"
  for a in $(/bin/busybox --list); do
    [ "$a" = busybox ] || ln -sf busybox "$R/bin/$a"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$R/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$R/etc/group"
  chmod 1777 "$R/tmp"
  tar -C "$R" --numeric-owner -czf "$B/bin/rootfs-$(go env GOARCH).tar.gz" .
  rm -rf "$R"
  touch "$B/complete"
}

ensure_packages
build_suite
TESTS=$(cd "$BIN" && ls -1 *.t | sed 's/\.t$//' | sort)
if [ -n "$ONLY" ]; then
  TESTS=$(printf '%s\n' "$TESTS" | grep -E -- "$ONLY" || true)
fi
if [ "$LIST" = 1 ]; then
  printf '%s\n' "$TESTS"
  exit 0
fi
if [ "$BUILD_ONLY" = 1 ]; then
  log "suite built in $BIN ($(printf '%s\n' "$TESTS" | wc -l) tests)"
  exit 0
fi
[ -n "$TESTS" ] || { echo "run.sh: no test matches" >&2; exit 2; }

# ---------------------------------------------------------------- run
RUN=$(mktemp -d /tmp/skiff-conformance.XXXXXX)
RESULTS=${RESULTS:-$RUN/results}
mkdir -p "$RESULTS"
cleanup_run() {
  # Last resort: unmount anything left under the run directory, then remove it.
  set +e
  grep -F " $RUN/" /proc/self/mountinfo | awk '{print $5}' | sort -r | while read -r m; do
    umount -l "$m" 2>/dev/null
  done
  rm -rf "$RUN/state" "$RUN/tmp" "$RUN/shim"
  [ "$RESULTS" = "$RUN/results" ] || rmdir "$RUN" 2>/dev/null || true
}
trap cleanup_run EXIT

# Only cgroups the suite or a runtime can have made for it: paths with a component
# from the suite's cgroupsPath values (cgrouptest, testdir) or a container-id-like
# UUID. Other new cgroups (other processes on the machine) are never touched.
cgroup_dirs() {
  find /sys/fs/cgroup -mindepth 1 -type d 2>/dev/null |
    grep -E '/(cgrouptest|testdir|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(/|$)' | sort || true
}
mountpoints() { awk '{print $5}' /proc/self/mountinfo | sort; }

LABELS=()
T0=$(date +%s)
for spec in "${RUNTIMES[@]}"; do
  label=${spec%%=*} path=${spec#*=}
  LABELS+=("$label")
  if [ ! -x "$path" ]; then
    echo "run.sh: runtime $path is not executable" >&2
    exit 2
  fi
  out=$RESULTS/$label
  rm -rf "$out"
  mkdir -p "$out" "$RUN/state/$label" "$RUN/tmp/$label" "$RUN/shim"
  shim=$RUN/shim/$label
  printf '#!/bin/sh\nexec %q --root %q "$@"\n' "$path" "$RUN/state/$label" >"$shim"
  chmod +x "$shim"
  : >"$out/runs.tsv"
  : >"$out/leftovers.txt"
  log "runtime $label ($path): $(printf '%s\n' "$TESTS" | wc -l) tests, timeout ${TIMEOUT}s"
  rt0=$(date +%s)
  for t in $TESTS; do
    cg_before=$(cgroup_dirs)
    mnt_before=$(mountpoints)
    s0=$(date +%s%N)
    set +e
    ( cd "$BIN" && TMPDIR=$RUN/tmp/$label RUNTIME=$shim \
        python3 "$HERE/reaper.py" --timeout "$TIMEOUT" \
          --cleanup "$(printf '%q __cleanup %q %q' "$HERE/run.sh" "$shim" "$RUN/state/$label")" \
          -- "./$t.t" ) </dev/null >"$out/$t.log" 2>"$out/$t.err"
    code=$?
    set -e
    ms=$(( ($(date +%s%N) - s0) / 1000000 ))
    # Leftovers: container state, mounts, new cgroups, bundles. Removed, and recorded.
    left=()
    for d in "$RUN/state/$label"/*; do
      [ -e "$d" ] || continue
      left+=("state:$(basename "$d")")
      rm -rf "$d"
    done
    for m in $(comm -13 <(printf '%s\n' "$mnt_before") <(mountpoints)); do
      left+=("mount:${m#"$RUN/tmp/$label/"}")
      case "$m" in "$RUN"/*) umount -l "$m" 2>/dev/null || true ;; esac
    done
    newcg=$(comm -13 <(printf '%s\n' "$cg_before") <(cgroup_dirs))
    for c in $(printf '%s\n' "$newcg" | awk -F/ 'NF {print NF" "$0}' | sort -rn | cut -d' ' -f2-); do
      rmdir "$c" 2>/dev/null || true
    done
    # One entry per cgroup path, with the number of hierarchies it was found in.
    while read -r n c; do
      [ -n "$c" ] && left+=("cgroup:$c(x$n)")
    done < <(printf '%s\n' "$newcg" | sed -E 's#^/sys/fs/cgroup/[^/]+/##; s#^process_api/[0-9a-f]+/##' | grep -v '^$' | sort | uniq -c)
    for b in "$RUN/tmp/$label"/*; do
      [ -e "$b" ] || continue
      left+=("bundle:$(basename "$b")")
      rm -rf "$b" 2>/dev/null || { umount -R -l "$b" 2>/dev/null; rm -rf "$b" 2>/dev/null || true; }
    done
    if [ ${#left[@]} -gt 0 ]; then
      printf '%s %s\n' "$t" "${left[*]}" >>"$out/leftovers.txt"
    fi
    printf '%s %s %s\n' "$t" "$code" "$ms" >>"$out/runs.tsv"
    printf '[conformance] %-12s %-34s exit %-3s %6d ms%s\n' "$label" "$t" "$code" "$ms" \
      "$([ ${#left[@]} -gt 0 ] && echo "  leftovers: ${left[*]}")" >&2
  done
  python3 "$HERE/tapsum.py" collect "$out"
  log "runtime $label done in $(( $(date +%s) - rt0 ))s"
done

echo
echo "OCI runtime-tools validation suite; results and logs in $RESULTS"
echo
python3 "$HERE/tapsum.py" report "$RESULTS" "${LABELS[@]}"
echo
for l in "${LABELS[@]}"; do
  if [ -s "$RESULTS/$l/leftovers.txt" ]; then
    echo "Leftovers removed after tests ($l):"
    sed 's/^/  /' "$RESULTS/$l/leftovers.txt"
  else
    echo "Leftovers ($l): none"
  fi
done
echo "Wall time: $(( $(date +%s) - T0 ))s"

# Exit 1 when a test the first runtime passes does not pass on another one.
python3 - "$RESULTS" "${LABELS[@]}" <<'EOF'
import json, os, sys
d, labels = sys.argv[1], sys.argv[2:]
def load(l):
    with open(os.path.join(d, l, "results.jsonl")) as f:
        return {r["name"]: r["status"] for r in map(json.loads, filter(str.strip, f))}
base = load(labels[0])
bad = any(base[n] == "PASS" and load(l).get(n) != "PASS" for l in labels[1:] for n in base)
sys.exit(1 if bad else 0)
EOF
