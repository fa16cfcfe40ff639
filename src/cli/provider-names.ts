import { DIALECTS } from '../dialects/registry.js';
import { PROVIDERS } from '../model/provider.js';

/** The providers as a flag's choices: `twilio|signalwire|telnyx`. */
export const PROVIDER_CHOICES = PROVIDERS.join('|');

/** The providers' names in a sentence: `Twilio, SignalWire and Telnyx`. */
export const PROVIDER_NAMES = ((names: string[]) => `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`)(
  PROVIDERS.map((p) => DIALECTS[p].config.name),
);

/** Each provider's environment variables, one line each, for help texts. */
export const PROVIDER_SETTINGS = PROVIDERS.map((p) => `  ${DIALECTS[p].config.name}: ${DIALECTS[p].config.hint}`).join('\n');
