-- The lake's FOCUS cost rows, every column cast to its FocusColumns type: rename and cast only.
-- {{lake_cost_files}} is filled in by the runner with a list: a zero-row Parquet file typed from
-- FocusColumns (so an empty lake, or files written before a column existed, still give every
-- column its type), then '<data_dir>/lake/cost/**/*.parquet' when the lake holds cost files.
-- Folder names are ignored (hive_partitioning = false): every value is in the file itself.
with lake_cost as (

    select *
    from read_parquet({{lake_cost_files}}, hive_partitioning = false, union_by_name = true)

),

final as (

    select
        cast(AvailabilityZone as varchar) as AvailabilityZone,
        cast(BilledCost as decimal(28, 10)) as BilledCost,
        cast(BillingAccountId as varchar) as BillingAccountId,
        cast(BillingAccountName as varchar) as BillingAccountName,
        cast(BillingAccountType as varchar) as BillingAccountType,
        cast(BillingCurrency as varchar) as BillingCurrency,
        cast(BillingPeriodEnd as timestamp) as BillingPeriodEnd,
        cast(BillingPeriodStart as timestamp) as BillingPeriodStart,
        cast(CapacityReservationId as varchar) as CapacityReservationId,
        cast(CapacityReservationStatus as varchar) as CapacityReservationStatus,
        cast(ChargeCategory as varchar) as ChargeCategory,
        cast(ChargeClass as varchar) as ChargeClass,
        cast(ChargeDescription as varchar) as ChargeDescription,
        cast(ChargeFrequency as varchar) as ChargeFrequency,
        cast(ChargePeriodEnd as timestamp) as ChargePeriodEnd,
        cast(ChargePeriodStart as timestamp) as ChargePeriodStart,
        cast(CommitmentDiscountCategory as varchar) as CommitmentDiscountCategory,
        cast(CommitmentDiscountId as varchar) as CommitmentDiscountId,
        cast(CommitmentDiscountName as varchar) as CommitmentDiscountName,
        cast(CommitmentDiscountQuantity as decimal(28, 10)) as CommitmentDiscountQuantity,
        cast(CommitmentDiscountStatus as varchar) as CommitmentDiscountStatus,
        cast(CommitmentDiscountType as varchar) as CommitmentDiscountType,
        cast(CommitmentDiscountUnit as varchar) as CommitmentDiscountUnit,
        cast(ConsumedQuantity as decimal(28, 10)) as ConsumedQuantity,
        cast(ConsumedUnit as varchar) as ConsumedUnit,
        cast(ContractedCost as decimal(28, 10)) as ContractedCost,
        cast(ContractedUnitPrice as decimal(28, 10)) as ContractedUnitPrice,
        cast(EffectiveCost as decimal(28, 10)) as EffectiveCost,
        cast(InvoiceId as varchar) as InvoiceId,
        cast(InvoiceIssuerName as varchar) as InvoiceIssuerName,
        cast(ListCost as decimal(28, 10)) as ListCost,
        cast(ListUnitPrice as decimal(28, 10)) as ListUnitPrice,
        cast(PricingCategory as varchar) as PricingCategory,
        cast(PricingCurrency as varchar) as PricingCurrency,
        cast(PricingQuantity as decimal(28, 10)) as PricingQuantity,
        cast(PricingUnit as varchar) as PricingUnit,
        cast(ProviderName as varchar) as ProviderName,
        cast(PublisherName as varchar) as PublisherName,
        cast(RegionId as varchar) as RegionId,
        cast(RegionName as varchar) as RegionName,
        cast(ResourceId as varchar) as ResourceId,
        cast(ResourceName as varchar) as ResourceName,
        cast(ResourceType as varchar) as ResourceType,
        cast(ServiceCategory as varchar) as ServiceCategory,
        cast(ServiceName as varchar) as ServiceName,
        cast(ServiceSubcategory as varchar) as ServiceSubcategory,
        cast(SkuId as varchar) as SkuId,
        cast(SkuMeter as varchar) as SkuMeter,
        cast(SkuPriceId as varchar) as SkuPriceId,
        cast(SubAccountId as varchar) as SubAccountId,
        cast(SubAccountName as varchar) as SubAccountName,
        cast(SubAccountType as varchar) as SubAccountType,
        cast(Tags as varchar) as Tags,
        cast(ServiceProviderName as varchar) as ServiceProviderName,
        cast(HostProviderName as varchar) as HostProviderName,
        cast(ContractApplied as varchar) as ContractApplied,
        cast(x_SourceName as varchar) as x_SourceName,
        cast(x_SourceFormat as varchar) as x_SourceFormat,
        cast(x_SourceFile as varchar) as x_SourceFile,
        cast(x_SourceLine as bigint) as x_SourceLine,
        cast(x_FocusVersion as varchar) as x_FocusVersion,
        cast(x_RunId as varchar) as x_RunId,
        cast(x_PricedFrom as varchar) as x_PricedFrom
    from lake_cost

)

select * from final
