import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PanelClient } from '../../src/client/panel-client.js';
import { definePanelProfile } from '../../src/client/panel-profile.js';

const SECRET = 'sk-TEST-SECRET-profile-77';

describe('the API key in a profile and a client', () => {
  it('is readable, but left out when a profile is printed, serialised or spread', () => {
    const profile = definePanelProfile({ url: 'https://panel.test/api/v2', apiKey: SECRET });
    expect(profile.apiKey).toBe(SECRET);
    expect(inspect(profile, { depth: 5 })).not.toContain(SECRET);
    expect(JSON.stringify(profile)).not.toContain(SECRET);
    expect(JSON.stringify({ ...profile })).not.toContain(SECRET);
  });

  it('is left out when a client is printed or serialised', async () => {
    const client = new PanelClient({
      profile: { url: 'https://panel.test/api/v2', apiKey: SECRET },
    });
    expect(inspect(client, { depth: 10 })).not.toContain(SECRET);
    expect(JSON.stringify(client)).not.toContain(SECRET);
    await client.close();
  });
});
