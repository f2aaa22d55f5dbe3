package dev.burnrate.core.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailConfigTest {
  @TempDir Path dir;

  private PipelineConfig load(String mail) throws IOException {
    Files.writeString(dir.resolve("pipeline.yaml"), "data_dir: data\n" + mail);
    return PipelineConfig.load(dir);
  }

  private String fails(String mail) throws IOException {
    BurnrateException e = assertThrows(BurnrateException.class, () -> load(mail));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertTrue(e.getMessage().startsWith(dir.resolve("pipeline.yaml").toString()), e.getMessage());
    return e.getMessage();
  }

  @Test
  void noBlockMeansNoMail() throws IOException {
    assertTrue(load("").mail().isEmpty());
  }

  @Test
  void theShippedConfigurationMailsNothing() {
    assertTrue(PipelineConfig.load(Path.of("../conf")).mail().isEmpty());
  }

  @Test
  void fullBlockIsRead() throws IOException {
    MailConfig d =
        load("""
                mail:
                  from: burnrate@example.com
                  recipients: [cfo@example.com, ' finops@example.com ']
                  subject: "Spend as of {date}"
                  smtp:
                    host: smtp.example.com
                    port: 2525
                    tls: SSL
                    username_env: SMTP_USER
                    password_env: SMTP_PASS
                    timeout_seconds: 5
                """)
            .mail()
            .orElseThrow();
    assertEquals("burnrate@example.com", d.from());
    assertEquals(List.of("cfo@example.com", "finops@example.com"), d.recipients());
    assertEquals("Spend as of 2026-11-25", d.subjectFor(LocalDate.of(2026, 11, 25)));
    assertEquals("smtp.example.com", d.smtp().host());
    assertEquals(2525, d.smtp().port());
    assertEquals(MailConfig.Tls.SSL, d.smtp().tls());
    assertEquals(5, d.smtp().timeoutSeconds());
    assertTrue(d.smtp().authenticates());
    assertArrayEquals(
        new String[] {"u", "p"}, d.smtp().credentials(Map.of("SMTP_USER", "u", "SMTP_PASS", "p")));
  }

  @Test
  void defaultsAreStarttlsOn587WithoutLogin() throws IOException {
    MailConfig d =
        load("mail:\n  from: a@b.io\n  recipients: [c@d.io]\n  smtp: {host: mail.local}\n")
            .mail()
            .orElseThrow();
    assertEquals(MailConfig.Tls.STARTTLS, d.smtp().tls());
    assertEquals(587, d.smtp().port());
    assertFalse(d.smtp().authenticates());
    assertEquals(MailConfig.DEFAULT_SUBJECT, d.subject());
    assertEquals(
        25,
        load("mail:\n  from: a@b.io\n  recipients: [c@d.io]\n  smtp: {host: h, tls: none}\n")
            .mail()
            .orElseThrow()
            .smtp()
            .port());
  }

  @Test
  void unsetCredentialVariableIsAConfigErrorNamingIt() throws IOException {
    MailConfig d =
        load("mail:\n  from: a@b.io\n  recipients: [c@d.io]\n"
                + "  smtp: {host: h, username_env: BR_U, password_env: BR_P}\n")
            .mail()
            .orElseThrow();
    BurnrateException e =
        assertThrows(BurnrateException.class, () -> d.smtp().credentials(Map.of("BR_U", "me")));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertTrue(e.getMessage().contains("BR_P"), e.getMessage());
  }

  @Test
  void badBlocksAreNamedErrors() throws IOException {
    String ok = "  from: a@b.io\n  smtp: {host: h}\n";
    assertTrue(fails("mail:\n" + ok).contains("mail.recipients: name at least one"));
    assertTrue(
        fails("mail:\n  recipients: [cfo]\n" + ok)
            .contains("mail.recipients: 'cfo' is not a mail address"));
    assertTrue(
        fails("mail:\n  recipients: [c@d.io]\n  smtp: {host: h}\n")
            .contains("mail.from: required"));
    assertTrue(
        fails("mail:\n  recipients: [c@d.io]\n  from: a@b.io\n")
            .contains("mail.smtp.host: required"));
    assertTrue(
        fails("mail:\n  recipients: [c@d.io]\n  from: a@b.io\n  smtp: {host: h, tls: yes}\n")
            .contains("mail.smtp.tls"));
    assertTrue(
        fails("mail:\n  recipients: [c@d.io]\n  from: a@b.io\n  smtp: {host: h, port: 70000}\n")
            .contains("mail.smtp.port: 70000"));
    assertTrue(
        fails(
                "mail:\n  recipients: [c@d.io]\n  from: a@b.io\n"
                    + "  smtp: {host: h, username_env: U}\n")
            .contains("go together"));
    assertTrue(
        fails(
                "mail:\n  recipients: [c@d.io]\n  from: a@b.io\n"
                    + "  smtp: {host: h, username_env: me@corp, password_env: 'hunter2!'}\n")
            .contains("never written in pipeline.yaml"));
    assertTrue(
        fails("mail:\n  recipients: [c@d.io]\n  from: a@b.io\n  smtp: {host: h, password: x}\n")
            .contains("unknown key 'password'"));
  }

  @Test
  void theBlocksFormerNameIsRefusedAtItsLineNamingTheNewKey() throws IOException {
    String e = fails("# mail the PDF\ndelivery:\n  from: a@b.io\n  recipients: [c@d.io]\n");
    assertTrue(
        e.startsWith(dir.resolve("pipeline.yaml") + ":3: key 'delivery' is renamed to mail:"), e);
  }

  @Test
  void aLoginOverPlainSmtpIsRefusedBeforeItCouldSendThePasswordInClear() throws IOException {
    String e =
        fails(
            "mail:\n  from: a@b.io\n  recipients: [c@d.io]\n  smtp:\n    host: relay.corp\n"
                + "    tls: none\n    username_env: BR_U\n    password_env: BR_P\n");
    assertTrue(e.startsWith(dir.resolve("pipeline.yaml") + ":7: mail.smtp: tls none"), e);
    assertTrue(e.contains("password in clear text"), e);
    // the same login over STARTTLS, and plain SMTP without a login, are fine
    assertTrue(
        load("mail:\n  from: a@b.io\n  recipients: [c@d.io]\n"
                + "  smtp: {host: h, tls: starttls, username_env: BR_U, password_env: BR_P}\n")
            .mail()
            .orElseThrow()
            .smtp()
            .authenticates());
    assertFalse(
        load("mail:\n  from: a@b.io\n  recipients: [c@d.io]\n  smtp: {host: h, tls: none}\n")
            .mail()
            .orElseThrow()
            .smtp()
            .authenticates());
  }

  @Test
  void aBadValueIsNamedAtItsOwnLine() throws IOException {
    String e = fails("mail:\n  from: a@b.io\n  recipients:\n    - c@d.io\n    - cfo\n");
    assertTrue(
        e.startsWith(
            dir.resolve("pipeline.yaml") + ":6: mail.recipients: 'cfo' is not a mail address"),
        e);
  }
}
