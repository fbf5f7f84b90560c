#!/usr/bin/env bash
# Makes sure libvips (Debian's libvips42) and ffmpeg/ffprobe are installed, so the tests run the libvips image engine
# beside the pure-Java one and the system ffmpeg beside the bytedeco build that Maven brings. Without root or apt the
# tests still run: the libvips and system-ffmpeg suites are then skipped and say so — unless PORTRAIT_REQUIRE_VIPS /
# PORTRAIT_REQUIRE_SYSTEM_FFMPEG is set (.ci/run sets both), which turns a skip into a failure.
set -uo pipefail
need=()
ldconfig -p 2>/dev/null | grep -q 'libvips\.so\.42' || need+=(libvips42)
{ command -v ffmpeg && command -v ffprobe; } >/dev/null 2>&1 || need+=(ffmpeg)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "install-media-tools: ${need[*]} missing and cannot be installed here (needs root and apt-get); their tests will be skipped" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null 2>&1 \
  || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null 2>&1; } \
  || echo "install-media-tools: apt-get could not install ${need[*]}; their tests will be skipped" >&2
exit 0
