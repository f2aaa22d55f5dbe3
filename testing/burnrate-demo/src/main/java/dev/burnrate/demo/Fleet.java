package dev.burnrate.demo;

import java.math.BigDecimal;
import java.util.List;

/**
 * The fictional company's cloud estate: per provider its billing accounts, sub accounts and GPU
 * nodes. Built once by {@link FleetCatalog#build}; the bill and the telemetry are both drawn from
 * it, so a node's ResourceName and its DCGM Hostname label always agree.
 */
record Fleet(List<Provider> providers, List<Commitment> commitments) {

  /** The kinds of commitment discount the generator bills, each the way its provider bills it. */
  enum CommitmentKind {
    /**
     * AWS Compute Savings Plan, no upfront: a daily fee for the hourly commitment; covered usage at
     * the plan's rate, negated at the on-demand rate; the unused part on the fee row.
     */
    AWS_SAVINGS_PLAN("Savings Plan", "Spend"),
    /**
     * AWS EC2 Reserved Instances, partial upfront: an upfront fee at purchase, a monthly RIFee,
     * covered usage as DiscountedUsage at the amortized rate.
     */
    AWS_RESERVED_INSTANCE("Reserved Instance", "Usage"),
    /** Azure reservation paid monthly: a Purchase row on the 1st, covered usage with cost 0. */
    AZURE_RESERVATION("Reservation", "Usage"),
    /**
     * Google Cloud resource-based committed use discount: a daily fee per committed resource (GPUs,
     * vCPUs, memory), covered usage cancelled by a credit of type COMMITTED_USAGE_DISCOUNT (part of
     * the usage's cost: Usage).
     */
    GCP_CUD("Committed Use Discount", "Usage");

    /** FOCUS CommitmentDiscountType. */
    final String focusType;

    /** FOCUS CommitmentDiscountCategory. */
    final String category;

    CommitmentKind(String focusType, String category) {
      this.focusType = focusType;
      this.category = category;
    }
  }

  /**
   * A commitment discount bought by one billing account. It covers every node of its provider
   * running {@code covers} all day, from the start of the window (or from the purchase day that
   * {@link Commitments} picks for a reservation bought inside it).
   *
   * @param id CommitmentDiscountId: the plan's or reservation's ARN, benefit id; a Google Cloud
   *     CUD's commitment path, which its bill does not carry: its rows carry the pool of each
   *     committed resource instead ({@link Commitments#gcpPool})
   * @param discount the share taken off the contracted (negotiated) price of covered usage
   * @param headroom the share of the commitment above the covered usage (left unused), or zero
   */
  record Commitment(
      String providerSlug,
      CommitmentKind kind,
      String id,
      String name,
      Account account,
      Workload covers,
      BigDecimal discount,
      BigDecimal headroom) {}

  /** What a node's GPUs are doing; it shapes the telemetry only (every node is billed 24 h). */
  enum Workload {
    PRETRAIN("research", "llm-pretrain"),
    FINETUNE("applied-ml", "llm-finetune"),
    INFERENCE("platform", "inference-serving"),
    IDLE("research", "eval-sandbox");

    final String team;
    final String project;

    Workload(String team, String project) {
      this.team = team;
      this.project = project;
    }
  }

  /**
   * A GPU instance type as the bill names it (SkuId).
   *
   * @param fbTotalMiB framebuffer size per GPU as DCGM reports it
   */
  record InstanceType(String sku, String gpuModel, int gpus, int fbTotalMiB) {}

  /** Where and how a provider bills, and the quirks of its FOCUS export. */
  record Provider(
      String slug,
      String name,
      String invoiceIssuer,
      FocusDialect dialect,
      BigDecimal discount,
      String computeService,
      String computeSubcategory,
      String resourceType,
      String storageService,
      String networkService,
      String supportService,
      String creditDescription,
      boolean priceChangeOn15th,
      List<Account> accounts,
      List<SubAccount> subAccounts,
      List<Node> nodes) {

    int gpus() {
      return nodes.stream().mapToInt(n -> n.type().gpus()).sum();
    }
  }

  /**
   * A billing account: one invoice, one currency.
   *
   * @param supportMonthly monthly support fee (Purchase, Recurring), or null
   * @param creditMonthly monthly promotional credit (positive; billed negative), or null
   * @param taxRate tax on Usage and Purchase charges; zero means no tax rows
   */
  record Account(
      String id,
      String name,
      String type,
      String currency,
      BigDecimal supportMonthly,
      BigDecimal creditMonthly,
      BigDecimal taxRate,
      String taxDescription) {}

  /** A sub account (linked account, subscription, project, compartment) with its data bucket. */
  record SubAccount(
      String id,
      String name,
      String type,
      Account account,
      String regionId,
      String regionName,
      long storageGb,
      BigDecimal storageListPrice,
      BigDecimal networkListPrice,
      int egressMinGb,
      int egressMaxGb,
      String bucketId,
      String bucketName) {}

  /**
   * One GPU node, billed one Usage row a day.
   *
   * @param ordinal position within its provider, from 0
   * @param listPrice list price per pricing unit in the billing currency
   * @param listPriceAfterChange list price from the mid-month price change on, or null
   * @param perGpuPricing true when the provider prices per GPU-hour instead of per instance-hour
   * @param description ChargeDescription, with %s standing for the list price
   * @param hostname the host name its telemetry reports (DCGM Hostname label, file names)
   * @param resourceName the bill's ResourceName: the host name for most providers, the scale set
   *     for an Azure scale-set instance, null where the provider's bill names no resource (AWS EC2,
   *     Oracle); telemetry finds the bill row by each provider's rule (docs/architecture.md)
   * @param telemetry false for the node that is billed but sends no DCGM scrapes
   */
  record Node(
      String providerSlug,
      int ordinal,
      SubAccount sub,
      InstanceType type,
      String resourceId,
      String hostname,
      String resourceName,
      String zone,
      String tags,
      Workload workload,
      boolean telemetry,
      BigDecimal listPrice,
      BigDecimal listPriceAfterChange,
      boolean perGpuPricing,
      String skuPriceId,
      String description) {}

  int nodeCount() {
    return providers.stream().mapToInt(p -> p.nodes().size()).sum();
  }

  int gpuCount() {
    return providers.stream().mapToInt(Provider::gpus).sum();
  }

  /** The provider's commitments, in catalog order. */
  List<Commitment> commitments(Provider p) {
    return commitments.stream().filter(c -> c.providerSlug().equals(p.slug())).toList();
  }

  Provider provider(String slug) {
    return providers.stream().filter(p -> p.slug().equals(slug)).findFirst().orElseThrow();
  }
}
