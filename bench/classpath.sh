# Sourced by the bench scripts (from the repository's root): the packaged service and the compiled
# tests, built when missing or older than the sources' build file; sets cp to the classpath of the
# benchmark tools (the test classes, the service's classes and its dependencies).
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
if [ ! -f target/bench-cp.txt ] || [ pom.xml -nt target/bench-cp.txt ]; then
    ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt
else
    ./mvnw -B -q test-compile
fi
cp="target/test-classes:target/classes:$(cat target/bench-cp.txt)"
