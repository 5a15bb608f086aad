import type { Command, Option } from 'commander';
import type { Catalog } from '../i18n/messages.js';

export type HelpText = Catalog['help'];

/** commander's own error sentences, and the catalogue's words for each. */
const COMMANDER_ERRORS: readonly [RegExp, (t: HelpText['errors'], m: RegExpExecArray) => string][] = [
  [/^error: required option '(.+)' not specified/, (t, m) => t.requiredOption(m[1]!)],
  [/^error: missing required argument '(.+)'/, (t, m) => t.missingArgument(m[1]!)],
  [/^error: option '(.+)' argument missing/, (t, m) => t.optionArgumentMissing(m[1]!)],
  [
    /^error: option '(.+)' argument '(.*)' is invalid\.\s*(.*)/s,
    (t, m) => t.invalidOptionArgument(m[1]!, m[2]!, m[3]!.trim()),
  ],
  [/^error: unknown option '(.+?)'/, (t, m) => t.unknownOption(m[1]!)],
  [/^error: unknown command '(.+?)'/, (t, m) => t.unknownCommand(m[1]!)],
  [/^error: too many arguments/, (t) => t.tooManyArguments],
];

/** An error commander writes, in the operator's language (what it does not name passes unchanged). */
export function commanderError(message: string, t: HelpText['errors'], command = 'lapor-bridge'): string {
  for (const [pattern, say] of COMMANDER_ERRORS) {
    const m = pattern.exec(message);
    if (!m) continue;
    const similar = /\(Did you mean (.+)\?\)/.exec(message)?.[1];
    return [`${t.prefix}: ${say(t, m)}`, ...(similar ? [t.didYouMean(similar)] : []), t.seeHelp(command), ''].join(
      '\n',
    );
  }
  return message;
}

/**
 * Makes commander speak the catalogue's language: its headings, the help option and command,
 * defaults shown next to options, and its error sentences. Set on the program before any
 * command is added, so every command inherits it.
 */
export function speak(program: Command, t: HelpText): Command {
  return program
    .helpOption('-h, --help', t.helpOption)
    .helpCommand('help [command]', t.helpCommand)
    .configureHelp({
      styleTitle: (title: string) => t.titles[title] ?? title,
      optionDescription: (option: Option) => {
        const shown = option.required || option.optional;
        const fallback =
          shown && option.defaultValue !== undefined
            ? t.defaultValue(option.defaultValueDescription ?? JSON.stringify(option.defaultValue))
            : '';
        return [option.description, fallback].filter(Boolean).join(' ');
      },
    })
    .configureOutput({ outputError: (text, write) => write(commanderError(text, t.errors)) });
}
