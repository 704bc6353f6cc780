/**
 * @module Validity ranges of empirical models, reported as warnings rather than errors: the models
 * still give a number outside their range (planners extrapolate knowingly), but the output says so.
 */

/** One parameter's validity range. */
export interface ValidityRange {
  /** Symbol used in the message, e.g. 'd'. */
  readonly symbol: string;
  readonly min: number;
  readonly max: number;
  readonly unit: string;
}

/**
 * Returns a warning such as "d = 35 km is outside Hata's 1–20 km" when `value` is outside the range,
 * or undefined when inside.
 */
export function rangeWarning(
  model: string,
  range: ValidityRange,
  value: number,
): string | undefined {
  if (value >= range.min && value <= range.max) return undefined;
  return `${range.symbol} = ${round(value)} ${range.unit} is outside ${model}'s ${range.min}–${range.max} ${range.unit}`;
}

function round(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}
