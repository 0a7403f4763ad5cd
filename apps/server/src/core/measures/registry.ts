// 指标 measures: the one definition of every figure the platform shows. A measure names a number
// (`appeals.received`), says what it is (labels, unit, definition), how it is computed for an org unit's
// subtree and a period, and which list holds the records behind it. The dashboard's cards, the reports'
// figures and the ledgers' summary rows read their numbers from here, so they can never disagree; each
// domain declares its measures in its own module (`modules/<domain>/measures.ts`), and the catalogue
// (`modules/measures/catalogue.ts`) lists them all at start-up.
//
// Measures that are computed together share a source (one query answers appeals received, resolved and
// the rates); an evaluation computes each source it is asked for once, whoever asks — a dashboard that
// also needs a source's breakdown for its charts reads the same result as its cards.
//
// An evaluation over the pool computes its sources side by side; over a transaction (a report's or a
// ledger's snapshot, so that the numbers describe the rows beside them) one query at a time, as its one
// connection requires: sources run their queries through `sideBySide`, and whoever evaluates on a
// transaction asks for one measure or source after another (or through `values`).
import { sideBySide, type DbOrTx } from '../../db/connection.ts';

/** count: a whole number; ratio: 0–1; fen: money as a whole number of fen (分), exact. */
export type MeasureUnit = 'count' | 'ratio' | 'fen';

/** The org unit whose subtree a measure counts (its own records and those of every unit below it). */
export interface MeasureUnitScope {
  id: string;
  name: string;
  path: string;
}

/** Both ends included, calendar days in Asia/Shanghai (YYYY-MM-DD). */
export interface MeasurePeriod {
  from: string;
  to: string;
}

export interface MeasureAsk {
  unit: MeasureUnitScope;
  period: MeasurePeriod;
  /**
   * The org unit the lists behind the figures should name: undefined when the caller asks for their own
   * unit (their lists default to it), the unit's id when narrower.
   */
  listUnitId: string | undefined;
}

/** What a source is computed with: the database, the question, and the other sources of the evaluation. */
export interface SourceContext {
  /** The pool, or a transaction: run independent queries through `sideBySide`. */
  db: DbOrTx;
  ask: MeasureAsk;
  /** Another source's data, computed once per evaluation (a coverage reads the members' source). */
  data<T>(source: MeasureSource<T>): Promise<T>;
  /** The app's clock at the evaluation (what is overdue is decided at this moment: appeals/overdue.ts). */
  now: Date;
}

/** What computes the data several measures are read from, for one subtree and period. */
export interface MeasureSource<T> {
  name: string;
  compute(context: SourceContext): Promise<T>;
}

export interface MeasureLabel {
  zh: string;
  en: string;
}

export interface Measure<T = never> {
  /** `<domain>.<name>`, lower camel case after the dot: `appeals.resolutionRate`. */
  id: string;
  label: MeasureLabel;
  unit: MeasureUnit;
  /** How it is counted, in the words a federation uses (Chinese). */
  definition: string;
  source: MeasureSource<T>;
  /** The number from the source's data; a ratio is null when there is nothing to divide by. */
  value(data: T): number | null;
  /** The app path of the list of records behind the number, null where no list holds exactly them. */
  list?(ask: MeasureAsk): string | null;
}

/** A measure of any source: the registry holds them side by side. */
export type AnyMeasure = Measure<unknown>;

const MEASURE_ID = /^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z0-9]*)+$/;

/** Declares the measures read from one source (the type ties each `value` to the source's data). */
export function measuresOf<T>(
  source: MeasureSource<T>,
  measures: Omit<Measure<T>, 'source'>[],
): AnyMeasure[] {
  // A measure only ever receives data from its own source: widening T to unknown here is what lets the
  // registry hold measures of different sources in one list.
  return measures.map((measure) => ({ ...measure, source }) as unknown as AnyMeasure);
}

export interface MeasureValue {
  id: string;
  value: number | null;
  list: string | null;
}

/** One subtree and period: computes each source at most once, whichever measures or callers ask for it. */
export class MeasureEvaluation {
  private readonly computed = new Map<MeasureSource<unknown>, Promise<unknown>>();
  private readonly now: Date;

  constructor(
    private readonly registry: MeasureRegistry,
    private readonly db: DbOrTx,
    readonly ask: MeasureAsk,
  ) {
    this.now = registry.now();
  }

  /** The data of a source, computed once for this evaluation. */
  data<T>(source: MeasureSource<T>): Promise<T> {
    let result = this.computed.get(source as MeasureSource<unknown>);
    if (!result) {
      result = source.compute({
        db: this.db,
        ask: this.ask,
        data: (other) => this.data(other),
        now: this.now,
      });
      this.computed.set(source as MeasureSource<unknown>, result);
    }
    return result as Promise<T>;
  }

  async value(id: string): Promise<MeasureValue> {
    const measure = this.registry.get(id);
    const data = await this.data(measure.source);
    return { id, value: measure.value(data), list: measure.list?.(this.ask) ?? null };
  }

  /** Several measures, their sources computed side by side (in turn on a transaction). */
  values(ids: readonly string[]): Promise<MeasureValue[]> {
    return sideBySide(
      this.db,
      ids.map((id) => () => this.value(id)),
    );
  }

  /** The number alone, for callers that lay it out themselves. */
  async number(id: string): Promise<number | null> {
    return (await this.value(id)).value;
  }
}

export class MeasureRegistry {
  private readonly byId = new Map<string, AnyMeasure>();

  /** The app's clock (the test clock in tests); none: the system time. */
  constructor(
    measures: readonly AnyMeasure[],
    private readonly clock: { now(): Date } = { now: () => new Date() },
  ) {
    for (const measure of measures) {
      if (!MEASURE_ID.test(measure.id)) throw new Error(`measure id ${measure.id}: expected domain.name`);
      if (this.byId.has(measure.id)) throw new Error(`measure ${measure.id} is defined twice`);
      this.byId.set(measure.id, measure);
    }
  }

  now(): Date {
    return this.clock.now();
  }

  /** Every measure, in the order the catalogue lists them. */
  all(): AnyMeasure[] {
    return [...this.byId.values()];
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): AnyMeasure {
    const measure = this.byId.get(id);
    if (!measure) throw new Error(`no measure ${id}`);
    return measure;
  }

  /** On the pool, or on a transaction whose snapshot the numbers must describe. */
  evaluate(db: DbOrTx, ask: MeasureAsk): MeasureEvaluation {
    return new MeasureEvaluation(this, db, ask);
  }
}

/** Part ÷ whole to four places, null when there is nothing to divide by: every rate the platform shows. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/** An app path with its query string, empty values left out: the list behind a figure. */
export function listPath(base: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}
