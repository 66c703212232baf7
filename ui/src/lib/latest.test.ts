import { afterEach, describe, expect, it } from 'vitest';
import { deferred } from '../components/tests/deferred';
import { dismissAllErrors, shownErrors } from './errors.svelte';
import { Latest } from './latest.svelte';

afterEach(dismissAllErrors);

describe('Latest', () => {
  it('keeps only the newest request current', () => {
    const requests = new Latest();
    const first = requests.begin();
    expect(first()).toBe(true);
    const second = requests.begin();
    expect(first()).toBe(false);
    expect(second()).toBe(true);
  });

  it('makes every started request stale on cancel', () => {
    const requests = new Latest();
    const one = requests.begin();
    requests.cancel();
    expect(one()).toBe(false);
    expect(requests.begin()()).toBe(true);
  });

  it('runs a request: busy while it goes on, its answer handed over', async () => {
    const requests = new Latest();
    const busy: boolean[] = [];
    const answers: number[] = [];
    await requests.run(() => Promise.resolve(7), { busy: (on) => busy.push(on), done: (n) => answers.push(n) });
    expect(busy).toEqual([true, false]);
    expect(answers).toEqual([7]);
  });

  it('drops a stale answer and leaves busy to the newer request', async () => {
    const requests = new Latest();
    const first = deferred<string>();
    const second = deferred<string>();
    const busy: boolean[] = [];
    const answers: string[] = [];
    const handlers = { busy: (on: boolean) => busy.push(on), done: (a: string) => answers.push(a) };
    const one = requests.run(() => first.promise, handlers);
    const two = requests.run(() => second.promise, handlers);
    first.resolve('old');
    await one;
    expect(answers).toEqual([]);
    expect(busy).toEqual([true, true]);
    second.resolve('new');
    await two;
    expect(answers).toEqual(['new']);
    expect(busy).toEqual([true, true, false]);
  });

  it('reports a failure in the banner unless told otherwise, and drops a stale one', async () => {
    const requests = new Latest();
    await requests.run(() => Promise.reject(new Error('boom')), { done: () => {} });
    expect(shownErrors.map((e) => e.message)).toEqual(['boom']);

    const failures: unknown[] = [];
    await requests.run(() => Promise.reject(new Error('quiet')), { done: () => {}, failed: (e) => failures.push(e) });
    expect(failures).toHaveLength(1);
    expect(shownErrors).toHaveLength(1);

    const late = deferred<never>();
    const stale = requests.run(() => late.promise, { done: () => {}, failed: (e) => failures.push(e) });
    requests.cancel();
    late.reject(new Error('late'));
    await stale;
    expect(failures).toHaveLength(1);
  });
});
