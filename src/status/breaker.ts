/**
 * Circuit breaker: after `failureThreshold` consecutive failures the circuit opens and calls fail at once
 * (no waiting on a dead API); after `cooldownMs` one trial call is let through (half-open): success closes
 * the circuit, failure opens it for another cool-down.
 */
export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  /** Consecutive failed requests that open the circuit (default 5). */
  failureThreshold?: number;
  /** How long the circuit stays open before a trial call (default 30 000 ms). */
  cooldownMs?: number;
  /** Told when the state changes (for logs and metrics). */
  onStateChange?: (state: BreakerState) => void;
}

export class CircuitBreaker {
  private readonly threshold: number;
  private readonly cooldownMs: number;
  private readonly onStateChange?: (state: BreakerState) => void;
  private failures = 0;
  private openedAt = 0;
  private current: BreakerState = 'closed';
  private trialInFlight = false;

  constructor(opts: BreakerOptions = {}, private readonly now: () => number = Date.now) {
    this.threshold = Math.max(1, opts.failureThreshold ?? 5);
    this.cooldownMs = Math.max(0, opts.cooldownMs ?? 30_000);
    this.onStateChange = opts.onStateChange;
  }

  /** The state as of now (an open circuit past its cool-down reads as half-open). */
  state(): BreakerState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.cooldownMs) return 'half_open';
    return this.current;
  }

  /**
   * May a request go out now? Every `true` must be followed by success() or failure().
   * Half-open lets exactly one trial through at a time.
   */
  tryAcquire(): boolean {
    const s = this.state();
    if (s === 'closed') return true;
    if (s === 'open' || this.trialInFlight) return false;
    this.set('half_open');
    this.trialInFlight = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.trialInFlight = false;
    if (this.current !== 'closed') this.set('closed');
  }

  failure(): void {
    this.trialInFlight = false;
    this.failures++;
    if (this.current === 'half_open' || (this.current === 'closed' && this.failures >= this.threshold)) {
      this.openedAt = this.now();
      this.set('open');
    }
  }

  private set(state: BreakerState): void {
    if (this.current === state) return;
    this.current = state;
    this.onStateChange?.(state);
  }
}
