import { definePanelProfile } from '../client/panel-profile.js';
import { InvalidOptionsError } from '../errors/input-errors.js';
import type { CliIo } from './cli-io.js';

/** The panel a command talks to, from the environment. */
export interface PanelSettings {
  url: string;
  apiKey: string;
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
  return { url, apiKey };
}
