package io.labelloop.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests in deploy/k8s parse, are all listed by the kustomization, and wire what the service
 * expects: the roles, the probe paths it serves, a Service that reaches API replicas only, an HPA and a
 * PodDisruptionBudget on the API Deployment.
 */
class DeploymentManifestsTest {

    private static final Path DIR = Path.of("deploy/k8s");
    private static final List<Map<String, Object>> documents = new ArrayList<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    for (Object doc : new Yaml().loadAll(reader)) {
                        if (doc != null) {
                            documents.add((Map<String, Object>) doc);
                        }
                    }
                }
            }
        }
    }

    @Test
    void shouldListEveryManifestInTheKustomization() throws IOException {
        Map<String, Object> kustomization = only("kustomization.yaml");
        try (Stream<Path> files = Files.list(DIR)) {
            List<String> manifests = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).sorted().toList();
            assertThat(list(kustomization, "resources")).containsExactlyInAnyOrderElementsOf(manifests);
        }
    }

    @Test
    void shouldRunApiReplicasAndAWorkerWithTheirRolesAndTheServicesProbePaths() {
        Map<String, Object> api = container(resource("Deployment", "labelloop-api"));
        Map<String, Object> worker = container(resource("Deployment", "labelloop-worker"));
        assertThat(env(api)).containsEntry("LABELLOOP_ROLE", "api");
        assertThat(env(worker)).containsEntry("LABELLOOP_ROLE", "worker");
        for (Map<String, Object> c : List.of(api, worker)) {
            assertThat(probePath(c, "livenessProbe")).isEqualTo("/actuator/health/liveness");
            assertThat(probePath(c, "startupProbe")).isEqualTo("/actuator/health/liveness");
            assertThat(probePath(c, "readinessProbe")).isEqualTo("/actuator/health/readiness");
            assertThat(map(map(c, "resources"), "requests")).containsKeys("cpu", "memory");
            assertThat(map(map(c, "resources"), "limits")).containsKey("memory");
            assertThat(list(c, "envFrom").toString()).contains("labelloop-db");
        }
    }

    @Test
    void shouldSendUsersToApiReplicasOnlyAndScaleThemOnCpu() {
        Map<String, Object> service = map(resource("Service", "labelloop"), "spec");
        assertThat(service).as("browser sessions stay with their replica").containsEntry("sessionAffinity", "ClientIP");
        Map<String, Object> selector = map(service, "selector");
        assertThat(podLabels(resource("Deployment", "labelloop-api"))).containsAllEntriesOf(selector.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> (Object) e.getValue())));
        assertThat(podLabels(resource("Deployment", "labelloop-worker")).get("component")).isNotEqualTo(selector.get("component"));

        Map<String, Object> hpa = map(resource("HorizontalPodAutoscaler", "labelloop-api"), "spec");
        assertThat(map(hpa, "scaleTargetRef")).containsEntry("kind", "Deployment").containsEntry("name", "labelloop-api");
        assertThat(hpa.get("metrics").toString()).contains("name=cpu");
        Map<String, Object> pdb = map(resource("PodDisruptionBudget", "labelloop-api"), "spec");
        assertThat(map(pdb, "selector").toString()).contains("component=api");
    }

    @Test
    void shouldPointTheDatabaseUrlAtTheOnePostgresql() {
        Map<String, Object> secret = map(resource("Secret", "labelloop-db"), "stringData");
        resource("StatefulSet", "postgres");
        resource("Service", "postgres");
        assertThat((String) secret.get("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql://postgres:5432/");
    }

    private static Map<String, Object> only(String file) {
        try (Reader reader = Files.newBufferedReader(DIR.resolve(file))) {
            return new Yaml().load(reader);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> resource(String kind, String name) {
        return documents.stream()
                .filter(d -> kind.equals(d.get("kind")) && name.equals(map(d, "metadata").get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + DIR));
    }

    private static Map<String, Object> podTemplate(Map<String, Object> deployment) {
        return map(map(deployment, "spec"), "template");
    }

    private static Map<String, Object> podLabels(Map<String, Object> deployment) {
        return map(map(podTemplate(deployment), "metadata"), "labels");
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        return map(list(map(podTemplate(deployment), "spec"), "containers"), 0);
    }

    private static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new java.util.HashMap<>();
        for (Object e : list(container, "env")) {
            @SuppressWarnings("unchecked") Map<String, Object> var = (Map<String, Object>) e;
            if (var.get("value") != null) {
                env.put((String) var.get("name"), String.valueOf(var.get("value")));
            }
        }
        return env;
    }

    private static String probePath(Map<String, Object> container, String probe) {
        return (String) map(map(container, probe), "httpGet").get("path");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object v = parent.get(key);
        assertThat(v).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(List<Object> parent, int index) {
        return (Map<String, Object>) parent.get(index);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> parent, String key) {
        Object v = parent.get(key);
        assertThat(v).as(key).isInstanceOf(List.class);
        return (List<Object>) v;
    }
}
