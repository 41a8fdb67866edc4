#!/usr/bin/env bash
# Install what Session Guide needs on Debian 12: system libraries (with apt, as root or
# through sudo) and the Python packages (in .venv). Safe to run again: it only installs
# what is missing. `scripts/install.sh --test` adds what the test suite needs.
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=0
[ "${1:-}" = "--test" ] && with_tests=1

# Qt (offscreen and X11), speech (espeak-ng for pyttsx3) and Python itself. The one font,
# DejaVu Sans (fonts-dejavu-core), draws every symbol the app shows: guide_app/core/symbols.py
# lists them and tests/ui/test_symbols.py renders each.
packages=(python3 python3-venv python3-pip
  libgl1 libegl1 libxkbcommon0 libglib2.0-0 libfontconfig1 libdbus-1-3
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1
  libpulse0 libasound2 libespeak-ng1 espeak-ng fonts-dejavu-core)
# A virtual screen, a real audio path without a sound card, and tools to check sound.
test_packages=(xvfb xauth xdotool sox pulseaudio pulseaudio-utils imagemagick)
[ "$with_tests" = 1 ] && packages+=("${test_packages[@]}")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "Run as root or install sudo: need ${missing[*]}" >&2; exit 1; }
    sudo=sudo
  fi
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
extras=""
[ "$with_tests" = 1 ] && extras="[test]"
stamp=".venv/.installed$( [ "$with_tests" = 1 ] && echo -test )"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/pip install --quiet --upgrade pip
  .venv/bin/pip install --quiet -e ".${extras}"
  touch "$stamp"
fi
