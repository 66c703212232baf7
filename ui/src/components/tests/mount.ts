// Mounting a component for a test: into a fresh element of jsdom's page,
// unmounted again by `cleanup()` (call it in afterEach); `markup` makes
// a snippet prop from fixed HTML.

import { createRawSnippet, flushSync, mount, unmount, type Component, type Snippet } from 'svelte';

const mounted: Array<{ app: Record<string, unknown>; target: HTMLElement }> = [];

export function render<P extends Record<string, unknown>>(component: Component<P>, props: P): HTMLElement {
  const target = document.createElement('div');
  document.body.appendChild(target);
  const app = mount(component, { target, props });
  flushSync();
  mounted.push({ app, target });
  return target;
}

/** A snippet of fixed markup, for a component's children or other snippet props. */
export function markup(html: string): Snippet<[]> {
  return createRawSnippet(() => ({ render: () => html }));
}

export function cleanup(): void {
  for (const { app, target } of mounted.splice(0)) {
    unmount(app);
    target.remove();
  }
}
