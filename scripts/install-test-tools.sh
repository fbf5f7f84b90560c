#!/usr/bin/env bash
# Makes sure what the tests run beside the Java code is installed from Debian's packages: libvips (libvips42) and
# ffmpeg/ffprobe, so the libvips image engine runs beside the pure-Java one and the system ffmpeg beside the bytedeco
# build Maven brings; the PostgreSQL server binaries (postgresql), which the PostgreSQL store tests start themselves;
# python3, which compiles the Python programs of docs/clients.md, and python3-telethon, which runs the Telethon one; chromium, the browser the inspector's page is tested
# in (driven by playwright-core from e2e/package.json). Without root or apt the libvips and system-ffmpeg
# suites are skipped and say so — unless PORTRAIT_REQUIRE_VIPS / PORTRAIT_REQUIRE_SYSTEM_FFMPEG is set (.ci/run sets
# both) — and the PostgreSQL and docs tests fail with a message saying what is missing.
set -uo pipefail
need=()
ldconfig -p 2>/dev/null | grep -q 'libvips\.so\.42' || need+=(libvips42)
{ command -v ffmpeg && command -v ffprobe; } >/dev/null 2>&1 || need+=(ffmpeg)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || command -v postgres >/dev/null 2>&1 || need+=(postgresql)
command -v python3 >/dev/null 2>&1 || need+=(python3)
# Debian's Telethon (1.25.1, layer 144): the Python client a distribution ships, run by DocsClientsTest (M10)
/usr/bin/python3 -c 'import telethon' >/dev/null 2>&1 || need+=(python3-telethon)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "install-test-tools: ${need[*]} missing and cannot be installed here (needs root and apt-get); their tests will be skipped" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null 2>&1 \
  || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null 2>&1; } \
  || echo "install-test-tools: apt-get could not install ${need[*]}; their tests will be skipped" >&2
exit 0
