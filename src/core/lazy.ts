/**
 * Defines `obj[name]` as an enumerable getter that forms the value with `make` on first read and
 * then holds it as a plain writable property (assigning first replaces it without forming it).
 * For result columns only some readers need (audit columns a build does not use itself).
 */
export function lazyProperty<T extends object, K extends keyof T>(obj: T, name: K, make: () => T[K]): void {
  const settle = (value: T[K]) =>
    Object.defineProperty(obj, name, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(obj, name, {
    enumerable: true,
    configurable: true,
    get: () => {
      const value = make();
      settle(value);
      return value;
    },
    set: settle,
  });
}
