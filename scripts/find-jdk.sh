# Sourced by ./portrait and ./run-tests: points JAVA_HOME at a JDK 25 or newer.
# Order: $JAVA_HOME when it is 25+, then /usr/lib/jvm/*25* (and newer), then `java` on PATH.
portrait_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

portrait_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*25* /usr/lib/jvm/*2[6-9]* /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(portrait_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(portrait_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  fi
  echo "portrait: no JDK 25 found (looked at JAVA_HOME, /usr/lib/jvm/*25*, PATH). Install one, e.g. Temurin 25." >&2
  return 1
}
