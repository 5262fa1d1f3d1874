/** Parses Kubernetes resource quantities so configs can compare requests with limits. */
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};
const QUANTITY = /^([0-9]+(?:\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;

/** Returns the quantity's value in base units (cores or bytes), or undefined when it is not a quantity. */
export function parseQuantity(value: string): number | undefined {
  const match = QUANTITY.exec(value.trim());
  if (!match) return undefined;
  const [, digits, suffix = ''] = match;
  const factor = BINARY[suffix] ?? DECIMAL[suffix];
  return factor === undefined ? undefined : Number(digits) * factor;
}

/** True for a quantity string Kubernetes would accept. */
export function isQuantity(value: string): boolean {
  return parseQuantity(value) !== undefined;
}
