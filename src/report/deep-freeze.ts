/**
 * Freeze an object graph. Already frozen objects are taken as frozen all the way down, so a
 * copy-on-write model freezes only its new objects (the shared ones were frozen before).
 */
export function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
