#!/bin/sh
# The image's entrypoint (docker/Dockerfile.jvm): java as process 1 (exec), so that SIGTERM reaches the JVM and Quarkus
# shuts down gracefully. The AOT cache is used when it matches this JVM and these jars; when it does not (another JDK
# under the same image name, say), the JVM warns and starts without it.
set -eu
exec java -XX:MaxRAMPercentage="${JAVA_MAX_MEM_RATIO:-75}" -XX:AOTCache=/deployments/app.aot \
    ${JAVA_OPTS_APPEND:-} -jar /deployments/quarkus-run.jar "$@"
