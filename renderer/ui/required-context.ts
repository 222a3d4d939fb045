import { createContext, useContext, type Context } from 'react';

/**
 * A React context that has no default: the returned hook throws a clear error when used outside
 * its provider, naming both, so a missing provider fails at once rather than with a null later.
 */
export function createRequiredContext<T>(
  hookName: string,
  providerName: string,
): [Context<T | null>, () => T] {
  const context = createContext<T | null>(null);
  function useRequired(): T {
    const value = useContext(context);
    if (value === null) throw new Error(`${hookName} must be used inside <${providerName}>.`);
    return value;
  }
  return [context, useRequired];
}
