// The clock every time-based rule reads. Production uses the system time; in test mode it may start at a
// fixed instant (the test harness's) and tests may move it, so no test depends on the day it runs.
export interface Clock {
  now(): Date;
}

export class AdjustableClock implements Clock {
  private readonly originOffsetMs: number;
  private offsetMs: number;

  /** `startAt`: the instant the clock reads now, from which it runs on (tests); none: the system time. */
  constructor(startAt?: Date) {
    this.originOffsetMs = startAt ? startAt.getTime() - Date.now() : 0;
    this.offsetMs = this.originOffsetMs;
  }
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  /** Moves the clock to `at` (tests only). */
  set(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  /** Back to the time the clock started on: the system time, or the test's own timeline. */
  reset(): void {
    this.offsetMs = this.originOffsetMs;
  }
}
