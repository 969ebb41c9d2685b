// Packs the package as npm would publish it, installs the tarball into a new temporary
// project, and runs the quickstart there against the sandbox: proves the published files,
// the exports map and the dependencies are enough on their own, without this repository.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'smm-pack-'));
const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

try {
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], root));
  const tarball = join(work, packed[0].filename);
  const tsxVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies
    .tsx;

  const project = join(work, 'app');
  run('mkdir', ['-p', project], work);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'pack-check', private: true, type: 'module' }),
  );
  run('npm', ['install', '--no-audit', '--no-fund', tarball, `tsx@${tsxVersion}`], project);
  for (const file of ['quickstart.ts', 'start-demo.ts']) {
    copyFileSync(join(root, 'examples', file), join(project, file));
  }
  const output = run('npx', ['tsx', 'start-demo.ts'], project);
  if (!output.includes('quickstart finished')) {
    throw new Error(`the quickstart did not finish:\n${output}`);
  }
  console.log(`pack-and-install ok: ${packed[0].filename}, quickstart finished`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
