import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

function read(path: string): string {
  return readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
}

describe('docs/sandbox.md', () => {
  it('prints the vitest example exactly as it runs in test/docs/sandbox-example.test.ts', () => {
    const example = read('test/docs/sandbox-example.test.ts');
    // The file's opening comment is about this repository, not part of the example.
    const code = example.slice(example.indexOf('import '));
    expect(read('docs/sandbox.md')).toContain(`\`\`\`ts\n${code}\`\`\``);
  });
});
