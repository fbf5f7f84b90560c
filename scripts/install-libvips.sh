#!/usr/bin/env bash
# Makes sure libvips (Debian's libvips42) is installed, so the tests run the libvips image engine as well as the
# pure-Java one. Without root or apt the tests still run: the libvips engine's suite is then skipped, and says so.
set -uo pipefail
if ldconfig -p 2>/dev/null | grep -q 'libvips\.so\.42'; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "install-libvips: libvips42 is missing and cannot be installed here (needs root and apt-get); the libvips engine's tests will be skipped" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends libvips42 >/dev/null 2>&1 \
  || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends libvips42 >/dev/null 2>&1; } \
  || echo "install-libvips: apt-get could not install libvips42; the libvips engine's tests will be skipped" >&2
exit 0
