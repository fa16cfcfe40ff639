/**
 * Sets a field as an own property even when its name is `__proto__`: records
 * come from untrusted input, and a plain assignment of that key would replace
 * the object's prototype instead of keeping the field.
 */
export function setOwnField(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
