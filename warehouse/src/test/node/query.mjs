// Opens a DuckDB file read-only with the DuckDB 1.x Node client and prints one query's rows as
// JSON lines (values as strings), or DuckDB's error on stderr with exit status 3.
// Usage: node query.mjs <file.duckdb> <sql>
import { DuckDBInstance } from '@duckdb/node-api';

const [file, sql] = process.argv.slice(2);
try {
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(sql);
  for (const row of reader.getRowsJS()) {
    console.log(JSON.stringify(row.map((v) => (v === null ? null : String(v)))));
  }
  const version = await connection.runAndReadAll('select version()');
  console.error(`client ${version.getRowsJS()[0][0]}`);
} catch (e) {
  console.error(String(e.message ?? e));
  process.exit(3);
}
