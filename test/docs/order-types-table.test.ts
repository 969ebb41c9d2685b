import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ORDER_TYPE_FIELDS } from '../../src/api/order-type-fields.js';
import { ORDER_TYPES } from '../../src/api/order-types.js';

const page = readFileSync(new URL('../../docs/client-and-profiles.md', import.meta.url), 'utf8');

describe('the order types table in docs/client-and-profiles.md', () => {
  it('lists every order type with exactly the fields its schema takes', () => {
    const rows = new Map<string, string[]>();
    for (const match of page.matchAll(/^\| `([a-z_]+)` \| (.+) \|$/gm)) {
      const fields = [...(match[2] as string).matchAll(/`([A-Za-z]+)`/g)].map(
        (m) => m[1] as string,
      );
      rows.set(match[1] as string, fields);
    }
    for (const type of ORDER_TYPES) {
      expect(rows.get(type), type).toEqual([...ORDER_TYPE_FIELDS[type]]);
    }
  });
});
