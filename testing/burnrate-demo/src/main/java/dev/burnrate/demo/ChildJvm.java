package dev.burnrate.demo;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line of a child JVM like this one, for tests that run burnrate in a process of its
 * own (to kill it, or to read its real stderr): this JVM's java, its options but a debugger's
 * agent, its class path.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /** Runs {@code main} with {@code args}, given the system properties {@code properties}. */
  public static List<String> command(
      Map<String, String> properties, Class<?> main, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!option.startsWith("-agentlib")) {
        cmd.add(option);
      }
    }
    properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    cmd.addAll(args);
    return cmd;
  }
}
