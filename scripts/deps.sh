#!/usr/bin/env bash
# Installs what building and testing falcogen needs, from Debian's packages
# (no Python package index needed). Quiet and fast when all is there already.
set -euo pipefail
packages=(
  cmake ninja-build g++ make pkg-config
  clang libclang-rt-14-dev          # fuzzing (libFuzzer) and sanitizers
  clang-format                      # the house style, checked on generated code (tests/style)
  nlohmann-json3-dev doctest-dev    # C++ dependencies
  zlib1g-dev                        # the host reads capture files, gzip-compressed or not, as libscap does
  python3 python3-jinja2 python3-yaml python3-jsonschema python3-pytest
  python3-venv python3-pip python3-setuptools   # tests/regeneration/test_pip.py: `pip install .` into a venv, offline
  valgrind
  g++-mingw-w64-x86-64 wine64       # scripts/portability.sh: the Windows cross build, run under wine
  libz-mingw-w64-dev                # ... and zlib for falcogen-host.exe (captures), linked in statically
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
