import BigConstructor from 'big.js';

// A private copy of the constructor, so settings here never touch another module's Big.
// Twenty decimals, rounding down: a computed refund never exceeds what the exact value allows.
const Big = BigConstructor();
Big.DP = 20;
Big.RM = Big.roundDown;

/** An exact decimal (big.js). */
export type Decimal = InstanceType<typeof Big>;

/** A decimal from a money string; `undefined` for anything that is not a plain decimal. */
export function toDecimal(value: string | number | undefined): Decimal | undefined {
  if (value === undefined) return undefined;
  try {
    return new Big(value);
  } catch {
    return undefined;
  }
}

/** Zero. */
export function zero(): Decimal {
  return new Big(0);
}

/** A plain decimal string without exponent or trailing zeros (`"0.09"`, `"-1.5"`). */
export function formatDecimal(value: Decimal): string {
  return value.toFixed();
}

/** Whether `a` and `b` differ by at most `tolerance`. */
export function isWithin(a: Decimal, b: Decimal, tolerance: Decimal): boolean {
  return a.minus(b).abs().lte(tolerance);
}
