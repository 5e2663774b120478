/** Argument checks shared by the sampling modules; they throw RangeError with the argument's name. */

export function assertCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

export function assertNonNegativeFinite(value: number, name: string): void {
  if (!(value >= 0 && Number.isFinite(value))) {
    throw new RangeError(`${name} must be a finite non-negative number, got ${value}`);
  }
}
