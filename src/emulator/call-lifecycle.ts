import type { Call } from '../model/call.js';
import type { CallStatus } from '../model/status.js';
import { formatIso } from '../model/time.js';
import { type Outcome } from './test-numbers.js';

/** A status change due at an emulated time. */
export interface Transition {
  at: number;
  status: CallStatus;
}

const SECOND = 1000;
/** When each stage is reached after creation, in emulated ms: every outcome is final within 10 s. */
export const STAGES = { ringing: 1 * SECOND, answered: 3 * SECOND, talk: 5 * SECOND, ring: 6 * SECOND } as const;

/** Statuses after which a call changes no more. */
export const FINAL: ReadonlySet<CallStatus> = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

/**
 * The life of a created call: queued, then ringing after 1 s, then per
 * outcome: answered at 3 s and completed 5 s later (sooner with a time
 * limit); busy at 3 s; no-answer after ringing 6 s (or `timeout`, if
 * shorter); failed at 1 s, never ringing.
 */
export function planLifecycle(outcome: Outcome, createdAt: number, limits: { timeout?: number; timeLimit?: number }): Transition[] {
  const ringing: Transition = { at: createdAt + STAGES.ringing, status: 'ringing' };
  switch (outcome) {
    case 'failed':
      return [{ at: createdAt + STAGES.ringing, status: 'failed' }];
    case 'busy':
      return [ringing, { at: createdAt + STAGES.answered, status: 'busy' }];
    case 'no-answer':
      return [ringing, { at: ringing.at + Math.min(STAGES.ring, (limits.timeout ?? Infinity) * SECOND), status: 'no-answer' }];
    case 'completed': {
      const answered = createdAt + STAGES.answered;
      const talk = Math.min(STAGES.talk, (limits.timeLimit ?? Infinity) * SECOND);
      return [ringing, { at: answered, status: 'in-progress' }, { at: answered + talk, status: 'completed' }];
    }
  }
}

/**
 * The call after a status change at `at`: start_time when it starts ringing,
 * end_time and duration (seconds from answer to end, 0 when never answered)
 * when it ends. `answeredAt` is when it went in progress, if it did.
 */
export function applyTransition(call: Call, status: CallStatus, at: number, answeredAt: number | null): Call {
  const time = formatIso(at);
  const next: Call = { ...call, status, dateUpdated: time };
  if (status === 'ringing') next.startTime = time;
  if (FINAL.has(status)) {
    next.endTime = time;
    next.startTime ??= time;
    next.duration = answeredAt === null ? 0 : Math.round((at - answeredAt) / SECOND);
  }
  return next;
}
