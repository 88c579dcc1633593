#!/usr/bin/env bash
# Installs the Debian 12 packages DCI Planner needs to build, test and run.
# Idempotent: quiet when everything is present; needs root (or sudo) only when something is missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libgl-dev
  libboost-graph-dev nlohmann-json3-dev libglpk-dev
  libshp-dev libmagics++-data
  xvfb xauth fonts-dejavu-core
  librsvg2-bin
  clang-14 libclang-rt-14-dev llvm-14
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "deps.sh: missing packages: ${missing[*]}; run as root or install them with apt-get" >&2
    exit 1
  fi
fi

echo "deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
