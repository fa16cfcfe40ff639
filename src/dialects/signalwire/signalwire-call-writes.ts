import { API_2010_CREATE, API_2010_UPDATE, without } from '../common/api-2010-params.js';
import type { CallWriteSpec } from '../common/call-params.js';

/**
 * Placing and controlling calls on SignalWire's Compatibility API
 * (signalwire/docs `specs/compatibility-api/calls/models/requests.tsp`): Twilio's
 * form parameters without `Twiml` and `TimeLimit` (its own extras, such as
 * `MachineWordsThreshold`, `AsyncAmdPartialResults`, `MaxPricePerMinute`, go
 * in `providerParams`); delete answers 204.
 */
export const SIGNALWIRE_WRITES: CallWriteSpec = {
  provider: 'signalwire',
  encoding: { create: 'form', update: 'form' },
  create: without(API_2010_CREATE, 'twiml', 'timeLimit'),
  update: without(API_2010_UPDATE, 'twiml', 'timeLimit'),
  createRequires: [['url', 'applicationSid']],
  gaps: {
    twiml: 'its Compatibility API takes no inline instructions; host them and pass their url',
    timeLimit: 'its Compatibility API has no TimeLimit; end the call with an update (status completed) instead',
  },
  deletes: true,
};
