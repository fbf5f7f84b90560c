#!/usr/bin/env bash
# The libvips command-line baseline for PhotoPipelineBenchmark: vipsthumbnail makes the four square sizes of a profile
# photo (1280, 640, 320, 160; centre crop, Q 87, metadata stripped) for a batch of COPIES copies of one JPEG, one
# vipsthumbnail run per size over the whole batch, pinned to core 1. Prints photos per second (on that one core).
# No stripped 'i' thumbnail (vipsthumbnail cannot make one).
#
# usage: bench/vipsthumbnail-batch.sh [IMAGE [COPIES]]
#   IMAGE   default: the benchmark's own 1280x1280 source, written by bench/target/benchmarks.jar
#           (build it first: ./mvnw -B -q -ntp -pl bench -am package -DskipTests)
#   COPIES  default 60
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
image=${1:-}
copies=${2:-60}
command -v vipsthumbnail >/dev/null || { echo "vipsthumbnail not found (Debian: apt-get install libvips-tools)" >&2; exit 1; }
command -v taskset >/dev/null || { echo "taskset not found (util-linux)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/portrait-vipsthumbnail.XXXXXX")
trap 'rm -rf "$work"' EXIT
if [ -z "$image" ]; then
  . "$root/scripts/find-jdk.sh"
  portrait_find_jdk
  jar="$root/bench/target/benchmarks.jar"
  [ -f "$jar" ] || { echo "$jar missing: ./mvnw -B -q -ntp -pl bench -am package -DskipTests" >&2; exit 1; }
  "$JAVA_HOME/bin/java" -cp "$jar" dev.portrait.bench.PhotoPipelineBenchmark "$work/source.jpg" >&2
  image="$work/source.jpg"
fi
mkdir "$work/in" "$work/out"
for i in $(seq -w 1 "$copies"); do cp "$image" "$work/in/p$i.jpg"; done
# warm the page cache and the shared libraries once
taskset -c 1 vipsthumbnail -s 160x160 -m centre -o "$work/out/warm_%s.jpg[Q=87,strip]" "$work/in/p$(seq -w 1 "$copies" | head -n 1).jpg"

start=$(date +%s%N)
for size in 1280 640 320 160; do
  taskset -c 1 vipsthumbnail --vips-concurrency=1 -s "${size}x${size}" -m centre \
    -o "$work/out/%s_${size}.jpg[Q=87,strip]" "$work"/in/*.jpg
done
end=$(date +%s%N)

made=$(find "$work/out" -name 'p*_*.jpg' | wc -l)
[ "$made" -eq $((copies * 4)) ] || { echo "expected $((copies * 4)) thumbnails, found $made" >&2; exit 1; }
awk -v ns=$((end - start)) -v n="$copies" -v v="$(vipsthumbnail --vips-version 2>/dev/null || vips --version)" 'BEGIN {
  s = ns / 1e9
  printf "vipsthumbnail (%s): %d photos x 4 sizes in %.2f s on one core = %.1f photos/s\n", v, n, s, n / s
}'
