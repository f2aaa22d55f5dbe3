package dev.burnrate.reports;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.OutputFileMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TimeZone;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.util.JRLoader;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the executive summary PDF from a built warehouse. The layouts (compiled at build time
 * from {@code src/main/jasperreports/executive-summary/}) select only from the warehouse's {@code
 * rpt_} relations; this class only opens the warehouse read-only, passes the parameters, fills and
 * exports.
 */
public final class ReportRenderer {
  private static final Logger log = LoggerFactory.getLogger(ReportRenderer.class);

  /** The compiled main report on the classpath; its subreports sit next to it. */
  static final String MAIN_REPORT = "/reports/executive-summary/executive-summary.jasper";

  /** Report parameter: the as-of business day ({@link java.sql.Date}). */
  public static final String AS_OF = "AS_OF";

  private ReportRenderer() {}

  /**
   * Renders the executive summary for {@code asOf} from the warehouse file into {@code outPdf}
   * (parent folders are created; the file is replaced atomically, with mode {@link
   * OutputFileMode}).
   *
   * @throws BurnrateException exit 3 when the warehouse is missing, unreadable or lacks the rpt_
   *     relations; exit 1 for any other failure
   */
  public static RenderResult render(Path warehouseFile, Path outPdf, LocalDate asOf) {
    Objects.requireNonNull(warehouseFile, "warehouseFile");
    Objects.requireNonNull(outPdf, "outPdf");
    Objects.requireNonNull(asOf, "asOf");
    long start = System.nanoTime();
    if (!Files.isRegularFile(warehouseFile)) {
      throw BurnrateException.input(
          "no warehouse at "
              + warehouseFile.toAbsolutePath()
              + ": build it first (burnrate warehouse or burnrate nightly)");
    }

    JasperReport report = loadReport();
    Map<String, Object> params = new HashMap<>();
    params.put(AS_OF, java.sql.Date.valueOf(asOf));
    params.put(JRParameter.REPORT_LOCALE, Locale.US);
    params.put(JRParameter.REPORT_TIME_ZONE, TimeZone.getTimeZone("UTC"));

    JasperPrint print;
    try (Connection connection = openReadOnly(warehouseFile)) {
      print = JasperFillManager.fillReport(report, params, connection);
    } catch (SQLException e) {
      throw BurnrateException.input(
          "cannot open the warehouse "
              + warehouseFile
              + " read-only: "
              + firstLine(e.getMessage()));
    } catch (JRException | RuntimeException e) {
      throw fillFailure(warehouseFile, e);
    }
    long filled = System.nanoTime();

    export(print, outPdf);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    int pages = print.getPages().size();
    log.info(
        "Rendered {} ({} pages) in {} ms (fill {} ms, export {} ms)",
        outPdf,
        pages,
        elapsed.toMillis(),
        (filled - start) / 1_000_000,
        (System.nanoTime() - filled) / 1_000_000);
    return new RenderResult(outPdf, pages, elapsed);
  }

  private static JasperReport loadReport() {
    try (InputStream in = ReportRenderer.class.getResourceAsStream(MAIN_REPORT)) {
      if (in == null) {
        throw new BurnrateException(
            ExitCode.FAILURE, "compiled report " + MAIN_REPORT + " is not on the classpath");
      }
      return (JasperReport) JRLoader.loadObject(in);
    } catch (IOException | JRException e) {
      throw new BurnrateException(
          ExitCode.FAILURE, "cannot load " + MAIN_REPORT + ": " + e.getMessage(), e);
    }
  }

  private static Connection openReadOnly(Path warehouseFile) throws SQLException {
    Properties props = new Properties();
    props.setProperty("duckdb.read_only", "true");
    return DriverManager.getConnection("jdbc:duckdb:" + warehouseFile.toAbsolutePath(), props);
  }

  /**
   * A missing rpt_ relation or column is a warehouse problem (exit 3): DuckDB reports it as a
   * Catalog or Binder error. Anything else is a bug or an environment problem (exit 1).
   */
  private static BurnrateException fillFailure(Path warehouseFile, Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (t instanceof SQLException
          && message != null
          && (message.contains("Catalog Error") || message.contains("Binder Error"))) {
        return new BurnrateException(
            ExitCode.BAD_INPUT,
            "the warehouse "
                + warehouseFile
                + " lacks what the executive summary reads (rpt_ relations): "
                + firstLine(message),
            e);
      }
    }
    return new BurnrateException(
        ExitCode.FAILURE, "rendering the executive summary failed: " + rootMessage(e), e);
  }

  private static void export(JasperPrint print, Path outPdf) {
    Path dir = outPdf.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + outPdf.getFileName(), ".tmp");
      SimplePdfExporterConfiguration config = new SimplePdfExporterConfiguration();
      config.setMetadataTitle("Executive summary");
      config.setMetadataAuthor("burnrate");
      config.setMetadataCreator("burnrate");
      config.setDisplayMetadataTitle(true);
      config.setCompressed(true);
      JRPdfExporter exporter = new JRPdfExporter();
      exporter.setConfiguration(config);
      exporter.setExporterInput(new SimpleExporterInput(print));
      try (OutputStream out = Files.newOutputStream(tmp)) {
        exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
        exporter.exportReport();
      }
      // createTempFile made it 0600; the PDF gets the published files' one mode
      OutputFileMode.apply(tmp);
      Files.move(tmp, outPdf, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | JRException e) {
      throw new BurnrateException(
          ExitCode.FAILURE, "cannot write " + outPdf + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: a leftover hidden .tmp file is harmless
        }
      }
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e
        ? String.valueOf(e.getMessage())
        : e.getMessage() + ": " + firstLine(root.getMessage());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
