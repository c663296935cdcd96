# Sourced by ./extos and ./run-tests: points JAVA_HOME at a JDK >= 25 without any manual setup.
# Order: $JAVA_HOME if it is new enough, then `java` on PATH, then the newest JDK under /usr/lib/jvm.

extos_java_major() {  # prints the feature version of the JDK whose home is $1, or nothing
  local home=$1 version
  [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)"/\1/p' "$home/release")
  else
    version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  fi
  version=${version#1.}
  echo "${version%%[.+-]*}"
}

extos_find_jdk() {
  local min=25 candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(extos_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  if command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    major=$(extos_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then echo "$candidate"; return 0; fi
  fi
  for candidate in /usr/lib/jvm/*; do
    [ -d "$candidate" ] || continue
    major=$(extos_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge "$min" ] && [ "$major" -gt "$best_major" ]; then
      best=$candidate; best_major=$major
    fi
  done
  if [ -n "$best" ]; then echo "$best"; return 0; fi
  echo "extos: no JDK $min or newer found (looked at JAVA_HOME, java on PATH and /usr/lib/jvm)." >&2
  echo "extos: install one, e.g. 'apt-get install openjdk-25-jdk-headless', and run again." >&2
  return 1
}

JAVA_HOME=$(extos_find_jdk) || exit 1
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
# Maven 3.8's bundled Guava touches sun.misc.Unsafe; JDK 25 warns about it on every build.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
