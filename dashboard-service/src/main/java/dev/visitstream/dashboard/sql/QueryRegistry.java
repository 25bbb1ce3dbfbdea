package dev.visitstream.dashboard.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.visitstream.dashboard.stream.QueryEnded;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The running queries and their limits: how many at once (and never more than Flink has free
 * slots), and how long one may run unwatched. Starting one: check, result topic, Flink job, results
 * reader; stopping one: cancel the job, delete its topic and its consumer group. Query jobs and
 * topics of an earlier run of this service (found by their name prefix) are cancelled and deleted
 * at start: their browsers are gone, and nobody else could stop them.
 */
@ApplicationScoped
public class QueryRegistry {

  private static final Logger LOG = Logger.getLogger(QueryRegistry.class);

  private final Map<String, RunningQuery> queries = new ConcurrentHashMap<>();
  private final QueryCheck check;
  private final QueryLauncher launcher;
  private final FlinkCluster flink;
  private final QueryTopics topics;
  private final SqlConfig config;
  private final ObjectMapper mapper;
  private final String bootstrapServers;
  private final ScheduledExecutorService housekeeping =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "sql-queries-housekeeping");
            thread.setDaemon(true);
            return thread;
          });
  private int starting;

  public QueryRegistry(
      QueryCheck check,
      QueryLauncher launcher,
      FlinkCluster flink,
      QueryTopics topics,
      SqlConfig config,
      ObjectMapper mapper,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.check = check;
    this.launcher = launcher;
    this.flink = flink;
    this.topics = topics;
    this.config = config;
    this.mapper = mapper;
    this.bootstrapServers = bootstrapServers;
  }

  void start(@Observes StartupEvent event) {
    housekeeping.execute(this::cleanUpLeftovers);
    housekeeping.execute(this::learnTables);
    housekeeping.scheduleWithFixedDelay(this::stopIdle, 10, 10, TimeUnit.SECONDS);
  }

  /** Checks and starts a query; the running query, or an exception that says why not. */
  public RunningQuery start(String query, String startFrom) {
    QueryText.validate(query, config.maxQueryChars());
    reserve();
    String id = UUID.randomUUID().toString().substring(0, 8);
    String name = config.namePrefix() + id;
    boolean topicCreated = false;
    boolean runRequested = false;
    try {
      if (flink.freeSlots() < 1) {
        throw new QueryLimitException(
            "the Flink cluster has no free task slot for another query: stop a query,"
                + " or give the cluster more slots (deploy/stack: FLINK_TASK_SLOTS)");
      }
      topics.create(name, config.resultPartitions());
      topicCreated = true;
      // One process plans the query and, when it can run, submits it: a query that cannot is
      // refused with the planner's position and nothing is submitted.
      List<String> args = new ArrayList<>(check.arguments(query, startFrom));
      args.add("--jobName=" + name);
      args.add("--resultTopic=" + name);
      args.add("--groupId=" + name);
      args.add("--flinkMaster=" + flink.master());
      args.add("--attachedMode=false");
      args.add("--parallelism=1");
      args.add("--filesToStage=" + java.nio.file.Path.of(config.pipelineJar()).toAbsolutePath());
      runRequested = true;
      JsonNode report = check.report(launcher.launch(args));
      if (!report.path("ok").asBoolean()) {
        runRequested = false;
        throw new QueryRefusedException(
            report.path("error").asText("the query cannot run"),
            report.path("line").asInt(),
            report.path("column").asInt(),
            report.path("endLine").asInt(),
            report.path("endColumn").asInt());
      }
      if (!report.path("submitted").asBoolean()) {
        throw new IllegalStateException("the query command did not submit the query job");
      }
      String jobId = jobNamed(name);
      QueryResults results =
          new QueryResults(
              bootstrapServers, name, config.resultPartitions(), mapper, config.keptRows());
      RunningQuery running =
          new RunningQuery(
              id,
              query,
              startFrom == null ? "latest" : startFrom,
              name,
              jobId,
              System.currentTimeMillis(),
              report.path("columns"),
              report.path("updating").asBoolean(),
              results);
      queries.put(id, running);
      LOG.infof("query %s started as Flink job %s", id, jobId);
      return running;
    } catch (RuntimeException e) {
      if (runRequested) {
        cancelJobsNamed(name, e);
      }
      if (topicCreated) {
        try {
          topics.delete(name, name);
        } catch (RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      throw e;
    } finally {
      release();
    }
  }

  /** The id of the job just submitted under this name; Flink lists it within moments. */
  private String jobNamed(String name) {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      for (FlinkCluster.Job job : flink.jobs()) {
        if (job.name().equals(name)) {
          return job.id();
        }
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(
            "the query job " + name + " was submitted but Flink does not list it");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  /**
   * A run that timed out or failed here may still have reached the cluster: such a job would read
   * and write with nobody to stop it.
   */
  private void cancelJobsNamed(String name, RuntimeException failure) {
    try {
      for (FlinkCluster.Job job : flink.jobs()) {
        if (job.active() && job.name().equals(name)) {
          flink.cancel(job.id());
        }
      }
    } catch (RuntimeException cleanup) {
      failure.addSuppressed(cleanup);
    }
  }

  private synchronized void reserve() {
    if (queries.size() + starting >= config.maxQueries()) {
      throw new QueryLimitException(
          "at most "
              + config.maxQueries()
              + " queries may run at once (dashboard.sql.max-queries):"
              + " stop one first");
    }
    starting++;
  }

  private synchronized void release() {
    starting--;
  }

  public RunningQuery get(String id) {
    RunningQuery query = id == null ? null : queries.get(id);
    if (query == null) {
      throw new UnknownQueryException(id);
    }
    return query;
  }

  java.util.Collection<RunningQuery> running() {
    return queries.values();
  }

  /** Cancels the job, deletes the result topic and the group; an unknown id changes nothing. */
  public void stop(String id) {
    RunningQuery query = get(id);
    flink.cancel(query.jobId());
    queries.remove(id);
    query.results().close();
    query.results().subscribers().forEach(s -> s.end(new QueryEnded("stopped")));
    topics.delete(query.name(), query.name());
    LOG.infof("query %s stopped (job %s cancelled, topic and group deleted)", id, query.jobId());
  }

  /**
   * Each query with its Flink state, rows out and age; Flink's state is "UNKNOWN" when it does not
   * answer.
   */
  public List<Map<String, Object>> list() {
    Map<String, String> states = new HashMap<>();
    String clusterError = null;
    try {
      flink.jobs().forEach(job -> states.put(job.id(), job.state()));
    } catch (RuntimeException e) {
      clusterError = e.getMessage();
    }
    long now = System.currentTimeMillis();
    List<Map<String, Object>> list = new ArrayList<>();
    for (RunningQuery query : queries.values()) {
      Map<String, Object> q = describe(query);
      q.put("state", clusterError != null ? "UNKNOWN" : states.getOrDefault(query.jobId(), "GONE"));
      q.put("age_seconds", (now - query.startedAt()) / 1000);
      list.add(q);
    }
    list.sort((a, b) -> Long.compare((long) b.get("age_seconds"), (long) a.get("age_seconds")));
    return list;
  }

  Map<String, Object> describe(RunningQuery query) {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("id", query.id());
    q.put("query", query.query());
    q.put("start_from", query.startFrom());
    q.put("job_id", query.jobId());
    q.put("job_name", query.name());
    q.put("topic", query.name());
    q.put("started_at", query.startedAt());
    q.put("columns", query.columns());
    q.put("updating", query.updating());
    q.put("rows_out", query.results().rows());
    q.put("watchers", query.results().subscribers().size());
    return q;
  }

  private void stopIdle() {
    long idleLimit = config.idleTimeout().toMillis();
    for (RunningQuery query : List.copyOf(queries.values())) {
      if (query.results().idleMillis() > idleLimit) {
        try {
          stop(query.id());
          LOG.infof("query %s stopped: nobody watched it for %s", query.id(), config.idleTimeout());
        } catch (RuntimeException e) {
          LOG.warnf(
              "query %s is idle but could not be stopped yet: %s", query.id(), e.getMessage());
        }
      }
    }
  }

  /** The page shows the tables first: asked now, a browser need not wait for a check. */
  private void learnTables() {
    try {
      check.tables();
    } catch (RuntimeException e) {
      LOG.infof("the tables of the SQL workbench are not known yet: %s", e.getMessage());
    }
  }

  private void cleanUpLeftovers() {
    try {
      for (FlinkCluster.Job job : flink.jobs()) {
        if (job.active() && job.name().startsWith(config.namePrefix())) {
          flink.cancel(job.id());
          topics.delete(job.name(), job.name());
          LOG.infof(
              "query job %s (%s) of an earlier run cancelled, its topic and group deleted",
              job.name(), job.id());
        }
      }
      for (String topic : topics.topicsStartingWith(config.namePrefix())) {
        topics.delete(topic, topic);
      }
    } catch (RuntimeException e) {
      LOG.infof("no query jobs of an earlier run cleaned up: %s", e.getMessage());
    }
  }

  @PreDestroy
  void close() {
    housekeeping.shutdownNow();
    queries.values().forEach(q -> q.results().close());
  }
}
