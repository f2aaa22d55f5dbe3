package dev.burnrate.demo;

import static dev.burnrate.demo.BillLine.Col.AvailabilityZone;
import static dev.burnrate.demo.BillLine.Col.BilledCost;
import static dev.burnrate.demo.BillLine.Col.BillingAccountId;
import static dev.burnrate.demo.BillLine.Col.BillingCurrency;
import static dev.burnrate.demo.BillLine.Col.BillingPeriodStart;
import static dev.burnrate.demo.BillLine.Col.ChargeCategory;
import static dev.burnrate.demo.BillLine.Col.ChargeDescription;
import static dev.burnrate.demo.BillLine.Col.ChargePeriodEnd;
import static dev.burnrate.demo.BillLine.Col.ChargePeriodStart;
import static dev.burnrate.demo.BillLine.Col.ListCost;
import static dev.burnrate.demo.BillLine.Col.PricingQuantity;
import static dev.burnrate.demo.BillLine.Col.PricingUnit;
import static dev.burnrate.demo.BillLine.Col.RegionId;
import static dev.burnrate.demo.BillLine.Col.ResourceId;
import static dev.burnrate.demo.BillLine.Col.ResourceName;
import static dev.burnrate.demo.BillLine.Col.ServiceName;
import static dev.burnrate.demo.BillLine.Col.SkuId;
import static dev.burnrate.demo.BillLine.Col.SkuPriceId;
import static dev.burnrate.demo.BillLine.Col.SubAccountId;
import static dev.burnrate.demo.BillLine.Col.SubAccountName;
import static dev.burnrate.demo.BillLineText.consumed;
import static dev.burnrate.demo.BillLineText.isCompute;
import static dev.burnrate.demo.BillLineText.json;
import static dev.burnrate.demo.BillLineText.num;
import static dev.burnrate.demo.BillLineText.tags;
import static dev.burnrate.demo.BillLineText.text;
import static dev.burnrate.demo.BillLineText.unit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Google Cloud's billing export (the BigQuery standard usage cost schema), as CSV with dotted
 * column names or as newline-delimited JSON with nested records. A credit row (a Credit, or a Usage
 * row that is a committed or sustained use discount: {@link BillLine#gcpCreditType()}) becomes a
 * credit nested in the usage row it refers to, else in the first Usage row of its day, account and
 * service ({@code credits[]}, negative amount, its type), as Google Cloud reports credits; Tax rows
 * have {@code cost_type} tax. Each day's rows are one export batch, exported at 04:00 UTC the next
 * day ({@code export_time}).
 */
final class GcpBillingWriter extends CostSink {
  /**
   * The CSV columns, in the order of Google's standard usage cost export schema (BigQuery's
   * gcp_billing_export_v1 table, nested fields flattened with dots as a CSV extract shows them), up
   * to cost_at_list: the generator writes no marketplace or transaction columns.
   */
  static final List<String> CSV_COLUMNS =
      List.of(
          "billing_account_id",
          "service.id",
          "service.description",
          "sku.id",
          "sku.description",
          "usage_start_time",
          "usage_end_time",
          "project.id",
          "project.name",
          "labels",
          "system_labels",
          "location.location",
          "location.region",
          "location.zone",
          "resource.name",
          "resource.global_name",
          "export_time",
          "cost",
          "currency",
          "currency_conversion_rate",
          "usage.amount",
          "usage.unit",
          "usage.amount_in_pricing_units",
          "usage.pricing_unit",
          "credits",
          "invoice.month",
          "cost_type",
          "cost_at_list");

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM", Locale.ROOT);
  private static final Map<String, String> SERVICE_IDS =
      Map.of(
          "Compute Engine", "6F81-5844-456A",
          "Cloud Storage", "95FF-2EF5-5EA1",
          "Networking", "E505-1604-58F8",
          "Cloud Support", "2062-016F-44A2");

  private final boolean jsonLines;
  private final CsvText csv;
  private final Writer json;
  private final List<BillLine> day = new ArrayList<>();

  GcpBillingWriter(Path file, boolean jsonLines) throws IOException {
    this.jsonLines = jsonLines;
    if (jsonLines) {
      Files.createDirectories(file.getParent());
      this.json =
          new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
      this.csv = null;
    } else {
      this.csv = new CsvText(file, false, false, "\n");
      this.json = null;
      csv.record(CSV_COLUMNS, "");
    }
  }

  @Override
  void emit(BillLine row) throws IOException {
    if (!day.isEmpty() && !day.get(0).date(ChargePeriodStart).equals(row.date(ChargePeriodStart))) {
      flush();
    }
    day.add(row);
  }

  @Override
  public void close() throws IOException {
    flush();
    if (jsonLines) {
      json.close();
    } else {
      csv.close();
    }
  }

  /** Writes the held day: credits folded into their usage row. */
  private void flush() throws IOException {
    Map<BillLine, List<BillLine>> credits = new LinkedHashMap<>();
    List<BillLine> own = new ArrayList<>();
    for (BillLine r : day) {
      if (!r.gcpCredit()) {
        own.add(r);
        credits.put(r, new ArrayList<>());
      }
    }
    for (BillLine c : day) {
      if (c.gcpCredit()) {
        BillLine host =
            c.refersTo() != null
                ? c.refersTo()
                : own.stream()
                    .filter(
                        r ->
                            "Usage".equals(r.get(ChargeCategory))
                                && !r.gcpCredit()
                                && r.get(ServiceName).equals(c.get(ServiceName))
                                && r.get(BillingAccountId).equals(c.get(BillingAccountId)))
                    .findFirst()
                    .orElseThrow(
                        () ->
                            new IllegalStateException(
                                "no usage row to carry the credit of " + c.get(ChargePeriodStart)));
        credits.get(host).add(c);
      }
    }
    for (BillLine r : own) {
      if (jsonLines) {
        json.write(MAPPER.writeValueAsString(record(r, credits.get(r))));
        json.write('\n');
      } else {
        csv.record(csvFields(r, credits.get(r)), "");
      }
    }
    day.clear();
  }

  private List<String> csvFields(BillLine r, List<BillLine> credits) {
    List<String> f = new ArrayList<>(CSV_COLUMNS.size());
    f.add(text(r, BillingAccountId));
    f.add(serviceId(r));
    f.add(text(r, ServiceName));
    f.add(text(r, SkuPriceId));
    f.add(text(r, ChargeDescription));
    f.add(time(r.date(ChargePeriodStart)));
    f.add(time(r.date(ChargePeriodEnd)));
    f.add(text(r, SubAccountId));
    f.add(text(r, SubAccountName));
    f.add(json(labels(r)));
    f.add(json(systemLabels(r)));
    f.add(text(r, RegionId));
    f.add(text(r, RegionId));
    f.add(text(r, AvailabilityZone));
    f.add(text(r, ResourceName));
    f.add(text(r, ResourceId));
    f.add(exportTime(r));
    f.add(num(r, BilledCost));
    f.add(text(r, BillingCurrency));
    f.add("1");
    f.add(usage(r) ? consumed(r) : null);
    f.add(usage(r) ? unit(r) : null);
    f.add(usage(r) ? num(r, PricingQuantity) : null);
    f.add(usage(r) ? text(r, PricingUnit) : null);
    f.add(json(creditList(credits)));
    f.add(r.date(BillingPeriodStart).format(MONTH));
    f.add(costType(r));
    f.add(num(r, ListCost));
    return f;
  }

  private ObjectNode record(BillLine r, List<BillLine> credits) {
    ObjectNode o = NODES.objectNode();
    o.put("billing_account_id", text(r, BillingAccountId));
    ObjectNode service = o.putObject("service");
    service.put("id", serviceId(r));
    service.put("description", text(r, ServiceName));
    ObjectNode sku = o.putObject("sku");
    sku.put("id", text(r, SkuPriceId));
    sku.put("description", text(r, ChargeDescription));
    o.put("usage_start_time", time(r.date(ChargePeriodStart)));
    o.put("usage_end_time", time(r.date(ChargePeriodEnd)));
    if (r.get(SubAccountId) != null) {
      ObjectNode project = o.putObject("project");
      project.put("id", text(r, SubAccountId));
      project.put("name", text(r, SubAccountName));
      project.putArray("labels");
    } else {
      o.putNull("project");
    }
    o.set("labels", MAPPER.valueToTree(labels(r)));
    o.set("system_labels", MAPPER.valueToTree(systemLabels(r)));
    ObjectNode location = o.putObject("location");
    location.put("location", text(r, RegionId));
    location.put("region", text(r, RegionId));
    location.put("zone", text(r, AvailabilityZone));
    ObjectNode resource = o.putObject("resource");
    resource.put("name", text(r, ResourceName));
    resource.put("global_name", text(r, ResourceId));
    o.put("export_time", exportTime(r));
    o.put("cost", r.decimal(BilledCost));
    o.put("currency", text(r, BillingCurrency));
    o.put("currency_conversion_rate", BigDecimal.ONE);
    ObjectNode u = o.putObject("usage");
    if (usage(r)) {
      u.put("amount", decimal(consumed(r)));
      u.put("unit", unit(r));
      u.put("amount_in_pricing_units", r.decimal(PricingQuantity));
      u.put("pricing_unit", text(r, PricingUnit));
    }
    ArrayNode cs = o.putArray("credits");
    for (Map<String, Object> c : creditList(credits)) {
      cs.add(MAPPER.valueToTree(c));
    }
    o.putObject("invoice").put("month", r.date(BillingPeriodStart).format(MONTH));
    o.put("cost_type", costType(r));
    o.put("cost_at_list", r.decimal(ListCost));
    return o;
  }

  private static BigDecimal decimal(String s) {
    return s == null ? null : new BigDecimal(s);
  }

  private static boolean usage(BillLine r) {
    return !"Tax".equals(r.get(ChargeCategory));
  }

  private static String costType(BillLine r) {
    return "Tax".equals(r.get(ChargeCategory)) ? "tax" : "regular";
  }

  private static String serviceId(BillLine r) {
    return SERVICE_IDS.getOrDefault(text(r, ServiceName), "0000-0000-0000");
  }

  private static List<Map<String, String>> labels(BillLine r) {
    List<Map<String, String>> out = new ArrayList<>();
    tags(r).forEach((k, v) -> out.add(keyValue(k, v)));
    return out;
  }

  private static List<Map<String, String>> systemLabels(BillLine r) {
    if (!isCompute(r) || r.get(ResourceId) == null) {
      // a commitment fee bills no machine
      return List.of();
    }
    return List.of(keyValue("compute.googleapis.com/machine_spec", text(r, SkuId)));
  }

  private static Map<String, String> keyValue(String k, String v) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("key", k);
    m.put("value", v);
    return m;
  }

  private static List<Map<String, Object>> creditList(List<BillLine> credits) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (BillLine c : credits) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", text(c, ChargeDescription));
      m.put("amount", c.decimal(BilledCost));
      String type = c.gcpCreditType() == null ? "PROMOTION" : c.gcpCreditType();
      if (c.commitment() != null) {
        // a resource-based CUD's credit: its id describes the kind of credit, full_name is empty
        m.put("full_name", null);
        m.put("id", text(c, ChargeDescription));
      } else {
        m.put("full_name", text(c, ChargeDescription));
        m.put("id", type + "-" + c.date(BillingPeriodStart).format(MONTH));
      }
      m.put("type", type);
      out.add(m);
    }
    return out;
  }

  /** BigQuery's text form of a TIMESTAMP. */
  private static String time(LocalDate d) {
    return d + " 00:00:00 UTC";
  }

  /** The day's batch is exported at 04:00 UTC the next day. */
  private static String exportTime(BillLine r) {
    return r.date(ChargePeriodEnd) + " 04:00:00.000000 UTC";
  }
}
