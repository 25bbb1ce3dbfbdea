package dev.visitstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The safe way to redeploy the job, proven on the real local stack: stop it, let traffic pile up
 * while no job runs, submit it again as a NEW job (no savepoint: restoring Beam's Kafka source from
 * one duplicates it on the Flink 1.16 runner, apache/beam#31313). Once cancelled and resubmitted
 * with the same jar, once stopped with a savepoint (not restored) and resubmitted with a "new
 * version" jar. The new job starts from the offsets the consumer group committed at the old job's
 * last completed checkpoint: nothing is lost, and what is written twice is only what the old job
 * had read after that checkpoint (none after a stop with savepoint, whose final checkpoint commits).
 */
class RedeployIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int RATE = 250;
    static final int CHECKPOINT_MS = 2000;
    /** Checkpoints every 2 s; -Dstack.pipelineArgs=... adds pipeline options (e.g. to try a fix). */
    static final Map<String, String> CHECKPOINTS = Map.of("PIPELINE_ARGS",
            ("--checkpointingInterval=" + CHECKPOINT_MS + " " + System.getProperty("stack.pipelineArgs", "")).trim());
    /** Records that pile up on website-visit while no job runs. */
    static final int BACKLOG = 1000;
    static final Duration DEADLINE = Duration.ofMinutes(3);

    /** One redeploy: the records the new job may read again, from the committed offsets to the end at the stop. */
    record Redeploy(String what, OffsetRange reread) {
    }

    static LocalStack stack;
    static String bootstrapServers;
    static Traffic traffic;
    static PipelineProgress pipeline;

    @BeforeAll
    static void upTheStackWithoutDashboard() throws Exception {
        stack = LocalStack.create("redeploy-", 26500, 27000, 27500);
        bootstrapServers = "localhost:" + stack.port(9092);
        traffic = new Traffic("http://localhost:" + stack.port(8080));
        pipeline = new PipelineProgress(bootstrapServers);
        stack.up(CHECKPOINTS, "kafka", "flink", "generator", "job");
    }

    @AfterAll
    static void downTheStack() throws Exception {
        if (stack != null) {
            stack.tearDown();
        }
    }

    @Test
    void aResubmittedJobResumesFromTheCommittedOffsetsWithTheSameJarAndWithANewOne() throws Exception {
        traffic.configure(RATE, 0.02, 500, 20261125);
        traffic.start();
        pipeline.awaitInput(1000, DEADLINE);
        pipeline.awaitCaughtUp("the first job", DEADLINE);

        Path newVersion = stack.dir.resolve("pipeline-job-0.2.0-SNAPSHOT.jar");
        Files.copy(RepositoryFiles.path("pipeline-job/target/pipeline-job.jar"), newVersion);
        List<Redeploy> redeploys = new ArrayList<>();
        redeploys.add(redeploy("same jar, cancelled", RedeployIT::cancel, Map.of()));
        redeploys.add(redeploy("new jar " + newVersion.getFileName() + ", stopped with a savepoint that is not restored",
                RedeployIT::stopWithSavepoint, Map.of("PIPELINE_JAR", newVersion.toString())));

        traffic.stop();
        pipeline.awaitDrained(DEADLINE);
        DeliveryAudit audit = DeliveryAudit.read(bootstrapServers);

        List<String> duplicated = audit.duplicatedPositions();
        for (Redeploy redeploy : redeploys) {
            long rewritten = redeploy.reread().count(duplicated);
            System.out.printf("redeploy (%s): resumed at committed offsets %s; re-read window (website-visit end at "
                            + "the stop - committed) %d records; written twice %d; one checkpoint interval of input is "
                            + "about %d records%n", redeploy.what(), redeploy.reread().from(), redeploy.reread().size(), rewritten,
                    RATE * CHECKPOINT_MS / 1000);
        }
        System.out.printf("redeploys %d; %s%n", redeploys.size(), audit.summary());

        assertThat(audit.lostGood()).as("good visits of website-visit missing in website-out").isZero();
        assertThat(audit.lostBad()).as("malformed records of website-visit missing in website-dlq").isZero();
        assertThat(audit.unexpected()).as("records of website-out or website-dlq with no source in website-visit").isZero();
        // a resubmitted job re-reads only what came after the last committed offsets, never from the start
        assertThat(duplicated).as("records written twice that were not read again after a committed offset")
                .allSatisfy(position -> assertThat(redeploys.stream().anyMatch(r -> r.reread().contains(position)))
                        .as("%s lies in a re-read window", position).isTrue());
    }

    interface Stop {
        void stop() throws Exception;
    }

    /** The job stops, traffic piles up, deploy/stack up job submits a new job (from no savepoint). */
    private static Redeploy redeploy(String what, Stop stop, Map<String, String> jar) throws Exception {
        stop.stop();
        Map<TopicPartition, Long> committed = pipeline.committed();
        Map<TopicPartition, Long> endAtStop = TopicRecords.endOffsets(bootstrapServers, PipelineProgress.INPUT);
        pipeline.awaitInput(PipelineProgress.total(endAtStop) + BACKLOG, DEADLINE);

        Map<String, String> settings = new HashMap<>(CHECKPOINTS);
        settings.putAll(jar);
        long start = System.nanoTime();
        stack.up(settings, "job");
        pipeline.awaitCaughtUp("after the redeploy with the " + what, DEADLINE);
        System.out.printf("redeploy (%s): job stopped with the group at %d, website-visit at %d; resubmitted "
                        + "after %d more; caught up %d s after submission%n", what, PipelineProgress.total(committed),
                PipelineProgress.total(endAtStop), BACKLOG, Duration.ofNanos(System.nanoTime() - start).toSeconds());
        return new Redeploy(what, new OffsetRange(committed, endAtStop));
    }

    /** deploy/stack down job: Flink cancels the job; the group keeps the offsets of its last checkpoint. */
    private static void cancel() throws Exception {
        LocalStack.Result down = stack.run("down", "job");
        assertThat(down.exit()).as(down.output()).isZero();
        assertThat(down.output()).contains("cancelled");
    }

    /**
     * Flink's stop with a savepoint (POST /jobs/{jid}/stop): the sources stop at a final checkpoint
     * whose completion commits the offsets, so the next job re-reads nothing. The savepoint itself
     * is only a by-product, never restored (apache/beam#31313).
     */
    private static void stopWithSavepoint() throws Exception {
        String flink = "http://localhost:" + stack.port(8081);
        String jid = null;
        for (JsonNode job : JSON.readTree(Http.get(flink + "/jobs/overview")).path("jobs")) {
            if (job.path("state").asText().equals("RUNNING")) {
                jid = job.path("jid").asText();
            }
        }
        assertThat(jid).as("a RUNNING job to stop").isNotNull();
        var stop = Http.send("POST", flink + "/jobs/" + jid + "/stop", "{\"drain\": false}");
        assertThat(stop.statusCode()).as("POST /jobs/" + jid + "/stop: " + stop.body()).isEqualTo(202);
        String trigger = JSON.readTree(stop.body()).path("request-id").asText();
        String savepoint = flink + "/jobs/" + jid + "/savepoints/" + trigger;
        Polling.awaitTrue("the stop with savepoint of job " + jid + " completed", DEADLINE,
                () -> JSON.readTree(Http.get(savepoint)).path("status").path("id").asText().equals("COMPLETED"));
        JsonNode result = JSON.readTree(Http.get(savepoint)).path("operation");
        assertThat(result.has("failure-cause")).as("stop with savepoint: " + result).isFalse();
        String job = flink + "/jobs/" + jid;
        Polling.awaitTrue("job " + jid + " FINISHED after its stop", DEADLINE,
                () -> JSON.readTree(Http.get(job)).path("state").asText().equals("FINISHED"));
        System.out.printf("job %s stopped with savepoint %s%n", jid, result.path("location").asText());
    }
}
