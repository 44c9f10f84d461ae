package io.labelloop.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelloop.support.ApiTest;
import io.labelloop.support.Datasets;
import io.labelloop.support.ProjectApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard in {@code deploy/grafana} queries only metrics the service exports: after a little real
 * activity (a project, an upload, claims, labels, a cycle) every metric name in the dashboard's queries is on
 * {@code /actuator/prometheus}. The names come from the dashboard file itself, so the two cannot drift apart.
 */
class OperationsDashboardTests extends ApiTest {

    static final Path DASHBOARD = Path.of("deploy/grafana/labelloop-operations.json");

    @Test
    void shouldExportEveryMetricTheDashboardQueriesAfterProjectUploadLabelsAndACycle() throws IOException {
        var iris = Datasets.tabular("/learning/iris.csv");
        ProjectApi project = irisProject(iris, Map.of("budget", 100));
        assertThat(project.labelByOracle(10, iris.truth())).isEqualTo(10);
        var items = api().get("/api/v1/projects/" + project.id() + "/items?limit=150", ADMIN).json();
        for (int i = 0; i < items.size(); i += 7) { // the upload is sorted by class, claims before a model are not
            project.label(items.get(i).get("id").asLong(), iris.truth().get(items.get(i).get("externalId").asString()));
        }
        var run = project.trainNow();
        assertThat(run.status()).as(run.toString()).isEqualTo(200);

        var scrape = api().get("/actuator/prometheus", null);
        assertThat(scrape.status()).isEqualTo(200);
        Set<String> exported = exportedNames(scrape.body());
        Set<String> queried = queriedNames(JsonMapper.builder().build().readTree(Files.readString(DASHBOARD)));

        assertThat(queried).as("metric names the dashboard queries").hasSizeGreaterThan(15)
                .contains("labelloop_labels_total", "labelloop_claims_seconds_bucket", "labelloop_queue_depth",
                        "labelloop_cycle_phase_seconds_sum", "labelloop_budget_spent", "labelloop_embedding_pending");
        assertThat(exported).containsAll(queried);
        assertThat(value(scrape.body(), "labelloop_labels_total{outcome=\"created\"")).isGreaterThanOrEqualTo(30);
        assertThat(value(scrape.body(), "labelloop_budget_limit")).isGreaterThanOrEqualTo(100);
        assertThat(value(scrape.body(), "labelloop_budget_spent")).isGreaterThanOrEqualTo(30);
        assertThat(value(scrape.body(), "labelloop_queue_depth")).isGreaterThan(0);
        assertThat(value(scrape.body(), "labelloop_claims_seconds_count{result=\"items\"")).isGreaterThanOrEqualTo(1);
        assertThat(scrape.body()).contains("labelloop_cycle_phase_seconds_count{phase=\"scorePool\"",
                "labelloop_cycle_phase_seconds_count{phase=\"labelErrors\"");
    }

    @Test
    void shouldReadMetricNamesOutOfPromQlWithoutFunctionsLabelsOrVariables() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (le) (rate(a_seconds_bucket{result=\"items\","
                + "instance=~\"$instance\"}[$__rate_interval])))")).containsExactly("a_seconds_bucket");
        assertThat(metricNames("max(b_spent{x=\"y\"}) / max(b_limit) * 60 + sum without (phase) (c_total offset 5m)"))
                .containsExactly("b_limit", "b_spent", "c_total");
    }

    /** Metric names of every {@code expr} in the dashboard and of its query variables ({@code definition}). */
    static Set<String> queriedNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        walk(node, names);
        return names;
    }

    private static void walk(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            for (var field : node.properties()) {
                if (field.getKey().equals("expr") && field.getValue().isString()) {
                    names.addAll(metricNames(field.getValue().asString()));
                } else if (field.getKey().equals("definition") && field.getValue().isString()) {
                    Matcher labelValues = LABEL_VALUES.matcher(field.getValue().asString());
                    if (labelValues.matches()) {
                        names.add(labelValues.group(1));
                    }
                } else {
                    walk(field.getValue(), names);
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> walk(n, names));
        }
    }

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "bool", "offset");
    /** A query variable's {@code label_values(metric, label)}. */
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,.*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    /**
     * Metric names in a PromQL expression: identifiers that are not functions (followed by a parenthesis),
     * keywords, label names (in braces or in {@code by (...)}), strings, durations or Grafana variables.
     */
    static Set<String> metricNames(String promql) {
        String s = promql.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\w+", " ")
                .replaceAll("\\b\\d+(\\.\\d+)?[smhdwy]?\\b", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String rest = s.substring(m.end()).stripLeading();
            if (!rest.startsWith("(") && !KEYWORDS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }

    /** Metric names with at least one sample in a Prometheus text exposition. */
    private static Set<String> exportedNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            Matcher m = IDENTIFIER.matcher(line);
            if (!line.startsWith("#") && m.lookingAt()) {
                names.add(m.group());
            }
        }
        return names;
    }

    /** The sum of the samples whose line starts with the given name and labels. */
    private static double value(String exposition, String prefix) {
        double sum = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(prefix)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
