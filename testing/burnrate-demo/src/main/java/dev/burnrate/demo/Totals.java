package dev.burnrate.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * What the generator wrote, as {@code generator-totals.json}: the exact cost per provider and
 * BillingCurrency and per file, before ({@code initial}) and after ({@code final}) the restatement
 * is copied over (the final files are the current deliveries only), plus the GPU facts. Amounts are
 * JSON strings holding exact decimals (6 places), so tests elsewhere can compare the warehouse with
 * them to the cent.
 *
 * @param options the options the data was generated with (the output folder left out)
 * @param finalTotals the landing data after {@code restated/} is copied over it
 * @param initial the landing data as first delivered
 * @param restatement the re-delivered file, or null when the window holds no closed month before
 *     the current one
 */
@JsonPropertyOrder({"options", "final", "initial", "restatement", "gpu"})
public record Totals(
    @JsonProperty("options") OptionsUsed options,
    @JsonProperty("final") Snapshot finalTotals,
    @JsonProperty("initial") Snapshot initial,
    @JsonProperty("restatement") Restatement restatement,
    @JsonProperty("gpu") Gpu gpu) {

  /** The file name inside the output folder. */
  public static final String FILE = "generator-totals.json";

  /** Money is written with this many decimals. */
  static final int MONEY_SCALE = 6;

  /** {@link Generator.Options} without the output folder, plus the first day with data. */
  public record OptionsUsed(
      int scale,
      long seed,
      LocalDate endDate,
      int days,
      int telemetryDays,
      int rampDays,
      LocalDate startDate) {}

  /**
   * The cost data at one moment: per provider and currency, per file, and the usage each commitment
   * discount covers.
   */
  public record Snapshot(
      List<ProviderTotal> providers, List<FileTotal> files, List<CoveredUsage> commitments) {}

  /**
   * The usage rows one commitment discount covers (CommitmentDiscountStatus Used), summed per
   * CommitmentDiscountId. AWS's covered usage has the discounted EffectiveCost; Azure's actual-cost
   * export states it at 0 (the purchase carries the cost); Google Cloud's keeps its cost (a credit
   * cancels it) and is summed per pool of its resource-based CUD (one entry per committed resource:
   * the GPUs, the vCPUs, the memory; {@link Commitments#gcpPool}).
   */
  public record CoveredUsage(
      String provider,
      String commitmentDiscountId,
      String commitmentDiscountType,
      String billingCurrency,
      long rows,
      BigDecimal billedCost,
      BigDecimal effectiveCost,
      BigDecimal listCost) {

    static CoveredUsage of(Fleet.Commitment c, BillLine r) {
      return new CoveredUsage(
          r.string(BillLine.Col.ProviderName),
          r.string(BillLine.Col.CommitmentDiscountId),
          c.kind().focusType,
          r.string(BillLine.Col.BillingCurrency),
          1,
          money(r.decimal(BillLine.Col.BilledCost)),
          money(r.decimal(BillLine.Col.EffectiveCost)),
          money(r.decimal(BillLine.Col.ListCost)));
    }

    CoveredUsage plus(CoveredUsage o) {
      return new CoveredUsage(
          provider,
          commitmentDiscountId,
          commitmentDiscountType,
          billingCurrency,
          rows + o.rows,
          billedCost.add(o.billedCost),
          effectiveCost.add(o.effectiveCost),
          listCost.add(o.listCost));
    }
  }

  /** One provider in one BillingCurrency (Azure has a USD and a EUR billing account). */
  public record ProviderTotal(
      String provider,
      String billingCurrency,
      BigDecimal billedCost,
      BigDecimal effectiveCost,
      long rows) {}

  /**
   * One export file: a part of one provider's billing month as one source delivers it.
   *
   * @param path relative to the output folder, with '/' separators
   * @param source the pipeline source that reads it
   * @param gpuHours billed GPU-hours: GPUs x hours of the compute usage rows (instance-hours x GPUs
   *     per node; a GPU SKU's own GPU-hours)
   */
  public record FileTotal(
      String path,
      String provider,
      String source,
      String billingPeriod,
      long rows,
      BigDecimal gpuHours,
      List<CurrencyTotal> currencies) {}

  /** Sums of one file's rows in one BillingCurrency. */
  public record CurrencyTotal(
      String billingCurrency, BigDecimal billedCost, BigDecimal effectiveCost, long rows) {

    static CurrencyTotal of(String currency, BigDecimal billed, BigDecimal effective, long rows) {
      return new CurrencyTotal(currency, money(billed), money(effective), rows);
    }
  }

  /**
   * The re-delivered closed month: the first delivery's {@code files} and the new delivery's {@code
   * restatedFiles}, written below {@code restated/} (copying that folder over the output folder
   * delivers them; the first delivery's files stay, as a bucket sync leaves them, and the rewritten
   * manifest names the new ones). In the FOCUS output the file is overwritten in place.
   */
  public record Restatement(
      String provider,
      String billingPeriod,
      LocalDate day,
      List<String> files,
      List<String> restatedFiles,
      String description,
      String billingCurrency,
      BigDecimal billedCostDelta,
      long rowsDelta) {}

  /** The fleet and its telemetry. */
  public record Gpu(
      int nodes,
      int gpus,
      List<GpuProvider> providers,
      LocalDate telemetryStart,
      LocalDate telemetryEnd,
      long telemetryFiles,
      long scrapes,
      long samples,
      List<String> noTelemetryHosts,
      List<String> idleHosts,
      List<String> unbilledHosts,
      XidEvent xid) {}

  /**
   * One provider's GPUs.
   *
   * @param gpuHours billed GPU-hours in the final data
   * @param gpuHoursInitial billed GPU-hours as first delivered
   * @param telemetryHosts hosts that send DCGM scrapes
   */
  public record GpuProvider(
      String provider,
      int nodes,
      int gpus,
      BigDecimal gpuHours,
      BigDecimal gpuHoursInitial,
      int telemetryHosts,
      List<InstanceTypeCount> instanceTypes) {}

  /** How many nodes of one instance type (SkuId) a provider runs. */
  public record InstanceTypeCount(String skuId, String gpuModel, int gpusPerNode, int nodes) {}

  /** The one XID error in the telemetry. */
  public record XidEvent(String hostname, int gpu, String uuid, int xid, long timestampMs) {}

  /** Writes the totals as indented JSON with '\n' line ends. */
  public void write(Path file) throws IOException {
    DefaultPrettyPrinter pp =
        new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    Files.writeString(file, MAPPER.writer(pp).writeValueAsString(this) + "\n");
  }

  /** Reads a totals file written by {@link #write}. */
  public static Totals read(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), Totals.class);
  }

  static BigDecimal money(BigDecimal v) {
    return v.setScale(MONEY_SCALE, RoundingMode.UNNECESSARY);
  }

  /** A quantity without trailing zeros and never in exponent form: 30720.0 -> 30720. */
  static BigDecimal quantity(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  private static final ObjectMapper MAPPER = mapper();

  private static ObjectMapper mapper() {
    SimpleModule plainDecimals = new SimpleModule();
    plainDecimals.addSerializer(
        BigDecimal.class,
        new StdSerializer<>(BigDecimal.class) {
          @Override
          public void serialize(BigDecimal v, JsonGenerator g, SerializerProvider p)
              throws IOException {
            g.writeString(v.toPlainString());
          }
        });
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .registerModule(plainDecimals)
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }
}
