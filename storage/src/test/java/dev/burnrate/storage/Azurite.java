package dev.burnrate.storage;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Azurite's Blob service as a child process on 127.0.0.1 ({@code npm install -g azurite}; .ci/run
 * installs it). Data lives in a folder, so {@link #stop} and {@link #start} simulate a server that
 * goes away and comes back.
 */
final class Azurite implements AutoCloseable {
  /** Azurite's well-known development account and key (public, documented by Microsoft). */
  static final String ACCOUNT = "devstoreaccount1";

  static final String KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private final Path location;
  private final int port;
  private Process process;

  Azurite(Path location) {
    this.location = location;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      this.port = s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    start();
  }

  void start() {
    String exe = findOnPath("azurite-blob");
    try {
      process =
          new ProcessBuilder(
                  exe,
                  "--blobHost",
                  "127.0.0.1",
                  "--blobPort",
                  String.valueOf(port),
                  "--location",
                  location.toString(),
                  "--silent",
                  "--skipApiVersionCheck")
              .redirectErrorStream(true)
              .redirectOutput(location.resolve("azurite.log").toFile())
              .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!listening()) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "azurite-blob did not start on port " + port + "; see " + location + "/azurite.log");
        }
        Thread.sleep(100);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Kills the server (it ignores SIGTERM for seconds): a crash, as far as a client can tell. */
  void stop() {
    process.destroyForcibly();
    try {
      process.waitFor(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  String endpoint() {
    return "http://127.0.0.1:" + port + "/" + ACCOUNT;
  }

  String connectionString(String key) {
    return "DefaultEndpointsProtocol=http;AccountName="
        + ACCOUNT
        + ";AccountKey="
        + key
        + ";BlobEndpoint="
        + endpoint()
        + ";";
  }

  BlobContainerClient container(String name) {
    BlobContainerClient c =
        new BlobServiceClientBuilder()
            .connectionString(connectionString(KEY))
            .buildClient()
            .getBlobContainerClient(name);
    c.createIfNotExists();
    return c;
  }

  static void put(BlobContainerClient c, String name, String content) {
    c.getBlobClient(name).upload(BinaryData.fromString(content), true);
  }

  private boolean listening() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String findOnPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File f = new File(dir, name);
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    throw new IllegalStateException(
        name + " is not on the PATH: install Azurite with 'npm install -g azurite' (.ci/run does)");
  }

  @Override
  public void close() {
    stop();
  }
}
