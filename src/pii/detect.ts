import { type PiiSpan, type PiiType, piiTypes } from '../core/pii.js';
import { isEnglishWord, isHumanName } from './words.js';

/**
 * The anonymisation screen's pattern layer: personal details that have a shape. Pure: text in,
 * spans out. Names without a shape (a first name alone) are found in `people.ts`.
 */

/** What masked output shows in place of each kind of detail. */
export const piiPlaceholders = {
  email: '[email]',
  phone: '[phone]',
  nhs_number: '[NHS number]',
  ni_number: '[NI number]',
  postcode: '[postcode]',
  date_of_birth: '[date of birth]',
  address: '[address]',
  handle: '[handle]',
  name: '[name]',
} as const satisfies Record<PiiType, string>;


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
 * Addresses written so that a machine will not read them: "jane(at)example.org", "grace.a [at]
 * example [dot] com", "nkechi dot o at example dot org", "anne underscore c at example dot com".
 * Every part is a bounded run without spaces and the separators are fixed words, so a long text
 * of "dot"s is read in linear time.
 */
const localPart = String.raw`[A-Za-z0-9][A-Za-z0-9._+-]{0,40}`;
const domainPart = String.raw`[A-Za-z0-9][A-Za-z0-9-]{0,40}`;
const spelledJoin = String.raw`(?:\s+(?:dot|underscore|dash|hyphen)\s+|\s*[[(](?:dot|underscore|dash)[\])]\s*)`;
const spelledAt = String.raw`(?:\s*[[({<]\s*at\s*[\])}>]\s*|\s+at\s+)`;
const spelledDot = String.raw`(?:\.|\s*[[(]\s*dot\s*[\])]\s*|\s+dot\s+)`;
/** Top-level domains people give their addresses under; a spelled "dot" must end in one of them. */
const topLevel = 'com|org|net|uk|co|gov|nhs|ac|sch|ltd|plc|me|io|info|biz|edu|ie|eu|de|fr|pl|es|it|nl|in|pk|ng|za|au|ca|us|scot|wales|cymru|london|online|email';
const spelledEmailRe = new RegExp(
  String.raw`(?<![A-Za-z0-9._+-])(${localPart}(?:${spelledJoin}${localPart}){0,4})(${spelledAt})(${domainPart}(?:${spelledDot}${domainPart}){0,3}${spelledDot}(?:${topLevel}))(?![A-Za-z0-9])`,
  'gi',
);
function spelledEmail(text: string): PiiSpan[] {
  const out: PiiSpan[] = [];
  for (const m of text.matchAll(spelledEmailRe)) {
    const [whole, local = '', at = '', domain = ''] = m;
    const spelled = /[[({<]/.test(at) || /\s(?:dot|underscore|dash|hyphen)\s|[[(](?:dot|underscore|dash)[\])]/i.test(`${local} ${domain}`);
    // "I looked at bbc.co.uk": a plain " at " before a plain domain makes an address only when
    // what stands before it is not an ordinary word.
    if (!spelled && (/^[A-Za-z]+$/.test(local) && isEnglishWord(local) && !isHumanName(local))) continue;
    out.push(spanOf('email', text, m.index, m.index + whole.length));
  }
  return out;
}

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
 * UK numbers: a leading 0 (or +44 or 0044, with an optional "(0)") then nine or ten more digits, in any of
 * the usual groupings with spaces, hyphens or brackets round the area code. Ofcom's plan puts
 * geographic numbers under 01/02, non-geographic under 03/08 and mobiles under 07.
 */
const phoneCandidate = /(?<![\w+])(?:(?:\+|00)44[ -]?(?:\(0\)[ -]?)?|\(0|0)[\d() -]{8,15}\d(?!\d)/g;
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
  else if (raw.startsWith('0044')) digits = `0${digits.slice(4).replace(/^0/, '')}`;
  // Mobiles (07), London (02) and 03 numbers have eleven digits; some 01 and 08 numbers have ten.
  if (!/^0[12378]/.test(digits) || digits.length < 10 || digits.length > 11) return false;
  if (digits.length === 10 && /^0[237]/.test(digits)) return false;
  // A bare ten-digit run that passes the NHS check is an NHS number, not a phone number.
  if (digits.length === 10 && !raw.startsWith('+') && validNhsNumber(digits) && /^\d{3}[ -]?\d{3}[ -]?\d{4}$/.test(raw)) return false;
  return !/\d[ -]{2,}\d/.test(raw) && !/\( *\)/.test(raw) && /\d$/.test(raw);
}

/**
 * A number read out or typed a digit at a time: "0 7 7 0 0 9 0 0 1 2 3", "oh seven seven double oh
 * nine…", "oh one one three, four nine six…". A run of digit words and short digit groups is
 * spelled out into digits, from the first nought on, and kept when the digits make a UK number.
 */
const digitWords: Record<string, string> = {
  zero: '0', oh: '0', o: '0', nought: '0', nil: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6',
  seven: '7', eight: '8', nine: '9',
};
const digitToken = String.raw`(?:\d{1,5}|zero|oh|one|o|nought|nil|two|three|four|five|six|seven|eight|nine|double|treble|triple)`;
const digitTokenRe = new RegExp(digitToken, 'giu');
// Each token is a fixed word or a bounded digit group, and the separators hold neither, so a run
// is read once.
const spokenRun = new RegExp(String.raw`(?<![\p{L}\d])${digitToken}(?:[\s,.-]{1,3}${digitToken}){6,40}(?![\p{L}\d])`, 'giu');
function spokenPhone(text: string): PiiSpan[] {
  const out: PiiSpan[] = [];
  for (const m of text.matchAll(spokenRun)) {
    const tokens = [...m[0].matchAll(digitTokenRe)].map((t) => ({ word: t[0].toLowerCase(), start: m.index + t.index, end: m.index + t.index + t[0].length }));
    // Digits written in groups are `phone`'s; this reads words, and digits typed one at a time.
    if (tokens.every((t) => /^\d/.test(t.word)) && tokens.some((t) => t.word.length > 1)) continue;
    // Each digit (or group) with where the words that gave it start and end: "double oh" is one.
    const digits: { value: string; start: number; end: number }[] = [];
    let repeat: { times: number; start: number } | undefined;
    for (const t of tokens) {
      if (/^(?:double|treble|triple)$/.test(t.word)) {
        repeat = { times: t.word === 'double' ? 2 : 3, start: t.start };
        continue;
      }
      const value = digitWords[t.word] ?? t.word;
      digits.push({ value: value.length === 1 && repeat ? value.repeat(repeat.times) : value, start: repeat?.start ?? t.start, end: t.end });
      repeat = undefined;
    }
    const first = digits.findIndex((d) => d.value.startsWith('0'));
    if (first < 0) continue;
    let number = '';
    let end = -1;
    for (const d of digits.slice(first)) {
      number += d.value;
      if (number.length > 11) break;
      if (isUkPhone(number)) end = d.end;
    }
    if (end >= 0) out.push(spanOf('phone', text, digits[first]!.start, end));
  }
  return out;
}

// Two letters, six digits in pairs, a final A–D (HMRC's NIM39110 describes the format), spaced or
// hyphenated; without the final letter only where the words before say it is an NI number, as
// forms that take the suffix in a box of its own print it.
const niOneCase = (m: RegExpExecArray) => {
  const letters = m[0].replace(/[^A-Za-z]/g, '');
  return letters === letters.toUpperCase() || letters === letters.toLowerCase();
};
const niNumber = matches(/\b[A-Za-z]{2}[ -]?(?:\d[ -]?){6}[A-Da-d]\b/g, 'ni_number', niOneCase);
const niNumberNoSuffix = matches(
  /\b(?:NI|N\.I\.|national\s+insurance)(?:\s+(?:number|no\.?|num))?(?:\s+(?:is|was))?[\s:]{1,3}([A-Za-z]{2}[ -]?\d{2}[ -]?\d{2}[ -]?\d{2})(?![ -]?[\dA-Za-z])/gi,
  'ni_number',
  () => true,
  1,
);

/**
 * The postcode areas, the letters that start every postcode, with the post town each is named
 * for: the 121 areas of the UK and the three of the Crown Dependencies (GY, JE, IM) that share
 * the system, as Royal Mail's Postcode Address File lists them (Royal Mail, "Postcode Address File
 * Programmers' Guide", and its map of postcode areas). There is no C, no A and no PA room: "C57BL"
 * (a strain of lab mice) has the shape of a postcode but is none.
 */
export const postcodeAreas: Readonly<Record<string, string>> = {
  AB: 'Aberdeen', AL: 'St Albans', B: 'Birmingham', BA: 'Bath', BB: 'Blackburn', BD: 'Bradford', BH: 'Bournemouth',
  BL: 'Bolton', BN: 'Brighton', BR: 'Bromley', BS: 'Bristol', BT: 'Belfast', CA: 'Carlisle', CB: 'Cambridge', CF: 'Cardiff',
  CH: 'Chester', CM: 'Chelmsford', CO: 'Colchester', CR: 'Croydon', CT: 'Canterbury', CV: 'Coventry', CW: 'Crewe',
  DA: 'Dartford', DD: 'Dundee', DE: 'Derby', DG: 'Dumfries', DH: 'Durham', DL: 'Darlington', DN: 'Doncaster', DT: 'Dorchester',
  DY: 'Dudley', E: 'London', EC: 'London', EH: 'Edinburgh', EN: 'Enfield', EX: 'Exeter', FK: 'Falkirk', FY: 'Blackpool',
  G: 'Glasgow', GL: 'Gloucester', GU: 'Guildford', GY: 'Guernsey', HA: 'Harrow', HD: 'Huddersfield', HG: 'Harrogate',
  HP: 'Hemel Hempstead', HR: 'Hereford', HS: 'Outer Hebrides', HU: 'Hull', HX: 'Halifax', IG: 'Ilford', IM: 'Isle of Man',
  IP: 'Ipswich', IV: 'Inverness', JE: 'Jersey', KA: 'Kilmarnock', KT: 'Kingston upon Thames', KW: 'Kirkwall', KY: 'Kirkcaldy',
  L: 'Liverpool', LA: 'Lancaster', LD: 'Llandrindod Wells', LE: 'Leicester', LL: 'Llandudno', LN: 'Lincoln', LS: 'Leeds',
  LU: 'Luton', M: 'Manchester', ME: 'Rochester', MK: 'Milton Keynes', ML: 'Motherwell', N: 'London', NE: 'Newcastle upon Tyne',
  NG: 'Nottingham', NN: 'Northampton', NP: 'Newport', NR: 'Norwich', NW: 'London', OL: 'Oldham', OX: 'Oxford', PA: 'Paisley',
  PE: 'Peterborough', PH: 'Perth', PL: 'Plymouth', PO: 'Portsmouth', PR: 'Preston', RG: 'Reading', RH: 'Redhill', RM: 'Romford',
  S: 'Sheffield', SA: 'Swansea', SE: 'London', SG: 'Stevenage', SK: 'Stockport', SL: 'Slough', SM: 'Sutton', SN: 'Swindon',
  SO: 'Southampton', SP: 'Salisbury', SR: 'Sunderland', SS: 'Southend-on-Sea', ST: 'Stoke-on-Trent', SW: 'London',
  SY: 'Shrewsbury', TA: 'Taunton', TD: 'Galashiels', TF: 'Telford', TN: 'Tonbridge', TQ: 'Torquay', TR: 'Truro', TS: 'Cleveland',
  TW: 'Twickenham', UB: 'Southall', W: 'London', WA: 'Warrington', WC: 'London', WD: 'Watford', WF: 'Wakefield', WN: 'Wigan',
  WR: 'Worcester', WS: 'Walsall', WV: 'Wolverhampton', YO: 'York', ZE: 'Lerwick',
};
const isPostcodeArea = (outward: string) => Object.hasOwn(postcodeAreas, outward.replace(/\d.*$/, '').toUpperCase());

/**
 * An outward code (area letters, district digit, optional letter or digit) and an inward code
 * (a digit and two letters from the 20 the Royal Mail uses, never C, I, K, M, O or V), written in
 * one case, in a real area. "4th", "1st" and "2nd" in lower case look like inward codes and are
 * left alone.
 */
const postcodeRe = /\b([A-Za-z]{1,2}\d[A-Za-z\d]?) ?(\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2})\b/g;
const postcode = matches(postcodeRe, 'postcode', (m) => {
  const [, outward = '', inward = ''] = m;
  const letters = (outward + inward).replace(/[^A-Za-z]/g, '');
  const oneCase = letters === letters.toUpperCase() || letters === letters.toLowerCase();
  const ordinal = /^(?:1st|2nd|3rd|[04-9]th)$/.test(inward);
  return oneCase && !ordinal && isPostcodeArea(outward);
});

/**
 * An outward code alone, used as a place: "she lives in BD7", "since moving to HU3", "I'm in DN4",
 * "the LS6 area". The same shape names paper (A4), rooms (PA1), vitamins (B12), motorways (M1),
 * forms (W1) and discs of the spine (L4), so it needs words that say someone lives or moved there.
 */
const outwardRe = /(?<![\w£$-])([A-Z]{1,2}\d{1,2}[A-Z]?)(?![\w-]|\s?\d[A-Z]{2}\b)/g;
const residesBefore =
  /\b(?:(?:lives?|lived|living|moved?|moving|based|stay(?:s|ing)?|settled|rehoused|relocated|born|raised|grew\s+up|brought\s+up|I['’]m|we['’]re|s?he['’]s|they['’]re|am|are|is|was|were)\s+(?:(?:over|out|up|down|back|right|still|now|all\s+the\s+way)\s+){0,2}(?:in|to|at|from|near|round|around)|from|postcode(?:\s+is)?:?)\s+$/i;
/** "somewhere in LS6.", "everyone round BD3 knows": a bare preposition, where the sentence goes on as it would after a place. */
const placeBefore = /\b(?:in|to|from|near|round|around)\s+$/i;
const placeAfter = /^(?:\s*[,.;:!?)]|\s*$|\s+(?:and|but|so|now|too|though|where|which|because|since|for|I|we|you|he|she|they|it|is|was|area|way|knows?)\b)/;
const thingBefore = /\b(?:meeting|room|class|session|forum|training|clinic|appointment|office|pain|disc|discs|injury|fracture|vertebra|vertebrae|junction|bay|platform|gate|ward|vitamin|size|band|grade|level)\s+(?:\w+\s+){0,2}$/i;
const thingAfter = /^\s*(?:paper|form|forms|motorway|injections?|jabs?|tablets?|vitamins?|discs?|vertebra|vertebrae|room|bus|junction|road|exit|envelope|size|band|cells?|mice|sheets?)\b/i;
function partialPostcode(text: string): PiiSpan[] {
  const out: PiiSpan[] = [];
  for (const m of text.matchAll(outwardRe)) {
    const code = m[1]!;
    if (!isPostcodeArea(code)) continue;
    const before = text.slice(Math.max(0, m.index - 50), m.index);
    const after = text.slice(m.index + code.length, m.index + code.length + 30);
    const area = /^\s+(?:area|postcode|district)\b/i.test(after);
    const placed = residesBefore.test(before) || placeBefore.test(before) && placeAfter.test(after);
    const lives = placed && !thingBefore.test(before.replace(residesBefore, '').replace(placeBefore, '')) && !thingAfter.test(after);
    if (area || lives) out.push(spanOf('postcode', text, m.index, m.index + code.length));
  }
  return out;
}

const months = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec';
const numericDate = String.raw`(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})`;
const wordDate = String.raw`(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:${months})\.?,?\s+\d{4}|(?:${months})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})`;
const anyDate = `(?:${numericDate}|${wordDate})`;
const birthContext = String.raw`\b(?:born(?:\s+on)?(?:\s+the)?|d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|birthday\s+is)\b\s*(?:is\s+|was\s+|[:,]\s*|-\s*)?`;

/** Dates as they are said: "the eighth of August", "nineteen forty-two", "two thousand and one". */
const units = 'one|two|three|four|five|six|seven|eight|nine';
const teens = 'ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen';
const tens = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const ordinalWords = String.raw`(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|(?:twenty|thirty)[\s-]first|twenty[\s-](?:second|third|fourth|fifth|sixth|seventh|eighth|ninth))`;
const yearWords = String.raw`(?:(?:nineteen|eighteen)[\s-](?:(?:${tens})(?:[\s-](?:${units}))?|(?:oh|o)[\s-](?:${units})|${teens}|hundred)|two[\s-]thousand(?:[\s-]and)?(?:[\s-](?:${units}|${teens}))?)`;
const spokenYear = String.raw`(?:(?:18|19|20)\d{2}(?!\d|s\b|['’]s)|['’]\d{2}\b|${yearWords}\b)`;
const spokenDay = String.raw`(?:\d{1,2}(?:st|nd|rd|th)?|${ordinalWords})\s+(?:of\s+)?(?:${months})\b|(?:${months})\s+(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?|${ordinalWords})\b`;
/** Days with names of their own: "born on Christmas Day 1940". */
const namedDay = String.raw`(?:christmas\s+(?:day|eve)|boxing\s+day|new\s+year['’]?s\s+(?:day|eve)|valentine['’]?s\s+day|bonfire\s+night|armistice\s+day|st\.?\s+patrick['’]?s\s+day)`;
/**
 * "Born in 1952 on the 14th of July", "born the eighth of August nineteen fifty-three", "born in
 * nineteen forty-two", "my birthday is 2 March": after words that say it is a birth, a year alone
 * or a day and month alone is a date of birth too.
 */
// "Born in Jamaica in 1952": a place may come between the birth and its date.
const spokenBirth = new RegExp(
  String.raw`\b(?:born(?:\s+(?:and\s+bred\s+)?(?:in|at)\s+\p{Lu}[\p{L}'’.-]{0,30}(?:\s+\p{Lu}[\p{L}'’.-]{0,30}){0,2},?)?|d\.?o\.?b|date\s+of\s+birth|birth\s*date|birthday(?:['’]s|\s+is|\s+was)?)\.?[\s:,-]{1,4}(?:(?:is|was|on|in)\s+)?(?:the\s+)?((?:${spokenDay}|${namedDay})(?:,?\s+(?:in\s+)?${spokenYear})?|${spokenYear}(?:,?\s+on\s+(?:the\s+)?(?:${spokenDay}))?|(?:${months})\s+${spokenYear}|\d{1,2}[/.-]\d{1,2}(?![/.-]?\d))`,
  'giu',
);

/**
 * A date said to be a birth date, or any full date in the last century: in statements about care
 * today, a date in the 1900s is almost always someone's birthday.
 */
const dateOfBirth: Detector = (text) => [
  ...matches(new RegExp(`${birthContext}(${anyDate})\\b`, 'gi'), 'date_of_birth', () => true, 1)(text),
  ...matches(new RegExp(String.raw`(?<![\d/.-])(\d{1,2}[/.-]\d{1,2}[/.-]19\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:${months})\.?,?\s+19\d{2})\b`, 'gi'), 'date_of_birth')(text),
];
/** Said in words, or after "born" with a year alone: run where those words are. */
function dateOfBirthInWords(text: string): PiiSpan[] {
  return matches(spokenBirth, 'date_of_birth', () => true, 1)(text);
}

const streetWords =
  'Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Cl|Drive|Dr|Court|Ct|Crescent|Cres|Way|Place|Pl|Terrace|Tce|Gardens|Gdns|Grove|Gr|Hill|Park|Row|Square|Sq|View|Walk|Mews|Rise|Green|Parade|Boulevard|Vale|Wharf|Yard|Gate|Hollow|Meadow|Meadows|Fields|Bank|Croft|End|Wynd|Chase';
/** A house number (maybe with a letter), one to three capitalised words, and a street word. */
const address = matches(
  new RegExp(String.raw`\b\d{1,4}[A-Za-z]?,?\s+(?:(?:[A-Z][A-Za-z'’]{1,30}|St\.?)\s{1,3}){1,3}(?:${streetWords})\b`, 'g'),
  'address',
);

/** In lower case too, when the words before say it is where someone lives: "we live at 5 rose terrace". */
const livesAt = matches(
  new RegExp(String.raw`\b(?:(?:live|lives|lived|living|moved|staying|stays)\s+(?:at|to|in)|address\s+is(?:\s+at)?)\s+(\d{1,4}[A-Za-z]?,?\s{1,3}(?:[A-Za-z'’]{1,30}\s{1,3}){1,3}(?:${streetWords})\b)`, 'gi'),
  'address',
  () => true,
  1,
);

/** Words that end a street's name and, unlike Park, Green, Hill or Court, rarely anything else's. */
const namedStreetWords = 'Street|St|Road|Rd|Avenue|Ave|Lane|Close|Drive|Crescent|Terrace|Grove|Gardens|Mews|Rise|Parade|Row|Way|Vale|Croft|Fold|Wynd|Boulevard|Walk';
/** Where a street's name is followed by one of these, it names a building or a team: "Leeds Road Hospital". */
const institution =
  'Station|Hospital|Surgery|Medical|Health|Centre|Center|Clinic|Practice|Library|School|College|Academy|Church|Chapel|Mosque|Temple|Gurdwara|Synagogue|Stadium|Baptist|Methodist|Community|Day|Care|Home|House|Hall|Lodge|Court|Sports|Leisure|Retail|Shopping|Industrial|Business|Police|Fire|Bus|Depot|Pharmacy|Post|Jobcentre|Cemetery|Crematorium|Park|Team|Office|Hub|Campus|Unit';
const placePrepositions = ['on', 'in', 'off', 'down', 'up', 'along', 'at', 'near', 'round', 'around', 'from', 'to', 'into', 'onto', 'past', 'opposite', 'behind', 'of', 'via', 'towards', 'by']
  .map((w) => `[${w[0]}${w[0]!.toUpperCase()}]${w.slice(1)}`)
  .join('|');
/**
 * A street named without a house number, after a word that places something on it: "the flats on
 * Victoria Street", "won't come down Wellington Road", "lives on Cross Flatts Grove". "The High
 * Street" is every town's, and is left alone.
 */
const namedStreetRe = new RegExp(
  String.raw`\b(?:${placePrepositions})\s+((?:[A-Z][a-z'’]{1,30}(?:-[A-Z][a-z'’]{1,30})?\s{1,3}){1,3}(?:${namedStreetWords}))\b(?!['’]s|\s+(?:${institution})\b)`,
  'g',
);
const notStreetStart = /^(?:The|A|An|My|Our|Your|His|Her|Their|This|That|High|Main|Old|New|Every|Each|No|One|Any|Some)\s/;
/** Streets known for something else: a soap, a song, a seat of government, a football ground. */
const famousStreets = /^(?:Coronation Street|Sesame Street|Ramsay Street|Brookside Close|Downing Street|Harley Street|Wall Street|Fleet Street|Oxford Street|Carnaby Street|Penny Lane|Abbey Road|Elland Road|Bramall Lane|Drury Lane|Park Lane)$/;
const namedStreet = matches(namedStreetRe, 'address', (m) => !notStreetStart.test(m[1]!) && !famousStreets.test(m[1]!.replace(/\s+/g, ' ')), 1);
/** "Meadow Lane is where I live": a street named first, then said to be where someone lives. */
const streetIsHome = matches(
  new RegExp(String.raw`(?<![\p{L}])((?:[A-Z][a-z'’]{1,30}\s{1,3}){1,3}(?:${namedStreetWords}))\s+(?:is|was)\s+(?:where\s+(?:I|we|s?he|they|my\s+\p{Ll}+|mum|dad)\s+(?:live|lives|lived|stay|stays)|my\s+address|our\s+address|home)\b`, 'gu'),
  'address',
  (m) => !notStreetStart.test(m[1]!) && !famousStreets.test(m[1]!.replace(/\s+/g, ' ')),
  1,
);

/** In lower case, after words that say someone lives there: "she lives on meadow lane". */
const livesOnRe = new RegExp(
  String.raw`\b(?:live|lives|lived|living|moved|moving|staying|stays|address\s+is)\s+(?:on|in|at|off|to)\s+((?:[A-Za-z'’]{1,30}\s{1,3}){1,3}(?:${namedStreetWords}))\b`,
  'gi',
);
const notStreetWord = /^(?:the|a|an|my|our|your|his|her|their|this|that|same|main|busy|quiet|new|old|next|other|another|one|dead|private|country|back|side|long|short|wrong|right|high|own)\s/i;
const livesOn = matches(livesOnRe, 'address', (m) => !notStreetWord.test(m[1]!), 1);

/**
 * A social media handle or profile: "@kev_smith88", "facebook.com/jane.doe.5",
 * "linkedin.com/in/amara-osei-carer", "my insta is shaz_b88".
 */
const profileUrl = matches(
  /(?<![\w.-])(?:https?:\/\/)?(?:www\.|m\.|uk\.)?(?:facebook|fb|instagram|twitter|x|tiktok|linkedin|youtube|threads|snapchat|pinterest)\.(?:com|net)\/[A-Za-z0-9_.@%~/-]{2,80}[A-Za-z0-9_/]/gi,
  'handle',
);
// After an @ that is not part of an email address. "@home" and "@work" are "at".
const atHandle = matches(/(?<![\w.@+-])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)(?![\w@-])/g, 'handle', (m) => {
  const handle = m[1]!;
  return /[\d_]/.test(handle) ? /[A-Za-z]/.test(handle) : !isEnglishWord(handle);
});
/**
 * A name given as someone's handle on a platform: "my insta is shaz_b88", "snapchat: kezzab". It
 * must have a handle's shape (a digit or an underscore) or be a word no list knows: not "my
 * facebook is private".
 */
const platform = String.raw`(?:insta(?:gram)?|tik\s?tok|twitter|snapchat|snap|threads|facebook|fb|linkedin|youtube)`;
const handleShape = (handle: string) => /[\d_]/.test(handle) || !/[.]/.test(handle) && !isEnglishWord(handle) && !isHumanName(handle);
const platformHandle = matches(
  new RegExp(String.raw`\b${platform}(?:\s+(?:handle|name|username|user\s+name|account|page|id))?\s*(?:is|:|-)\s*@?([A-Za-z][A-Za-z0-9_.]{1,28}[A-Za-z0-9_])\b`, 'gi'),
  'handle',
  (m) => handleShape(m[1]!),
  1,
);
/** "kev_smith88 on insta": a handle's shape, then the platform. */
const handleOnPlatform = matches(
  new RegExp(String.raw`(?<![\w@.])([A-Za-z][A-Za-z0-9_.]{1,28}[A-Za-z0-9_])\s+on\s+${platform}\b`, 'gi'),
  'handle',
  (m) => /[\d_]/.test(m[1]!) && /[A-Za-z]/.test(m[1]!),
  1,
);

/**
 * The detectors in three groups, each behind one cheap test that must pass for any of them to
 * have anything to find: a digit or an @; a word that spells a detail out ("at", "oh", "born",
 * "lives", "insta"); or a capital before a digit or before another capitalised word. Most
 * statements pass none, and are passed by at the cost of three regex tests. Within a group, each
 * detector has its own test too.
 */
const shapeGroups: [RegExp, [RegExp, Detector][]][] = [
  [
    /[\d@]/,
    [
      [/@/, email],
      [/\d/, nhsNumber],
      [/\d/, phone],
      [/\d/, niNumber],
      [/\d/, niNumberNoSuffix],
      [/\d/, postcode],
      [/\d/, dateOfBirth],
      [/\d/, address],
      [/\d/, livesAt],
      [/@/, atHandle],
      [/\d/, spokenPhone],
    ],
  ],
  [
    /\b(?:at|zero|oh|o|nought|nil|born|birthday|d\.?o\.?b|live[sd]?|living|moved?|moving|stay(?:s|ing)?|address|insta(?:gram)?|tik|tiktok|twitter|snapchat|snap|threads|facebook|fb|linkedin|youtube)\b|\.(?:com|net)\//i,
    [
      [/\bat\b/i, spelledEmail],
      [/\b(?:zero|oh|o|nought|nil)\b/i, spokenPhone],
      [/\b(?:born|birthday|d\.?o\.?b)/i, dateOfBirthInWords],
      [/\b(?:live|lives|lived|living|moved|moving|staying|stays|address)\b/i, livesOn],
      [/\.(?:com|net)\//i, profileUrl],
      [/\b(?:insta|tik|twitter|snap|threads|facebook|fb|linkedin|youtube)/i, platformHandle],
      [/\bon\s+(?:insta|tik|twitter|snap|threads|facebook|fb|linkedin|youtube)/i, handleOnPlatform],
    ],
  ],
  [
    /[A-Z]\d|[A-Z][a-z'’]+\s{1,3}(?:St|Rd|Ave|[A-Z][a-z])/,
    [
      [/[A-Z]\d/, partialPostcode],
      [/[A-Z][a-z'’]+\s{1,3}(?:St|Rd|Ave|[A-Z][a-z])/, namedStreet],
      [/\b(?:is|was)\s+(?:where|my|our|home)\b/, streetIsHome],
    ],
  ],
];

/** Details with a shape: email, phone, NHS and NI numbers, postcode, date of birth, address and handle. */
export function findShapes(text: string): PiiSpan[] {
  const out: PiiSpan[] = [];
  const seen = new Set<Detector>();
  for (const [group, detectors] of shapeGroups) {
    if (!group.test(text)) continue;
    for (const [may, detect] of detectors) {
      // A detector in two groups (a phone read digit by digit or word by word) runs once.
      if (seen.has(detect) || !may.test(text)) continue;
      seen.add(detect);
      out.push(...detect(text));
    }
  }
  return out;
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
