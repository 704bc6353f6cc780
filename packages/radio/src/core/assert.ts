/**
 * @module Input checks that throw errors naming the parameter, its value and the allowed range,
 * in the house form `RangeError('h_tx__meter = -5 is outside 0.5..3000 m')`.
 */

/**
 * Throws unless `value` is a finite number within `[min, max]`.
 * @throws {RangeError} naming `name`, the value and the range.
 */
export function assertInRange(
  name: string,
  value: number,
  min: number,
  max: number,
  unit = '',
): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    const u = unit === '' ? '' : ` ${unit}`;
    throw new RangeError(`${name} = ${String(value)} is outside ${fmt(min)}..${fmt(max)}${u}`);
  }
}

/**
 * Throws unless `value` is a finite number strictly greater than zero.
 * @throws {RangeError} naming `name` and the value.
 */
export function assertPositive(name: string, value: number, unit = ''): void {
  if (!Number.isFinite(value) || value <= 0) {
    const u = unit === '' ? '' : ` ${unit}`;
    throw new RangeError(`${name} = ${String(value)} must be a finite number > 0${u}`);
  }
}

/**
 * Throws unless `value` is a finite number.
 * @throws {RangeError} naming `name` and the value.
 */
export function assertFinite(name: string, value: number): void {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${name} = ${String(value)} must be a finite number`);
  }
}

function fmt(x: number): string {
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '-∞';
  return String(x);
}
