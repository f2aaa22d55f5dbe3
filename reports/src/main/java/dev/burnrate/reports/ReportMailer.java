package dev.burnrate.reports;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import dev.burnrate.core.config.MailConfig;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails the rendered PDF as an attachment to the recipients of pipeline.yaml's {@code mail:} block
 * (Jakarta Mail, Angus Mail implementation).
 *
 * <p>A failure never touches the PDF, which stays in the reports folder. Exit codes: 2 when the
 * configuration is at fault (a credential variable unset, login refused, an address the server
 * rejects: fix conf/ or the environment); 1 when the server could not be reached or failed (a
 * transient problem: rerunning {@code burnrate report} renders and sends again).
 */
public final class ReportMailer {
  private static final Logger log = LoggerFactory.getLogger(ReportMailer.class);

  private ReportMailer() {}

  /** What was sent: the message id the server accepted, the recipients and how long it took. */
  public record Sent(String messageId, int recipients, Duration elapsed) {}

  /**
   * Sends {@code pdf} to every recipient in one message.
   *
   * @param env where the SMTP credentials are looked up ({@link System#getenv()} in production)
   */
  public static Sent send(MailConfig mail, Path pdf, LocalDate asOf, Map<String, String> env) {
    long start = System.nanoTime();
    MailConfig.Smtp smtp = mail.smtp();
    String server = smtp.host() + ":" + smtp.port() + " (" + smtp.tls().name().toLowerCase() + ")";
    String[] credentials = smtp.authenticates() ? smtp.credentials(env) : null;
    if (!Files.isRegularFile(pdf)) {
      throw new BurnrateException(ExitCode.FAILURE, "cannot mail " + pdf + ": no such file");
    }
    Session session = Session.getInstance(properties(smtp));
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress(mail.from(), true));
      message.setRecipients(
          Message.RecipientType.TO,
          InternetAddress.parse(String.join(",", mail.recipients()), true));
      message.setSubject(mail.subjectFor(asOf), "UTF-8");
      message.setSentDate(new Date());

      MimeBodyPart body = new MimeBodyPart();
      body.setText(
          "The executive summary of GPU cloud spend and commitments as of "
              + asOf
              + " is attached ("
              + pdf.getFileName()
              + ").\n\nEvery figure comes from the burnrate warehouse built for that day.\n",
          "UTF-8");
      MimeBodyPart attachment = new MimeBodyPart();
      attachment.attachFile(pdf.toFile(), "application/pdf", "base64");
      attachment.setFileName(pdf.getFileName().toString());
      message.setContent(new MimeMultipart(body, attachment));
      message.saveChanges();

      try (Transport transport =
          session.getTransport(smtp.tls() == MailConfig.Tls.SSL ? "smtps" : "smtp")) {
        if (credentials == null) {
          transport.connect(smtp.host(), smtp.port(), null, null);
        } else {
          transport.connect(smtp.host(), smtp.port(), credentials[0], credentials[1]);
        }
        transport.sendMessage(message, message.getAllRecipients());
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      log.info(
          "Mailed {} to {} recipient(s) via {} in {} ms",
          pdf.getFileName(),
          mail.recipients().size(),
          server,
          elapsed.toMillis());
      return new Sent(message.getMessageID(), mail.recipients().size(), elapsed);
    } catch (AuthenticationFailedException e) {
      throw failure(ExitCode.USAGE, pdf, server, "login refused (" + firstLine(e) + ")", e);
    } catch (AddressException e) {
      throw failure(ExitCode.USAGE, pdf, server, "bad address: " + firstLine(e), e);
    } catch (SendFailedException e) {
      String rejected = addresses(e.getInvalidAddresses()) + addresses(e.getValidUnsentAddresses());
      throw failure(
          rejected.isEmpty() ? ExitCode.FAILURE : ExitCode.USAGE,
          pdf,
          server,
          (rejected.isEmpty() ? "" : "rejected " + rejected + ": ") + firstLine(e),
          e);
    } catch (MessagingException | IOException e) {
      throw failure(ExitCode.FAILURE, pdf, server, firstLine(e), e);
    }
  }

  private static Properties properties(MailConfig.Smtp smtp) {
    String timeout = String.valueOf(smtp.timeoutSeconds() * 1000L);
    Properties p = new Properties();
    for (String protocol : new String[] {"smtp", "smtps"}) {
      String k = "mail." + protocol + ".";
      p.setProperty(k + "host", smtp.host());
      p.setProperty(k + "port", String.valueOf(smtp.port()));
      p.setProperty(k + "auth", String.valueOf(smtp.authenticates()));
      p.setProperty(k + "connectiontimeout", timeout);
      p.setProperty(k + "timeout", timeout);
      p.setProperty(k + "writetimeout", timeout);
      // the server's certificate must match its name
      p.setProperty(k + "ssl.checkserveridentity", "true");
    }
    if (smtp.tls() == MailConfig.Tls.STARTTLS) {
      p.setProperty("mail.smtp.starttls.enable", "true");
      p.setProperty("mail.smtp.starttls.required", "true");
    }
    return p;
  }

  private static BurnrateException failure(
      int exitCode, Path pdf, String server, String reason, Exception cause) {
    return new BurnrateException(
        exitCode,
        "mailing the report via "
            + server
            + " failed: "
            + reason
            + "; the PDF is kept at "
            + pdf.toAbsolutePath(),
        cause);
  }

  private static String addresses(Address[] addresses) {
    return addresses == null || addresses.length == 0
        ? ""
        : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
  }

  private static String firstLine(Exception e) {
    Throwable t = e;
    String message = e.getMessage();
    // Angus wraps the socket error: the cause says what really happened ("Connection refused")
    while ((message == null || message.startsWith("Couldn't connect")) && t.getCause() != null) {
      String inner = t.getCause().getMessage();
      message = message == null ? inner : message + ": " + inner;
      t = t.getCause();
    }
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).trim();
  }
}
