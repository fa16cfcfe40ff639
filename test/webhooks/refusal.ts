import { WebhookVerificationError } from '../../src/model/errors/webhook-verification-error.js';

/** `accepted`, or the reason a verification was refused; any other error is rethrown. */
export function refusal(run: () => unknown): WebhookVerificationError['reason'] | 'accepted' {
  try {
    run();
    return 'accepted';
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.reason;
    throw error;
  }
}
