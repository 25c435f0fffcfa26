#!/usr/bin/env bash
# One command from a fresh clone to a running container: install, build, run the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
bash tools/demo.sh
