package dev.burnrate.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.MailConfig;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sends the rendered PDF through a real SMTP server (GreenMail) listening on loopback. */
class ReportMailerTest {
  @TempDir static Path dir;
  static Path pdf;

  GreenMail smtp;

  @BeforeAll
  static void renderAPdf() throws Exception {
    pdf =
        ReportRenderer.render(
                WarehouseFixture.create(dir),
                dir.resolve("reports/executive-summary-2026-11-25.pdf"),
                WarehouseFixture.AS_OF)
            .pdf();
  }

  @BeforeEach
  void startServer() {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterEach
  void stopServer() {
    smtp.stop();
  }

  /**
   * GreenMail's plain loopback port. Loading pipeline.yaml refuses tls none with a login
   * (MailConfigTest); a configuration built in code reaches the server, which keeps these tests
   * free of certificates.
   */
  private MailConfig mail(int port, String userEnv, String passwordEnv) {
    return new MailConfig(
        "burnrate@example.com",
        List.of("cfo@example.com", "finops@example.com"),
        "Executive summary {date}",
        new MailConfig.Smtp("127.0.0.1", port, MailConfig.Tls.NONE, userEnv, passwordEnv, 10));
  }

  @Test
  void everyRecipientReceivesThePdfByteForByte() throws Exception {
    ReportMailer.Sent sent =
        ReportMailer.send(
            mail(smtp.getSmtp().getPort(), null, null), pdf, WarehouseFixture.AS_OF, Map.of());
    assertEquals(2, sent.recipients());
    assertTrue(smtp.waitForIncomingEmail(5_000, 2));
    MimeMessage[] received = smtp.getReceivedMessages();
    assertEquals(2, received.length, "one copy per recipient");
    List<String> to = new ArrayList<>();
    for (MimeMessage m : received) {
      assertEquals("Executive summary 2026-11-25", m.getSubject());
      assertEquals("burnrate@example.com", m.getFrom()[0].toString());
      to.addAll(Arrays.stream(m.getAllRecipients()).map(Object::toString).toList());
      Part attachment = attachment((MimeMultipart) m.getContent());
      assertEquals("executive-summary-2026-11-25.pdf", attachment.getFileName());
      assertTrue(attachment.isMimeType("application/pdf"), attachment.getContentType());
      try (InputStream in = attachment.getInputStream()) {
        assertArrayEquals(Files.readAllBytes(pdf), in.readAllBytes());
      }
    }
    assertTrue(to.contains("cfo@example.com") && to.contains("finops@example.com"), to.toString());
  }

  @Test
  void logsInWithCredentialsFromTheEnvironment() throws Exception {
    smtp.setUser("burnrate@example.com", "burnrate", "s3cret");
    ReportMailer.send(
        mail(smtp.getSmtp().getPort(), "BR_SMTP_USER", "BR_SMTP_PASS"),
        pdf,
        WarehouseFixture.AS_OF,
        Map.of("BR_SMTP_USER", "burnrate", "BR_SMTP_PASS", "s3cret"));
    assertTrue(smtp.waitForIncomingEmail(5_000, 2));
  }

  @Test
  void refusedLoginIsAConfigErrorAndKeepsThePdf() {
    smtp.setUser("burnrate@example.com", "burnrate", "s3cret");
    BurnrateException e =
        assertThrows(
            BurnrateException.class,
            () ->
                ReportMailer.send(
                    mail(smtp.getSmtp().getPort(), "BR_SMTP_USER", "BR_SMTP_PASS"),
                    pdf,
                    WarehouseFixture.AS_OF,
                    Map.of("BR_SMTP_USER", "burnrate", "BR_SMTP_PASS", "wrong")));
    assertEquals(ExitCode.USAGE, e.exitCode(), e.getMessage());
    assertTrue(e.getMessage().contains("login refused"), e.getMessage());
    assertTrue(e.getMessage().contains("the PDF is kept at " + pdf.toAbsolutePath()));
    assertTrue(Files.isRegularFile(pdf));
    assertEquals(0, smtp.getReceivedMessages().length);
  }

  @Test
  void unreachableServerIsARetryableFailureNamingIt() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    BurnrateException e =
        assertThrows(
            BurnrateException.class,
            () ->
                ReportMailer.send(
                    mail(closedPort, null, null), pdf, WarehouseFixture.AS_OF, Map.of()));
    assertEquals(ExitCode.FAILURE, e.exitCode(), e.getMessage());
    assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
    assertTrue(e.getMessage().contains("the PDF is kept at"), e.getMessage());
    assertTrue(Files.isRegularFile(pdf));
  }

  private static Part attachment(MimeMultipart multipart) throws Exception {
    for (int i = 0; i < multipart.getCount(); i++) {
      Part part = multipart.getBodyPart(i);
      if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
        return part;
      }
    }
    throw new AssertionError("no attachment among " + multipart.getCount() + " parts");
  }
}
