#!/usr/bin/env bash
# Install what is needed (first time only) and start Session Guide. Arguments go to guide-app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec .venv/bin/guide-app "$@"
