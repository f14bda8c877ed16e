/**
 * Freezes a value and every plain object and array reachable from it, so
 * that an exported record (an activation, a cost, a worked example, the
 * list of primitives) cannot be changed for the whole process by anyone
 * who imports it. Functions, matrices and class instances are left as they
 * are (matrices are frozen when they are made). Returns the value.
 */
export const deepFreeze = <T>(value: T): T => {
  const go = (u: unknown): void => {
    if (typeof u !== 'object' || u === null || Object.isFrozen(u)) return
    const proto: unknown = Object.getPrototypeOf(u)
    if (!Array.isArray(u) && proto !== Object.prototype && proto !== null) return
    Object.freeze(u)
    Object.values(u).forEach(go)
  }
  go(value)
  return value
}
