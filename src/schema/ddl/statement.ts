/**
 * One generated DDL statement. Defined here, at the bottom, because the DDL generator makes it and
 * the report (src/report/model.ts) only carries it: the schema layer never imports the report.
 */
export interface DriftStatement {
  sql: string;
  /** True when the statement loses data (drops a table or column, narrows a type). */
  destructive: boolean;
}
