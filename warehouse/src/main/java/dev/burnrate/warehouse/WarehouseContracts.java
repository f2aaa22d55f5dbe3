package dev.burnrate.warehouse;

import dev.burnrate.core.BurnrateException;
import dev.burnrate.core.config.ContractsConfig;
import dev.burnrate.core.config.ContractsConfig.Commitment;
import dev.burnrate.core.config.ContractsConfig.Contract;
import dev.burnrate.core.config.ContractsConfig.Eligibility;
import dev.burnrate.core.config.PipelineConfig;
import dev.burnrate.core.config.SourceConfig;
import dev.burnrate.core.config.SourceFormat;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The contracts a warehouse build tracks: conf/contracts.yaml merged with the commitments of the
 * focus-contract-commitments sources (docs/commitments.md). A contract both name takes its terms
 * (provider and aliases, billing accounts, eligibility, discount, total) from contracts.yaml and
 * its commitments from the dataset; contracts.yaml may repeat those commitments only with the same
 * figures. A contract only in the dataset gets the default terms and the source's provider.
 */
final class WarehouseContracts {
  private WarehouseContracts() {}

  static ContractsConfig load(PipelineConfig cfg) {
    List<SourceConfig> sources = cfg.sourcesOf(SourceFormat.Kind.CONTRACT_COMMITMENTS);
    Path yamlFile = cfg.contractsFile();
    ContractsConfig yaml = ContractsConfig.load(yamlFile, !sources.isEmpty());
    if (sources.isEmpty()) {
      return yaml;
    }
    Map<String, List<ContractCommitmentDataset.Row>> dataset = new LinkedHashMap<>();
    for (ContractCommitmentDataset.Row r : ContractCommitmentDataset.read(cfg, sources)) {
      dataset.computeIfAbsent(r.contractId(), k -> new ArrayList<>()).add(r);
    }
    Map<String, String> yamlCommitmentContract = new HashMap<>();
    List<Contract> merged = new ArrayList<>();
    for (Contract k : yaml.contracts()) {
      k.commitments().forEach(m -> yamlCommitmentContract.put(m.id(), k.contractId()));
      List<ContractCommitmentDataset.Row> rows = dataset.remove(k.contractId());
      String where = yamlFile + ": contract '" + k.contractId() + "'";
      if (rows == null) {
        if (k.commitments().isEmpty()) {
          throw BurnrateException.config(
              where
                  + ": has no commitments, and no focus-contract-commitments source ("
                  + names(sources)
                  + ") defines them");
        }
        merged.add(k);
      } else {
        merged.add(withDatasetCommitments(where, k, rows));
      }
    }
    for (List<ContractCommitmentDataset.Row> rows : dataset.values()) {
      merged.add(datasetOnly(rows));
    }
    for (Contract k : merged) {
      for (Commitment m : k.commitments()) {
        String yamlContract = yamlCommitmentContract.get(m.id());
        if (yamlContract != null && !yamlContract.equals(k.contractId())) {
          throw BurnrateException.config(
              yamlFile
                  + ": contract '"
                  + yamlContract
                  + "' has commitment '"
                  + m.id()
                  + "', which the Contract Commitment dataset gives to contract '"
                  + k.contractId()
                  + "'");
        }
      }
    }
    return new ContractsConfig(merged);
  }

  private static Contract withDatasetCommitments(
      String where, Contract k, List<ContractCommitmentDataset.Row> rows) {
    ContractCommitmentDataset.Row first = rows.get(0);
    String dataset = "the Contract Commitment dataset (" + first.at() + ")";
    if (!first.provider().equals(k.provider()) && !k.providerAliases().contains(first.provider())) {
      throw BurnrateException.config(
          where
              + ": provider '"
              + k.provider()
              + "' and its aliases "
              + k.providerAliases()
              + " do not include '"
              + first.provider()
              + "', the provider of source '"
              + first.source()
              + "' that carries its commitments");
    }
    if (!k.currency().equals(first.currency()) || !k.period().equals(first.contractPeriod())) {
      throw BurnrateException.config(
          where
              + ": currency "
              + k.currency()
              + " and period "
              + k.period()
              + " differ from "
              + dataset
              + ": "
              + first.currency()
              + ", "
              + first.contractPeriod());
    }
    List<Commitment> fromDataset =
        rows.stream().map(ContractCommitmentDataset.Row::commitment).toList();
    List<Commitment> commitments = fromDataset;
    if (!k.commitments().isEmpty()) {
      if (!sameFigures(k.commitments(), fromDataset)) {
        throw BurnrateException.config(
            where
                + ": lists commitments that "
                + dataset
                + " also defines, with other figures: list them in one place (the dataset's"
                + " win once contracts.yaml leaves them out)");
      }
      commitments = k.commitments(); // the same figures, and maybe a ramp the dataset cannot carry
    }
    BigDecimal spend =
        fromDataset.stream()
            .map(Commitment::amount)
            .filter(Objects::nonNull)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    if (k.total() != null && k.total().compareTo(spend) != 0) {
      throw BurnrateException.config(
          where
              + ": total "
              + k.total().toPlainString()
              + " does not equal the sum of the Spend commitments in "
              + dataset
              + ": "
              + spend.toPlainString());
    }
    return new Contract(
        k.contractId(),
        k.provider(),
        k.providerAliases(),
        k.billingAccounts(),
        k.currency(),
        k.period(),
        k.total(),
        k.discountPct(),
        k.description(),
        k.eligibility(),
        commitments,
        k.rates());
  }

  private static Contract datasetOnly(List<ContractCommitmentDataset.Row> rows) {
    ContractCommitmentDataset.Row first = rows.get(0);
    return new Contract(
        first.contractId(),
        first.provider(),
        List.of(),
        List.of(),
        first.currency(),
        first.contractPeriod(),
        null,
        null,
        null,
        Eligibility.defaults(),
        rows.stream().map(ContractCommitmentDataset.Row::commitment).toList(),
        null);
  }

  /** The same commitment ids with the same category, period, amount, quantity and unit. */
  private static boolean sameFigures(List<Commitment> a, List<Commitment> b) {
    if (a.size() != b.size()) {
      return false;
    }
    Comparator<Commitment> byId = Comparator.comparing(Commitment::id);
    List<Commitment> x = a.stream().sorted(byId).toList();
    List<Commitment> y = b.stream().sorted(byId).toList();
    for (int i = 0; i < x.size(); i++) {
      Commitment m = x.get(i);
      Commitment n = y.get(i);
      if (!m.id().equals(n.id())
          || !m.category().equals(n.category())
          || !m.period().equals(n.period())
          || !sameNumber(m.amount(), n.amount())
          || !sameNumber(m.quantity(), n.quantity())
          || !Objects.equals(m.unit(), n.unit())) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameNumber(BigDecimal a, BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }

  private static String names(List<SourceConfig> sources) {
    return String.join(", ", sources.stream().map(SourceConfig::name).toList());
  }
}
