package dev.burnrate.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.demo.Generator;
import dev.burnrate.etl.SparkSessions;
import dev.burnrate.etl.ingest.IngestJob;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest on a real standalone Spark cluster: a Master and a Worker in their own JVMs on
 * 127.0.0.1, the spark-submit entry point ({@link IngestMain}) submitted with SparkSubmit in the
 * shaded application jar. The cluster's lake must equal the local-mode lake, and the submitted
 * driver exits with burnrate's codes: 3 on a bad file, 5 while another run holds the lock.
 */
class ClusterIngestIT {
  private static final LocalDate AS_OF = LocalDate.of(2026, 10, 20);
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private final List<Process> processes = new ArrayList<>();

  @TempDir Path dir;

  @AfterEach
  void stopCluster() {
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  void clusterLakeEqualsLocalLake() throws Exception {
    Path local = generate("local");
    Path cluster = generate("cluster");

    PipelineConfig localCfg = PipelineConfig.load(local.resolve("conf"));
    SparkSession spark = SparkSessions.create("local[2]", Map.of(), "burnrate-it-local");
    try {
      IngestJob.run(spark, localCfg, AS_OF);
    } finally {
      spark.stop();
    }

    Path sparkHome = sparkHome();
    int masterPort = freePort();
    start(
        sparkHome,
        "master",
        "org.apache.spark.deploy.master.Master",
        "--host",
        "127.0.0.1",
        "--port",
        String.valueOf(masterPort),
        "--webui-port",
        String.valueOf(freePort()));
    waitForPort(masterPort);
    String masterUrl = "spark://127.0.0.1:" + masterPort;
    Path workerLog =
        start(
            sparkHome,
            "worker",
            "org.apache.spark.deploy.worker.Worker",
            masterUrl,
            "--host",
            "127.0.0.1",
            "--cores",
            "2",
            "--memory",
            "1g",
            "--webui-port",
            String.valueOf(freePort()));
    waitForLine(workerLog, "Successfully registered with master");

    Path submitLog = dir.resolve("submit.log");
    assertEquals(0, submit(sparkHome, masterUrl, cluster, submitLog), Files.readString(submitLog));
    assertTrue(
        Files.readString(submitLog).contains(cluster.resolve("lake").toString()),
        "prints the run manifest's path");
    assertTrue(
        Files.readString(workerLog).contains("Asked to launch executor"),
        "the work ran on the worker's executors");

    String localRows = rows(local);
    String clusterRows = rows(cluster);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      long n = count(st, "select count(*) from (" + localRows + ")");
      assertTrue(n > 100, "the local lake holds rows: " + n);
      assertEquals(n, count(st, "select count(*) from (" + clusterRows + ")"));
      assertEquals(
          0, count(st, "select count(*) from (" + localRows + " except all " + clusterRows + ")"));
      assertEquals(
          0, count(st, "select count(*) from (" + clusterRows + " except all " + localRows + ")"));
    }

    // the cluster run exits with burnrate's codes: 5 while another run holds the lock, 3 on a file
    // that is no export
    PipelineConfig clusterCfg = PipelineConfig.load(cluster.resolve("conf"));
    Path log = dir.resolve("locked.log");
    try (RunLock held = RunLock.acquire(clusterCfg.dataDir(), "test")) {
      assertEquals(5, submit(sparkHome, masterUrl, cluster, log), Files.readString(log));
    }
    Path bad = cluster.resolve("landing/coreweave/not-an-export.csv");
    Files.createDirectories(bad.getParent());
    Files.writeString(bad, IngestMainTest.NOT_AN_EXPORT_TEXT);
    log = dir.resolve("bad.log");
    assertEquals(3, submit(sparkHome, masterUrl, cluster, log), Files.readString(log));
    String out = Files.readString(log);
    assertTrue(out.contains("burnrate: ") && out.contains("not-an-export.csv"), out);
    assertTrue(
        RunRecord.all(clusterCfg.dataDir()).stream().anyMatch(r -> r.exitCode() == 3),
        "the failed cluster run has its run record");
  }

  /** Submits the spark-submit entry point for a data folder; returns the driver's exit code. */
  private int submit(Path sparkHome, String masterUrl, Path data, Path log) throws Exception {
    Path appJar = ROOT.resolve("pipeline/target/burnrate-spark-app.jar");
    assertTrue(Files.isRegularFile(appJar), "the pipeline module builds " + appJar);
    Process submit =
        process(
            sparkHome,
            log,
            "org.apache.spark.deploy.SparkSubmit",
            "--master",
            masterUrl,
            "--deploy-mode",
            "client",
            "--class",
            IngestMain.class.getName(),
            "--conf",
            "spark.executor.memory=512m",
            "--conf",
            "spark.cores.max=2",
            appJar.toString(),
            "--conf",
            data.resolve("conf").toString(),
            "--date",
            AS_OF.toString());
    assertTrue(
        submit.waitFor(12, java.util.concurrent.TimeUnit.MINUTES), "the submitted job finishes");
    return submit.exitValue();
  }

  private Path generate(String name) throws IOException {
    Path out = dir.resolve(name);
    Generator.generate(new Generator.Options(out, 1, 42, AS_OF, 5, 0));
    return out;
  }

  /** Every lake row but the run id, with the source file named relative to its data folder. */
  private static String rows(Path data) {
    return "select * exclude (x_RunId, x_SourceFile), replace(x_SourceFile, '"
        + data
        + "/', '') as file from read_parquet('"
        + data.resolve("lake/cost")
        + "/**/*.parquet', hive_partitioning = false)";
  }

  private static long count(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * A SPARK_HOME whose jars/ holds the test's library jars (Spark's runtime among them), without
   * burnrate's own: the application jar brings those.
   */
  private Path sparkHome() throws IOException {
    Path home = dir.resolve("spark-home");
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      String name = jar.getFileName().toString();
      if (name.endsWith(".jar")
          && !name.startsWith("burnrate-")
          && !Files.exists(jars.resolve(name))) {
        Files.createSymbolicLink(jars.resolve(name), jar);
      }
    }
    return home;
  }

  private Path start(Path sparkHome, String name, String mainClass, String... args)
      throws IOException {
    Path log = dir.resolve(name + ".log");
    String[] all = new String[args.length + 1];
    all[0] = mainClass;
    System.arraycopy(args, 0, all, 1, args.length);
    process(sparkHome, log, all);
    return log;
  }

  private Process process(Path sparkHome, Path log, String... mainAndArgs) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens")
          || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
          || a.startsWith("-Djdk.reflect")
          || a.startsWith("-Dio.netty")) {
        cmd.add(a);
      }
    }
    cmd.add("-Xmx512m");
    cmd.add("-cp");
    cmd.add(sparkHome.resolve("jars") + File.separator + "*");
    cmd.addAll(List.of(mainAndArgs));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_HOME", sparkHome.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("SPARK_WORKER_DIR", dir.resolve("work").toString());
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void waitForPort(int port) throws InterruptedException {
    Instant end = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(end)) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(250);
      }
    }
    throw new AssertionError("Spark master did not listen on " + port);
  }

  private static void waitForLine(Path log, String text) throws Exception {
    Instant end = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(end)) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        log + " never said '" + text + "':\n" + (Files.exists(log) ? Files.readString(log) : ""));
  }
}
