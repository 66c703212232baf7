// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import CoverageNote from './CoverageNote.svelte';
import { embedding } from '../lib/embedding.svelte';
import { cleanup, render } from './tests/mount';

const props = { kind: 'kb_chunk', running: 'Reading the rest.', stopped: 'Only these.', testid: 'note' };

function coverage(embedded: number, total: number) {
  embedding.status = {
    model: { ready: true, message: '', model_id: 'm', problem: null },
    coverage: [{ kind: 'kb_chunk', label: 'knowledge-base passages', embedded, total }],
    running: false,
  } as never;
}

describe('CoverageNote', () => {
  afterEach(() => {
    cleanup();
    embedding.running = false;
    embedding.status = null as never;
  });

  it('says how much is embedded while part is not, and offers the rest', () => {
    coverage(12, 62);
    const target = render(CoverageNote, props);
    const note = target.querySelector('[data-testid=note]');
    expect(note?.textContent).toContain('12 of 62 knowledge-base passages embedded.');
    expect(note?.textContent).toContain('Only these.');
    expect(target.querySelector('[data-testid=embed-resume]')).not.toBeNull();
  });

  it('says the rest is on its way while a run goes on', () => {
    coverage(12, 62);
    embedding.running = true;
    const target = render(CoverageNote, props);
    expect(target.textContent).toContain('Reading the rest.');
    expect(target.querySelector('[data-testid=embed-resume]')).toBeNull();
  });

  it('is not shown once everything is embedded', () => {
    coverage(62, 62);
    const target = render(CoverageNote, props);
    expect(target.querySelector('[data-testid=note]')).toBeNull();
  });
});
