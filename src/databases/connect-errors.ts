import { InfraError } from '../errors.js';
import { describeUrl } from '../secrets.js';

/**
 * Turns a driver's connection failure into one line that says what went wrong and what to do,
 * without the password. Postgres SQLSTATEs and MySQL error numbers are the drivers' own.
 */
export function connectionError(url: string, error: unknown, flag = '--url'): InfraError {
  const where = describeUrl(url);
  const e = error as { code?: string; errno?: number; message?: string };
  const code = e?.code ?? '';
  let message: string;
  if (code === 'ECONNREFUSED') message = `nothing is listening at ${where}: start the server or fix ${flag}`;
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') message = `host not found in ${where}: fix ${flag}`;
  else if (code === 'ETIMEDOUT' || /timeout/i.test(e?.message ?? ''))
    message = `timed out connecting to ${where}: check the host, port and firewall in ${flag}`;
  else if (
    code === '28P01' ||
    code === 'ER_ACCESS_DENIED_ERROR' ||
    // MariaDB answers an unknown user with 1698 rather than 1045.
    code === 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR' ||
    /password authentication failed/.test(e?.message ?? '')
  )
    message = `wrong user or password for ${where}: fix the credentials in ${flag}`;
  else if (code === '28000') message = `the server refused the login for ${where}: ${e.message}`;
  else if (code === '3D000' || code === 'ER_BAD_DB_ERROR')
    message = `the database in ${where} does not exist: point ${flag} at an existing database (e.g. /postgres)`;
  else message = `cannot connect to ${where}: ${e?.message ?? String(error)}`;
  return new InfraError(message, { cause: error });
}
