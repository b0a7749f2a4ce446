package hokm.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parses every manifest under {@code k8s/} into fabric8's typed model (CloudNativePG resources as
 * generic resources) and checks what makes the deployment work: probes, resources, labels and
 * selectors that match, references between objects, and that only the server reaches the databases.
 */
class KubernetesManifestsTest {

  private static final Path K8S = Path.of("k8s");
  private static final KubernetesSerialization YAML = new KubernetesSerialization();
  private static final List<HasMetadata> ALL = new ArrayList<>();

  @BeforeAll
  static void parse() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(K8S)) {
      files =
          s.filter(p -> p.toString().endsWith(".yaml"))
              .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
              .sorted()
              .toList();
    }
    for (Path f : files) {
      for (String doc : Files.readString(f).split("(?m)^---\\s*$")) {
        if (doc.lines().allMatch(l -> l.isBlank() || l.trim().startsWith("#"))) {
          continue;
        }
        Object parsed = YAML.unmarshal(doc);
        assertThat(parsed).as("a Kubernetes object in %s", f).isInstanceOf(HasMetadata.class);
        ALL.add((HasMetadata) parsed);
      }
    }
    assertThat(ALL).hasSizeGreaterThan(15);
  }

  private static <T extends HasMetadata> List<T> all(Class<T> type) {
    return ALL.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static <T extends HasMetadata> T one(Class<T> type, String name) {
    return all(type).stream()
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
  }

  private static GenericKubernetesResource cnpg(String kind, String name) {
    return all(GenericKubernetesResource.class).stream()
        .filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
        .filter(o -> o.getApiVersion().equals("postgresql.cnpg.io/v1"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no CloudNativePG " + kind + " " + name));
  }

  /** Pod templates by the labels their pods carry, including the CloudNativePG pods. */
  private static List<Map<String, String>> podLabelSets() {
    List<Map<String, String>> sets = new ArrayList<>();
    all(Deployment.class)
        .forEach(d -> sets.add(d.getSpec().getTemplate().getMetadata().getLabels()));
    all(StatefulSet.class)
        .forEach(s -> sets.add(s.getSpec().getTemplate().getMetadata().getLabels()));
    all(CronJob.class)
        .forEach(
            c ->
                sets.add(
                    c.getSpec()
                        .getJobTemplate()
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getLabels()));
    for (GenericKubernetesResource r : all(GenericKubernetesResource.class)) {
      if (r.getKind().equals("Cluster")) {
        sets.add(Map.of("cnpg.io/cluster", r.getMetadata().getName()));
      } else if (r.getKind().equals("Pooler")) {
        sets.add(Map.of("cnpg.io/poolerName", r.getMetadata().getName()));
      }
    }
    return sets;
  }

  private static boolean selects(LabelSelector selector, Map<String, String> labels) {
    assertThat(selector.getMatchExpressions()).as("only matchLabels are used").isNullOrEmpty();
    Map<String, String> want =
        selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    return labels != null && labels.entrySet().containsAll(want.entrySet());
  }

  private static void assertSelectsSomePod(LabelSelector selector, String what) {
    assertThat(podLabelSets().stream().anyMatch(l -> selects(selector, l)))
        .as("%s selects pods that exist", what)
        .isTrue();
  }

  @Test
  void everyObjectIsNamedAndInTheHokmNamespace() {
    for (HasMetadata o : ALL) {
      assertThat(o.getMetadata().getName()).as("name of a %s", o.getKind()).isNotBlank();
      if (!(o instanceof Namespace)) {
        assertThat(o.getMetadata().getNamespace())
            .as("%s namespace", o.getMetadata().getName())
            .isEqualTo("hokm");
      }
    }
  }

  @Test
  void workloadsHaveMatchingSelectorsProbesResourcesAndRunAsNonRoot() {
    List<PodTemplateSpec> templates = new ArrayList<>();
    for (Deployment d : all(Deployment.class)) {
      assertThat(
              selects(
                  d.getSpec().getSelector(), d.getSpec().getTemplate().getMetadata().getLabels()))
          .as("Deployment %s selector matches its pods", d.getMetadata().getName())
          .isTrue();
      templates.add(d.getSpec().getTemplate());
    }
    for (StatefulSet s : all(StatefulSet.class)) {
      assertThat(
              selects(
                  s.getSpec().getSelector(), s.getSpec().getTemplate().getMetadata().getLabels()))
          .as("StatefulSet %s selector matches its pods", s.getMetadata().getName())
          .isTrue();
      assertThat(s.getSpec().getVolumeClaimTemplates())
          .as("Redis keeps its AOF on a volume")
          .isNotEmpty();
      templates.add(s.getSpec().getTemplate());
    }
    assertThat(templates).hasSizeGreaterThanOrEqualTo(2);
    for (PodTemplateSpec t : templates) {
      assertThat(t.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
      for (Container c : t.getSpec().getContainers()) {
        String name = t.getMetadata().getLabels().get("app.kubernetes.io/name") + "/" + c.getName();
        assertThat(c.getLivenessProbe()).as("%s liveness probe", name).isNotNull();
        assertThat(c.getReadinessProbe()).as("%s readiness probe", name).isNotNull();
        assertThat(c.getResources().getRequests())
            .as("%s requests", name)
            .containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits())
            .as("%s limits", name)
            .containsKeys("cpu", "memory");
        assertThat(c.getImage())
            .as("%s image is pinned", name)
            .contains(":")
            .doesNotEndWith(":latest");
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      }
    }
  }

  @Test
  void serverProbesUseTheActuatorHealthGroupsAndItsPort() {
    Deployment d = one(Deployment.class, "hokm-server");
    Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
    Set<String> ports =
        c.getPorts().stream()
            .map(p -> p.getName() + ":" + p.getContainerPort())
            .collect(Collectors.toSet());
    assertThat(ports).contains("http:8080", "management:8081");
    Probe startup = c.getStartupProbe();
    assertThat(startup).as("a startup probe covers migrations").isNotNull();
    assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold())
        .isGreaterThanOrEqualTo(120);
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
    assertThat(c.getReadinessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/readiness");
    // Actuator answers only on the management port (management.server.port).
    assertThat(c.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("management");
    assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("management");
    assertThat(c.getStartupProbe().getHttpGet().getPort().getStrVal()).isEqualTo("management");
    assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("prometheus.io/port", "8081");
    assertThat(d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
        .isGreaterThan(30L);
    assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
        .isZero();
  }

  @Test
  void serverConfigurationPointsAtPoolerPrimaryAndReplicaWithSecretsForCredentials() {
    Deployment d = one(Deployment.class, "hokm-server");
    Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
    String configMap = c.getEnvFrom().get(0).getConfigMapRef().getName();
    Map<String, String> config =
        one(io.fabric8.kubernetes.api.model.ConfigMap.class, configMap).getData();
    String pooler = cnpg("Pooler", "hokm-db-pooler-rw").getMetadata().getName();
    String cluster = cnpg("Cluster", "hokm-db").getMetadata().getName();
    assertThat(config.get("DATABASE_URL"))
        .contains("//" + pooler + ":")
        .contains("prepareThreshold=0");
    assertThat(config.get("DATABASE_MIGRATION_URL")).contains("//" + cluster + "-rw:");
    assertThat(config.get("DATABASE_READ_URL")).contains("//" + cluster + "-ro:");
    assertThat(config.get("SPRING_PROFILES_ACTIVE")).isEqualTo("prod");
    // The prod profile refuses to start with any origin or without its trusted proxies named.
    assertThat(config.get("HOKM_GATEWAY_ALLOWED_ORIGINS")).isNotBlank().doesNotContain("*");
    assertThat(config.get("SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES"))
        .isNotBlank()
        .satisfies(range -> java.util.regex.Pattern.compile(range))
        .matches(range -> "10.244.3.7".matches(range), "matches a pod address")
        .matches(range -> !"192.168.1.5".matches(range), "matches no other private address");
    Map<String, EnvVar> env = new HashMap<>();
    c.getEnv().forEach(e -> env.put(e.getName(), e));
    for (String secret :
        List.of(
            "DATABASE_USERNAME",
            "DATABASE_PASSWORD",
            "DATABASE_MIGRATION_PASSWORD",
            "DATABASE_READ_PASSWORD",
            "JWT_SECRET",
            "REDIS_PASSWORD")) {
      assertThat(env.get(secret)).as(secret).isNotNull();
      assertThat(env.get(secret).getValue())
          .as("%s is not written in the manifest", secret)
          .isNull();
      assertThat(env.get(secret).getValueFrom().getSecretKeyRef().getName()).isNotBlank();
    }
    assertThat(env.get("REDIS_URL").getValue())
        .contains("$(REDIS_PASSWORD)@" + one(Service.class, "hokm-redis").getMetadata().getName());
  }

  @Test
  void redisMayHoldThreeQuartersOfItsContainersMemoryLimit() {
    var redis =
        one(StatefulSet.class, "hokm-redis")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    var limit =
        redis.getEnv().stream()
            .filter(e -> e.getName().equals("REDIS_MEMORY_LIMIT_MB"))
            .findFirst()
            .orElseThrow()
            .getValueFrom()
            .getResourceFieldRef();
    assertThat(limit.getResource()).isEqualTo("limits.memory");
    assertThat(limit.getContainerName()).isEqualTo(redis.getName());
    assertThat(limit.getDivisor().toString()).isEqualTo("1Mi");
    assertThat(redis.getResources().getLimits().get("memory")).isNotNull();
    assertThat(String.join(" ", redis.getCommand()))
        .contains("--maxmemory \"$$((REDIS_MEMORY_LIMIT_MB * 3 / 4))mb\"");
    String config = one(ConfigMap.class, "hokm-redis-config").getData().get("redis.conf");
    assertThat(config).contains("maxmemory-policy volatile-lru").doesNotContain("maxmemory ");
  }

  @Test
  void servicesSelectPodsAndTargetDeclaredPorts() {
    for (Service s : all(Service.class)) {
      Map<String, String> selector = s.getSpec().getSelector();
      List<PodTemplateSpec> matching = new ArrayList<>();
      all(Deployment.class).stream()
          .map(d -> d.getSpec().getTemplate())
          .filter(t -> t.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
          .forEach(matching::add);
      all(StatefulSet.class).stream()
          .map(x -> x.getSpec().getTemplate())
          .filter(t -> t.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
          .forEach(matching::add);
      assertThat(matching).as("pods of Service %s", s.getMetadata().getName()).hasSize(1);
      Set<String> named =
          matching.get(0).getSpec().getContainers().stream()
              .flatMap(c -> c.getPorts().stream())
              .map(p -> p.getName())
              .filter(Objects::nonNull)
              .collect(Collectors.toSet());
      for (ServicePort p : s.getSpec().getPorts()) {
        assertThat(named)
            .as("Service %s targetPort", s.getMetadata().getName())
            .contains(p.getTargetPort().getStrVal());
      }
    }
  }

  @Test
  void autoscalerAndDisruptionBudgetTargetTheServer() {
    HorizontalPodAutoscaler hpa = one(HorizontalPodAutoscaler.class, "hokm-server");
    assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
    one(Deployment.class, hpa.getSpec().getScaleTargetRef().getName());
    assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
    assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
    PodDisruptionBudget pdb = one(PodDisruptionBudget.class, "hokm-server");
    assertThat(
            selects(
                pdb.getSpec().getSelector(),
                one(Deployment.class, "hokm-server")
                    .getSpec()
                    .getTemplate()
                    .getMetadata()
                    .getLabels()))
        .isTrue();
    assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
  }

  @Test
  void ingressCarriesWebSocketsWithTableAffinityToTheServerService() {
    Ingress ingress = one(Ingress.class, "hokm-server");
    Map<String, String> a = ingress.getMetadata().getAnnotations();
    assertThat(Integer.parseInt(a.get("nginx.ingress.kubernetes.io/proxy-read-timeout")))
        .isGreaterThanOrEqualTo(3600);
    assertThat(Integer.parseInt(a.get("nginx.ingress.kubernetes.io/proxy-send-timeout")))
        .isGreaterThanOrEqualTo(3600);
    assertThat(a.get("nginx.ingress.kubernetes.io/upstream-hash-by")).isEqualTo("$arg_table");
    assertThat(ingress.getSpec().getTls()).isNotEmpty();
    List<String> paths = new ArrayList<>();
    ingress
        .getSpec()
        .getRules()
        .forEach(
            r ->
                r.getHttp()
                    .getPaths()
                    .forEach(
                        p -> {
                          paths.add(p.getPath());
                          IngressBackend b = p.getBackend();
                          Service s = one(Service.class, b.getService().getName());
                          assertThat(s.getSpec().getPorts())
                              .anyMatch(
                                  sp -> sp.getName().equals(b.getService().getPort().getName()));
                        }));
    assertThat(paths)
        .contains("/ws", "/api")
        .noneMatch(p -> p.equals("/") || p.startsWith("/actuator"));
  }

  @Test
  void postgresRunsOnCloudNativePgWithAReplicaPoolerAndBackups() {
    GenericKubernetesResource cluster = cnpg("Cluster", "hokm-db");
    Map<String, Object> spec = map(cluster.getAdditionalProperties().get("spec"));
    assertThat(((Number) spec.get("instances")).intValue())
        .as("primary + replica")
        .isGreaterThanOrEqualTo(2);
    Map<String, Object> initdb = map(map(spec.get("bootstrap")).get("initdb"));
    assertThat(initdb).containsEntry("database", "hokm").containsEntry("owner", "hokm_owner");
    Map<String, Object> params = map(map(spec.get("postgresql")).get("parameters"));
    assertThat(params).containsKey("pg_stat_statements.max");
    assertThat(initdb.get("postInitApplicationSQL").toString())
        .contains("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    List<Map<String, Object>> roles = list(map(spec.get("managed")).get("roles"));
    assertThat(roles)
        .anyMatch(
            r ->
                r.get("name").equals("hokm_app_user")
                    && list(r.get("inRoles")).toString().contains("hokm_app"))
        .anyMatch(
            r ->
                r.get("name").equals("hokm_analyst")
                    && list(r.get("inRoles")).toString().contains("hokm_readonly"));
    Map<String, Object> backup = map(spec.get("backup"));
    assertThat(map(backup.get("barmanObjectStore"))).containsKeys("destinationPath", "wal");
    assertThat(backup).containsKey("retentionPolicy");

    GenericKubernetesResource pooler = cnpg("Pooler", "hokm-db-pooler-rw");
    Map<String, Object> ps = map(pooler.getAdditionalProperties().get("spec"));
    assertThat(map(ps.get("cluster")).get("name")).isEqualTo("hokm-db");
    assertThat(ps.get("type")).isEqualTo("rw");
    assertThat(map(ps.get("pgbouncer")).get("poolMode")).isEqualTo("transaction");

    GenericKubernetesResource scheduled = cnpg("ScheduledBackup", "hokm-db-daily");
    Map<String, Object> ss = map(scheduled.getAdditionalProperties().get("spec"));
    assertThat(map(ss.get("cluster")).get("name")).isEqualTo("hokm-db");
    assertThat(ss.get("schedule").toString().trim().split("\\s+"))
        .as("six cron fields, seconds first")
        .hasSize(6);

    CronJob dump = one(CronJob.class, "hokm-db-dump");
    assertThat(
            dump.getSpec()
                .getJobTemplate()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getCommand())
        .contains("run");
  }

  @Test
  void theIngressControllerReachesThePlayersPortAndOnlyMonitoringTheManagementPort() {
    NetworkPolicy server = one(NetworkPolicy.class, "hokm-server-ingress");
    for (var rule : server.getSpec().getIngress()) {
      Set<Integer> ports =
          rule.getPorts().stream()
              .map(port -> port.getPort().getIntVal())
              .collect(Collectors.toSet());
      for (NetworkPolicyPeer peer : rule.getFrom()) {
        String ns = peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
        assertThat(ports).as(ns).isEqualTo(ns.equals("monitoring") ? Set.of(8081) : Set.of(8080));
      }
    }
  }

  @Test
  void onlyTheServerReachesTheDatabasesAndRedis() {
    List<NetworkPolicy> policies = all(NetworkPolicy.class);
    assertThat(policies)
        .as("a default deny of ingress")
        .anyMatch(
            p ->
                isEmpty(p.getSpec().getPodSelector().getMatchLabels())
                    && p.getSpec().getIngress().isEmpty()
                    && p.getSpec().getPolicyTypes().contains("Ingress"));
    Map<String, String> server =
        one(Deployment.class, "hokm-server").getSpec().getTemplate().getMetadata().getLabels();
    Set<String> databaseKeys = Set.of("cnpg.io/cluster", "cnpg.io/poolerName");
    int guarded = 0;
    for (NetworkPolicy p : policies) {
      LabelSelector target = p.getSpec().getPodSelector();
      if (isEmpty(target.getMatchLabels())) {
        continue;
      }
      assertSelectsSomePod(target, "NetworkPolicy " + p.getMetadata().getName());
      boolean database =
          target.getMatchLabels().keySet().stream().anyMatch(databaseKeys::contains)
              || "hokm-redis".equals(target.getMatchLabels().get("app.kubernetes.io/name"));
      for (var rule : p.getSpec().getIngress()) {
        assertThat(rule.getFrom())
            .as("%s: every rule names its sources", p.getMetadata().getName())
            .isNotEmpty();
        assertThat(rule.getPorts())
            .as("%s: every rule names its ports", p.getMetadata().getName())
            .isNotEmpty();
        if (!database) {
          continue;
        }
        for (NetworkPolicyPeer peer : rule.getFrom()) {
          assertThat(peer.getIpBlock()).isNull();
          if (peer.getPodSelector() != null) {
            assertSelectsSomePod(peer.getPodSelector(), p.getMetadata().getName() + " source");
            Map<String, String> from = peer.getPodSelector().getMatchLabels();
            boolean allowed =
                selects(peer.getPodSelector(), server)
                    || from.keySet().stream().anyMatch(databaseKeys::contains)
                    || "hokm-backup".equals(from.get("app.kubernetes.io/name"));
            assertThat(allowed)
                .as(
                    "%s admits only the server, the database's own pods and the dump job: %s",
                    p.getMetadata().getName(), from)
                .isTrue();
          } else {
            // Other namespaces only on the operator's and the exporters' ports, never 5432/6379.
            String ns =
                peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
            assertThat(ns).isIn("cnpg-system", "monitoring");
            assertThat(rule.getPorts())
                .noneMatch(port -> Set.of(5432, 6379).contains(port.getPort().getIntVal()));
          }
        }
      }
      if (database) {
        guarded++;
      }
    }
    assertThat(guarded).as("policies for PostgreSQL, the pooler and Redis").isEqualTo(3);
  }

  private static boolean isEmpty(Map<String, String> labels) {
    return labels == null || labels.isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object o) {
    assertThat(o).isInstanceOf(List.class);
    return (List<Map<String, Object>>) o;
  }
}
