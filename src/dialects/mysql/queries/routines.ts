/**
 * ROUTINES and PARAMETERS. A definition is assembled from their columns rather than from
 * SHOW CREATE FUNCTION/PROCEDURE, which is one statement per routine.
 */
import { type QueryContext, select } from './select.js';

export interface RoutineRow {
  name: string;
  /** FUNCTION | PROCEDURE (MariaDB also PACKAGE, PACKAGE BODY) */
  type: string;
  /** Return type of a function, as declared (MariaDB keeps display widths: `int(11)`). */
  returns: string | null;
  /** The body; NULL when the user may not see it (neither definer nor SHOW_ROUTINE privilege). */
  body: string | null;
  deterministic: string;
  dataAccess: string;
  security: string;
  comment: string | null;
}

export function queryRoutines(ctx: QueryContext): Promise<RoutineRow[]> {
  return select<RoutineRow>(
    ctx,
    `SELECT ROUTINE_NAME AS \`name\`, ROUTINE_TYPE AS \`type\`, DTD_IDENTIFIER AS \`returns\`,
            ROUTINE_DEFINITION AS \`body\`, IS_DETERMINISTIC AS \`deterministic\`,
            SQL_DATA_ACCESS AS \`dataAccess\`, SECURITY_TYPE AS \`security\`, ROUTINE_COMMENT AS \`comment\`
       FROM information_schema.ROUTINES
      WHERE ROUTINE_SCHEMA = ?
      ORDER BY ROUTINE_NAME, ROUTINE_TYPE`,
    [ctx.database],
  );
}

export interface ParameterRow {
  routine: string;
  /** FUNCTION | PROCEDURE */
  type: string;
  position: number;
  /** IN | OUT | INOUT (NULL for function parameters on some versions) */
  mode: string | null;
  name: string;
  dataType: string;
}

/** Arguments of every routine (position 0, a function's return value, is left out). */
export function queryParameters(ctx: QueryContext): Promise<ParameterRow[]> {
  return select<ParameterRow>(
    ctx,
    `SELECT SPECIFIC_NAME AS \`routine\`, ROUTINE_TYPE AS \`type\`, ORDINAL_POSITION AS \`position\`,
            PARAMETER_MODE AS \`mode\`, PARAMETER_NAME AS \`name\`, DTD_IDENTIFIER AS \`dataType\`
       FROM information_schema.PARAMETERS
      WHERE SPECIFIC_SCHEMA = ? AND ORDINAL_POSITION > 0
      ORDER BY SPECIFIC_NAME, ROUTINE_TYPE, ORDINAL_POSITION`,
    [ctx.database],
  );
}
