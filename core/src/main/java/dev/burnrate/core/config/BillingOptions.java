package dev.burnrate.core.config;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.burnrate.core.focus.FocusColumns;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code options:} of a cost export source (the billing ingest's). Every key is optional.
 *
 * @param delivery how the source's files relate ({@code delivery}, default {@code auto})
 * @param tagKeyCase how tag keys are normalized ({@code tag_key_case}: lower, the default, upper or
 *     preserve)
 * @param rateCard {@code focus-usage} (and {@code auto}): the rate card, relative to the conf
 *     folder ({@code rate_card}, default {@code rate-cards/<source>.csv})
 * @param costBasis {@code azure-ea} and {@code azure-mca}: which of Azure's two cost exports the
 *     source reads ({@code cost_basis}: actual or amortized); an actual and an amortized source of
 *     one billing account form a pair, the warehouse takes BilledCost from the actual export and
 *     EffectiveCost from the amortized one
 * @param defaults {@code default.<FocusColumn>: value}: the value of a FOCUS column the file leaves
 *     null, by column name
 */
public record BillingOptions(
    DeliveryRule delivery,
    TagKeyCase tagKeyCase,
    Optional<String> rateCard,
    Optional<CostBasis> costBasis,
    Map<String, String> defaults)
    implements SourceOptions {

  /** The key prefix of a column default: {@code default.ChargeCategory: Usage}. */
  public static final String DEFAULT_PREFIX = "default.";

  /** A source that sets no option. */
  public static final BillingOptions DEFAULT =
      new BillingOptions(
          DeliveryRule.AUTO, TagKeyCase.LOWER, Optional.empty(), Optional.empty(), Map.of());

  public BillingOptions {
    defaults = Map.copyOf(defaults);
  }

  /** The options as pipeline.yaml writes them; an absent key takes its default. */
  @JsonCreator
  static BillingOptions read(
      @JsonProperty("delivery") DeliveryRule delivery,
      @JsonProperty("tag_key_case") TagKeyCase tagKeyCase,
      @JsonProperty("rate_card") String rateCard,
      @JsonProperty("cost_basis") CostBasis costBasis,
      // SourceFormat#optionKeys has let only default.<...> keys through to here
      @JsonAnySetter Map<String, String> columnDefaults) {
    Map<String, String> defaults = new LinkedHashMap<>();
    for (Map.Entry<String, String> e :
        columnDefaults == null ? Map.<String, String>of().entrySet() : columnDefaults.entrySet()) {
      String column = e.getKey().substring(DEFAULT_PREFIX.length());
      if (FocusColumns.byName(column).isEmpty() || column.startsWith("x_")) {
        throw new Yaml.InvalidValue(e.getKey(), "names no FOCUS column");
      }
      defaults.put(column, e.getValue());
    }
    return new BillingOptions(
        delivery == null ? DeliveryRule.AUTO : delivery,
        tagKeyCase == null ? TagKeyCase.LOWER : tagKeyCase,
        Optional.ofNullable(rateCard).map(String::strip).filter(s -> !s.isEmpty()),
        Optional.ofNullable(costBasis),
        defaults);
  }

  /** How tag keys are normalized. When two keys differ only in case, the first one wins. */
  public enum TagKeyCase implements Keyed {
    LOWER,
    UPPER,
    PRESERVE
  }

  /** Which of Azure's two cost exports a source reads. */
  public enum CostBasis implements Keyed {
    ACTUAL,
    AMORTIZED
  }
}
