#!/usr/bin/env node
// The Node.js version is checked before the bundle loads: the bundle uses Node 22's APIs
// (fs/promises glob among them), and on an older Node it would fail to link with an error that
// names none of this.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `schemagate: needs Node.js 22 or newer, and this is ${process.version}: install a current Node.js (GitHub Actions runs it on node24)`,
  );
  process.exit(2);
}
await import('../dist/cli.js');
