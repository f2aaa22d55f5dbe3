package dev.burnrate.demo;

import dev.burnrate.demo.NativeCsvWriter.Column;
import dev.burnrate.demo.NativeCsvWriter.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The legacy CUR as its Athena integration delivers it: Snappy Parquet with flat snake_case columns
 * ({@link AwsLayouts#athenaName}), amounts as doubles and times as UTC timestamps, one {@code
 * resource_tags_user_<key>} column per tag key. Written with parquet-hadoop's example writer
 * straight to the local file (no Hadoop file system, so no .crc files beside it).
 */
final class AthenaParquetWriter extends CostSink {
  private final List<Column> columns;
  private final List<String> types;
  private final SimpleGroupFactory groups;
  private final ParquetWriter<Group> out;

  AthenaParquetWriter(Path file, Layout curLayout) throws IOException {
    this.columns = curLayout.columns();
    this.types = columns.stream().map(c -> AwsLayouts.curType(c.header())).toList();
    Types.MessageTypeBuilder schema = Types.buildMessage();
    List<Type> fields = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      String name = AwsLayouts.athenaName(columns.get(i).header());
      fields.add(
          switch (types.get(i)) {
            case "BigDecimal" -> Types.optional(PrimitiveTypeName.DOUBLE).named(name);
            case "DateTime" ->
                Types.optional(PrimitiveTypeName.INT64)
                    .as(
                        LogicalTypeAnnotation.timestampType(
                            true, LogicalTypeAnnotation.TimeUnit.MILLIS))
                    .named(name);
            default ->
                Types.optional(PrimitiveTypeName.BINARY)
                    .as(LogicalTypeAnnotation.stringType())
                    .named(name);
          });
    }
    MessageType type = schema.addFields(fields.toArray(new Type[0])).named("spark_schema");
    this.groups = new SimpleGroupFactory(type);
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    this.out =
        ExampleParquetWriter.builder(new LocalOutputFile(file))
            .withConf(new Configuration(false))
            .withType(type)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .build();
  }

  @Override
  void emit(BillLine row) throws IOException {
    Group g = groups.newGroup();
    for (int i = 0; i < columns.size(); i++) {
      String v = columns.get(i).value().apply(row);
      if (v == null) {
        continue;
      }
      switch (types.get(i)) {
        case "BigDecimal" -> g.add(i, Double.parseDouble(v));
        case "DateTime" -> g.add(i, OffsetDateTime.parse(v).toInstant().toEpochMilli());
        default -> g.add(i, v);
      }
    }
    out.write(g);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
