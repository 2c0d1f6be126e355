import { useCallback } from 'react';
import { useTranslate } from 'react-admin';
import { svDelegationOperations } from './i18n.sv';

/** The Swedish text of `key` in this feature's catalogue (i18n.sv.ts), if it has one. */
function swedish(key: string): string | undefined {
  let node: unknown = svDelegationOperations;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * translate() for the texts of delegations for verksamheter: the catalogue's Swedish text stands
 * in for a key the i18n provider does not know yet, so that the form never shows a raw key.
 */
export function useOperationTexts(): (key: string, options?: Record<string, unknown>) => string {
  const translate = useTranslate();
  return useCallback(
    (key, options = {}) => translate(key, { _: swedish(key) ?? key, ...options }),
    [translate],
  );
}
