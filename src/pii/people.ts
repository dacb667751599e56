import type { PiiSpan } from '../core/pii.js';
import { postcodeAreas } from './detect.js';
import { isEnglishWord, isHumanName } from './words.js';

/**
 * The anonymisation screen's names layer. A capitalised word (or, after words that say someone
 * was rung or told, a lower-case one) is a name when what stands round it says so, and the
 * stronger that context, the more ordinary a word it may take:
 *  - naming contexts say outright that it is a name: "my son Tom", "her name's Oluwaseun", "a lady
 *    called Brenda", "everyone calls him Tiny". Any word but a function word will do.
 *  - strong contexts place a person: "Grace from the agency", "Rose is my carer", "Holly the OT",
 *    "Dot next door", "Nurse Patel", "rang Kevin", "Precious comes at lunch". A word that is also a
 *    name (Grace, Rose, Will) or that no list knows (Rutendo) will do; an ordinary word (Money,
 *    Help) will not.
 *  - no context: a word the lists know only as a name (Priyanka, Oluwaseun, Thandiwe), and not at a
 *    place ("in Beverley"), after "the", or naming a thing ("Victoria sponge").
 * Words are sorted by compromise's lexicon, the list of names in `humannames` and the English
 * words of wink-nlp's lexicon (see `words.ts`); compromise's tagger adds names it finds by syntax.
 * The session's own list of names (`pii.names` in wtfc.yaml) is found wherever it appears.
 */

const relations = [
  'son', 'daughter', 'husband', 'wife', 'partner', 'carer', 'care worker', 'support worker', 'social worker', 'key worker',
  'keyworker', 'personal assistant', 'pa', 'mum', 'mom', 'mother', 'dad', 'father', 'brother', 'sister', 'grandson',
  'granddaughter', 'grandma', 'grandad', 'nan', 'nana', 'nephew', 'niece', 'friend', 'neighbour', 'boyfriend', 'girlfriend',
  'nurse', 'aunt', 'auntie', 'uncle', 'cousin', 'manager', 'advocate', 'son-in-law', 'daughter-in-law', 'stepson',
  'stepdaughter', 'grandchild', 'child', 'boy', 'girl', 'lad', 'fiancé', 'fiance', 'fiancée', 'colleague', 'therapist',
  'occupational therapist', 'ot', 'doctor', 'gp', 'physio', 'team leader', 'coordinator', 'co-ordinator', 'befriender',
  'volunteer', 'driver', 'cleaner', 'helper', 'worker', 'lodger', 'flatmate', 'landlord', 'landlady', 'kid', 'mam', 'gran',
  'granny', 'grandmother', 'grandfather', 'stepdad', 'stepmum', 'mate', 'pal', 'hubby', 'missus', 'twin', 'receptionist',
  'pharmacist', 'consultant', 'district nurse', 'night carer', 'home carer', 'chaplain', 'vicar', 'priest', 'imam', 'pastor',
  'buddy', 'tutor', 'teacher', 'officer', 'housing officer', 'case worker', 'caseworker', 'link worker', 'reablement worker',
];
/**
 * Context words match in any case, names only with a capital: the regexes are case-sensitive, and
 * context words are spelled out as [mM][yY].
 */
function anyCase(words: readonly string[]): string {
  const letters = (w: string) => [...w].map((c) => (c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c === ' ' || c === '-' ? '[-\\s]' : c)).join('');
  return `(?:${words.map(letters).join('|')})`;
}
const relationWords = anyCase(relations);
const determiners = anyCase(['my', 'our', 'his', 'her', 'their', 'your', 'the', "mum's", "dad's", 'mum’s', 'dad’s']);
const describingWords = ['lovely', 'late', 'eldest', 'oldest', 'youngest', 'older', 'younger', 'little', 'new', 'old', 'main', 'regular', 'usual', 'favourite', 'current', 'previous', 'last', 'other', 'only', 'best', 'adult', 'grown-up', 'twin', 'step'];
const describing = `(?:${anyCase(describingWords)}\\s+)*`;

/** A capitalised word that could be a name: Tom, O'Brien, McDonald, Mary-Jane, Zoë. */
// A capital, then a small letter (Tom, McDonald, Mary-Jane) or an apostrophe and a capital
// (O'Brien), then at most 40 more letters. No two quantifiers overlap and the tail is bounded, so a
// hostile run of letters cannot make the patterns below backtrack without end.
const nameWord = String.raw`\p{Lu}(?:\p{Ll}|['’]?\p{Lu}\p{Ll})[\p{L}'’-]{0,40}`;
const fullName = `(?:${nameWord})(?:\\s+(?:${nameWord}))?`;
/** A lower-case word that could be a name: "rang kevin". */
const lowerWord = String.raw`\p{Ll}[\p{Ll}'’-]{1,30}`;

/** Words that follow these contexts with a capital letter but are not anyone's name. */
const notNames = new Set(
  [
    'i', 'im', "i'm", 'i’m', "i've", 'i’ve', "i'd", "i'll", 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday',
    'sunday', 'mondays', 'tuesdays', 'wednesdays', 'thursdays', 'fridays', 'saturdays', 'sundays', 'january', 'february',
    'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'christmas', 'easter',
    'nhs', 'gp', 'council', 'social', 'services', 'care', 'age', 'uk', 'the', 'a', 'an', 'and', 'but', 'or', 'who', 'which',
    'that', 'he', 'she', 'they', 'we', 'it', 'here', 'there', 'everything', 'nothing', 'something', 'team', 'muslim',
    'christian', 'hindu', 'sikh', 'jewish', 'catholic', 'buddhist', 'deaf', 'blind', 'disabled', 'autistic', 'sorry',
    'not', 'fine', 'happy', 'lucky', 'grateful', 'worried', 'scared', 'lonely', 'tired', 'sure', 'glad', 'afraid',
    'office', 'centre', 'center', 'hospital', 'surgery', 'trust', 'carers', 'support', 'helpline', 'direct', 'payments',
    'mind', 'mencap', 'scope', 'tesco', 'asda', 'sainsburys', 'sainsbury’s', "sainsbury's", 'boots', 'morrisons', 'lidl',
    'aldi', 'co-op', 'coop', 'facebook', 'whatsapp', 'zoom', 'teams', 'skype', 'google', 'amazon', 'english', 'british',
    'welsh', 'scottish', 'irish', 'polish', 'urdu', 'punjabi', 'bengali', 'gujarati', 'arabic', 'my', 'your', 'our', 'their',
    'his', 'her', 'mum', 'dad', 'mam', 'nan', 'gran', 'grandma', 'grandad', 'granny', 'sir', 'madam', 'ok', 'okay', 'yes', 'no',
    // Function words and others that start sentences, which a list of 197,000 names holds too.
    'this', 'these', 'those', 'what', 'when', 'where', 'why', 'how', 'if', 'so', 'then', 'now', 'today', 'tonight', 'tomorrow',
    'yesterday', 'everyone', 'everybody', 'someone', 'somebody', 'nobody', 'anyone', 'anybody', 'people', 'staff', 'all',
    'some', 'any', 'every', 'each', 'both', 'one', 'two', 'three', 'me', 'him', 'them', 'us', 'you', 'its', 'it’s', "it's",
    'sometimes', 'honestly', 'luckily', 'sadly', 'thankfully', 'apparently', 'anyway', 'also', 'still', 'even', 'just', 'please',
    'thanks', 'thank', 'bless', 'god', 'lord', 'jesus', 'allah', 'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'mx', 'st', 'saint',
    'covid', 'dementia', 'alzheimer', 'alzheimers', 'parkinson', 'parkinsons', 'down', 'nurse', 'sister', 'father', 'doctor',
    'mother', 'brother', 'auntie', 'uncle', 'aunty', 'pastor', 'imam', 'rabbi', 'reverend', 'councillor', 'matron', 'bbc',
    'itv', 'sky', 'netflix', 'youtube', 'instagram', 'tiktok', 'twitter', 'alexa', 'siri', 'cortana', 'ipad', 'iphone',
    'with', 'for', 'from', 'at', 'on', 'in', 'to', 'of', 'by', 'as', 'is', 'was', 'are', 'were', 'be', 'been', 'do', 'did',
    'does', 'have', 'has', 'had', 'will', 'would', 'can', 'could', 'should', 'may', 'might', 'must', 'shall', 'yeah', 'oh',
    'hello', 'hi', 'dear', 'love', 'darling', 'pet', 'duck', 'mate', 'hun', 'babe', 'filipino', 'jamaican', 'nigerian',
    // Festivals, which stand where a visitor would: "Diwali at the day centre was beautiful".
    'diwali', 'eid', 'ramadan', 'hanukkah', 'chanukah', 'vaisakhi', 'baisakhi', 'holi', 'navratri', 'passover', 'lent',
    'advent', 'pentecost', 'hogmanay', 'halloween', 'bonfire', 'kwanzaa', 'whitsun', 'sainsbury',
    // Conditions named after the doctors who described them: "Crohn's", "Huntington's".
    'crohn', 'crohns', 'huntington', 'huntingtons', 'asperger', 'aspergers', 'addison', 'hodgkin', 'raynaud', 'tourette',
    'tourettes', 'meniere', 'menieres', 'paget', 'cushing',
    // Shops, banks and services on every high street, and the alarms people wear.
    'greggs', 'primark', 'poundland', 'wilko', 'argos', 'superdrug', 'specsavers', 'wetherspoons', 'harvester', 'costa',
    'starbucks', 'nandos', 'nando', 'subway', 'mcdonalds', 'kfc', 'currys', 'halfords', 'matalan', 'debenhams',
    'woolworths', 'lloyds', 'barclays', 'natwest', 'santander', 'nationwide', 'halifax', 'ocado', 'deliveroo', 'uber',
    'motability', 'telecare', 'careline', 'lifeline', 'carecall', 'netflix', 'spotify', 'brexit',
    // Royal and judicial titles, before public figures rather than people in the statement.
    'king', 'queen', 'prince', 'princess', 'duke', 'duchess', 'judge',
    // Programmes that are talked of as if they were people.
    'emmerdale', 'eastenders', 'corrie', 'hollyoaks', 'casualty', 'holby', 'countdown', 'pointless', 'strictly',
    // Languages, which follow "in" and "speaks" as names follow "with".
    'mandarin', 'cantonese', 'hindi', 'tamil', 'telugu', 'somali', 'swahili', 'yoruba', 'igbo', 'twi', 'shona', 'ndebele',
    'tigrinya', 'amharic', 'farsi', 'persian', 'pashto', 'dari', 'kurdish', 'turkish', 'romanian', 'lithuanian', 'latvian',
    'portuguese', 'spanish', 'french', 'german', 'italian', 'russian', 'ukrainian', 'czech', 'slovak', 'hungarian',
    'bulgarian', 'greek', 'albanian', 'tagalog', 'vietnamese', 'thai', 'malay', 'nepali', 'sinhala', 'bsl', 'makaton',
    'patois', 'creole', 'sylheti', 'mirpuri', 'pahari', 'chinese', 'japanese', 'korean',
  ].map((w) => w.toLowerCase()),
);
/** Of the words above, those that are names too when a context says so: "my carer Will", "Sister Mary". */
const contextualNames = new Set(['will', 'may', 'love', 'april', 'june', 'august', 'christmas', 'mind']);

/**
 * Words that are first names as well as words: virtue names, flowers, jewels, months and other
 * names long given in English-speaking, African and Caribbean families (Grace, Patience, Precious,
 * Gift, Blessing; Rose, Holly, Iris; Ruby, Pearl; Dawn, April; Frank, Will, Mark). Alone they are
 * words ("saying grace", "a rose garden"); in a context that places a person they are names.
 */
const wordNames = new Set(
  `grace hope faith joy patience prudence mercy charity honour honor constance felicity verity trinity unity harmony
  serenity liberty destiny precious blessing blessings gift comfort memory talent loveness fortune innocent marvellous
  chance angel peace favour favor wisdom goodness miracle justice success prosper happiness kindness beauty lucky
  blessed divine glory praise knowledge providence sweetness wonder gracious godknows promise victory
  robin jasper basil ginger brook brooke forest reed sage rowan ash aspen clay rocky buddy candy cherry kitty goldie pip
  victor marshall sterling
  rose lily daisy poppy ivy holly iris violet jasmine heather hazel willow fern myrtle primrose marigold rosemary olive
  laurel erica blossom clover saffron
  ruby pearl amber jade crystal coral opal beryl garnet
  dawn summer autumn april may june sky star storm river rain sunny dot penny sandy rusty sonny misty
  bill will mark frank rob pat sue ray dean guy jack cliff rich drew grant chase hunter miles bob don gene jean jo ken
  max nick norm rod wade art earl carol tom sam ben harry oscar lee mo di honey dolly jan gail angus jay eve brandy
  dusty bud ebony`.split(/\s+/),
);
/** Of those, the names of virtues and states, which are subjects of sentences as nouns too ("Faith helps"). */
const abstractNames = new Set(
  `grace hope faith joy patience prudence mercy charity honour honor constance felicity verity trinity unity harmony serenity
  liberty destiny peace favour favor wisdom goodness justice success happiness kindness beauty glory praise knowledge
  providence wonder promise victory comfort memory talent fortune chance blessing blessings gift love`.split(/\s+/),
);
/** Calendar words: a name only where a context names a person outright ("my sister May"). */
const calendarWords = new Set(['april', 'may', 'june', 'august', 'summer', 'autumn', 'winter', 'spring', 'christmas', 'easter']);

/**
 * Things named after people, or like people: organisations, brands, shows and devices. A name
 * inside one of these is not a person in the statement: "Frankie and Benny's", "Sue Ryder",
 * "Dr Who", "Alexa".
 */
const eponyms = new RegExp(
  String.raw`(?<![\p{L}])(?:${[
    'Marks (?:and|&) Spencer', 'Marks (?:and|&) Sparks', 'Mark/Spencer', 'M&S', "Frankie (?:and|&) Benny['’]?s", "Ben (?:and|&) Jerry['’]?s",
    "Jack Daniel['’]?s", 'John Lewis', 'Sue Ryder', 'Leonard Cheshire', 'Marie Curie', 'Joseph Rowntree', 'Ronald McDonald',
    'Florence Nightingale', 'Holland (?:and|&) Barrett', 'Laura Ashley', 'Ann Summers', 'Harvey Nichols', 'Miss Selfridge',
    'Ted Baker', 'Tommy Hilfiger', 'Calvin Klein', 'Jamie Oliver', 'Mary Berry', "Mrs Brown['’]?s Boys", '(?:Dr|Doctor) Who',
    'Mr Bean', 'Mr Kipling', 'Mr Motivator', 'Mr Muscle', '(?:Dr|Doc) Martens?', 'Dr Oetker', 'Dr Pepper', 'Miss Marple',
    'Father Christmas', 'Father Ted', 'Mother Teresa', "Uncle Ben['’]?s", "Aunt Bessie['’]?s", 'Postman Pat', 'Peppa Pig',
    'Tom (?:and|&) Jerry', 'Bob the Builder', 'Thomas the Tank Engine', 'Macmillan', "Barnardo['’]?s", 'Guide Dogs', 'Alexa', 'Siri', 'Cortana', 'Victoria Cross',
    'Victoria sponge', 'Jack Russell', 'Jack russell', 'Yorkshire pudding', 'Bloody Mary', 'Tom Collins', 'Bakewell tart',
  ].join('|')})(?![\p{L}])`,
  'gu',
);

/** The post towns of the UK's postcode areas, as places: "from Bradford", "Bradford City". */
const postTowns = new Set(Object.values(postcodeAreas).map((t) => t.toLowerCase()));

/** Words that, after a name, make it part of the name of a place or a body: "Grace Court", "Victoria Station". */
const placeWord = String.raw`\s+(?:Court|House|Lodge|Road|Street|Lane|Avenue|Close|Drive|Park|Gardens|Grove|Crescent|Terrace|Centre|Center|Hall|Hospice|Hospital|Surgery|Ward|Unit|Place|Way|Square|Green|View|Manor|Cottage|Home|Homes|School|College|Church|Chapel|Trust|Foundation|Medical|Practice|Clinic|Library|Singers|Carols|Station|Society|Association|City|United|Rovers|Town|Athletic|Wanderers|Albion|County|Airport|Infirmary|Suite|Wing|Estate|Market|Arms|Inn|Hotel|Cafe|Café|Pharmacy|Institute|Partnership|Group|Services|Council|Gate|Bridge|Academy|Mosque|Temple|Gurdwara|Synagogue|Stadium|Theatre|Cinema|Bank|Building|Buildings|Mews|Rise|Row|Parade)\b`;
const placeWordNext = new RegExp(`^${placeWord}`, 'u');
const placeWordWithin = new RegExp(placeWord, 'i');
const pairedPlaceNext = new RegExp(`^\\s+(?:and|&)\\s+\\p{Lu}[\\p{L}'’-]{0,40}${placeWord}`, 'u');

// ---------------------------------------------------------------------------------------------

const contextPatterns: RegExp[] = [
  // "my son Tom", "my carer, Julie,", "my social worker Kelly Jones", "our lovely carer Mo"
  new RegExp(String.raw`\b${determiners}\s+${describing}${relationWords}(?:\s*[,(–-]\s*|\s+)(${fullName})`, 'gu'),
  // "my name is Brenda", "her name's Oluwaseun", "Son's name is Arjun"
  new RegExp(String.raw`\b${anyCase(['name is', "name's", 'name’s', 'name was'])}\s+(${fullName})`, 'gu'),
  // "everyone calls him Tiny", "she says call her Seun"
  new RegExp(String.raw`\b${anyCase(['call', 'calls', 'called', 'calling'])}\s+${anyCase(['him', 'her', 'me', 'them', 'us'])}\s+(${fullName})`, 'gu'),
  // "Gran (Winifred Dobbs, 11 Sycamore Walk)", "our kid, Jamal,"
  new RegExp(String.raw`(?<![\p{L}])${relationWords}\s*(?:\(\s*|,\s+)(${fullName})(?=\s*[,)])`, 'gu'),
];
/** Named by what follows: "Chance is his real name", "Honey is what everyone calls our Marjorie". */
const namedBefore = new RegExp(
  String.raw`(?<![\p{L}'’])(${nameWord})\s+(?:is|was|['’]s)\s+(?:(?:his|her|my|their|our|your)\s+(?:real\s+|actual\s+|proper\s+|full\s+|first\s+|middle\s+|nick)?name\b|what\s+(?:everyone|everybody|people|we|they|staff|the\s+\p{Ll}+)\s+call)`,
  'gu',
);
/**
 * "I'm Nkechi Obi": a strong context, not a naming one, since "I'm Jamaican" and "I'm Deaf" have
 * the same shape.
 */
const iAm = new RegExp(String.raw`\b(?:I['’]m|I\s+am)\s+(${fullName})(?=\s*(?:[,.;:!?)]|$|and\b|from\b|\p{Ll}+\s))`, 'gu');

/**
 * "a lady called Brenda", "someone named Mo". "Called" is also a verb ("I called Adult Social
 * Care") and things have names too ("a group called Friendship Circle"), so after a pronoun only a
 * known first name counts, and after a word for a thing, nothing does.
 */
const called = new RegExp(String.raw`\b(called|named)\s+(${fullName})`, 'gu');
const callerBefore = /\b(?:I|we|they|he|she|you|who|have|has|had|never|always|just|then|finally|eventually|and)\s+$/i;
const thingBefore = new RegExp(
  String.raw`\b(?:home|group|club|place|centre|center|charity|app|service|scheme|company|agency|organisation|organization|street|road|village|town|shop|cafe|café|pub|website|site|programme|program|project|course|class|team|house|ward|unit|estate|building|hall|church|school|book|film|show|game|song|thing|device|system|form|card|pass|bus|taxi|firm|provider|network|forum|line|list|hub|space|garden|room|flat|block|area|ward)s?\s+(?:is\s+|was\s+)?$`,
  'i',
);

const supports = new RegExp(
  String.raw`\b(?:support|supporting|supported|care\s+for|caring\s+for|cared\s+for|look\s+after|looking\s+after|looked\s+after|visit|visiting)\s+(${fullName})`,
  'gu',
);

/**
 * "Nkechi, my key worker,", "Julie is my carer", "Rose is my carer", "Julie my carer". The name
 * comes first, where a sentence's first word also stands ("Sometimes, my carer is late").
 */
const namedThenRelation = new RegExp(
  String.raw`(?<![\p{L}'’])(${nameWord})(?:\s*[,(–—]\s*|\s+-\s+|\s+(?:is|was|has\s+been)\s+|\s+)(?:${determiners}|${anyCase(['a', 'an'])})\s+${describing}${relationWords}\b`,
  'gu',
);

/** Places a person stands in relation to: "Grace from the agency", "Jack on reception", "Dot next door". */
const bodies = String.raw`(?:agency|council|office|surgery|practice|team|service|services|centre|center|church|chapel|mosque|temple|gurdwara|synagogue|hospice|charity|hospital|ward|home|pharmacy|chemist|gp|nhs|dwp|housing|group|club|college|school|library|company|firm|provider|helpline|nurses|unit|department|clinic|association|trust|committee|project|scheme|café|cafe|hub|befrienders|volunteers)`;
const personPlace = new RegExp(
  String.raw`(?<![\p{L}'’])(${fullName})\s+(?:from\s+(?:the\s+|my\s+|our\s+|his\s+|her\s+)?(?:[\p{L}'’-]{1,30}\s+){0,2}${bodies}\b|(?:at|on)\s+(?:the\s+|my\s+|our\s+)?(?:reception|front\s+desk|desk|day\s+centre|luncheon\s+club|lunch\s+club|centre|surgery|office|council|agency|church|mosque|club|pharmacy|chemist|ward|home|hospital|hospice|helpline|phones?|switchboard|nights?|days|night\s+shift|day\s+shift|earlies|lates|weekends|my\s+son['’]s\s+\p{Ll}+|\p{Ll}+['’]s\s+college)\b|(?:at|from)\s+(?:number|no\.?)\s*\d{1,4}\b|next\s+door|across\s+the\s+(?:road|street|landing|hall|way)|over\s+the\s+road|downstairs|upstairs|(?:down|up)\s+the\s+(?:road|street|corridor)|round\s+the\s+corner)`,
  'gu',
);
/** "Mike and Bev (mum & dad)", "Tom (my son)": names, then in brackets who they are. */
const namesThenBracket = new RegExp(String.raw`(?<![\p{L}'’])(${nameWord})(?:\s+(?:and|&)\s+(${nameWord}))?\s*\(\s*(?:${determiners}\s+)?${describing}${relationWords}\b`, 'gu');
/** "Albert, aged 84,", "Albert (84)": only people have ages in these statements. */
const aged = new RegExp(String.raw`(?<![\p{L}'’])(${fullName})(?:,?\s+(?:aged|age)\s+\d{1,3}\b|\s+\(\s*(?:aged\s+)?\d{1,3}\s*\))`, 'gu');
/** "Gift the carer got told off", "Holly the OT was the first", "Mr O'Brien the manager promised". */
const namedTheRelation = new RegExp(
  String.raw`(?<![\p{L}'’])(${nameWord}),?\s+the\s+${relationWords}(?=\s*[,.;:!?)–—-]|\s+(?:is|was|has|had|got|came|comes|does|did|said|says|told|rang|never|always|just|used|who|and|from|at|on|in|says|\p{Ll}+ed|\p{Ll}+s)\b)`,
  'gu',
);
/** "Li Na's daughter", "Hassan’s wife". */
const possessiveRelation = new RegExp(String.raw`(?<![\p{L}'’])(${fullName})['’]s\s+${describing}${relationWords}\b`, 'gu');
/** "Olive and I", "Winston and me", "me and Dot". */
const withMe = new RegExp(String.raw`(?<![\p{L}'’])(${nameWord})\s+(?:and|&)\s+(?:I|me)\b|\b(?:[mM]e|I)\s+(?:and|&)\s+(${nameWord})`, 'gu');
/** "Precious, who comes Tuesdays". */
const whoAfter = new RegExp(String.raw`(?<![\p{L}'’])(${nameWord}),?\s+who\b`, 'gu');
/** "Social worker Kelly Jones never rings back", "Carer Julie was late": a relation that starts a sentence. */
const relationFirst = new RegExp(String.raw`(?:^|[.!?:]\s+)${relationWords}\s+(${fullName})`, 'gu');
/** "I go shopping with Tayo". */
const withName = new RegExp(String.raw`\b[wW]ith\s+(${nameWord})`, 'gu');
/** "our Marjorie": the north of England's way of saying one of the family. */
const ourName = new RegExp(String.raw`\b[oO]ur\s+(${nameWord})`, 'gu');
/**
 * What a person does: "Precious comes at lunch", "Iris runs the knit and natter", "Dawn used to
 * come", "Will comes on Tuesdays". Not "Patience is running out" or "Hope is what keeps me going".
 */
const personVerbs = String.raw`(?:(?:comes|came)(?=\s+(?:on|at|in|every|round|over|to\s+(?:see|visit|help|sit|stay|check|sort|fix|do)|twice|once|early|late|with|up|first|each|most|when|and\s+(?:goes|went|sits|sat))\b|\s*[,.;!?]|\s*$)|visits|visited|rang|rings|phoned|phones|texted|texts|drives|drove|brings|brought|sat|sits|cooks|cooked|washes|washed|cleans|cleaned|showers|showered|helps|helped|listens|listened|understands|understood|remembers|remembered|runs\s+the|ran\s+the|used\s+to\s+(?:come|visit|help|do|take|ring|sit)|takes\s+me|took\s+me|picks\s+me|picked\s+me|knows\s+(?:me|my|how|what|I)|knew\s+(?:me|my|how|what|I)|does\s+my|did\s+my|pops\s+in|popped\s+in|looks\s+after|looked\s+after|sorted|sorts|checks\s+on|checked\s+on|turned\s+up|turns\s+up|fixed|taught|sends|sent\s+me|said|says|told\s+me|asked\s+me|stays|stayed\s+with|retired|quit|left\s+(?:the|in|last|after)|passed\s+away|died|is\s+(?:lovely|brilliant|great|amazing|wonderful|fantastic|kind|gentle|patient|an\s+angel|a\s+star|the\s+best)|was\s+(?:lovely|brilliant|great|amazing|wonderful|fantastic|kind|gentle|patient|my|the\s+best)|['’]s\s+(?:been|lovely|brilliant|great|amazing|wonderful|fantastic|kind|gentle|an\s+angel|a\s+star|the\s+best)|explained|gets\s+me|got\s+me|had\s+me|has\s+my|had\s+my)`;
/**
 * Verbs that abstract nouns take as readily as people ("Faith helps me", "Hope brings…"): they
 * count for a word that is a virtue's name only where something else says it is a person.
 */
const abstractVerbs = /^(?:helps|helped|brings|brought|understands|understood|remembers|remembered|knows|knew|gets|got|takes|took|has|had|sends|stays|['’]s|is|was|listens|listened|says|said|died|left)\b/;
const personDoes = new RegExp(String.raw`(?<![\p{L}'’])(${fullName})\s+(?:(?:still|always|never|often|usually|just|really|also|sometimes|even)\s+)?(${personVerbs})\b`, 'gu');
/** Two people doing it together: "Precious and Memory come in the mornings". */
const pairVerbs = String.raw`(?:come|came|visit|visited|ring|rang|phone|phoned|text|drive|bring|brought|sit|sat|cook|wash|help|helped|listen|understand|remember|pop\s+in|look\s+after|looked\s+after|sort|check\s+on|turn\s+up|take\s+me|took\s+me|do\s+my|did\s+my|are\s+(?:lovely|brilliant|great|amazing|wonderful|fantastic|kind|gentle|the\s+best)|were\s+(?:lovely|brilliant|great|amazing|wonderful|fantastic|kind|gentle|the\s+best))`;
const pairDoes = new RegExp(String.raw`(?<![\p{L}'’])(${nameWord})\s+(?:and|&)\s+(${nameWord})\s+${pairVerbs}\b`, 'gu');

/**
 * Verbs of getting in touch: "rang kevin", "told nkechi", "asked for priya", "ask 4 stacey",
 * "gave the form to jordan", "still waiting for mohammed to ring back". After these a name may
 * be in lower case; a capitalised word must still not be an ordinary one ("rang Tesco").
 */
const to = String.raw`(?:to|2|with)`;
const forWord = String.raw`(?:for|4)`;
const contactVerbs = String.raw`(?:rang|rung|ring|ringing|phoned|phone|phoning|texted|text|txt|texting|messaged|message|msg|emailed|email|told|tell|telling|asked\s+${forWord}|ask\s+${forWord}|asking\s+${forWord}|asked|spoke\s+${to}|speak\s+${to}|speaking\s+${to}|spoken\s+${to}|talked\s+${to}|talk\s+${to}|wrote\s+to|write\s+to|complained\s+to|reported\s+it\s+to|saw|met|got|gave\s+(?:it|them|the\s+\p{Ll}+|my\s+\p{Ll}+)\s+to|give\s+(?:it|them|the\s+\p{Ll}+)\s+to|handed\s+(?:it|them|the\s+\p{Ll}+)\s+to|passed\s+(?:it|them|the\s+\p{Ll}+)\s+to|sent\s+(?:it|them|the\s+\p{Ll}+)\s+to|waiting\s+${forWord}|wait\s+${forWord}|waited\s+${forWord}|thanked|thanks\s+to|thank\s+you,?|miss|missed|let)`;
// Case-blind, so "Rang kevin" starts a sentence too; whether the word has a capital is read after.
const contacted = new RegExp(String.raw`\b(?:${contactVerbs})\s+(\p{L}[\p{L}'’-]{0,40})`, 'giu');
const capitalisedName = new RegExp(`^${nameWord}$`, 'u');
/** A text, or a sentence in it, that starts in lower case: where lower-case names are written. */
const lowerStart = /(?:^|[.!?]\s+)\p{Ll}/u;
const contactGate = /\b(?:rang|rung|ring|ringing|phoned|phone|phoning|texted|text|txt|texting|messaged|message|msg|emailed|email|told|tell|telling|asked|ask|asking|spoke|speak|speaking|spoken|talked|talk|wrote|write|complained|reported|saw|met|got|gave|give|handed|passed|sent|waiting|wait|waited|thanked|thanks|thank|miss|missed|let)\b/i;
/** "i'm kez, dob …": a lower-case name where the writer introduces themselves. */
const iAmLower = new RegExp(String.raw`\b[iI](?:['’]?m|\s+am)\s+(${lowerWord})(?=\s*(?:[,.;:!?]|$|\band\b))`, 'gu');

/** A title and a name: Mrs O'Brien, Dr Ahmed, Mr. Khan, Mr D. Okafor, Fr. Tadeusz, Cllr Hussain. The span keeps the title. */
const titled = new RegExp(
  String.raw`\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Fr|Revd|Rev|Cllr|Councillor|Sgt|Sr|PC|DC|Insp)\.?\s+(?:\p{Lu}\.?\s+){0,2}(${fullName})`,
  'gu',
);
/** Titles that are also words ("Sister Act", "Nurse Practitioner"): only before a word that is not an ordinary one. */
const softTitled = new RegExp(String.raw`\b(?:Sister|Nurse|Auntie|Aunty|Aunt|Uncle|Nana|Nanna|Nan|Nanny|Grandma|Grandad|Grandpa|Granny|Gran|Cousin|Father|Brother|Matron|Pastor|Imam|Rabbi|Reverend|Doctor|Sir|Dame|Lady|Lord|Canon|Bishop|Sheikh|Elder|Deacon|Professor|Officer|Constable|Sergeant)\s+(${fullName})`, 'gu');

// ---------------------------------------------------------------------------------------------

/** What compromise's lexicon says of a word, and the people its tagger finds in a text. */
type Tagger = {
  people(text: string): { text: string; start: number }[];
  isFirstName(word: string): boolean;
  /** The lexicon knows the word, and not as a name: a place, a team, a verb. */
  knownAsOther(word: string): boolean;
  /** The lexicon knows the word as a place or an organisation. */
  knownAsPlace(word: string): boolean;
  /** The lexicon knows the word as a surname (Smith, Patel). */
  isLastName(word: string): boolean;
  /** The lexicon knows the word as a verb or an auxiliary (came, is, helps). */
  isVerb(word: string): boolean;
  /** The lexicon knows the word as a common noun, and only as that (cake, pudding). */
  isNoun(word: string): boolean;
  /** The lexicon knows the word at all. */
  knows(word: string): boolean;
};

let tagger: Promise<Tagger> | undefined;

/** Loads compromise's tagger once; it takes a few hundred milliseconds, so only when asked. */
export function loadTagger(): Promise<Tagger> {
  tagger ??= import('compromise/two').then(({ default: nlp }) => {
    const lexicon = (nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon;
    const firstNameTags = /^(?:FirstName|MaleName|FemaleName|Person)$/;
    const nameTags = /^(?:FirstName|MaleName|FemaleName|LastName|Person|Honorific)$/;
    const verbTags = /^(?:Verb|PastTense|PresentTense|Infinitive|Copula|Modal|Auxiliary|Gerund|PhrasalVerb|Participle)$/;
    const placeTags = /^(?:Place|City|Country|Region|Organization|SportsTeam|Address|Demonym|Language|Religion)$/;
    const tagsOf = (word: string) => {
      const tags = lexicon[word.toLowerCase()];
      return tags === undefined ? [] : Array.isArray(tags) ? tags : [tags];
    };
    return {
      isFirstName: (word) => tagsOf(word).some((t) => firstNameTags.test(t)),
      knownAsOther: (word) => {
        const tags = tagsOf(word);
        return tags.length > 0 && !tags.some((t) => nameTags.test(t));
      },
      knownAsPlace: (word) => tagsOf(word).some((t) => placeTags.test(t)),
      isLastName: (word) => tagsOf(word).includes('LastName'),
      isVerb: (word) => tagsOf(word).some((t) => verbTags.test(t)),
      isNoun: (word) => {
        const tags = tagsOf(word);
        return tags.length > 0 && tags.every((t) => /^(?:Noun|Singular|Plural|Uncountable)$/.test(t));
      },
      knows: (word) => tagsOf(word).length > 0,
      people: (text) =>
        (nlp(text).match('#Honorific? #Person+').json({ offset: true }) as { text: string; offset: { start: number } }[]).map((p) => ({
          text: p.text,
          start: p.offset.start,
        })),
    };
  });
  return tagger;
}

export interface NameOptions {
  /** Names from wtfc.yaml, matched as whole words in any case: see `listedNames`. */
  names: RegExp | undefined;
  tagger: Tagger;
}

/** One pattern for the session's list of names, built once per screen. */
export function listedNames(names: readonly string[]): RegExp | undefined {
  const usable = names.map((n) => n.trim()).filter((n) => n !== '');
  if (usable.length === 0) return undefined;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${usable.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/**
 * What a capitalised word is, as far as the lists say:
 *  - `function`: never a name (The, Monday, NHS);
 *  - `place`: a town or a body (Bradford, Tesco, Jamaican);
 *  - `ordinary`: an ordinary word (Money, Help, Crystal-clear);
 *  - `word-name`: a word that is also a first name (Grace, Rose, Will, Tom);
 *  - `name`: a name and nothing else (Priyanka, Oluwaseun, Kevin);
 *  - `unknown`: in no list (Rutendo, Kez).
 * The two long lists are asked last, so most words are sorted by the small ones.
 */
type WordClass = 'function' | 'place' | 'ordinary' | 'word-name' | 'name' | 'unknown';
function classify(word: string, t: Tagger): WordClass {
  const w = bare(word);
  if (w === '' || notNames.has(w) && !contextualNames.has(w)) return 'function';
  // No name runs to 40 letters; a run that long is not looked up, nor split.
  if (w.length > 40) return 'ordinary';
  // "PAs", "GPs", "OTs": initials, which the name pattern lets through for O'Brien's sake.
  if (/^\p{Lu}{2}\p{Ll}?$/u.test(word.replace(/['’]s$/u, ''))) return 'function';
  if (postTowns.has(w) || t.knownAsPlace(w)) return 'place';
  if (wordNames.has(w) || contextualNames.has(w)) return 'word-name';
  if (t.knownAsOther(w)) return 'ordinary';
  const english = /^[\p{Ll}'’-]+$/u.test(w) && isEnglishWord(w);
  if (t.isFirstName(w)) return english ? 'word-name' : 'name';
  // Surnames that are words (Baker, Thatcher) are names only in context.
  if (t.isLastName(w)) return english ? 'word-name' : 'name';
  if (english) return 'ordinary';
  if (isHumanName(w)) return 'name';
  // In no list: a plural ("Greggs") or two words run together ("Superdrug", "Poundland") is the
  // name of a shop or a service far more often than of a person.
  // And the jargon of care that no dictionary holds ("Reablement", "Telecare") ends as words do.
  return /s$/.test(w) || (w.length >= 6 && wordEnding.test(w)) || compound(w) ? 'ordinary' : 'unknown';
}

// Six letters or more, so that short names (Ying, Ted) are not taken for these endings.
const wordEnding = /(?:ment|ness|tion|sion|ity|ism|ship|ance|ence|able|ible|ology|ing|ed|ly|ful|less|ise|ize|care|line|link|call|watch|work|wise)$/;

/** Two English words of four letters or more, run together: "superdrug", "specsavers". */
function compound(word: string): boolean {
  for (let i = 4; i <= word.length - 4; i++) {
    const tail = word.slice(i);
    if (isEnglishWord(word.slice(0, i)) && (isEnglishWord(tail) || tail.endsWith('s') && isEnglishWord(tail.slice(0, -1)))) return true;
  }
  return false;
}

/** Contexts, strongest first, and which classes of word each may take. */
type Strength = 'naming' | 'strong' | 'doing' | 'none';
function accepts(strength: Strength, cls: WordClass, word: string): boolean {
  if (cls === 'function') return false;
  if (strength === 'naming') return true;
  // "in May", "May and I": a month or a season is a name only where the words say so outright.
  if (cls === 'place' || cls === 'ordinary' || calendarWords.has(bare(word))) return false;
  if (strength === 'strong' || strength === 'doing') return true;
  return cls === 'name';
}

/** Names in one text. */
export function findNames(text: string, options: NameOptions): PiiSpan[] {
  const out: PiiSpan[] = [];
  const push = (start: number, value: string) => {
    const trimmed = trimName(value);
    if (trimmed === '') return;
    out.push({ type: 'name', span: trimmed, start, end: start + trimmed.length });
  };
  const t = options.tagger;
  // Every context pattern needs a capitalised word that could be a name; most statements have
  // none, and skipping them keeps a screen of a million statements to seconds.
  const capitalised = mayHoldName(text, t);
  const relation = relationWord.test(text);
  if (capitalised) contextNames(text, t, push);
  lowerCaseNames(text, t, relation, push);
  if (capitalised || relation) taggedNames(text, t, push);
  if (capitalised && out.length > 0) alongside(text, t, out, push);
  const kept = withoutEponyms(text, out);
  if (options.names) for (const m of text.matchAll(options.names)) kept.push({ type: 'name', span: m[0], start: m.index, end: m.index + m[0].length });
  return kept;
}

/**
 * A capitalised word that is not just a sentence's first word: inside a sentence, or first but not
 * a word the lexicon knows as something else ("Julie my carer…", not "Staff say…").
 */
function mayHoldName(text: string, tagger: Tagger): boolean {
  for (const m of text.matchAll(capitalisedWord)) {
    const before = text.slice(0, m.index).trimEnd();
    const first = before === '' || /[.!?:"“(]$/.test(before);
    if (!first || !tagger.knownAsOther(m[0]) || wordNames.has(bare(m[0]))) return true;
  }
  return false;
}
const capitalisedWord = /(?<![\p{L}\p{N}'’])\p{Lu}[\p{Ll}'’][\p{L}'’-]*/gu;
// Case-blind rather than [sS][oO][nN]: it is asked of every statement, and V8 reads this form far faster.
const relationWord = new RegExp(`\\b(?:${relations.map((r) => r.replace(/[ -]/g, '[-\\s]')).join('|')})\\b`, 'i');

type Push = (start: number, value: string) => void;

function contextNames(text: string, t: Tagger, push: Push): void {
  /** The first word and, when it is a name too, the second: "Kelly Jones", not "Julie Comes". */
  const take = (start: number, value: string, strength: Strength) => {
    const words = value.split(/\s+/);
    if (!accepts(strength, classify(words[0]!, t), words[0]!)) return;
    if (strength !== 'naming' && blockedBefore(text, start)) return;
    const surname = words.length > 1 && isSurname(words[1]!, t, strength !== 'none');
    const kept = surname ? value : words[0]!;
    if (strength !== 'naming' && partOfPlaceName(text, start, kept)) return;
    push(start, kept);
  };
  const at = (m: RegExpExecArray | RegExpMatchArray, value: string) => m.index! + m[0].indexOf(value);
  const atLast = (m: RegExpExecArray | RegExpMatchArray, value: string) => m.index! + m[0].lastIndexOf(value);

  for (const re of contextPatterns) for (const m of text.matchAll(re)) take(atLast(m, m[1]!), m[1]!, 'naming');
  for (const m of text.matchAll(namedBefore)) take(m.index, m[1]!, 'naming');
  for (const m of text.matchAll(iAm)) take(atLast(m, m[1]!), m[1]!, 'strong');
  for (const m of text.matchAll(namedThenRelation)) {
    const value = m[1]!;
    // Adverbs the lexicon derives rather than lists: "Honestly, my son…", "Luckily my daughter…".
    if (/ly$/i.test(value) && !t.isFirstName(value)) continue;
    take(at(m, value), value, 'strong');
  }
  for (const m of text.matchAll(called)) {
    const value = m[2]!;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (thingBefore.test(before) || /^\p{Lu}+$/u.test(value.split(/\s+/)[0]!)) continue;
    const strength: Strength = callerBefore.test(before) ? 'none' : 'naming';
    take(atLast(m, value), value, strength);
  }
  for (const m of text.matchAll(titled)) {
    const name = m[1]!;
    const first = name.split(/\s+/)[0]!;
    // "Dr Who"; "Mrs Brown's Boys": a title, a possessive and a capital is the name of a show.
    if (classify(first, t) === 'function' || /^['’]s\s+\p{Lu}/u.test(text.slice(m.index + m[0].length))) continue;
    push(m.index, m[0]);
  }
  for (const m of text.matchAll(softTitled)) {
    const first = m[1]!.split(/\s+/)[0]!;
    if (!accepts('strong', classify(first, t), first)) continue;
    const surname = m[1]!.split(/\s+/)[1];
    push(m.index, surname && isSurname(surname, t) ? m[0] : m[0].slice(0, m[0].length - m[1]!.length + first.length));
  }
  // Staff speaking of the people they support: "I'm supporting Aled". Not "I support Manchester
  // United": a word the lexicon knows as something else is not taken for a name here.
  for (const m of text.matchAll(supports)) take(atLast(m, m[1]!), m[1]!, 'strong');
  for (const m of text.matchAll(personPlace)) take(m.index, m[1]!, 'strong');
  for (const m of text.matchAll(namedTheRelation)) take(m.index, m[1]!, 'strong');
  for (const m of text.matchAll(aged)) take(m.index, m[1]!, 'strong');
  for (const m of text.matchAll(namesThenBracket)) {
    take(m.index, m[1]!, 'strong');
    if (m[2]) take(m.index + m[0].indexOf(m[2], m[1]!.length), m[2], 'strong');
  }
  for (const m of text.matchAll(possessiveRelation)) take(m.index, m[1]!, 'strong');
  for (const m of text.matchAll(withMe)) {
    const value = m[1] ?? m[2]!;
    take(m[1] ? m.index : atLast(m, value), value, 'strong');
  }
  for (const m of text.matchAll(whoAfter)) take(m.index, m[1]!, 'strong');
  for (const m of text.matchAll(ourName)) take(atLast(m, m[1]!), m[1]!, 'doing');
  for (const m of text.matchAll(relationFirst)) take(atLast(m, m[1]!), m[1]!, 'strong');
  for (const m of text.matchAll(withName)) take(atLast(m, m[1]!), m[1]!, 'doing');
  for (const m of text.matchAll(personDoes)) {
    if (abstractNames.has(bare(m[1]!.split(/\s+/)[0]!)) && abstractVerbs.test(m[2]!)) continue;
    take(m.index, m[1]!, 'doing');
  }
  for (const m of text.matchAll(pairDoes)) {
    take(m.index, m[1]!, 'doing');
    take(atLast(m, m[2]!), m[2]!, 'doing');
  }
  for (const m of text.matchAll(contacted)) {
    const value = m[1]!.replace(/['’]s$/u, '');
    if (capitalisedName.test(value)) take(m.index + m[0].length - m[1]!.length, value, 'doing');
  }
  // No context: a word that is a name and nothing else; or a word no list knows, inside a
  // sentence ("I love Tayo to bits") or doing something ("Nnamdi fixed the rail").
  for (const m of text.matchAll(capitalisedWord)) {
    const word = m[0].replace(/['’]s$/u, '').replace(/[-'’]+$/u, '');
    const cls = classify(word, t);
    if (cls === 'unknown' ? !(midSentence(text, m.index) || verbNext(text, m.index + m[0].length, t)) : cls !== 'name') continue;
    if (blockedAlone(text, m.index, word, t)) continue;
    const rest = /^\s+(\p{Lu}[\p{Ll}'’][\p{L}'’-]{0,40})/u.exec(text.slice(m.index + word.length));
    push(m.index, rest && isSurname(rest[1]!, t) ? `${word}${rest[0]}` : word);
  }
}

/**
 * Lower-case names after the verbs of getting in touch, and where the writer introduces
 * themselves: a word that is a name, or that no list knows, and not an ordinary word.
 */
function lowerCaseNames(text: string, t: Tagger, relation: boolean, push: Push): void {
  const lowerName = (w: string, unknownToo: boolean) => {
    if (notNames.has(w) || w.length < 3 || !/[aeiouy]/.test(w)) return false;
    if (t.isFirstName(w)) return true;
    if (t.knownAsPlace(w) || isEnglishWord(w)) return false;
    return isHumanName(w) || unknownToo;
  };
  const contact = contactGate.test(text);
  if (!contact && !lowerGate.test(text)) return;
  const lowerText = lowerStart.test(text);
  // Each pattern only where a cheap test says it may match: most statements hold none of these.
  for (const m of contact ? text.matchAll(contacted) : []) {
    const value = m[1]!;
    if (!/^[\p{Ll}'’-]+$/u.test(value)) continue;
    const verb = m[0].slice(0, m[0].length - value.length).trim().toLowerCase();
    // A word that is also a name ("rang daisy", "told faith") only after a verb said of people alone.
    const wordName = wordNames.has(value) && !calendarWords.has(value) && personalVerb.test(verb);
    if (!wordName && !lowerName(value, !/^(?:got|miss|missed|text|message|phone|ring|tell|email|let)$/.test(verb))) continue;
    const start = m.index + m[0].length - value.length;
    const rest = /^\s+(\p{Ll}[\p{Ll}'’-]{1,30})/u.exec(text.slice(start + value.length));
    push(start, rest && lowerName(rest[1]!, false) && isHumanName(rest[1]!) && !t.isFirstName(rest[1]!) ? `${value}${rest[0]}` : value);
  }
  // "i'm kez," but not "i'm gutted,": a word no list knows, if it does not end as a description does.
  for (const m of iAmGate.test(text) ? text.matchAll(iAmLower) : []) if (lowerName(m[1]!, !/(?:ed|ing|ful|ous|ive|less|able|ible|ish|ic|al|y)$/.test(m[1]!))) push(m.index + m[0].length - m[1]!.length, m[1]!);
  // "mrs okafor", "dr shah": a title in lower case, then a surname.
  for (const m of lowerTitleGate.test(text) ? text.matchAll(lowerTitled) : []) {
    if (lowerName(m[1]!, !/(?:ed|ing|ly)$/.test(m[1]!)) || t.isLastName(m[1]!)) push(m.index, m[0]);
  }
  // "kev came round", "priya rang", "kev from the agency": a lower-case name that starts a
  // sentence and does what people do, or is placed where people are.
  for (const m of lowerText ? text.matchAll(lowerDoes) : []) if (lowerName(m[1]!, true)) push(m.index + m[0].indexOf(m[1]!), m[1]!);
  // "her carer, faisal", "our carer kayleigh".
  for (const m of lowerText || relation ? text.matchAll(lowerRelation) : []) if (/^\p{Ll}/u.test(m[1]!) && lowerName(m[1]!, false)) push(m.index + m[0].length - m[1]!.length, m[1]!);
  // "dad (frank mulligan, born 2/2/1932)": in brackets after a relation, a first name and maybe a
  // surname, whatever else the words mean.
  // Read from each bracket back, not by scanning every place a relation word could start.
  for (const m of text.includes('(') ? text.matchAll(bracketed) : []) {
    if (!relationEnd.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
    const [first = '', second] = m[1]!.split(/\s+/);
    // One word alone must be a first name the lexicon knows ("dad (tom)"); with a surname, a
    // word that is also a name will do ("dad (frank mulligan, …)").
    const firstName = t.isFirstName(first) || (second !== undefined && (wordNames.has(first) || lowerName(first, false)));
    if (!firstName || second !== undefined && classify(second, t) === 'function') continue;
    push(m.index + m[0].length - m[1]!.length, m[1]!);
  }
}
const lowerTitled = new RegExp(String.raw`\b(?:mrs|mr|ms|dr)\.?\s+(${lowerWord})`, 'gu');
const personalVerb = /^(?:rang|rung|phoned|texted|txt|messaged|msg|emailed|told|spoke\s+(?:to|2|with)|talked\s+(?:to|2|with)|spoken\s+(?:to|2|with))$/;
const lowerDoes = new RegExp(
  String.raw`(?:^|[.!?]\s+)(${lowerWord})\s+(?:${personVerbs}|from\s+(?:the\s+|my\s+|our\s+)?(?:\p{Ll}{1,30}\s+){0,2}?${bodies}|next\s+door|on\s+reception)\b`,
  'gu',
);
// Case-blind (which lets V8 read it much faster than [mM][yY] would); the name's case is checked after.
const lowerRelation = new RegExp(
  String.raw`\b(?:my|our|his|her|their|your|the|mum['’]s|dad['’]s)\s+(?:(?:${describingWords.join('|')})\s+)*(?:${relations.map((r) => r.replace(/[ -]/g, '[-\\s]')).join('|')})\s*,?\s+(\p{L}[\p{L}'’-]{1,30})\b`,
  'giu',
);
const bracketed = new RegExp(String.raw`\(\s*(${lowerWord}(?:\s+${lowerWord})?)(?=\s*[,)])`, 'gu');
const relationEnd = new RegExp(String.raw`(?<![\p{L}])${relationWords}\s*$`, 'u');
/** The tests below other than for the verbs, in one pass (case matters to them): most statements fail both. */
const lowerGate = /\b[iI](?:['’]?m|\s+am)\s|\b(?:mrs?|ms|dr)\.?\s+\p{Ll}|(?:^|[.!?]\s+)\p{Ll}|\(/u;
const iAmGate = /\b[iI](?:['’]?m|\s+am)\s/;
const lowerTitleGate = /\b(?:mrs?|ms|dr)\.?\s+\p{Ll}/u;

function taggedNames(text: string, t: Tagger, push: Push): void {
  // Lower-case names in a relation context ("my son tom") and names with no context ("Julie comes
  // on Tuesdays") are left to the tagger, asked only when the text holds a first name it knows.
  const words = text.match(/[\p{L}'’]+/gu) ?? [];
  if (!words.some((w) => t.isFirstName(bare(w)))) return;
  for (const p of t.people(text)) {
    // The tagger's text keeps punctuation before the name ("“Grace Jones”"); its start does not.
    const text_ = p.text.replace(/^[^\p{L}]+/u, '');
    const offset = leadingLowercase(text_);
    const value = capitalisedRun(text_.slice(offset));
    const start = p.start + offset;
    if (!/\p{Lu}/u.test(value)) {
      if (inRelationContext(text, start) && classify(value, t) !== 'function') push(start, value);
      continue;
    }
    const parts = value.split(/\s+/);
    // One word: the tagger's say-so is no context, so only a word that is a name and nothing
    // else ("Grace before meals" is not). Two: both must be names or unknown ("Grace Jones").
    const ok =
      parts.length === 1
        ? classify(value, t) === 'name'
        : parts.every((w) => ['name', 'word-name', 'unknown'].includes(classify(w, t))) &&
          classify(parts[0]!, t) !== 'unknown' &&
          !parts.every((w) => wordNames.has(bare(w)));
    if (!ok || blockedAlone(text, start, value, t)) continue;
    push(start, value);
  }
}

/**
 * Names that stand with a name found: "Thandiwe, Rutendo and Farai", "Mike and Bev", and the same
 * name again later in the text ("keep Precious with me").
 */
function alongside(text: string, t: Tagger, found: PiiSpan[], push: Push): void {
  const seen = new Set(found.map((f) => f.start));
  const queue = found.filter((f) => /^\p{Lu}/u.test(f.span));
  const add = (start: number, word: string) => {
    if (seen.has(start)) return;
    seen.add(start);
    push(start, word);
    queue.push({ type: 'name', span: word, start, end: start + word.length });
  };
  const joined = new RegExp(String.raw`^\s*(?:,|,?\s+and|,?\s+&)\s+(${nameWord})`, 'u');
  const joinedBefore = new RegExp(String.raw`(?<![\p{L}'’])(${nameWord})\s*(?:,|,?\s+and|,?\s+&)\s*$`, 'u');
  const ok = (word: string, start: number) => {
    const cls = classify(word, t);
    return (cls === 'name' || cls === 'unknown' || cls === 'word-name') && !partOfPlaceName(text, start, word);
  };
  for (let i = 0; i < queue.length && i < 50; i++) {
    const f = queue[i]!;
    const after = joined.exec(text.slice(f.end));
    if (after) {
      const start = f.end + after[0].length - after[1]!.length;
      if (ok(after[1]!, start)) add(start, after[1]!);
    }
    const before = joinedBefore.exec(text.slice(Math.max(0, f.start - 60), f.start));
    if (before) {
      const start = Math.max(0, f.start - 60) + before.index;
      if (ok(before[1]!, start) && !blockedBefore(text, start)) add(start, before[1]!);
    }
  }
  // The same capitalised name again, wherever it stands; for the first few names, so that a text
  // of thousands of names is not read once for each.
  const names = [...new Set(found.filter((f) => /^\p{Lu}\p{Ll}/u.test(f.span) && !/\s/.test(f.span)).map((f) => f.span))].slice(0, 20);
  for (const name of names) {
    for (const m of text.matchAll(new RegExp(String.raw`(?<![\p{L}'’])${escapeRegExp(name)}(?![\p{L}])`, 'gu'))) {
      if (!partOfPlaceName(text, m.index, name)) add(m.index, name);
    }
  }
}

/** Drops names inside the name of a thing called after someone: "Frankie and Benny's", "Sue Ryder". */
function withoutEponyms(text: string, spans: PiiSpan[]): PiiSpan[] {
  if (spans.length === 0) return spans;
  const things = [...text.matchAll(eponyms)].map((m) => [m.index, m.index + m[0].length] as const);
  return spans.filter((s) => !things.some(([a, b]) => s.start < b && a < s.end));
}

/** A second word kept as a surname: a name, or a word no list knows, and not an ordinary word. */
function isSurname(word: string, t: Tagger, inContext = false): boolean {
  const cls = classify(word, t);
  if (cls === 'name' || cls === 'unknown' || cls === 'word-name' && t.isLastName(bare(word))) return true;
  // After a name in context, a rare word (wink's lexicon has "obi", compromise's does not) may
  // be a surname; a common one ("Julie Comes") may not.
  return inContext && cls === 'ordinary' && !t.knows(bare(word));
}

/** Not a sentence's first word. */
function midSentence(text: string, start: number): boolean {
  const before = text.slice(0, start).trimEnd();
  return before !== '' && !/[.!?:;"“(–—-]$/.test(before);
}

/** "Nnamdi fixed…", "Tayo is…": the next word is a verb, as far as the lexicon or its ending says. */
function verbNext(text: string, end: number, t: Tagger): boolean {
  const next = /^\s+(\p{Ll}[\p{Ll}'’]*)/u.exec(text.slice(end));
  if (!next) return false;
  const word = next[1]!;
  return t.isVerb(word) || /ed$/.test(word) && isEnglishWord(word) || /s$/.test(word) && t.isVerb(word.slice(0, -1));
}

/** "the Rose and Crown", "The Chase": after an article, a capitalised word names a thing. */
function blockedBefore(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 10), start);
  // "Queen Victoria", "King Charles", "Judge Judy": public figures, not people in the statement.
  return /\b(?:[tT]he|[aA]n?|[tT]his|[tT]hat|King|Queen|Prince|Princess|Duke|Duchess|Judge|Saint|St\.?)\s+$/.test(before);
}

/**
 * A word with no context is not a name where it is a place ("in Beverley", "from Bradford to
 * Leeds"), the name of a thing ("the Rose and Crown", "Grace Court", "St John"), or a word that
 * qualifies the next one ("Victoria sponge", "Jack russell").
 */
function blockedAlone(text: string, start: number, value: string, t: Tagger): boolean {
  if (blockedBefore(text, start) || partOfPlaceName(text, start, value)) return true;
  // "Wiltshire Farm Foods": a name before an ordinary word with a capital names a business.
  const nextCapital = /^\s+(\p{Lu}\p{Ll}[\p{L}'’-]{0,40})/u.exec(text.slice(start + value.length));
  if (nextCapital && ['ordinary', 'place', 'function'].includes(classify(nextCapital[1]!, t))) return true;
  const before = text.slice(Math.max(0, start - 40), start);
  if (/\b(?:in|at|near|into|outside|around|towards|across|via|of)\s+$/i.test(before)) return true;
  // "I moved from Beverley", "she's from Halifax"; not "a card from Priyanka".
  if (/\b(?:moved?|moving|came|come|comes|originally|born|bred|I['’]m|I\s+am|s?he['’]s|we['’]re|they['’]re|is|are|was|were|drive|drove|driving|bus|train|taxi|travel(?:led)?|journey|miles|way|all|straight)\s+from\s+$/i.test(before)) return true;
  // "I watch Emmerdale", "listening to Elvis": a programme or a performer.
  if (/\b(?:watch|watches|watching|watched|listen\s+to|listens\s+to|listening\s+to|listened\s+to|play|plays|playing|played)\s+$/i.test(before)) return true;
  if (/\b(?:moved?|moving|went|go|going|goes|drive|drove|driving|travel(?:led)?|trip|bus|train|taxi|back|sent|transferred|from\s+\S+)\s+to\s+$/i.test(before)) return true;
  const next = /^\s(\p{Ll}[\p{Ll}'’-]*)/u.exec(text.slice(start + value.length));
  if (next && staffOf.test(next[1]!)) return true;
  return next !== null && qualifies(next[1]!, t);
}

/** "Macmillan nurses", "Bupa care home", "Otley market": a name before the people or trade of a body is the body's. */
const staffOf = /^(?:nurses|carers|workers|volunteers|staff|team|teams|drivers|advisers|advisors|services|shops?|branch|house|home|homes|scheme|fund|grant|charity|hospice|hospital|centre|group|club|society|trust|care|market|housing|ltd|limited|plc|store|stores|pharmacy|surgery|practice|taxis?|cars|buses|coaches|council|stairlifts?|mobility|equipment|nursing|healthcare|foundation|association|partnership)$/;

/**
 * A lower-case word straight after a capitalised one that reads as a noun it qualifies
 * ("sponge"), not a verb or a small word that goes on the sentence ("came", "drives", "and").
 */
function qualifies(word: string, t: Tagger): boolean {
  if (notNames.has(word) || followers.has(word)) return false;
  if (/(?:s|ed|ly|ing)$/.test(word) || /['’]/.test(word)) return false;
  // The lexicon's word where it has one ("cake", not "last" or "once"); else any English word.
  return t.isNoun(word) || !t.knows(word) && isEnglishWord(word);
}
const followers = new Set(
  `came come sat put let got said told rang took gave brought made went knew ran saw met found felt kept left sent spent read set
  cut hit is was has had can could will would should might must may did does do never always still just also only too really
  often usually sometimes already again even then now today tonight yesterday here there who which that whose and or but nor
  from at on in with to for of by next himself herself themselves too not isn't wasn't can't couldn't won't wouldn't didn't
  doesn't hasn't hadn't used became become bought taught thought drove wrote rode stood understood held heard lost paid sold
  told knows tells`.split(/\s+/),
);

/** "St John's hospice", "Grace Court", "Hope House": a first name inside the name of a place. */
function partOfPlaceName(text: string, start: number, value: string): boolean {
  const saint = /\b(?:St|Saint|St\.)\s+$/.test(text.slice(Math.max(0, start - 7), start));
  const after = text.slice(start + value.length);
  // "Helen & Douglas House": the first of two names that together name a place.
  const pairedPlace = pairedPlaceNext.test(after);
  return saint || pairedPlace || placeWordNext.test(after) || placeWordWithin.test(` ${value.split(/\s+/).slice(1).join(' ')}`);
}

/** Strips what a name match can carry with it: trailing punctuation and a possessive 's. */
function trimName(value: string): string {
  const end = /[\s,.;:!?)\]}"”'’]+$/u;
  return value.replace(end, '').replace(/['’]s$/u, '').replace(end, '');
}

/** "Jack" from "Jack help": the tagger's person runs on into the next word at times. */
function capitalisedRun(value: string): string {
  const words = value.split(/(\s+)/);
  if (!/^\p{Lu}/u.test(words[0] ?? '')) return words[0] ?? '';
  let end = 1;
  while (end + 1 < words.length && /^\p{Lu}/u.test(words[end + 1]!)) end += 2;
  return words.slice(0, end).join('');
}

/** "miss Tom" from "I miss Tom": the tagger reads the verb as a title. */
function leadingLowercase(value: string): number {
  const m = /^(?:\p{Ll}+\s+)+(?=\p{Lu})/u.exec(value);
  return m ? m[0].length : 0;
}

const relationBefore = new RegExp(String.raw`\b${determiners}\s+${describing}${relationWords}\s*,?\s*(?:${anyCase(['is called', 'was called', "'s called", '’s called', 'called', 'named'])}\s+)?$`, 'u');
function inRelationContext(text: string, start: number): boolean {
  return relationBefore.test(text.slice(Math.max(0, start - 60), start));
}

function bare(word: string): string {
  // "Covid-" from "Covid-19", "Jones'" from "the Jones' house": a hyphen or an apostrophe at either end is not part of the word.
  return word.toLowerCase().replace(/['’]s$/u, '').replace(/[^\p{L}'’-]/gu, '').replace(/^[-'’]+|[-'’]+$/gu, '');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}
