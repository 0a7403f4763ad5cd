// The clock every time-based rule reads. In test mode tests may move it; production uses the system time.
export interface Clock {
  now(): Date;
}

export class AdjustableClock implements Clock {
  private offsetMs = 0;
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
  reset(): void {
    this.offsetMs = 0;
  }
}
