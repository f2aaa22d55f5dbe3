package dev.burnrate.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.burnrate.core.BurnrateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The optional {@code mail:} block of pipeline.yaml: who receives the executive summary PDF by
 * mail, and through which SMTP server. Credentials are never written in conf/: the block names the
 * environment variables that hold them, and a login is sent only over TLS ({@code starttls} or
 * {@code ssl}). The block's former name, {@code delivery:}, is refused with a hint.
 *
 * <pre>
 * mail:
 *   from: burnrate@example.com
 *   recipients: [cfo@example.com, finops@example.com]
 *   subject: "GPU cloud spend: executive summary as of {date}"   # optional
 *   smtp:
 *     host: smtp.example.com
 *     port: 587                             # default: 25 (none), 587 (starttls), 465 (ssl)
 *     tls: starttls                         # none | starttls | ssl (default starttls)
 *     username_env: BURNRATE_SMTP_USERNAME  # optional: no authentication when absent
 *     password_env: BURNRATE_SMTP_PASSWORD
 *     timeout_seconds: 30
 * </pre>
 *
 * @param from the sender address
 * @param recipients one or more addresses, each receives the PDF as an attachment
 * @param subject the subject; {@code {date}} is replaced by the as-of day
 * @param smtp the server and its security settings
 */
public record MailConfig(String from, List<String> recipients, String subject, Smtp smtp) {

  /** The subject used when pipeline.yaml gives none. */
  public static final String DEFAULT_SUBJECT = "GPU cloud spend: executive summary as of {date}";

  /** How the connection to the SMTP server is secured. */
  public enum Tls {
    /** Plain SMTP, without a login (only for a relay on the same host or network). */
    NONE,
    /** Plain connection upgraded with STARTTLS; refuses to send when the server cannot. */
    STARTTLS,
    /** TLS from the first byte (SMTPS). */
    SSL;

    int defaultPort() {
      return switch (this) {
        case NONE -> 25;
        case STARTTLS -> 587;
        case SSL -> 465;
      };
    }
  }

  /**
   * The SMTP server.
   *
   * @param host host name or address
   * @param port TCP port
   * @param tls connection security
   * @param usernameEnv environment variable holding the user name; null: no authentication (a login
   *     with {@link Tls#NONE} is refused when pipeline.yaml is loaded)
   * @param passwordEnv environment variable holding the password
   * @param timeoutSeconds connect, read and write timeout
   */
  public record Smtp(
      String host, int port, Tls tls, String usernameEnv, String passwordEnv, int timeoutSeconds) {

    /** True when the server wants a user name and password. */
    public boolean authenticates() {
      return usernameEnv != null;
    }

    /**
     * The user name and password from {@code env} (normally {@link System#getenv()}).
     *
     * @throws BurnrateException exit 2 when a named variable is unset or empty
     */
    public String[] credentials(Map<String, String> env) {
      return new String[] {required(env, usernameEnv), required(env, passwordEnv)};
    }

    private static String required(Map<String, String> env, String name) {
      String value = env.get(name);
      if (value == null || value.isEmpty()) {
        throw BurnrateException.config(
            "mail: the environment variable "
                + name
                + " (pipeline.yaml mail.smtp) is not set: export it before the run");
      }
      return value;
    }
  }

  /** The block as an operator writes it. */
  record Raw(
      @JsonProperty("from") String from,
      @JsonProperty("recipients") List<String> recipients,
      @JsonProperty("subject") String subject,
      @JsonProperty("smtp") RawSmtp smtp) {}

  record RawSmtp(
      @JsonProperty("host") String host,
      @JsonProperty("port") Integer port,
      @JsonProperty("tls") String tls,
      @JsonProperty("username_env") String usernameEnv,
      @JsonProperty("password_env") String passwordEnv,
      @JsonProperty("timeout_seconds") Integer timeoutSeconds) {}

  // deliberately loose: the SMTP server has the last word; this catches typos and missing parts
  private static final Pattern ADDRESS =
      Pattern.compile("[^@\\s,;<>]+@[^@\\s,;<>]+\\.[^@\\s,;<>]+");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** The subject for an as-of day. */
  public String subjectFor(java.time.LocalDate asOf) {
    return subject.replace("{date}", asOf.toString());
  }

  /**
   * Validates the raw block read from {@code doc}; every problem is an exit-2 error naming the
   * file, the line and the key.
   */
  static Optional<MailConfig> from(Yaml.Document doc, Raw raw) {
    if (raw == null) {
      return Optional.empty();
    }
    List<String> recipients = new ArrayList<>();
    if (raw.recipients() == null || raw.recipients().isEmpty()) {
      throw doc.error("/mail/recipients", "mail.recipients: name at least one address");
    }
    for (int i = 0; i < raw.recipients().size(); i++) {
      String r = raw.recipients().get(i);
      String address = r == null ? "" : r.trim();
      if (!ADDRESS.matcher(address).matches()) {
        throw doc.error(
            "/mail/recipients/" + i, "mail.recipients: '" + address + "' is not a mail address");
      }
      recipients.add(address);
    }
    String from = raw.from() == null ? "" : raw.from().trim();
    if (!ADDRESS.matcher(from).matches()) {
      throw doc.error(
          "/mail/from",
          "mail.from: " + (from.isEmpty() ? "required" : "'" + from + "' is not a mail address"));
    }
    String subject =
        raw.subject() == null || raw.subject().isBlank() ? DEFAULT_SUBJECT : raw.subject().trim();
    return Optional.of(
        new MailConfig(from, List.copyOf(recipients), subject, smtp(doc, raw.smtp())));
  }

  private static Smtp smtp(Yaml.Document doc, RawSmtp s) {
    if (s == null || s.host() == null || s.host().isBlank()) {
      throw doc.error("/mail/smtp/host", "mail.smtp.host: required");
    }
    Tls tls;
    try {
      tls = s.tls() == null ? Tls.STARTTLS : Tls.valueOf(s.tls().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw doc.error(
          "/mail/smtp/tls", "mail.smtp.tls: '" + s.tls() + "' is not one of none, starttls, ssl");
    }
    int port = s.port() == null ? tls.defaultPort() : s.port();
    if (port < 1 || port > 65535) {
      throw doc.error("/mail/smtp/port", "mail.smtp.port: " + port + " is not a TCP port");
    }
    if ((s.usernameEnv() == null) != (s.passwordEnv() == null)) {
      throw doc.error(
          "/mail/smtp",
          "mail.smtp: username_env and password_env go together (or neither, for no login)");
    }
    for (String env : new String[] {s.usernameEnv(), s.passwordEnv()}) {
      if (env != null && !ENV_NAME.matcher(env).matches()) {
        throw doc.error(
            "/mail/smtp",
            "mail.smtp: '"
                + env
                + "' is not an environment variable name (credentials are never written in"
                + " pipeline.yaml: name the variables that hold them)");
      }
    }
    if (tls == Tls.NONE && s.usernameEnv() != null) {
      throw doc.error(
          "/mail/smtp/tls",
          "mail.smtp: tls none with a login (username_env, password_env) would send the password"
              + " in clear text: use tls: starttls or ssl, or drop the login for a relay that"
              + " needs none");
    }
    int timeout = s.timeoutSeconds() == null ? 30 : s.timeoutSeconds();
    if (timeout < 1) {
      throw doc.error(
          "/mail/smtp/timeout_seconds", "mail.smtp.timeout_seconds: must be at least 1");
    }
    return new Smtp(s.host().trim(), port, tls, s.usernameEnv(), s.passwordEnv(), timeout);
  }
}
