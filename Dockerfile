# syntax=docker/dockerfile:1
# Build: docker build -t payment-screener .
# Run:   docker run --rm -e SCREENER_BOOTSTRAP_SERVERS=broker:9092 -p 9464:9464 payment-screener

# Built by a JDK 25 (NullAway's JSpecify mode needs 22 or newer), for Java 17 (`--release 17`); run on Java 17.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
# Dependencies first, in their own layer: it is rebuilt only when the pom or wrapper changes.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY schemas schemas
COPY src/main src/main
# Online: the compiler's Error Prone and NullAway are annotation-processor paths, which go-offline does not fetch.
# The formatter check is the developers' build's, not the image's.
RUN ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package

FROM eclipse-temurin:17-jre
RUN groupadd --system screener && useradd --system --gid screener --uid 10001 --home-dir /app screener \
    && mkdir -p /app /var/lib/screener && chown screener:screener /var/lib/screener
WORKDIR /app
COPY --from=build /src/target/screener.jar /app/screener.jar
COPY config /app/config
USER screener
# Container convention: settings by SCREENER_* environment variables or a mounted /app/config.
ENV SCREENER_STATE_DIR=/var/lib/screener \
    SCREENER_METRICS_ADDRESS=0.0.0.0:9464
EXPOSE 9464
# The JRE image has no curl or wget: `screener health --live` asks /health/live and exits 0 unless the
# screener has failed or stopped (rebalancing and restoring are healthy, so a rebalance restarts nothing).
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-Dscreener.home=/app", "-jar", "/app/screener.jar", "health", "--live"]
# JAVA_OPTS (heap, GC, -D log levels) go before the jar; exec makes java PID 1, so SIGTERM reaches it.
# An OutOfMemoryError ends the process (the orchestrator restarts it) rather than leaving it half alive.
ENTRYPOINT ["sh", "-c", "exec java -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError $JAVA_OPTS -Dscreener.home=/app -jar /app/screener.jar \"$@\"", "screener"]
CMD ["run"]
