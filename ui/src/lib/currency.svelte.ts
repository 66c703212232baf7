// The store's currency by workspace, as the Overview reports it: products
// carry no currency of their own, so the Search screen borrows this one to
// show prices (and shows plain numbers when it is not known).

import * as backend from './backend';
import type { Overview } from './bindings';
import { reportError } from './errors.svelte';

/** Workspace path → currency code; null when the workspace has no orders to tell. */
const known: Record<string, string | null> = $state({});
const asking = new Set<string>();

/** Keeps the currency of an overview just loaded. */
export function rememberCurrency(overview: Overview): void {
  known[overview.workspace.path] = overview.empty || !overview.currency ? null : overview.currency;
}

/** The workspace's currency, or null when unknown. */
export function workspaceCurrency(path: string | null): string | null {
  return path ? (known[path] ?? null) : null;
}

/** Reads the currency of the open workspace (once) when no overview has told it yet. */
export async function loadCurrency(path: string): Promise<void> {
  if (path in known || asking.has(path)) return;
  asking.add(path);
  try {
    rememberCurrency(await backend.overview({ period: 'all_time' }));
  } catch (error) {
    reportError(error);
  } finally {
    asking.delete(path);
  }
}
