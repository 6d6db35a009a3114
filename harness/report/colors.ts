/** ANSI SGR codes (ECMA-48 §8.3.117) for the few colours the terminal summary uses. */
const SGR = { red: '31', green: '32', yellow: '33', dim: '2', bold: '1' } as const;

const paint = (text: string, ...codes: (keyof typeof SGR)[]): string => `\u001b[${codes.map((c) => SGR[c]).join(';')}m${text}\u001b[0m`;

/** The status words of progress and summary lines, and how each is shown. */
const WORDS: readonly (readonly [RegExp, (word: string) => string])[] = [
  [/\bXFAIL\b/, (w) => paint(w, 'yellow')],
  [/\bFAIL\b/, (w) => paint(w, 'red', 'bold')],
  [/\bPASS\b/, (w) => paint(w, 'green')],
  [/\b(SKIP|UNSUP)\b/, (w) => paint(w, 'dim')],
];

/**
 * One line of `run`'s terminal output, coloured for a terminal (issue 11 §4:
 * "colored when stdout is a TTY and plain otherwise"): the first status word
 * of a progress or summary line, the failure headings and the verdict line.
 * Only what the eye looks for is coloured; the text is unchanged otherwise.
 *
 * @example
 * colorLine('[ 3/60] FAIL  MUST     ds.send-message.fan-out  (269 ms)') // FAIL in bold red
 */
export function colorLine(line: string): string {
  if (line === 'conformance run passed') return paint(line, 'green', 'bold');
  if (line.startsWith('conformance run FAILED')) return paint(line, 'red', 'bold');
  if (/^(MUST|PROFILE) failures \(\d+\):$/.test(line)) return paint(line, 'red');
  if (/^(\[\s*\d+\/\d+\] | {2})(XFAIL|FAIL|PASS|SKIP|UNSUP)\b/.test(line)) {
    for (const [pattern, show] of WORDS) {
      const match = pattern.exec(line);
      if (match !== null) return `${line.slice(0, match.index)}${show(match[0])}${line.slice(match.index + match[0].length)}`;
    }
  }
  return line;
}

/**
 * Whether output should be coloured: a TTY, no `NO_COLOR` (https://no-color.org: present and not empty
 * turns colour off) and not `TERM=dumb`; `FORCE_COLOR` other than `0` turns it on anyway.
 *
 * @example
 * const color = wantsColor(process.stdout.isTTY, process.env);
 */
export function wantsColor(isTty: boolean | undefined, env: Readonly<Record<string, string | undefined>>): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '' && force !== '0') return true;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['TERM'] === 'dumb') return false;
  return isTty === true;
}
