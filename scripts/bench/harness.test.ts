import { describe, expect, it } from 'vitest';
import { initialScripts } from './bundle-size';
import { defineCase, formatLine, measurement, timed, withinGoal } from './harness';

describe('bench goals and budgets', () => {
  it('a ratio goal allows ratio x baseline plus the fixed allowance, and no more', () => {
    expect(withinGoal(25, 7, { ratio: 1.3, plusMs: 16 })).toBe(true); // 1.3 * 7 + 16 = 25.1
    expect(withinGoal(25.2, 7, { ratio: 1.3, plusMs: 16 })).toBe(false);
    expect(withinGoal(150, 100, { ratio: 1.5 })).toBe(true);
    expect(withinGoal(151, 100, { ratio: 1.5 })).toBe(false);
    expect(withinGoal(3001, 1, { maxMs: 3000 })).toBe(false);
    expect(withinGoal(10_000, 1)).toBe(true);
  });

  it('a size over its budget is marked and printed as OVER', () => {
    const over = measurement('initial renderer JavaScript', 251, 'KB', { budget: 250 });
    expect(over.pass).toBe(false);
    expect(formatLine(over)).toContain('budget 250 KB: OVER');
    expect(measurement('preload script', 1.1, 'KB', { budget: 8 }).pass).toBe(true);
  });

  it('each ratio line names its baseline, and a subject timing itself replaces the wall clock', async () => {
    const bench = defineCase<null>({
      name: 'demo',
      baselineName: 'plain loop',
      setup: () => Promise.resolve(null),
      subjects: [{ name: 'subject', goal: { ratio: 1.5 }, run: () => Promise.resolve(timed(40)) }],
      baseline: () => new Promise((resolve) => setTimeout(resolve, 5)),
      teardown: () => Promise.resolve(),
    });
    const [line] = await bench.run(3);
    if (line?.kind !== 'ratio') throw new Error('expected a ratio line');
    expect(line.subjectMs).toEqual([40, 40, 40]);
    expect(line.pass).toBe(false);
    expect(formatLine(line)).toMatch(
      /^subject: 40 ms median; plain loop: \d+(\.\d)? ms; ratio \d+\.\d\dx; goal <= 1.5x: OVER/,
    );
  });
});

describe('initial renderer scripts', () => {
  it('counts the entry script and its modulepreloads, not lazy chunks or styles', () => {
    const html = [
      '<script type="module" crossorigin src="./assets/index-a.js"></script>',
      '<link rel="modulepreload" crossorigin href="./assets/vendor-b.js">',
      '<link rel="stylesheet" crossorigin href="./assets/index-c.css">',
    ].join('\n');
    expect(initialScripts(html)).toEqual(['./assets/index-a.js', './assets/vendor-b.js']);
  });
});
