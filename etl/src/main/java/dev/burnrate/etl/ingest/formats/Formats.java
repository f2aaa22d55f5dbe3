package dev.burnrate.etl.ingest.formats;

import dev.burnrate.core.config.SourceFormat;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The billing formats the ingest reads: for each, its mapping file ({@code mappings/<key>.yaml})
 * and its optional {@link Preparer}. A format missing here has no reader yet.
 */
public final class Formats {
  /** One readable format. */
  public record Format(SourceFormat format, String mappingName, Preparer preparer) {}

  private static final Map<SourceFormat, Format> FORMATS = new EnumMap<>(SourceFormat.class);

  static {
    register(new Format(SourceFormat.FOCUS, "focus", Preparer.NONE));
    register(new Format(SourceFormat.AWS_CUR, "aws-cur", new AwsCurAthenaPreparer("aws-cur")));
    register(new Format(SourceFormat.AWS_CUR2, "aws-cur2", Preparer.NONE));
    register(new Format(SourceFormat.FOCUS_USAGE, "focus-usage", new FocusUsagePreparer()));
    register(new Format(SourceFormat.AZURE_EA, "azure-ea", new AzurePreparer()));
    register(new Format(SourceFormat.AZURE_MCA, "azure-mca", new AzurePreparer()));
    register(new Format(SourceFormat.GCP_BILLING, "gcp-billing", new GcpPreparer()));
    register(new Format(SourceFormat.OCI_COST, "oci-cost", new OciPreparer()));
  }

  private Formats() {}

  private static void register(Format f) {
    FORMATS.put(f.format(), f);
  }

  public static Optional<Format> get(SourceFormat format) {
    return Optional.ofNullable(FORMATS.get(format));
  }
}
