package dev.burnrate.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * One line of a generated bill: the FOCUS columns as the generator fills them, plus what a native
 * format needs beyond them. Values are typed (String, BigDecimal, or LocalDate for timestamps at
 * midnight UTC); {@link FocusDialect} decides how each provider writes them.
 */
final class BillLine {

  /**
   * The FOCUS columns the generator fills, named exactly as in core's FocusColumns. A dialect
   * writes those its FOCUS version has, in FocusColumns order.
   */
  enum Col {
    AvailabilityZone,
    BilledCost,
    BillingAccountId,
    BillingAccountName,
    BillingAccountType,
    BillingCurrency,
    BillingPeriodEnd,
    BillingPeriodStart,
    ChargeCategory,
    // null except on OCI's corrections, but always written: readers detect FOCUS 1.0 by it
    ChargeClass,
    ChargeDescription,
    ChargeFrequency,
    ChargePeriodEnd,
    ChargePeriodStart,
    CommitmentDiscountCategory,
    CommitmentDiscountId,
    CommitmentDiscountName,
    CommitmentDiscountStatus,
    CommitmentDiscountType,
    ConsumedQuantity,
    ConsumedUnit,
    ContractedCost,
    ContractedUnitPrice,
    EffectiveCost,
    InvoiceId,
    InvoiceIssuerName,
    ListCost,
    ListUnitPrice,
    PricingCategory,
    PricingCurrency,
    PricingQuantity,
    PricingUnit,
    ProviderName,
    PublisherName,
    RegionId,
    RegionName,
    ResourceId,
    ResourceName,
    ResourceType,
    ServiceCategory,
    ServiceName,
    ServiceSubcategory,
    SkuId,
    SkuMeter,
    SkuPriceId,
    SubAccountId,
    SubAccountName,
    SubAccountType,
    Tags,
    ServiceProviderName,
    HostProviderName
  }

  /**
   * Which part of a machine a compute row bills when the provider bills them apart (Google Cloud:
   * the GPUs, and the host's cores and memory); null for a row that bills the whole machine.
   */
  enum Component {
    GPU,
    HOST
  }

  private static final Col[] COLS = Col.values();
  private final Object[] values;

  // what a native format needs beyond the FOCUS columns
  private String awsLineItemType;
  private Fleet.Commitment commitment;
  private BigDecimal usedCommitment;
  private BillLine refersTo;
  private BigDecimal negotiatedDiscount;
  private String gcpCreditType;
  // a charge shorter than the day (OCI bills per hour): its first hour and length
  private int startHour;
  private int periodHours = 24;
  private Component gpuComponent;

  BillLine() {
    this.values = new Object[COLS.length];
  }

  private BillLine(Object[] values) {
    this.values = values;
  }

  BillLine set(Col c, Object value) {
    values[c.ordinal()] = value;
    return this;
  }

  Object get(Col c) {
    return values[c.ordinal()];
  }

  String string(Col c) {
    return (String) values[c.ordinal()];
  }

  BigDecimal decimal(Col c) {
    return (BigDecimal) values[c.ordinal()];
  }

  LocalDate date(Col c) {
    return (LocalDate) values[c.ordinal()];
  }

  /** AWS's lineItem/LineItemType, or null for the one the ChargeCategory implies. */
  String awsLineItemType() {
    return awsLineItemType;
  }

  BillLine awsLineItemType(String type) {
    this.awsLineItemType = type;
    return this;
  }

  /** The commitment discount this row covers usage by, bills or credits; or null. */
  Fleet.Commitment commitment() {
    return commitment;
  }

  /**
   * Marks the row as one of {@code c}'s and fills the FOCUS CommitmentDiscount columns ({@code
   * status} only on covered usage).
   */
  BillLine commitment(Fleet.Commitment c, String status) {
    this.commitment = c;
    return set(Col.CommitmentDiscountCategory, c.kind().category)
        .set(Col.CommitmentDiscountId, c.id())
        .set(Col.CommitmentDiscountName, c.name())
        .set(Col.CommitmentDiscountStatus, status)
        .set(Col.CommitmentDiscountType, c.kind().focusType);
  }

  /** On a Savings Plan fee row: the part of the commitment that covered usage used. */
  BigDecimal usedCommitment() {
    return usedCommitment;
  }

  BillLine usedCommitment(BigDecimal used) {
    this.usedCommitment = used;
    return this;
  }

  /**
   * The row this one belongs to: the usage row a Google Cloud credit is nested in, the line an OCI
   * correction corrects; or null.
   */
  BillLine refersTo() {
    return refersTo;
  }

  BillLine refersTo(BillLine row) {
    this.refersTo = row;
    return this;
  }

  /**
   * The negotiated (EDP) discount already taken off this row's BilledCost and EffectiveCost, as a
   * negative amount; null when none applies. FOCUS writes the net cost; legacy CUR writes the gross
   * line and the discount as its own EdpDiscount line item, CUR 2.0 the gross line with the
   * discount in its discount columns.
   */
  BigDecimal negotiatedDiscount() {
    return negotiatedDiscount;
  }

  BillLine negotiatedDiscount(BigDecimal discount) {
    this.negotiatedDiscount = discount;
    return this;
  }

  /**
   * The credits[].type a Google Cloud export nests this row as (in {@link #refersTo()} or its day's
   * first usage row of the service), or null for a charge of its own. A Credit row without one is
   * nested as a PROMOTION.
   */
  String gcpCreditType() {
    return gcpCreditType;
  }

  BillLine gcpCreditType(String type) {
    this.gcpCreditType = type;
    return this;
  }

  /** True when a Google Cloud export nests the row in another as one of its credits. */
  boolean gcpCredit() {
    return gcpCreditType != null || "Credit".equals(get(Col.ChargeCategory));
  }

  /** The machine part the row bills, or null for the whole machine. */
  Component gpuComponent() {
    return gpuComponent;
  }

  BillLine gpuComponent(Component c) {
    this.gpuComponent = c;
    return this;
  }

  /** The hour of ChargePeriodStart's day the charge starts at (0 for a whole-day charge). */
  int startHour() {
    return startHour;
  }

  /** The charge period's length in hours (24 for a whole-day charge). */
  int periodHours() {
    return periodHours;
  }

  /**
   * Makes the row's charge period {@code hours} long from {@code startHour} of its
   * ChargePeriodStart day; ChargePeriodEnd must then be the same day.
   */
  BillLine period(int startHour, int hours) {
    this.startHour = startHour;
    this.periodHours = hours;
    return this;
  }

  /** The charge period's start or end as a date and time. */
  java.time.LocalDateTime chargeTime(boolean end) {
    java.time.LocalDateTime start = date(Col.ChargePeriodStart).atStartOfDay().plusHours(startHour);
    return end ? start.plusHours(periodHours) : start;
  }

  BillLine copy() {
    BillLine c = new BillLine(Arrays.copyOf(values, values.length));
    c.awsLineItemType = awsLineItemType;
    c.commitment = commitment;
    c.usedCommitment = usedCommitment;
    c.refersTo = refersTo;
    c.negotiatedDiscount = negotiatedDiscount;
    c.gcpCreditType = gcpCreditType;
    c.startHour = startHour;
    c.periodHours = periodHours;
    c.gpuComponent = gpuComponent;
    return c;
  }
}
