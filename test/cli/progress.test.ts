import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Progress } from '../../src/cli/progress.js';

function stream(isTTY: boolean) {
  const out = new PassThrough();
  let text = '';
  out.on('data', (d: Buffer) => (text += d.toString()));
  return { stream: Object.assign(out, { isTTY }), text: () => text };
}

describe('Progress', () => {
  it('shows count and rate on a terminal, ending the line when done', async () => {
    const tty = stream(true);
    const progress = new Progress(tty.stream, 'export:');
    await new Promise((r) => setTimeout(r, 120));
    progress.update(500);
    progress.done();
    expect(tty.text()).toMatch(/^\rexport: 500 calls, \d+\/s +\n$/);
  });

  it('is silent when piped or quiet', () => {
    for (const [isTTY, quiet] of [[false, false], [true, true]] as const) {
      const out = stream(isTTY);
      const progress = new Progress(out.stream, 'export:', quiet);
      progress.update(10);
      progress.done();
      expect(out.text()).toBe('');
    }
  });
});
