import { API_2010_CREATE, API_2010_UPDATE } from '../common/api-2010-params.js';
import type { CallWriteSpec } from '../common/call-params.js';

/**
 * Placing and controlling calls on Twilio (twilio-oai `twilio_api_v2010.json`,
 * CreateCall / UpdateCall / DeleteCall): form bodies, every canonical field,
 * instructions by `Url`, `Twiml` or `ApplicationSid`; delete answers 204.
 */
export const TWILIO_WRITES: CallWriteSpec = {
  provider: 'twilio',
  encoding: { create: 'form', update: 'form' },
  create: API_2010_CREATE,
  update: API_2010_UPDATE,
  createRequires: [['url', 'twiml', 'applicationSid']],
  gaps: {},
  deletes: true,
};
