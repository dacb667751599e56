/**
 * Text people typed reaches the terminal made safe: an escape sequence in a statement once reached
 * the terminal raw through `themes show`, `pii`, ingest's rejected lines and batch progress, and a
 * newline in a council or theme name broke the output's lines. JSON output keeps the text exact.
 */
import { describe, expect, it } from 'vitest';
import { terminalText } from '../src/core/text.js';
import { runInProcess, tempDir } from './helpers.js';

const esc = '\u001b';
// Retitles the window, then turns the text red: either would act on a real terminal.
const hostile = `${esc}]0;pwned\u0007${esc}[31mThe taxi is late`;

describe('text shown on a terminal', () => {
  it('terminalText writes control characters, line breaks and direction marks as visible escapes', () => {
    expect(terminalText(hostile)).toBe('\\x1b]0;pwned\\x07\\x1b[31mThe taxi is late');
    expect(terminalText('Northmere\nCouncil\r')).toBe('Northmere\\nCouncil\\r');
    expect(terminalText('abc\u202edef')).toBe('abc\\u202edef');
    expect(terminalText('Café – “fine”')).toBe('Café – “fine”');
  });

  it('no command prints a raw escape or a name broken over lines', async () => {
    const rows = [
      'text,category,perspective',
      `"${hostile} again",not_working,person`,
      `"${hostile} every week",not_working,person`,
      `"${hostile} and nobody rings",not_working,person`,
      `"My carer Julie${esc}[2J is kind",working,person`,
      `"Odd one",${esc}[31mbad,person`,
    ];
    const dir = tempDir({ 'in.csv': `${rows.join('\n')}\n` });
    const cli = (...argv: string[]) => runInProcess([...argv, '-C', 's'], { cwd: dir });
    await runInProcess(['init', 's'], { cwd: dir });
    const outputs = [await cli('ingest', 'in.csv'), await cli('theme')];
    const list = JSON.parse((await cli('themes', 'list', '--json')).stdout) as { categories: { not_working: { themes: { id: string; statements: string[] }[] } } };
    const theme = list.categories.not_working.themes[0]!.id;
    outputs.push(await cli('themes', 'rename', theme, `I want${esc}[8m\nhidden`));
    outputs.push(await cli('themes', 'show', theme), await cli('themes', 'list'), await cli('pii'), await cli('status'));
    for (const r of outputs) {
      expect(r.stdout + r.stderr).not.toContain(esc);
      expect(r.stdout + r.stderr).not.toContain('\u0007');
    }
    const show = outputs.at(-4)!.stdout;
    expect(show).toContain('\\x1b]0;pwned\\x07\\x1b[31mThe taxi is late');
    expect(show.split('\n').find((l) => l.includes('I want'))).toContain('I want\\x1b[8m\\nhidden');
    // JSON is data: the text exactly as typed, escaped the JSON way.
    const json = await cli('themes', 'show', theme, '--json');
    expect((JSON.parse(json.stdout) as { theme: { name: string } }).theme.name).toBe(`I want${esc}[8m\nhidden`);
  });

  it('batch prints a council named with a line break on one line', async () => {
    const rows = ['text,perspective,category,council', ...['The taxi is late', 'The bus is late', 'The lift is late'].map((t) => `${t},person,not working,"North\nmere"`)];
    const dir = tempDir({ 'in.csv': `${rows.join('\n')}\n` });
    const r = await runInProcess(['batch', 'in.csv', '--out', 'c', '--jobs', '1'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('[1/1] North\\nmere: 3 statements');
  });
});
