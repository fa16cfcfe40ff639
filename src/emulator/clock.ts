/** How the emulator's clock runs. */
export interface ClockOptions {
  /** Emulated ms per real ms. Default 1; 10 makes a created call end in about a second. */
  speed?: number;
  /** Time moves only when `advance` is called (for stepping through a call's life). Default false. */
  manual?: boolean;
}

/**
 * The emulator's clock: real time from its start, times `speed`, plus every
 * step taken with `advance`. Created calls live on it.
 */
export class EmulatorClock {
  readonly speed: number;
  readonly manual: boolean;
  readonly #startReal = Date.now();
  #offset = 0;

  constructor(options: ClockOptions = {}) {
    const speed = options.speed ?? 1;
    if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`clock speed must be a positive number, got ${speed}`);
    this.speed = speed;
    this.manual = options.manual ?? false;
  }

  /** The emulated time, in epoch ms. */
  now(): number {
    const real = this.manual ? 0 : (Date.now() - this.#startReal) * this.speed;
    return this.#startReal + real + this.#offset;
  }

  /** Real ms until the emulated time reaches `at`; null when only `advance` moves the clock. */
  realDelayUntil(at: number): number | null {
    return this.manual ? null : Math.max(0, (at - this.now()) / this.speed);
  }

  /** Moves the clock forward by `ms` emulated milliseconds. */
  step(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`a clock step must be 0 or more ms, got ${ms}`);
    this.#offset += ms;
  }
}
