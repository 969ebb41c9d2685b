import { InvalidOptionsError } from '../errors/input-errors.js';
import type { CliIo } from './cli-io.js';

/** The panel a command talks to, from the environment. */
export interface PanelSettings {
  url: string;
  apiKey: string;
}

/** Reads `SMM_PANEL_URL` and `SMM_PANEL_KEY`, with a message that says what is missing. */
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
  return { url, apiKey };
}
