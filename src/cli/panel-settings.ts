import { definePanelProfile, type IdempotencySupport } from '../client/panel-profile.js';
import { InvalidOptionsError } from '../errors/input-errors.js';
import type { CliIo } from './cli-io.js';

/** The panel a command talks to, from the environment. */
export interface PanelSettings {
  url: string;
  apiKey: string;
  /** From `SMM_PANEL_IDEMPOTENCY`; absent means the profile's default (`none`). */
  idempotency?: IdempotencySupport;
}

// The profile names its options as the SDK spells them; a CLI user set environment variables.
const VARIABLE_OF_OPTION: Readonly<Record<string, string>> = Object.freeze({
  url: 'SMM_PANEL_URL',
  apiKey: 'SMM_PANEL_KEY',
});

/**
 * Reads `SMM_PANEL_URL` and `SMM_PANEL_KEY` and checks them as a panel profile would, with a
 * message that names the variable to fix (never its value: the URL may be malformed around a
 * secret, and the key is one).
 */
export function readPanelSettings(io: CliIo): PanelSettings {
  const url = io.env.SMM_PANEL_URL;
  const apiKey = io.env.SMM_PANEL_KEY;
  if (url === undefined || url === '') {
    throw new InvalidOptionsError(
      'SMM_PANEL_URL',
      'is not set (the panel API URL, e.g. https://panel.example/api/v2)',
    );
  }
  if (apiKey === undefined || apiKey === '') {
    throw new InvalidOptionsError('SMM_PANEL_KEY', 'is not set (your API key for that panel)');
  }
  try {
    definePanelProfile({ url, apiKey });
  } catch (error) {
    const variable =
      error instanceof InvalidOptionsError ? VARIABLE_OF_OPTION[error.option] : undefined;
    if (variable === undefined) throw error;
    const reason = error instanceof Error ? error.message.replace(/^Invalid option \S+: /, '') : '';
    throw new InvalidOptionsError(
      variable,
      reason.replace('pass apiKey instead', 'set SMM_PANEL_KEY'),
    );
  }
  const idempotency = readIdempotency(io.env.SMM_PANEL_IDEMPOTENCY);
  return idempotency === undefined ? { url, apiKey } : { url, apiKey, idempotency };
}

/**
 * `SMM_PANEL_IDEMPOTENCY`: whether the panel deduplicates `add` by key — `none`, `header`,
 * `form_field`, or either with a name after a colon (`header:X-Request-Id`). Set it only for a
 * panel that really deduplicates: the client then resends ambiguous orders under their key.
 */
function readIdempotency(value: string | undefined): IdempotencySupport | undefined {
  if (value === undefined || value === '') return undefined;
  const [mode, name] = value.split(':', 2);
  if (mode === 'none') return { mode: 'none' };
  if (mode === 'header' || mode === 'form_field') {
    return name === undefined || name === '' ? { mode } : { mode, name };
  }
  throw new InvalidOptionsError(
    'SMM_PANEL_IDEMPOTENCY',
    'must be none, header or form_field (optionally with :<name>)',
  );
}
