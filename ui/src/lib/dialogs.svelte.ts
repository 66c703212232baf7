// Which workspace dialog is open. The switcher and the empty state both open
// them; WorkspaceDialogs.svelte shows them.

import type { WorkspaceInfo } from './bindings';

export type WorkspaceDialog =
  | { kind: 'create' }
  | { kind: 'open' }
  | { kind: 'rename'; target: WorkspaceInfo }
  | { kind: 'delete'; target: WorkspaceInfo };

export const dialogs: { current: WorkspaceDialog | null } = $state({ current: null });

export function openDialog(dialog: WorkspaceDialog): void {
  dialogs.current = dialog;
}

export function closeDialog(): void {
  dialogs.current = null;
}
