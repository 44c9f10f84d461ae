# Sourced by the benchmark scripts: compiles main + test classes, snapshots them (so a rebuild during a long
# run cannot change the classes it loads) and sets JAVA and CP.
JAVA="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test >/dev/null
SNAP="target/bench-snapshot-$$"
mkdir -p "$SNAP" && cp -r target/classes "$SNAP/classes" && cp -r target/test-classes "$SNAP/test-classes"
CP="$SNAP/classes:$SNAP/test-classes:$(cat target/bench-classpath.txt)"
