package dev.burnrate.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;

/**
 * Build-time tool: compiles every {@code .jrxml} under a source folder into a {@code .jasper} at
 * the same relative path under an output folder. The reports module's build runs it at {@code
 * process-classes} (see reports/pom.xml), so a broken layout fails {@code mvn verify} and the
 * renderer never needs a Java compiler at run time.
 *
 * <p>Usage: {@code TemplateCompiler <jrxml-dir> <jasper-dir>}. Exits non-zero, naming the template
 * and Jasper's message, when a template does not compile.
 */
public final class TemplateCompiler {
  private TemplateCompiler() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: TemplateCompiler <jrxml-dir> <jasper-dir>");
      System.exit(2);
    }
    try {
      int n = compileAll(Path.of(args[0]), Path.of(args[1]));
      System.out.println("[TemplateCompiler] " + n + " report template(s) compiled to " + args[1]);
    } catch (IOException | JRException e) {
      System.err.println("[TemplateCompiler] " + e.getMessage());
      System.exit(1);
    }
  }

  /** Compiles every template under {@code sourceDir}; returns how many were compiled. */
  static int compileAll(Path sourceDir, Path targetDir) throws IOException, JRException {
    List<Path> templates;
    try (Stream<Path> files = Files.walk(sourceDir)) {
      templates =
          files
              .filter(p -> p.getFileName().toString().endsWith(".jrxml"))
              .sorted()
              .collect(Collectors.toList());
    }
    if (templates.isEmpty()) {
      throw new IOException("no .jrxml templates under " + sourceDir);
    }
    for (Path jrxml : templates) {
      String name = jrxml.getFileName().toString().replaceFirst("\\.jrxml$", ".jasper");
      Path jasper = targetDir.resolve(sourceDir.relativize(jrxml)).resolveSibling(name);
      Files.createDirectories(jasper.getParent());
      try {
        JasperCompileManager.compileReportToFile(jrxml.toString(), jasper.toString());
      } catch (JRException | RuntimeException e) {
        Files.deleteIfExists(jasper);
        throw new JRException(sourceDir.relativize(jrxml) + ": " + e.getMessage(), e);
      }
    }
    return templates.size();
  }
}
