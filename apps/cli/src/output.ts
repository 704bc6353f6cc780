/**
 * @module output
 * Everything a command prints goes through here, so `--json` output stays machine-clean: results on
 * stdout, progress and notes on stderr.
 */

export interface OutputOptions {
  json?: boolean;
}

/** Prints `value` as JSON when `--json` was given, else the human text `render` makes of it. */
export function emit<T>(options: OutputOptions, value: T, render: (value: T) => string): void {
  if (options.json) {
    process.stdout.write(`${JSON.stringify(value, jsonReplacer, 2)}\n`);
  } else {
    const text = render(value);
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }
}

/** Typed arrays serialise as plain arrays, not as {"0":..,"1":..} objects. */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>);
  }
  return value;
}

/** A note for the human (data source, warnings): stderr, so it never pollutes piped output. */
export function note(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Rounds for display without trailing noise: 12.3456 → "12.35". */
export function fixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}
