import type { CreateField, ParamRule, UpdateField } from './call-params.js';

const named = <F extends string>(names: Readonly<Record<F, string>>): Readonly<Record<F, ParamRule>> =>
  Object.fromEntries(Object.entries(names).map(([field, name]) => [field, { name: name as string }])) as Record<F, ParamRule>;

/**
 * Twilio's 2010-04-01 CreateCall parameters (twilio-oai `twilio_api_v2010.json`),
 * whose names the Twilio-shaped dialects share; each dialect takes the ones it offers.
 */
export const API_2010_CREATE = named({
  to: 'To',
  from: 'From',
  url: 'Url',
  twiml: 'Twiml',
  applicationSid: 'ApplicationSid',
  method: 'Method',
  fallbackUrl: 'FallbackUrl',
  fallbackMethod: 'FallbackMethod',
  statusCallback: 'StatusCallback',
  statusCallbackEvents: 'StatusCallbackEvent',
  statusCallbackMethod: 'StatusCallbackMethod',
  timeout: 'Timeout',
  timeLimit: 'TimeLimit',
  record: 'Record',
  machineDetection: 'MachineDetection',
  machineDetectionTimeout: 'MachineDetectionTimeout',
  sendDigits: 'SendDigits',
  callerId: 'CallerId',
} satisfies Record<CreateField, string>);

/** Twilio's 2010-04-01 UpdateCall parameters. */
export const API_2010_UPDATE = named({
  status: 'Status',
  url: 'Url',
  twiml: 'Twiml',
  method: 'Method',
  fallbackUrl: 'FallbackUrl',
  fallbackMethod: 'FallbackMethod',
  statusCallback: 'StatusCallback',
  statusCallbackMethod: 'StatusCallbackMethod',
  timeLimit: 'TimeLimit',
} satisfies Record<UpdateField, string>);

/** A table without the fields a provider does not offer. */
export function without(table: Readonly<Record<string, ParamRule>>, ...fields: string[]): Readonly<Record<string, ParamRule>> {
  return Object.fromEntries(Object.entries(table).filter(([field]) => !fields.includes(field)));
}
