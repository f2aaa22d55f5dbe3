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

class DeliveryConfigTest {
  @TempDir Path dir;

  private PipelineConfig load(String delivery) throws IOException {
    Files.writeString(dir.resolve("pipeline.yaml"), "data_dir: data\n" + delivery);
    return PipelineConfig.load(dir);
  }

  private String fails(String delivery) throws IOException {
    BurnrateException e = assertThrows(BurnrateException.class, () -> load(delivery));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertTrue(e.getMessage().startsWith(dir.resolve("pipeline.yaml").toString()), e.getMessage());
    return e.getMessage();
  }

  @Test
  void noBlockMeansNoMail() throws IOException {
    assertTrue(load("").delivery().isEmpty());
  }

  @Test
  void theShippedConfigurationMailsNothing() {
    assertTrue(PipelineConfig.load(Path.of("../conf")).delivery().isEmpty());
  }

  @Test
  void fullBlockIsRead() throws IOException {
    DeliveryConfig d =
        load("""
                delivery:
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
            .delivery()
            .orElseThrow();
    assertEquals("burnrate@example.com", d.from());
    assertEquals(List.of("cfo@example.com", "finops@example.com"), d.recipients());
    assertEquals("Spend as of 2026-11-25", d.subjectFor(LocalDate.of(2026, 11, 25)));
    assertEquals("smtp.example.com", d.smtp().host());
    assertEquals(2525, d.smtp().port());
    assertEquals(DeliveryConfig.Tls.SSL, d.smtp().tls());
    assertEquals(5, d.smtp().timeoutSeconds());
    assertTrue(d.smtp().authenticates());
    assertArrayEquals(
        new String[] {"u", "p"}, d.smtp().credentials(Map.of("SMTP_USER", "u", "SMTP_PASS", "p")));
  }

  @Test
  void defaultsAreStarttlsOn587WithoutLogin() throws IOException {
    DeliveryConfig d =
        load("delivery:\n  from: a@b.io\n  recipients: [c@d.io]\n  smtp: {host: mail.local}\n")
            .delivery()
            .orElseThrow();
    assertEquals(DeliveryConfig.Tls.STARTTLS, d.smtp().tls());
    assertEquals(587, d.smtp().port());
    assertFalse(d.smtp().authenticates());
    assertEquals(DeliveryConfig.DEFAULT_SUBJECT, d.subject());
    assertEquals(
        25,
        load("delivery:\n  from: a@b.io\n  recipients: [c@d.io]\n  smtp: {host: h, tls: none}\n")
            .delivery()
            .orElseThrow()
            .smtp()
            .port());
  }

  @Test
  void unsetCredentialVariableIsAConfigErrorNamingIt() throws IOException {
    DeliveryConfig d =
        load("delivery:\n  from: a@b.io\n  recipients: [c@d.io]\n"
                + "  smtp: {host: h, username_env: BR_U, password_env: BR_P}\n")
            .delivery()
            .orElseThrow();
    BurnrateException e =
        assertThrows(BurnrateException.class, () -> d.smtp().credentials(Map.of("BR_U", "me")));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertTrue(e.getMessage().contains("BR_P"), e.getMessage());
  }

  @Test
  void badBlocksAreNamedErrors() throws IOException {
    String ok = "  from: a@b.io\n  smtp: {host: h}\n";
    assertTrue(fails("delivery:\n" + ok).contains("delivery.recipients: name at least one"));
    assertTrue(
        fails("delivery:\n  recipients: [cfo]\n" + ok)
            .contains("delivery.recipients: 'cfo' is not a mail address"));
    assertTrue(
        fails("delivery:\n  recipients: [c@d.io]\n  smtp: {host: h}\n")
            .contains("delivery.from: required"));
    assertTrue(
        fails("delivery:\n  recipients: [c@d.io]\n  from: a@b.io\n")
            .contains("delivery.smtp.host: required"));
    assertTrue(
        fails("delivery:\n  recipients: [c@d.io]\n  from: a@b.io\n  smtp: {host: h, tls: yes}\n")
            .contains("delivery.smtp.tls"));
    assertTrue(
        fails("delivery:\n  recipients: [c@d.io]\n  from: a@b.io\n  smtp: {host: h, port: 70000}\n")
            .contains("delivery.smtp.port: 70000"));
    assertTrue(
        fails(
                "delivery:\n  recipients: [c@d.io]\n  from: a@b.io\n"
                    + "  smtp: {host: h, username_env: U}\n")
            .contains("go together"));
    assertTrue(
        fails(
                "delivery:\n  recipients: [c@d.io]\n  from: a@b.io\n"
                    + "  smtp: {host: h, username_env: me@corp, password_env: 'hunter2!'}\n")
            .contains("never written in pipeline.yaml"));
    assertTrue(
        fails("delivery:\n  recipients: [c@d.io]\n  from: a@b.io\n  smtp: {host: h, password: x}\n")
            .contains("unknown key 'password'"));
  }
}
