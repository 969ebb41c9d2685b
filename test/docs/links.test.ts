import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// The hand-written pages; the generated API reference is TypeDoc's to keep consistent.
const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces made hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#+\s+(.+)$/gm)].map((match) => slug(match[1] ?? '')));
}

/** Relative links of a Markdown page (outside code blocks), as `[target, anchor]`. */
function relativeLinks(page: string): [string, string | undefined][] {
  const text = readFileSync(join(ROOT, page), 'utf8').replace(/```[\s\S]*?```/g, '');
  const links: [string, string | undefined][] = [];
  for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const href = match[1] ?? '';
    if (/^[a-z]+:/i.test(href)) continue;
    const [path = '', anchor] = href.split('#');
    links.push([path, anchor]);
  }
  return links;
}

describe('links between the docs', () => {
  it.each(PAGES)('every relative link of %s points to a file and heading that exist', (page) => {
    const broken: string[] = [];
    for (const [path, anchor] of relativeLinks(page)) {
      const target = path === '' ? join(ROOT, page) : join(ROOT, dirname(page), path);
      if (!existsSync(target)) {
        broken.push(`${path} (no ${relative(ROOT, target)})`);
      } else if (anchor !== undefined && target.endsWith('.md') && !anchorsOf(target).has(anchor)) {
        broken.push(`${path}#${anchor} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });
});
