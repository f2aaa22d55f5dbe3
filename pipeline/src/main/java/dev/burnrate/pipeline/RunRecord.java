package dev.burnrate.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.RunIds;
import dev.burnrate.core.io.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of one command run: {@code data_dir/runs/<run_id>.json}, listed by {@code burnrate
 * runs}. Written when the run ends, whatever the outcome.
 */
public final class RunRecord {
  private static final Logger LOG = LoggerFactory.getLogger(RunRecord.class);
  public static final String DIR = "runs";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One stage of the run. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Stage(
      @JsonProperty("stage") String stage,
      @JsonProperty("as_of") String asOf,
      @JsonProperty("started_at") String startedAt,
      @JsonProperty("duration_ms") long durationMs,
      @JsonProperty("status") String status,
      @JsonProperty("details") Map<String, Object> details) {}

  /** The file's content. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Data(
      @JsonProperty("run_id") String runId,
      @JsonProperty("command") String command,
      @JsonProperty("days") List<String> days,
      @JsonProperty("started_at") String startedAt,
      @JsonProperty("finished_at") String finishedAt,
      @JsonProperty("duration_ms") long durationMs,
      @JsonProperty("exit_code") int exitCode,
      @JsonProperty("error") String error,
      @JsonProperty("pid") long pid,
      @JsonProperty("stages") List<Stage> stages) {}

  /** Runs this process has started: a second run in the same second gets its own id. */
  private static final AtomicInteger STARTED = new AtomicInteger();

  private final String runId;
  private final String command;
  private final List<LocalDate> days;
  private final Instant started = Instant.now();
  private final List<Stage> stages = new ArrayList<>();

  RunRecord(String command, List<LocalDate> days) {
    this.command = command;
    this.days = List.copyOf(days);
    this.runId =
        RunIds.start(started)
            + "-"
            + command
            + "-"
            + ProcessHandle.current().pid()
            + sequence(STARTED.incrementAndGet());
  }

  /** Nothing for a process's first run (the usual case), {@code -N} for its N-th. */
  private static String sequence(int n) {
    return n == 1 ? "" : "-" + n;
  }

  String runId() {
    return runId;
  }

  List<Stage> stages() {
    return stages;
  }

  /** Runs one stage, timing it and keeping what it reports. */
  <T> T stage(
      String name,
      LocalDate asOf,
      Supplier<T> work,
      java.util.function.Function<T, Map<String, Object>> details) {
    Instant t0 = Instant.now();
    try {
      T result = work.get();
      stages.add(
          new Stage(
              name, asOf.toString(), t0.toString(), millisSince(t0), "ok", details.apply(result)));
      return result;
    } catch (Throwable e) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("exit_code", ExitCode.of(e));
      d.put("error", error(e));
      stages.add(new Stage(name, asOf.toString(), t0.toString(), millisSince(t0), "failed", d));
      throw e;
    }
  }

  /**
   * What a failure is called in the record: an operator error's message, else the throwable itself
   * (its class names an Error such as StackOverflowError, whose message is often empty).
   */
  static String error(Throwable e) {
    BurnrateException b = BurnrateException.find(e);
    return b != null ? b.getMessage() : e.toString();
  }

  private static long millisSince(Instant t0) {
    return Duration.between(t0, Instant.now()).toMillis();
  }

  /** Writes the record; returns its content. */
  Data finish(Path dataDir, int exitCode, String error) {
    Data data =
        new Data(
            runId,
            command,
            days.stream().map(LocalDate::toString).toList(),
            started.toString(),
            Instant.now().toString(),
            millisSince(started),
            exitCode,
            error,
            ProcessHandle.current().pid(),
            List.copyOf(stages));
    Path dir = dataDir.resolve(DIR);
    try {
      DurableFiles.write(dir.resolve(runId + ".json"), JSON.writeValueAsBytes(data));
    } catch (IOException e) {
      throw new BurnrateException(
          ExitCode.FAILURE, "cannot write the run record in " + dir + ": " + e, e);
    }
    return data;
  }

  /** Every run record below data_dir, oldest first; unreadable files are skipped. */
  public static List<Data> all(Path dataDir) {
    Path dir = dataDir.resolve(DIR);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Data> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f :
          (Iterable<Path>)
              files.filter(p -> p.getFileName().toString().endsWith(".json"))::iterator) {
        try {
          out.add(JSON.readValue(f.toFile(), Data.class));
        } catch (IOException e) {
          // a record left empty or cut short by a power cut before records were written durably:
          // not a reason to fail every later run
          LOG.warn("skipping unreadable run record {}: {}", f, e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new BurnrateException(ExitCode.FAILURE, "cannot list " + dir + ": " + e, e);
    }
    out.sort(Comparator.comparing(Data::startedAt));
    return out;
  }

  /** The last business day a nightly run completed successfully. */
  public static Optional<LocalDate> lastSuccessfulDay(Path dataDir) {
    return all(dataDir).stream()
        .filter(d -> d.command().equals("nightly") && d.exitCode() == 0 && d.days() != null)
        .flatMap(d -> d.days().stream())
        .map(LocalDate::parse)
        .max(Comparator.naturalOrder());
  }
}
