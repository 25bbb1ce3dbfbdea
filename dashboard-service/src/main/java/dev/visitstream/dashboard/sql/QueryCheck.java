package dev.visitstream.dashboard.sql;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks a query where it will run: Flink's {@code POST /jars/{id}/plan} runs the query entry
 * point's main() with {@code --check=true} in the JobManager, which plans the query with Beam SQL
 * and answers with a report (tables, columns and keys, Beam's plan, or the planner's error and
 * position). No job is created. Planning in this service instead would bring Beam SQL, Calcite
 * and the pipeline's classes into the dashboard, a second copy of the job's dependency world.
 */
@ApplicationScoped
public class QueryCheck {

    static final String REPORT_BEGIN = "<<visit-stream-query-check>>";
    static final String REPORT_END = "<<end-of-query-check>>";

    private final FlinkCluster flink;
    private final SqlConfig config;
    private final String bootstrapServers;

    public QueryCheck(FlinkCluster flink, SqlConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.flink = flink;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    /** The report; {@code ok} false (with error and position) for a query that cannot run. */
    public JsonNode check(String query, String startFrom) {
        QueryText.validate(query, config.maxQueryChars());
        List<String> args = new ArrayList<>(arguments(query, startFrom));
        args.add("--check=true");
        FlinkCluster.Answer answer = flink.plan(args);
        String report = between(answer.body());
        if (report == null) {
            throw new IllegalStateException("Flink could not check the query: "
                    + FlinkCluster.firstError(flink.json(answer.body()), answer));
        }
        return flink.json(report);
    }

    /**
     * The query job's arguments (without name, result topic and group), the same for check and
     * run; the job reads the visits topic of its own default.
     */
    List<String> arguments(String query, String startFrom) {
        return List.of("--query=" + query,
                "--startFrom=" + (startFrom == null || startFrom.isBlank() ? "latest" : startFrom.strip()),
                "--bootstrapServers=" + bootstrapServers);
    }

    /**
     * The report inside Flink's answer. Flink sends the exception text JSON-escaped inside its own
     * JSON, so the answer is read as JSON first and the report taken from the plain text.
     */
    private String between(String body) {
        StringBuilder text = new StringBuilder();
        JsonNode errors = flink.json(body).path("errors");
        errors.forEach(e -> text.append(e.asText()).append('\n'));
        String all = text.toString();
        int begin = all.indexOf(REPORT_BEGIN);
        int end = begin < 0 ? -1 : all.indexOf(REPORT_END, begin);
        return end < 0 ? null : all.substring(begin + REPORT_BEGIN.length(), end);
    }
}
