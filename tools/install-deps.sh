#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Installs what asyncboard needs on Debian 12, from Debian's registry only.
# Idempotent: packages already present are skipped; works as root (or via sudo).
set -euo pipefail

packages=(
  build-essential cmake pkg-config ninja-build
  libunicorn-dev            # the Cortex-M CPU: Debian 12's 2.0.1, the fallback to the 2.1 of tools/fetch-unicorn.sh
  libelf-dev libdw-dev      # ELF loading, symbols and DWARF lines
  libcapstone-dev           # Thumb decoding: which instruction of a block made a faulting access
  libfmt-dev catch2         # formatting, unit tests (Catch2 v2)
  libyaml-cpp-dev           # scenario files
  libcli11-dev              # the command line
  gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib  # firmware toolchain
  libsdl2-dev libimgui-dev libgl-dev libstb-dev  # the dashboard (stb: its screenshots as PNG)
  xvfb xauth libgl1-mesa-dri  # the dashboard's tests: a virtual X server (xvfb-run) and software OpenGL (llvmpipe)
  gdb-multiarch python3      # the GDB stub's test; CPython as the host benchmark's peer
  python3-yaml python3-jsonschema  # checking every scenario file against scenarios/scenario.schema.json
  qemu-system-arm            # the conformance suite runs its firmware on QEMU's mps2-an385 too; the bench's -icount peer
  clang libclang-rt-14-dev   # the fuzz build (tools/fuzz.sh): clang 14, and libFuzzer's and the sanitizers' runtimes
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
else
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "install-deps: done"
fi
# Unicorn 2.1 from Debian 13, into .deps/ (not the system): why and how in the script itself.
bash "$(dirname "$0")/fetch-unicorn.sh"
