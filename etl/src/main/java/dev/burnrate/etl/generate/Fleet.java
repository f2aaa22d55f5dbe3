package dev.burnrate.etl.generate;

import java.math.BigDecimal;
import java.util.List;

/**
 * The fictional company's cloud estate: per provider its billing accounts, sub accounts and GPU
 * nodes. Built once by {@link FleetCatalog#build}; the bill and the telemetry are both drawn from
 * it, so a node's ResourceName and its DCGM Hostname label always agree.
 */
record Fleet(List<Provider> providers) {

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
   * @param telemetry false for the node that is billed but sends no DCGM scrapes
   */
  record Node(
      String providerSlug,
      int ordinal,
      SubAccount sub,
      InstanceType type,
      String resourceId,
      String hostname,
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

  Provider provider(String slug) {
    return providers.stream().filter(p -> p.slug().equals(slug)).findFirst().orElseThrow();
  }
}
