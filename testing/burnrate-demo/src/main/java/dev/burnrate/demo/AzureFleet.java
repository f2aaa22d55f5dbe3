package dev.burnrate.demo;

import static dev.burnrate.demo.Fleet.Workload.FINETUNE;
import static dev.burnrate.demo.Fleet.Workload.IDLE;
import static dev.burnrate.demo.Fleet.Workload.PRETRAIN;
import static dev.burnrate.demo.FleetCatalog.bd;

import dev.burnrate.core.focus.Providers;
import dev.burnrate.demo.Fleet.Account;
import dev.burnrate.demo.Fleet.InstanceType;
import dev.burnrate.demo.Fleet.Node;
import dev.burnrate.demo.Fleet.Provider;
import dev.burnrate.demo.Fleet.SubAccount;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Meridian's Azure estate: a USD enrollment with 2 ND96isr H100 v5 VMs and a 2-node AKS GPU pool (a
 * scale set billed as a whole, its nodes named after it), and a EUR enrollment with 2 VMs, at scale
 * 1.
 */
final class AzureFleet {
  private static final InstanceType ND_H100 =
      new InstanceType("Standard_ND96isr_H100_v5", "NVIDIA H100 80GB HBM3", 8, 81559);

  /** Azure: the AKS GPU node pool's scale set; its nodes are this name and 6 base-36 chars. */
  private static final String AKS_POOL = "aks-gpupool-31415926-vmss";

  private AzureFleet() {}

  static Provider build(int scale, long seed) {
    SplittableRandom r = Rng.of(seed, "azure", "accounts");
    Account us =
        new Account(
            Rng.digits(r, 8),
            "Meridian AI (US)",
            "Enrollment",
            "USD",
            bd("12000"),
            bd("2500"),
            bd("0.06"),
            "US sales tax");
    Account eu =
        new Account(
            Rng.digits(r, 8),
            "Meridian AI (EU)",
            "Enrollment",
            "EUR",
            null,
            null,
            bd("0.19"),
            "VAT 19%");
    String trainSub = Rng.uuid(r);
    String euSub = Rng.uuid(r);
    SubAccount train =
        new SubAccount(
            trainSub,
            "llm-training-prod",
            "Subscription",
            us,
            "eastus",
            "East US",
            600_000L * scale,
            bd("0.0184"),
            bd("0.05"),
            1_000 * scale,
            3_000 * scale,
            azureStorage(trainSub, "meridiantraindata"),
            "meridiantraindata");
    SubAccount finetune =
        new SubAccount(
            euSub,
            "llm-finetune-eu",
            "Subscription",
            eu,
            "swedencentral",
            "Sweden Central",
            150_000L * scale,
            bd("0.0170"),
            bd("0.046"),
            500 * scale,
            1_500 * scale,
            azureStorage(euSub, "meridianeudata"),
            "meridianeudata");
    String text = "NDisrH100v5 Series - ND96isr H100 v5 - Linux";
    List<Node> nodes = new ArrayList<>();
    NodeGroup.expand(
        nodes,
        seed,
        "azure",
        scale,
        new NodeGroup(
            train,
            ND_H100,
            List.of(PRETRAIN, IDLE),
            -1,
            bd("98.32"),
            null,
            false,
            text,
            // Azure's export leaves AvailabilityZone empty
            Collections.singletonList(null),
            i -> String.format(Locale.ROOT, "ndh100v5-eus-%03d", i + 1),
            (host, zone, rr) -> azureVm(trainSub, "rg-llm-training", host),
            NodeGroup.Naming.SAME));
    // an AKS GPU node pool: a scale set billed as a whole, its nodes named after it
    NodeGroup.expand(
        nodes,
        seed,
        "azure",
        scale,
        new NodeGroup(
            train,
            ND_H100,
            List.of(PRETRAIN, PRETRAIN),
            -1,
            bd("98.32"),
            null,
            false,
            text,
            Collections.singletonList(null),
            i ->
                AKS_POOL
                    + String.format(Locale.ROOT, "%6s", Integer.toString(i, 36)).replace(' ', '0'),
            (host, zone, rr) -> azureScaleSet(trainSub, "mc_rg-llm-training_aks-train", AKS_POOL),
            new NodeGroup.Naming((base, id) -> base, (base, id) -> AKS_POOL)));
    NodeGroup.expand(
        nodes,
        seed,
        "azure",
        scale,
        new NodeGroup(
            finetune,
            ND_H100,
            List.of(FINETUNE, FINETUNE),
            -1,
            bd("91.12"),
            null,
            false,
            text,
            Collections.singletonList(null),
            i -> String.format(Locale.ROOT, "ndh100v5-sec-%03d", i + 1),
            (host, zone, rr) -> azureVm(euSub, "rg-llm-finetune", host),
            NodeGroup.Naming.SAME));
    return new Provider(
        "azure",
        Providers.AZURE,
        "Microsoft",
        FocusDialect.of("1.0").excelStyle(),
        bd("0.20"),
        "Virtual Machines",
        "Virtual Machines",
        "Virtual machine",
        "Storage",
        "Bandwidth",
        "Unified Support",
        "Azure sponsorship credit",
        false,
        List.of(us, eu),
        List.of(train, finetune),
        List.copyOf(nodes));
  }

  private static String azureVm(String subscription, String group, String host) {
    return "/subscriptions/"
        + subscription
        + "/resourceGroups/"
        + group
        + "/providers/Microsoft.Compute/virtualMachines/"
        + host;
  }

  private static String azureScaleSet(String subscription, String group, String name) {
    return "/subscriptions/"
        + subscription
        + "/resourceGroups/"
        + group
        + "/providers/Microsoft.Compute/virtualMachineScaleSets/"
        + name;
  }

  private static String azureStorage(String subscription, String account) {
    return "/subscriptions/"
        + subscription
        + "/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/"
        + account;
  }
}
