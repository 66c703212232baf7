// What the app knows about its workspaces, shared by the switcher and the
// screens. Every action goes through backend.ts and reports its failures.

import * as backend from './backend';
import type { ApiError, AppInfo, StartFailure, WorkspaceInfo } from './bindings';
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
  lastFailure: Failure | null = $state(null);
  /**
   * The workspace the app was to open at start-up and could not, with the
   * latest reason; cleared once any workspace opens.
   */
  startFailure: StartFailure | null = $state(null);

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
      this.startFailure = current ? null : app.start_failure;
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
    return (await this.attempt(action, switches, false)) === null;
  }

  /**
   * Runs a workspace action and returns why it failed (null when it did
   * not). A `quiet` one (a retry in the background) keeps its failure out
   * of the error banner and the dialogs.
   */
  private async attempt(
    action: () => Promise<WorkspaceInfo | null>,
    switches: boolean,
    quiet: boolean,
  ): Promise<Failure | null> {
    this.busy = true;
    if (!quiet) this.lastFailure = null;
    try {
      const result = await action();
      if (result) {
        this.current = result;
        this.startFailure = null;
      }
      await this.refresh();
      if (switches) embedding.useWorkspace(this.current?.path ?? null);
      return null;
    } catch (error) {
      const failure = asFailure(error);
      if (!quiet) {
        reportError(error);
        this.lastFailure = failure;
      }
      return failure;
    } finally {
      this.busy = false;
    }
  }

  /** Tries again to open the workspace start-up could not, keeping the latest reason. */
  async retryStart(quiet = false): Promise<boolean> {
    const failed = this.startFailure;
    if (!failed || this.busy) return false;
    const why = await this.attempt(() => backend.openWorkspace(failed.path), true, quiet);
    if (why && this.startFailure?.path === failed.path) {
      this.startFailure = { ...failed, error: { ...why, details: null } };
    }
    return why === null;
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

type Failure = Pick<ApiError, 'code' | 'message'>;

function asFailure(error: unknown): Failure {
  return error instanceof backend.BackendError
    ? { code: error.code, message: error.message }
    : { code: 'unexpected', message: error instanceof Error ? error.message : String(error) };
}

export const session = new Session();
