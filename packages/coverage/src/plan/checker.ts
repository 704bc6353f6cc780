/**
 * @module plan/checker
 * Path-aware field checks for plan files. Every complaint names the field path and the value
 * (`sites[2].heightM: -5 is below 0`), and, when the plan came from a file, the line it is on.
 * Checks collect issues instead of stopping at the first, so one run shows everything to fix.
 */

/** A path into the plan: object keys and array indices. */
export type FieldPath = readonly (string | number)[];

export interface PlanIssue {
  /** `sites[2].heightM` */
  path: string;
  /** The complaint without the path: `-5 is below 0`. */
  problem: string;
  /** 1-based line in the plan file, when known. */
  line?: number;
}

/** A plan that failed validation; `message` lists the issues on one line. */
export class PlanError extends Error {
  override readonly name = 'PlanError';
  constructor(
    readonly issues: readonly PlanIssue[],
    readonly file?: string,
  ) {
    super(formatIssues(issues, file));
  }
}

const shownIssues = 6;

function formatIssues(issues: readonly PlanIssue[], file?: string): string {
  const where = file ? `${file}: ` : '';
  const parts = issues.slice(0, shownIssues).map((i) => {
    const line = i.line !== undefined ? ` (line ${i.line})` : '';
    return `${i.path}: ${i.problem}${line}`;
  });
  const more = issues.length > shownIssues ? `; and ${issues.length - shownIssues} more` : '';
  return `${where}invalid plan: ${parts.join('; ')}${more}`;
}

/** `["sites", 2, "heightM"]` → `sites[2].heightM`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${key}` : key;
  }
  return out || '(plan)';
}

/** Shows a value the way the user wrote it: strings quoted, objects abbreviated. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

export type Raw = Record<string, unknown>;

export interface NumberRule {
  min?: number;
  max?: number;
  /** Value must be strictly greater than `min`. */
  minExclusive?: boolean;
  /** Value must be strictly less than `max`. */
  maxExclusive?: boolean;
  integer?: boolean;
  unit?: string;
}

/** Levenshtein distance, for "did you mean" on misspelt keys. */
function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

export class Checker {
  readonly issues: PlanIssue[] = [];

  constructor(private readonly locate?: (path: FieldPath) => number | undefined) {}

  fail(path: FieldPath, problem: string): undefined {
    const line = this.locate?.(path);
    this.issues.push({ path: formatPath(path), problem, ...(line !== undefined ? { line } : {}) });
    return undefined;
  }

  /** The value as an object, or an issue. */
  object(value: unknown, path: FieldPath): Raw | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return this.fail(path, `must be an object, got ${showValue(value)}`);
    }
    return value as Raw;
  }

  /** The value as a list, or an issue. */
  list(value: unknown, path: FieldPath): unknown[] | undefined {
    if (!Array.isArray(value)) return this.fail(path, `must be a list, got ${showValue(value)}`);
    return value;
  }

  /** Flags keys that are not in `allowed` (a typo would otherwise silently take a default). */
  onlyKeys(obj: Raw, path: FieldPath, allowed: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (allowed.includes(key)) continue;
      let best = '';
      let bestDistance = Infinity;
      for (const candidate of allowed) {
        const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
        if (d < bestDistance) [best, bestDistance] = [candidate, d];
      }
      const hint = bestDistance <= Math.max(2, key.length / 3) ? ` (did you mean ${best}?)` : '';
      this.fail([...path, key], `unknown field${hint}; allowed: ${allowed.join(', ')}`);
    }
  }

  /** A number field; `fallback` when absent (undefined fallback = optional). */
  number(
    obj: Raw,
    key: string,
    path: FieldPath,
    rule: NumberRule & { required: true },
  ): number | undefined;
  number(obj: Raw, key: string, path: FieldPath, rule: NumberRule, fallback: number): number;
  number(
    obj: Raw,
    key: string,
    path: FieldPath,
    rule: NumberRule,
    fallback?: number,
  ): number | undefined;
  number(
    obj: Raw,
    key: string,
    path: FieldPath,
    rule: NumberRule & { required?: boolean },
    fallback?: number,
  ): number | undefined {
    const at = [...path, key];
    const value = obj[key];
    if (value === undefined || value === null) {
      if (rule.required) return this.fail(at, 'is required');
      return fallback;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(at, `${showValue(value)} is not a finite number`);
      return fallback;
    }
    const u = rule.unit ? ` ${rule.unit}` : '';
    if (rule.integer && !Number.isInteger(value)) {
      this.fail(at, `${value} is not a whole number`);
      return fallback;
    }
    if (rule.min !== undefined) {
      if (rule.minExclusive ? value <= rule.min : value < rule.min) {
        const bound = rule.minExclusive ? 'must be above' : 'is below';
        this.fail(at, `${value}${u} ${bound} ${rule.min}${u}`);
        return fallback;
      }
    }
    if (rule.max !== undefined) {
      if (rule.maxExclusive ? value >= rule.max : value > rule.max) {
        const bound = rule.maxExclusive ? 'must be below' : 'is above';
        this.fail(at, `${value}${u} ${bound} ${rule.max}${u}`);
        return fallback;
      }
    }
    return value;
  }

  /** A string field; `fallback` when absent. */
  string(obj: Raw, key: string, path: FieldPath, required: true): string | undefined;
  string(obj: Raw, key: string, path: FieldPath, required: false, fallback: string): string;
  string(obj: Raw, key: string, path: FieldPath, required: false): string | undefined;
  string(
    obj: Raw,
    key: string,
    path: FieldPath,
    required: boolean,
    fallback?: string,
  ): string | undefined {
    const at = [...path, key];
    const value = obj[key];
    if (value === undefined || value === null) {
      if (required) return this.fail(at, 'is required');
      return fallback;
    }
    if (typeof value !== 'string') {
      this.fail(at, `must be text, got ${showValue(value)}`);
      return fallback;
    }
    if (value.trim() === '') {
      this.fail(at, 'must not be empty');
      return fallback;
    }
    return value;
  }

  /** A string from a fixed set of choices. */
  choice<T extends string>(
    obj: Raw,
    key: string,
    path: FieldPath,
    choices: readonly T[],
    fallback: T,
  ): T {
    const value = obj[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
      this.fail([...path, key], `${showValue(value)} is not one of ${choices.join(', ')}`);
      return fallback;
    }
    return value as T;
  }
}
