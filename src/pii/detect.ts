/**
 * The anonymisation screen's pattern layer: personal details that have a shape. Pure: text in,
 * spans out. Names without a shape (a first name alone) are found in `people.ts`.
 */

export const piiTypes = ['email', 'phone', 'nhs_number', 'ni_number', 'postcode', 'date_of_birth', 'address', 'name'] as const;
export type PiiType = (typeof piiTypes)[number];

/** What masked output shows in place of each kind of detail. */
export const piiPlaceholders = {
  email: '[email]',
  phone: '[phone]',
  nhs_number: '[NHS number]',
  ni_number: '[NI number]',
  postcode: '[postcode]',
  date_of_birth: '[date of birth]',
  address: '[address]',
  name: '[name]',
} as const satisfies Record<PiiType, string>;

/** A detail found in a text: `text.slice(start, end) === span`. */
export interface PiiSpan {
  type: PiiType;
  span: string;
  start: number;
  end: number;
}

type Detector = (text: string) => PiiSpan[];

const spanOf = (type: PiiType, text: string, start: number, end: number): PiiSpan => ({ type, span: text.slice(start, end), start, end });

/** Every match of `re` (global), mapped to a span of the given group, when `keep` agrees. */
function matches(re: RegExp, type: PiiType, keep: (m: RegExpExecArray) => boolean = () => true, group = 0): Detector {
  return (text) => {
    const out: PiiSpan[] = [];
    for (const m of text.matchAll(re)) {
      if (!keep(m)) continue;
      const value = m[group];
      if (value === undefined) continue;
      const start = m.index + m[0].indexOf(value);
      out.push(spanOf(type, text, start, start + value.length));
    }
    return out;
  };
}

// Starts only where a run of address characters starts, so a long run without an @ is read once.
const email = matches(/(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, 'email');

/**
 * The NHS number's check digit (NHS Data Dictionary, "NHS Number"): weight the first nine digits
 * 10 down to 2, sum, and take 11 minus the remainder mod 11; 11 means 0, and 10 means the number
 * cannot be valid.
 */
export function validNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

// Ten digits as one run or spaced 3-3-4 (with spaces or hyphens), not part of a longer number.
const nhsNumber = matches(/(?<![\d+])\d{3}([ -]?)\d{3}\1\d{4}(?![\d])/g, 'nhs_number', (m) => validNhsNumber(m[0].replace(/\D/g, '')));

/**
 * UK numbers: a leading 0 (or +44, with an optional "(0)") then nine or ten more digits, in any of
 * the usual groupings with spaces, hyphens or brackets round the area code. Ofcom's plan puts
 * geographic numbers under 01/02, non-geographic under 03/08 and mobiles under 07.
 */
const phoneCandidate = /(?<![\w+])(?:\+44[ -]?(?:\(0\)[ -]?)?|\(0|0)[\d() -]{8,15}\d(?!\d)/g;
function phone(text: string): PiiSpan[] {
  const out: PiiSpan[] = [];
  for (const m of text.matchAll(phoneCandidate)) {
    // "07700 900123 24 hours a day": the candidate runs on into the next number, so it is cut back
    // a group at a time until what is left is a number, or nothing is.
    let raw = m[0];
    while (!isUkPhone(raw)) {
      const cut = raw.search(/[ -]+\d+\)?$/);
      if (cut <= 0) break;
      raw = raw.slice(0, cut);
    }
    if (isUkPhone(raw)) out.push(spanOf('phone', text, m.index, m.index + raw.length));
  }
  return out;
}

function isUkPhone(raw: string): boolean {
  let digits = raw.replace(/\D/g, '');
  if (raw.startsWith('+44')) digits = `0${digits.slice(2).replace(/^0/, '')}`;
  // Mobiles (07), London (02) and 03 numbers have eleven digits; some 01 and 08 numbers have ten.
  if (!/^0[12378]/.test(digits) || digits.length < 10 || digits.length > 11) return false;
  if (digits.length === 10 && /^0[237]/.test(digits)) return false;
  // A bare ten-digit run that passes the NHS check is an NHS number, not a phone number.
  if (digits.length === 10 && !raw.startsWith('+') && validNhsNumber(digits) && /^\d{3}[ -]?\d{3}[ -]?\d{4}$/.test(raw)) return false;
  return !/\d[ -]{2,}\d/.test(raw) && !/\( *\)/.test(raw) && /\d$/.test(raw);
}

// Two letters, six digits in pairs, a final A–D (HMRC's NIM39110 describes the format).
const niNumber = matches(/\b[A-Za-z]{2} ?(?:\d ?){6}[A-Da-d]\b/g, 'ni_number', (m) => {
  const letters = m[0].replace(/[^A-Za-z]/g, '');
  return letters === letters.toUpperCase() || letters === letters.toLowerCase();
});

/**
 * An outward code (area letters, district digit, optional letter or digit) and an inward code
 * (a digit and two letters from the 20 the Royal Mail uses, never C, I, K, M, O or V), written in
 * one case. "4th", "1st" and "2nd" in lower case look like inward codes and are left alone.
 */
const postcodeRe = /\b([A-Za-z]{1,2}\d[A-Za-z\d]?) ?(\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2})\b/g;
const postcode = matches(postcodeRe, 'postcode', (m) => {
  const [, outward = '', inward = ''] = m;
  const letters = (outward + inward).replace(/[^A-Za-z]/g, '');
  const oneCase = letters === letters.toUpperCase() || letters === letters.toLowerCase();
  const ordinal = /^(?:1st|2nd|3rd|[04-9]th)$/.test(inward);
  return oneCase && !ordinal;
});

const months = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec';
const numericDate = String.raw`(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})`;
const wordDate = String.raw`(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:${months})\.?,?\s+\d{4}|(?:${months})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})`;
const anyDate = `(?:${numericDate}|${wordDate})`;
const birthContext = String.raw`\b(?:born(?:\s+on)?(?:\s+the)?|d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|birthday\s+is)\b\s*(?:is\s+|was\s+|[:,]\s*|-\s*)?`;

/**
 * A date said to be a birth date, or any full date in the last century: in statements about care
 * today, a date in the 1900s is almost always someone's birthday.
 */
const dateOfBirth: Detector = (text) => [
  ...matches(new RegExp(`${birthContext}(${anyDate})\\b`, 'gi'), 'date_of_birth', () => true, 1)(text),
  ...matches(new RegExp(String.raw`(?<![\d/.-])(\d{1,2}[/.-]\d{1,2}[/.-]19\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:${months})\.?,?\s+19\d{2})\b`, 'gi'), 'date_of_birth')(text),
];

const streetWords =
  'Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Cl|Drive|Dr|Court|Ct|Crescent|Cres|Way|Place|Pl|Terrace|Tce|Gardens|Gdns|Grove|Gr|Hill|Park|Row|Square|Sq|View|Walk|Mews|Rise|Green|Parade|Boulevard|Vale|Wharf|Yard|Gate|Hollow|Meadow|Meadows|Fields|Bank|Croft|End|Wynd|Chase';
/** A house number (maybe with a letter), one to three capitalised words, and a street word. */
const address = matches(
  new RegExp(String.raw`\b\d{1,4}[A-Za-z]?,?\s+(?:(?:[A-Z][A-Za-z'’]{1,30}|St\.?)\s{1,3}){1,3}(?:${streetWords})\b`, 'g'),
  'address',
);

/** In lower case too, when the words before say it is where someone lives: "we live at 5 rose terrace". */
const livesAt = matches(
  new RegExp(String.raw`\b(?:live|lives|lived|living|moved|staying|stays|address\s+is)\s+(?:at|to|in)\s+(\d{1,4}[A-Za-z]?,?\s{1,3}(?:[A-Za-z'’]{1,30}\s{1,3}){1,3}(?:${streetWords})\b)`, 'gi'),
  'address',
  () => true,
  1,
);

const shapeDetectors: Detector[] = [email, nhsNumber, phone, niNumber, postcode, dateOfBirth, address, livesAt];

/** Details with a shape: email, phone, NHS and NI numbers, postcode, date of birth and address. */
export function findShapes(text: string): PiiSpan[] {
  if (!/[\d@]/.test(text)) return [];
  return shapeDetectors.flatMap((d) => d(text));
}

/**
 * Keeps one span per place: where two overlap, the longer wins, then the earlier type in
 * `piiTypes`. Sorted by position.
 */
export function resolveOverlaps(spans: readonly PiiSpan[]): PiiSpan[] {
  const rank = (s: PiiSpan) => piiTypes.indexOf(s.type);
  const byStrength = [...spans].sort((a, b) => b.end - b.start - (a.end - a.start) || rank(a) - rank(b) || a.start - b.start);
  const kept: PiiSpan[] = [];
  for (const s of byStrength) {
    if (kept.some((k) => s.start < k.end && k.start < s.end)) continue;
    kept.push(s);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** The text with each span replaced by its placeholder. */
export function maskText(text: string, spans: readonly PiiSpan[]): string {
  let out = '';
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < at) continue;
    out += text.slice(at, s.start) + piiPlaceholders[s.type];
    at = s.end;
  }
  return out + text.slice(at);
}
