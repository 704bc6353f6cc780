/**
 * @module testing/store-conformance
 * The behaviour every {@link ClientStore} must have, as plain async checks that throw on failure,
 * so any test runner can run them (house style rule 13: one suite, every implementation). The
 * memory and file stores run it in this package's tests; the web app's IndexedDB store runs it in
 * the browser:
 *
 * ```ts
 * for (const check of storeConformance(() => openIndexedDbStore('test-' + n++)))
 *   it(check.name, check.run);
 * ```
 */
import type { ClientStore } from '../store/store.ts';

export interface ConformanceCheck {
  name: string;
  run: () => Promise<void>;
}

const bytes = (...values: number[]) => new Uint8Array(values);

function equal(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual, (_k, v: unknown) => (v instanceof Uint8Array ? [...v] : v));
  const e = JSON.stringify(expected, (_k, v: unknown) => (v instanceof Uint8Array ? [...v] : v));
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

/**
 * Checks for a store. `open` makes a fresh, empty store each time it is called; `reopen`, when
 * given, opens the same store again after `close()` (persistent stores only).
 */
export function storeConformance(
  open: () => Promise<ClientStore>,
  reopen?: (closed: ClientStore) => Promise<ClientStore>,
): ConformanceCheck[] {
  const checks: ConformanceCheck[] = [
    {
      name: 'get returns what write stored, and undefined for a missing key',
      run: async () => {
        const s = await open();
        equal(await s.get('a'), undefined, 'missing key');
        await s.write([['a', bytes(1, 2, 3)]]);
        equal(await s.get('a'), bytes(1, 2, 3), 'stored value');
        await s.close();
      },
    },
    {
      name: 'a batch applies in order: later writes win, undefined deletes',
      run: async () => {
        const s = await open();
        await s.write([
          ['k', bytes(1)],
          ['k', bytes(2)],
          ['gone', bytes(9)],
          ['gone', undefined],
        ]);
        equal(await s.get('k'), bytes(2), 'later write');
        equal(await s.get('gone'), undefined, 'deleted in the same batch');
        await s.write([['k', undefined]]);
        equal(await s.get('k'), undefined, 'deleted');
        await s.close();
      },
    },
    {
      name: 'list returns entries under a prefix in key order',
      run: async () => {
        const s = await open();
        await s.write([
          ['out/0002', bytes(2)],
          ['in/0001', bytes(9)],
          ['out/0001', bytes(1)],
          ['out/0010', bytes(10)],
        ]);
        equal(
          (await s.list('out/')).map(([k, v]) => [k, v[0]]),
          [
            ['out/0001', 1],
            ['out/0002', 2],
            ['out/0010', 10],
          ],
          'listing',
        );
        equal(await s.list('none/'), [], 'empty listing');
        await s.close();
      },
    },
    {
      name: 'stored bytes do not change when the caller changes its arrays',
      run: async () => {
        const s = await open();
        const value = bytes(1, 2);
        await s.write([['k', value]]);
        value[0] = 99;
        const got = (await s.get('k'))!;
        got[1] = 99;
        equal(await s.get('k'), bytes(1, 2), 'stored value');
        await s.close();
      },
    },
    {
      name: 'wipe erases everything',
      run: async () => {
        const s = await open();
        await s.write([
          ['a', bytes(1)],
          ['b', bytes(2)],
        ]);
        await s.wipe();
        equal(await s.list(''), [], 'after wipe');
        await s.close();
      },
    },
  ];
  if (reopen) {
    checks.push({
      name: 'what was written survives close and reopen',
      run: async () => {
        const s = await open();
        await s.write([
          ['a', bytes(1)],
          ['b', new Uint8Array(300).fill(7)],
        ]);
        await s.close();
        const again = await reopen(s);
        equal(await again.get('a'), bytes(1), 'a after reopen');
        equal((await again.get('b'))?.length, 300, 'b after reopen');
        await again.close();
      },
    });
  }
  return checks;
}
