/**
 * A setting's value on one surface: what its flag or input gave, else the config file's key, else
 * its default, checked by the table's check with a message that names where the value came from.
 * The CLI and the Action each describe their surface once (SurfaceValues) and read every setting
 * through this, so both take the same values with the same messages.
 */
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { EngineSpec } from '../vocabulary/engine-spec.js';
import type { FailOnKind } from '../vocabulary/fail-on.js';
import { DEFAULT_VERSIONS } from '../vocabulary/images.js';
import type { ProviderName } from '../vocabulary/provider-names.js';
import type { ToolName } from '../vocabulary/tool-names.js';
import type { RawSettings } from './config-file.js';
import { defaultEngine, parseEngine } from './engine-spec.js';
import type { Options } from './options.js';
import { type Setting, setting } from './settings.js';

export type RawValue = RawSettings[string];

export interface Surface {
  /** What the flag or input gave; undefined when it was not given (an empty input is not given). */
  given(s: Setting): RawValue;
  /** How a message names the flag or input: `--timeout`, `Input 'drift'`. */
  name(s: Setting): string;
  /** Whether this surface takes the setting from the config file when it was not given. */
  fromFile(s: Setting): boolean;
  /** How one written value splits into a list's items. */
  split(value: string): string[];
}

export class SettingValues {
  constructor(
    private readonly surface: Surface,
    private readonly file: RawSettings,
    /** The config file as messages name it (`schemagate.config.json`). */
    private readonly shown: string,
  ) {}

  /** Whether the flag or input gave the setting (rather than the file or the default). */
  given(flag: string): boolean {
    return this.surface.given(setting(flag)) !== undefined;
  }

  raw(flag: string): RawValue {
    const s = setting(flag);
    const given = this.surface.given(s);
    if (given !== undefined) return given;
    return s.config && this.surface.fromFile(s) ? this.file[flag] : undefined;
  }

  /** `--timeout`, `Input 'drift'`, or `schemagate.config.json 'timeout'`. */
  where(flag: string): string {
    return this.given(flag) ? this.surface.name(setting(flag)) : `${this.shown} '${flag}'`;
  }

  /** A list setting's items: every value split (`a,b`), blanks dropped. */
  list(flag: string): string[] {
    const v = this.raw(flag);
    if (v === undefined || typeof v === 'boolean') return [];
    return (Array.isArray(v) ? v : [v]).flatMap((item) => this.surface.split(item));
  }

  /** A string setting's text, else its default, else null. */
  text(flag: string): string | null {
    const v = this.raw(flag);
    if (v === undefined) return setting(flag).default ?? null;
    if (typeof v !== 'string') throw new UsageError(`${this.where(flag)} takes one value`);
    return v;
  }

  /** A string setting through its check (null when unset and without a default). */
  checked<T>(flag: string): T | null {
    const text = this.text(flag);
    const { check } = setting(flag);
    if (text === null || !check) return text as T | null;
    return check(text, this.where(flag)) as T;
  }

  /** A list setting's items through its check. */
  checkedList<T>(flag: string): T {
    const { checkList } = setting(flag);
    const items = this.list(flag);
    return (checkList ? checkList(items, this.where(flag)) : items) as T;
  }

  /** A boolean setting: true only when set to true. */
  on(flag: string): boolean {
    return this.raw(flag) === true;
  }
}

/** What the CLI and the Action read alike: the tool, the migrations, the engines, the models, limits. */
export function commonOptions(
  values: SettingValues,
  cwd: string,
  url: string | null,
): Pick<
  Options,
  | 'tool'
  | 'migrations'
  | 'engines'
  | 'provider'
  | 'models'
  | 'modelsCommand'
  | 'ignore'
  | 'python'
  | 'timeoutMs'
  | 'lanes'
  | 'shard'
  | 'rows'
  | 'failOn'
  | 'smallTables'
> {
  const resolve = (p: string) => path.resolve(cwd, p);
  // `postgres=IMAGE` covers every Postgres; `postgres:16=IMAGE` that version only (images.ts).
  const images = values.checkedList<Map<string, string>>('image');
  const specs =
    values.list('engine').length > 0
      ? values.checkedList<EngineSpec[]>('engine')
      : [parseEngine(defaultEngine(url))];
  const engines = specs.map((spec) => {
    const version = spec.version ?? DEFAULT_VERSIONS[spec.engine];
    return { ...spec, image: images.get(`${spec.engine}:${version}`) ?? images.get(spec.engine) ?? null };
  });
  return {
    tool: values.checked<ToolName>('tool'),
    migrations: values.list('migrations').map(resolve),
    engines,
    provider: values.checked<ProviderName>('provider'),
    models: values.list('models').map(resolve),
    modelsCommand: values.text('models-command'),
    ignore: values.list('ignore'),
    python: values.text('python')!,
    timeoutMs: values.checked<number>('timeout')!,
    lanes: values.checked<number | null>('lanes'),
    shard: values.checked<{ index: number; count: number }>('shard') ?? null,
    rows: values.checked<number>('rows') ?? 0,
    failOn: values.checked<Set<FailOnKind>>('fail-on') ?? null,
    smallTables: values.list('small-tables'),
  };
}
