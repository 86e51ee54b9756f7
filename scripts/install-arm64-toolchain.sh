#!/usr/bin/env bash
# Installs what cross-compiling Native AOT for linux-arm64 and running the result need, once.
set -eu -o pipefail
if command -v clang >/dev/null && command -v aarch64-linux-gnu-gcc >/dev/null && command -v qemu-aarch64-static >/dev/null \
  && [ -e /usr/lib/aarch64-linux-gnu/libc.so ]; then
  exit 0
fi
sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
$sudo dpkg --add-architecture arm64
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
  clang lld gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev:arm64 zlib1g-dev:arm64 qemu-user-static >/dev/null
