import BigConstructor from 'big.js';

// A private copy of the constructor: changing its settings cannot touch another module's Big.
const Big = BigConstructor();
Big.DP = 20;
Big.RM = Big.roundDown;

/** An exact decimal value (big.js). Money in the sandbox is never a float. */
export type Decimal = InstanceType<typeof Big>;

const DECIMAL_PATTERN = /^\d+(\.\d+)?$/;

/** Whether a text is a non-negative plain decimal such as `"1000"` or `"0.0125"`. */
export function isDecimalString(value: unknown): value is string {
  return typeof value === 'string' && DECIMAL_PATTERN.test(value);
}

/** A decimal from a string or a whole number. */
export function toDecimal(value: string | number): Decimal {
  return new Big(value);
}

/** Zero. */
export function zero(): Decimal {
  return new Big(0);
}

/** The exact value as a plain decimal string without exponent or trailing zeros (`"0.09"`). */
export function formatExact(value: Decimal): string {
  return value.toFixed();
}

/**
 * A balance as panels print it: at least five decimals (`"1000.00000"`), more when the exact
 * value needs them, so what the sandbox says is never rounded.
 */
export function formatBalance(value: Decimal): string {
  const exact = value.toFixed();
  const dot = exact.indexOf('.');
  const decimals = dot === -1 ? 0 : exact.length - dot - 1;
  return value.toFixed(Math.max(5, decimals));
}

/** The charge for `units` at a rate per 1000 units: `rate × units / 1000`. */
export function perThousand(rate: Decimal, units: number): Decimal {
  return rate.times(units).div(1000);
}
