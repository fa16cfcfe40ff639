import { ConfigError } from '../../model/errors/config-error.js';
import { isUuid } from '../../model/sid.js';
import { isHostLabel, withoutUserinfo } from '../common/host.js';
import { type OriginSetting, type ProviderConfig, requireSettings } from '../common/provider-config.js';

/** SignalWire's options of `createCallClient` (each also read from the variables in brackets). */
export interface SignalWireOptions {
  /** SignalWire project id, a UUID [SIGNALWIRE_PROJECT_ID]. */
  projectId?: string;
  /** SignalWire API token [SIGNALWIRE_API_TOKEN or SIGNALWIRE_TOKEN]. */
  token?: string;
  /** SignalWire space: name, host or URL [SIGNALWIRE_SPACE_URL]. */
  space?: string;
}

/**
 * A SignalWire space's origin from its name (`example`), host
 * (`example.signalwire.com`) or URL (`https://example.signalwire.com`).
 */
function signalWireOrigin(space: string): OriginSetting {
  const text = space.trim();
  if (text.includes('://')) return { url: text, setting: 'SignalWire space URL' };
  const labels = text.split('.');
  if (!labels.every(isHostLabel)) {
    throw new ConfigError(`SignalWire space "${withoutUserinfo(space)}" is not a space name (like "example") or host (like "example.signalwire.com")`);
  }
  return { url: labels.length === 1 ? `https://${text}.signalwire.com` : `https://${text}`, setting: 'SignalWire space' };
}

/** SignalWire's configuration: Basic auth with the project id and an API token; the space is the host. */
export const signalWireConfig: ProviderConfig<SignalWireOptions> = {
  name: 'SignalWire',
  settings: {
    projectId: ['SIGNALWIRE_PROJECT_ID'],
    token: ['SIGNALWIRE_API_TOKEN', 'SIGNALWIRE_TOKEN'],
    space: ['SIGNALWIRE_SPACE_URL'],
  },
  configuredBy: ['SIGNALWIRE_PROJECT_ID'],
  hint: 'SIGNALWIRE_PROJECT_ID, SIGNALWIRE_API_TOKEN and SIGNALWIRE_SPACE_URL',
  resolve(s, baseUrl) {
    const projectId = s.value('projectId');
    const token = s.value('token');
    const space = s.value('space');
    requireSettings('SignalWire', [
      ...(projectId === undefined ? [s.describe('projectId')] : []),
      ...(token === undefined ? [s.describe('token')] : []),
      ...(space === undefined && !baseUrl ? [s.describe('space')] : []),
    ]);
    if (!isUuid(projectId!)) throw new ConfigError(`SignalWire project id "${projectId}" must be a UUID`);
    return {
      account: projectId!,
      credentials: { scheme: 'basic', username: projectId!, password: token! },
      origin: baseUrl ? null : signalWireOrigin(space!),
    };
  },
};
