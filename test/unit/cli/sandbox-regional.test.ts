import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerSandbox } from '../../../src/cli/sandbox.js';
import { messages } from '../../../src/i18n/messages.js';

describe('lapor-bridge sandbox regional', () => {
  it('sits next to sandbox lapor, with its options and defaults', () => {
    const program = new Command();
    const sandbox = registerSandbox(program, messages('id'));
    expect(sandbox.commands.map((c) => c.name())).toEqual(['lapor', 'regional']);
    const regional = sandbox.commands.find((c) => c.name() === 'regional')!;
    expect(regional.options.map((o) => o.long)).toEqual([
      '--port',
      '--host',
      '--seed',
      '--count',
      '--faults',
      '--open311-max-results',
    ]);
    expect(regional.opts()).toMatchObject({ port: 4610, host: '127.0.0.1', seed: 42, count: 40 });
  });
});
