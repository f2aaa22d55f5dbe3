package dev.burnrate.demo;

import dev.burnrate.demo.Fleet.Node;
import dev.burnrate.demo.Fleet.Provider;
import dev.burnrate.demo.NativeCsvWriter.Layout;
import java.util.Set;
import java.util.TreeSet;

/**
 * The columns of each provider-native CSV export ({@link AwsLayouts}, {@link AzureLayout}, {@link
 * OciLayout}), filled from bill lines so that the format's mapping
 * (etl/src/main/resources/mappings) gives back exactly the line's BilledCost, EffectiveCost,
 * ChargeCategory, account, period, service, SKU and quantities. Column names follow the providers'
 * data dictionaries; every amount is written as the exact decimal ({@link BillLineText}).
 */
final class NativeLayouts {
  private NativeLayouts() {}

  /** The native CSV layout of the export's format, or null for the others. */
  static Layout of(Exports.Export e) {
    Provider p = e.provider();
    return switch (e.format()) {
      case AWS_CUR, AWS_CUR_PARQUET -> AwsLayouts.cur(tagKeys(p));
      case AWS_CUR2 -> AwsLayouts.cur2();
      case AZURE_EA -> AzureLayout.of(true);
      case AZURE_MCA -> AzureLayout.of(false);
      case OCI_COST -> OciLayout.of(tagKeys(p));
      default -> null;
    };
  }

  /** Every tag key of the provider's rows, sorted: the tag columns of a CUR or OCI report. */
  static Set<String> tagKeys(Provider p) {
    Set<String> keys = new TreeSet<>();
    BillLine probe = new BillLine().set(BillLine.Col.Tags, Charges.DATA_TAGS);
    keys.addAll(BillLineText.tags(probe).keySet());
    for (Node n : p.nodes()) {
      keys.addAll(BillLineText.tags(probe.set(BillLine.Col.Tags, n.tags())).keySet());
    }
    return keys;
  }
}
