// Fails when the committed dist/ differs from a fresh build of src/ (the Action runs dist/ as committed).
import { execFileSync } from 'node:child_process';

execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
// --untracked-files=all: a file the build adds (a new Python driver copied to dist/python/) counts too,
// whatever the local git config says about untracked files.
const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', 'dist'], {
  encoding: 'utf8',
});
if (status.trim() !== '') {
  console.error(`dist/ is stale: run \`npm run build\` and commit dist/.\n${status}`);
  process.exit(1);
}
console.log('dist/ is up to date');
