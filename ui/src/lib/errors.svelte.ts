// Errors shown to the person in the error banner. Nothing is swallowed: every
// failed backend call and every uncaught exception ends up here.

import { BackendError } from './backend';

export interface ShownError {
  id: number;
  code: string;
  message: string;
  details: unknown;
  /** How many times this same error happened while shown. */
  count: number;
}

let nextId = 1;

/** Errors currently shown, oldest first. */
export const shownErrors: ShownError[] = $state([]);

function describe(error: unknown): { code: string; message: string; details: unknown } {
  if (error instanceof BackendError) {
    return { code: error.code, message: error.message, details: error.details ?? null };
  }
  if (error instanceof Error) {
    return {
      code: 'unexpected',
      message: error.message || error.name,
      details: error.stack ? { stack: error.stack } : null,
    };
  }
  return {
    code: 'unexpected',
    message: typeof error === 'string' ? error : 'Something went wrong.',
    details: typeof error === 'string' ? null : (error ?? null),
  };
}

/** Shows an error in the banner. The same error repeated is counted, not stacked. */
export function reportError(error: unknown): void {
  const { code, message, details } = describe(error);
  const same = shownErrors.find((e) => e.code === code && e.message === message);
  if (same) {
    same.count += 1;
    same.details = details;
    return;
  }
  shownErrors.push({ id: nextId++, code, message, details, count: 1 });
}

export function dismissError(id: number): void {
  const index = shownErrors.findIndex((e) => e.id === id);
  if (index >= 0) shownErrors.splice(index, 1);
}

export function dismissAllErrors(): void {
  shownErrors.splice(0, shownErrors.length);
}

/** Catches what no caller handled, so it is shown rather than lost in the console. */
export function installGlobalErrorHandlers(target: Window): void {
  target.addEventListener('error', (event) => {
    reportError(event.error ?? event.message);
  });
  target.addEventListener('unhandledrejection', (event) => {
    reportError(event.reason);
  });
}

/** A failure as a dialog shows it (its code and message), from anything thrown. */
export function failureOf(error: unknown): { code: string; message: string } {
  if (error instanceof BackendError) return { code: error.code, message: error.message };
  return { code: 'unexpected', message: error instanceof Error ? error.message : String(error) };
}
