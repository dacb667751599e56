import { type Category, categoryTitles } from '../core/model.js';
import { analyse, stemOf } from '../theming/analyse.js';
import type { TaggedText } from '../theming/naming.js';
import type { ChatMessage } from './server.js';

/**
 * Theme names written by a model, and the rules they must keep to: the same rules as the engine's
 * own names. A name that breaks one is not used; the engine's stays, and the run says why.
 */

/** What a name for each wall says, with the method's own examples. */
const wallGuide: Record<Category, string> = {
  working: 'Say what the person values or can do, for example "I value my PA, who knows me" or "I can choose when my carers come".',
  not_working:
    'Say what the person wants instead, or what they do not want to happen again, for example "I don\'t want to wait hours for my medication" or "I want to know who is coming and when".',
  future: 'Say what the person wants for the future, for example "I want to choose who supports me" or "I want to be part of my community".',
};

/**
 * The question for one theme: its statements (only their words, most typical first) and how to
 * answer. Nothing else about the session is in it.
 */
export function nameQuestion(category: Category, texts: readonly string[]): ChatMessage[] {
  return [
    {
      role: 'system',
      content: [
        'You help a facilitator prepare a Working Together for Change workshop in adult social care.',
        'People who draw on care and support, their families and staff wrote short statements, and the statements were grouped into themes.',
        'Name one theme. The name is one first-person "I" statement, written from the side of the person who draws on support, that says the idea its statements share.',
        'Use plain English and the statements\' own words. Keep it under 15 words. Do not name anyone.',
        'Reply with the name alone, on one line, with no quotes and no explanation.',
      ].join(' '),
    },
    {
      role: 'user',
      content: `The wall: ${categoryTitles[category]}. ${wallGuide[category]}\n\nThe theme's statements:\n${texts.map((t) => `- ${t.replace(/\s+/g, ' ').trim()}`).join('\n')}\n\nThe theme's name:`,
    },
  ];
}

/** The name in a reply: its first line, without quotes, list marks, a "Name:" label or a full stop. */
export function cleanName(reply: string): string {
  const line = reply.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
  let name = line
    .replace(/^(?:[-*•]\s+|\d+[.)]\s+)/, '')
    .replace(/^(?:theme\s+)?name\s*:\s*/i, '')
    .replace(/\*\*|__/g, '')
    .trim();
  for (let i = 0; i < 2; i++) name = name.replace(/^["“”'‘’`]+|["“”'‘’`]+$/g, '').trim();
  return name.replace(/[.!;:,]+$/, '').replace(/\s+/g, ' ').trim();
}

/** Names have fewer words than this. */
export const nameWords = 15;

/**
 * Why a model's name cannot be used, or undefined when it can. It must be a first-person "I"
 * statement of 3 to 14 words, and every thing it names (each noun, as the tagger reads it) must be
 * in the theme's statements, directly or through the synonym table ("taxi" and "transport"): a
 * name about something no statement says is not the theme's name. `tagged` is the name, tagged.
 */
export function nameProblem(name: string, tagged: TaggedText, statements: readonly string[]): string | undefined {
  if (name === '') return 'it is empty';
  if (!/^I(?:\s|['’](?:m|d|ve|ll)\s)/.test(name)) return 'it is not an "I" statement';
  const words = name.split(' ').length;
  if (words >= nameWords) return `it has ${words} words, and a name has fewer than ${nameWords}`;
  if (words < 3) return 'it is too short to say an idea';
  if (/[<>{}[\]|\\]|https?:/.test(name)) return 'it holds markup, not words';
  // The statements' words as the engine folds them ("taxi" is "transport"), and as they were written ("on time").
  const said = new Set(statements.flatMap((s) => [...analyse(s).stems, ...(s.toLowerCase().match(/[\p{L}]+/gu) ?? []).map(stemOf)]));
  const own = analyse(name).stems;
  if (!own.some((stem) => said.has(stem))) return 'it shares no word with its statements';
  for (let i = 0; i < tagged.words.length; i++) {
    if (tagged.tags[i] !== 'NOUN' && tagged.tags[i] !== 'PROPN') continue;
    const stems = analyse(tagged.words[i]!).stems;
    const missing = stems.find((stem) => !said.has(stem));
    if (missing !== undefined) return `"${tagged.words[i]}" is not in its statements`;
  }
  return undefined;
}
