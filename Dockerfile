# syntax=docker/dockerfile:1
# The hokm game server: built with Maven, run from Spring Boot's layered jar as a non-root user.
#   docker build -t hokm-server .

# ---- build ---------------------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY .mvn .mvn
COPY pom.xml .
# Dependencies first: this layer is reused until pom.xml changes.
RUN mvn -B -ntp -q dependency:go-offline
COPY src src
RUN mvn -B -ntp -q -DskipTests package \
 && java -Djarmode=tools -jar target/hokm-server-0.1.0-SNAPSHOT.jar extract --layers --launcher --destination /layers

# ---- run -----------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre-jammy
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 hokm \
 && useradd --system --uid 10001 --gid hokm --home-dir /app --shell /usr/sbin/nologin hokm
WORKDIR /app
# Least to most often changed, so a code change ships only the last layer.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER 10001:10001
ENV SPRING_PROFILES_ACTIVE=prod \
    PORT=8080 \
    MANAGEMENT_PORT=8081 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# 8080: players (HTTP, WebSocket, bare /livez and /readyz). 8081: actuator (metrics, full health),
# for Prometheus and operators only; never publish it.
EXPOSE 8080 8081
# Liveness only: readiness (database, Redis) is for load balancers and orchestrators to decide on.
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${MANAGEMENT_PORT}/actuator/health/liveness" || exit 1
# exec form: the JVM is PID 1 and gets SIGTERM directly (graceful shutdown, server.shutdown).
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
