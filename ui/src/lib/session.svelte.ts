// What the app knows about its workspaces, shared by the switcher and the
// screens. Every action goes through backend.ts and reports its failures.

import * as backend from './backend';
import type { AppInfo, WorkspaceInfo } from './bindings';
import { embedding } from './embedding.svelte';
import { reportError } from './errors.svelte';

export type SessionStatus = 'loading' | 'ready' | 'unreachable';

class Session {
  status: SessionStatus = $state('loading');
  app: AppInfo | null = $state(null);
  current: WorkspaceInfo | null = $state(null);
  recent: WorkspaceInfo[] = $state([]);
  /** True while a workspace action (create, open, ...) is running. */
  busy = $state(false);
  /**
   * Why the last workspace action failed, for the dialog that started it
   * (the full error is in the error banner as well).
   */
  lastFailure: { code: string; message: string } | null = $state(null);

  /** Loads app info, the open workspace and the recent list. */
  async load(): Promise<void> {
    this.status = 'loading';
    try {
      const [app, current, recent] = await Promise.all([
        backend.appInfo(),
        backend.currentWorkspace(),
        backend.listWorkspaces(),
      ]);
      this.app = app;
      this.current = current;
      this.recent = recent;
      this.status = 'ready';
      // Embeds in the background what the workspace has not embedded yet.
      embedding.useWorkspace(current?.path ?? null);
    } catch (error) {
      this.status = 'unreachable';
      reportError(error);
    }
  }

  /** Refreshes the open workspace and the recent list after a change. */
  async refresh(): Promise<void> {
    try {
      const [current, recent] = await Promise.all([
        backend.currentWorkspace(),
        backend.listWorkspaces(),
      ]);
      this.current = current;
      this.recent = recent;
    } catch (error) {
      reportError(error);
    }
  }

  /** Runs a workspace action; `switches` when it may open or close a workspace. */
  private async act(action: () => Promise<WorkspaceInfo | null>, switches = true): Promise<boolean> {
    this.busy = true;
    this.lastFailure = null;
    try {
      const result = await action();
      if (result) this.current = result;
      await this.refresh();
      if (switches) embedding.useWorkspace(this.current?.path ?? null);
      return true;
    } catch (error) {
      reportError(error);
      this.lastFailure =
        error instanceof backend.BackendError
          ? { code: error.code, message: error.message }
          : { code: 'unexpected', message: error instanceof Error ? error.message : String(error) };
      return false;
    } finally {
      this.busy = false;
    }
  }

  create(name: string, path: string | null): Promise<boolean> {
    return this.act(() => backend.createWorkspace(name, path));
  }

  open(path: string): Promise<boolean> {
    return this.act(() => backend.openWorkspace(path));
  }

  rename(path: string, newName: string): Promise<boolean> {
    return this.act(() => backend.renameWorkspace(path, newName), false);
  }

  remove(path: string): Promise<boolean> {
    return this.act(async () => {
      await backend.deleteWorkspace(path);
      if (this.current?.path === path) this.current = null;
      return null;
    });
  }
}

export const session = new Session();
