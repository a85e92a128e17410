#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Gives the board Unicorn 2.1 on Debian 12: Debian 13's (trixie's) build of libunicorn, pinned,
# unpacked into .deps/unicorn/ inside the checkout, where CMake finds it before the system's
# library (cmake/Unicorn.cmake) and links it with an rpath, so build/bin/asyncboard runs with no
# environment variable. Called by tools/install-deps.sh; safe to run again (it does nothing once
# the pinned version is unpacked).
#
# Why 2.1: Debian 12's Unicorn 2.0.1 sends every guest store through QEMU's slow "not dirty" path
# (notdirty_write: the TLB entry of a page is never marked clean), so firmware that writes memory
# in a loop runs at about a tenth of QEMU's speed; 2.1.1 runs it 7-8x faster. Trixie's package
# depends only on libc6 >= 2.34, which Debian 12 (2.36) has.
#
# Why a private apt download and a local prefix, not an apt pin that admits these two packages
# from trixie: a pin would install a package of another release into the system's package
# database -- libunicorn-dev 2.1 replacing 2.0.1 for every other program on the machine, and a
# trixie suite left in the system's sources for `apt upgrade` to consult. The download here uses
# its own sources list, lists and cache (apt-get -o Dir::Etc::SourceList, Dir::State::Lists, ...)
# in a temporary directory that is deleted afterwards: the system's package sources and state are
# never changed, no root is needed, apt still checks the packages against Debian's signed indexes,
# and `rm -rf .deps` undoes it all.
#
# Where the system's own Unicorn is 2.1 or newer (Debian 13, recent Ubuntu) this does nothing and
# the build uses that one. Where trixie cannot be reached, it warns and the build falls back to the
# system's 2.0.1 (cmake/Unicorn.cmake says so once at configure time).
set -euo pipefail
cd "$(dirname "$0")/.."

version="${ASYNCBOARD_UNICORN_DEB_VERSION:-2.1.1-2+b2}"  # trixie's build, pinned
packages=(libunicorn2t64 libunicorn-dev)
prefix=.deps/unicorn

note() { echo "fetch-unicorn: $*"; }

# The system's Unicorn, if pkg-config knows one of 2.1 or newer: nothing to fetch.
if system=$(pkg-config --modversion unicorn 2>/dev/null) &&
   [ "$(printf '%s\n2.1\n' "$system" | sort -V | head -1)" = 2.1 ]; then
  note "the system's Unicorn is $system: using it"
  exit 0
fi
if [ -f "$prefix/VERSION" ] && [ "$(cat "$prefix/VERSION")" = "$version" ]; then
  note "Unicorn $version already in $prefix"
  exit 0
fi

# The Debian mirror the system's own sources name (deb.debian.org on a stock install).
mirror=$(sed -n 's|^URIs:[[:space:]]*\(https\?://[^[:space:]]*/debian\)/\?[[:space:]]*$|\1|p' \
           /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
[ -n "$mirror" ] || mirror=$(sed -n 's|^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\(https\?://[^[:space:]]*/debian\)/\?[[:space:]].*|\2|p' \
                               /etc/apt/sources.list 2>/dev/null | head -1)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian
arch=$(dpkg --print-architecture)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"/{lists/partial,cache/archives/partial,parts,preferences.d,debs,unpacked}
echo "deb [arch=$arch signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" \
  >"$work/sources.list"
apt_private=(
  -o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=$work/parts"
  -o "Dir::Etc::PreferencesParts=$work/preferences.d" -o "Dir::State::Lists=$work/lists"
  -o "Dir::Cache=$work/cache" -o "Dir::State::status=/dev/null" -o Debug::NoLocking=1
  -o APT::Sandbox::User="$(id -un)" -qq)

fall_back() {
  note "WARNING: could not fetch Unicorn $version from $mirror trixie ($1)."
  note "The build falls back to the system's Unicorn ${system:-(none found)}: every guest store takes its slow path."
  exit 0
}
note "fetching ${packages[*]} $version from $mirror trixie"
apt-get "${apt_private[@]}" update >"$work/log" 2>&1 || fall_back "apt-get update: $(tail -1 "$work/log")"
(cd "$work/debs" && apt-get "${apt_private[@]}" download "${packages[@]/%/=$version}") >>"$work/log" 2>&1 ||
  fall_back "apt-get download: $(tail -1 "$work/log")"
for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$work/unpacked"; done
echo "$version" >"$work/unpacked/VERSION"
rm -rf "$prefix"
mkdir -p .deps
mv "$work/unpacked" "$prefix"
note "Unicorn $version unpacked into $prefix"
