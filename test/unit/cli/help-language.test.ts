import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commanderError } from '../../../src/cli/help.js';
import { buildProgram } from '../../../src/cli/program.js';
import { messages, type Language } from '../../../src/i18n/messages.js';

/** Every text `--help` shows of a command and its subcommands, by where it is shown. */
function helpTexts(command: Command, path = 'lapor-bridge'): Map<string, string> {
  const texts = new Map<string, string>([[path, command.description()]]);
  for (const option of command.options) texts.set(`${path} ${option.flags}`, option.description);
  // An argument without a description is named in the usage line only, never described.
  for (const argument of command.registeredArguments)
    if (argument.description) texts.set(`${path} <${argument.name()}>`, argument.description);
  for (const sub of command.commands) for (const [k, v] of helpTexts(sub, `${path} ${sub.name()}`)) texts.set(k, v);
  return texts;
}

const program = (language: Language) => buildProgram(messages(language));

describe('lapor-bridge --help comes from the catalogue', () => {
  it('describes every command, option and argument, differently in Indonesian and English', () => {
    const id = helpTexts(program('id'));
    const en = helpTexts(program('en'));
    expect([...id.keys()]).toEqual([...en.keys()]);
    expect(id.size).toBeGreaterThan(100);
    // A literal left in a command would read the same in both languages.
    const same = [...id].filter(([where, text]) => !text || text === en.get(where)).map(([where]) => where);
    expect(same).toEqual([]);
  });

  it("speaks the reader's language around the descriptions too: headings, help option, defaults", () => {
    const sync = (language: Language) => program(language).commands.find((c) => c.name() === 'sync')!;
    const id = sync('id').helpInformation();
    expect(id).toContain('Pemakaian: lapor-bridge sync [options]');
    expect(id).toContain('tarik satu sumber sekarang');
    expect(id).toMatch(/-s, --source <name>\s+nama sumber di konfigurasi/);
    expect(id).toMatch(/-h, --help\s+tampilkan bantuan perintah ini/);
    expect(id).not.toMatch(/Usage:|Options:|display help/);
    const en = sync('en').helpInformation();
    expect(en).toContain('Usage: lapor-bridge sync [options]');
    expect(en).toMatch(/-s, --source <name>\s+source name from the configuration/);

    const dlqList = program('id')
      .commands.find((c) => c.name() === 'dlq')!
      .commands.find((c) => c.name() === 'list')!;
    expect(dlqList.helpInformation()).toMatch(/-n, --limit <n>\s+paling banyak sekian \(bawaan: "50"\)/);
    expect(program('id').helpInformation()).toMatch(
      /Perintah:[\s\S]*help \[command\]\s+tampilkan bantuan sebuah perintah/,
    );
  });

  it.each([
    [
      "error: required option '-s, --source <name>' not specified\n",
      "galat: opsi wajib '-s, --source <name>' belum diberikan",
    ],
    ["error: missing required argument 'file'\n", "galat: argumen wajib 'file' belum diberikan"],
    [
      "error: unknown command 'synk'\n(Did you mean sync?)\n",
      "galat: perintah 'synk' tidak dikenal\n(maksudnya sync?)",
    ],
    [
      "error: option '--format <format>' argument 'pdf' is invalid. harus salah satu dari table, json\n",
      "galat: nilai 'pdf' untuk opsi '--format <format>' tidak sah: harus salah satu dari table, json",
    ],
  ])("says commander's error %j in Indonesian", (english, indonesian) => {
    expect(commanderError(english, messages('id').help.errors)).toBe(`${indonesian}\nlihat: lapor-bridge --help\n`);
  });
});
