// A clause's title, for the library, the composer and the import review: a few words a head can
// scan that say what the duty is. Two rules matter more than brevity:
// - a title never says the opposite of its clause: a prohibition keeps its "not" ("Do not install
//   software without permission"), or is named as a duty ("No unauthorised access to email and
//   school systems"), never cut down to the bare action it forbids;
// - a title is whole: at most TITLE_MAX_LENGTH characters, cut between words, never "…", so it can
//   head a page. The clause's wording is always shown with it.

import { toFirstPerson } from '../policy/proposal.ts';

export const TITLE_MAX_LENGTH = 60;

const IMAGES = '(?:images?|photo(?:graph)?s?|videos?|pictures?|recordings?)';
const NOT = String.raw`\b(?:not|never|no)\b`;
const re = (source: string) => new RegExp(source, 'i');

/**
 * Duties English school AUPs state again and again, each with a title written by hand. Checked
 * against the clause's first sentence, then against the whole clause; the first match wins, so the
 * more specific duty comes first. A pattern whose title forbids something also asks for the
 * clause's "not" (or a word that can only mean it), so a clause that merely mentions the topic
 * ("I will report damage to equipment") falls through to the general rule.
 */
const DUTIES: [RegExp, string][] = [
  // Passwords and access
  [
    /\bonly use my own user ?names?\b|\bnot use (any )?other (person|user)'s user ?name/i,
    'Only my own username and password',
  ],
  [/\bresponsible for (all (the )?activity|everything)\b/i, 'Responsible for all activity under my username'],
  [
    re(
      String.raw`${NOT}[^.]*\b(disclose|reveal|share|divulge|give out|tell)\b[^.]*\b(pass(word|code)s?|log-?(in|on) (details|credentials)|credentials)\b|\bno pass(word|code)s? (should|will|must|are to) be (disclosed|divulged|shared|revealed)|\bkeep\b[^.]*\b(pass(word|code)s?|log-?(in|on) details|credentials)\b[^.]*\b(to (myself|themselves)|confidential|private|secret)`,
    ),
    'Never share passwords or log-in details',
  ],
  [
    re(
      String.raw`${NOT}[^.]*\b(allow|let|permit)\b[^.]*\bunauthori[sz]ed\b|\bunauthori[sz]ed (individuals|people|persons|users)\b[^.]*${NOT}`,
    ),
    'No unauthorised access to email and school systems',
  ],
  [
    re(
      String.raw`${NOT}[^.]*\b(ask|use)\b[^.]*\b(anyone else's|someone else's|other (people|person|users?)'s|their) (pass(word|code)s?|log-?(in|on)s?|accounts?)`,
    ),
    "Do not use anyone else's password or log-in",
  ],
  [
    re(String.raw`${NOT}[^.]*\b(students|pupils|children)\b[^.]*\b(staff account|logged in as)`),
    'Do not let pupils use a staff log-in',
  ],
  [
    re(String.raw`${NOT}[^.]*\b(other|another) (user|person|people)['s]* files\b`),
    "Do not access or change other people's files",
  ],
  [
    re(
      String.raw`${NOT}[^.]*\b(access|open)\b[^.]*\b(files?|areas?|folders?)\b[^.]*\b(not been given|without (permission|authori[sz]ation))`,
    ),
    'No access to files or areas without permission',
  ],
  // Monitoring (before "disciplinary": "monitored … and used in line with disciplinary procedures")
  [
    /\b(use|usage)\b[^.]*\b(can|may|will|could) be (monitored|logged|tracked)|\b(monitors?|check)\b[^.]*\b(the |my |all )?(use|usage)\b/i,
    'My use of school systems can be monitored',
  ],
  // Consequences and acknowledgement
  [
    /\bdisciplinary (action|offence|policy|procedures?)\b|\bfail(ure)? to (comply|follow)\b/i,
    'Breaking this policy can lead to disciplinary action',
  ],
  [/\bcontract of employment\b/i, 'Part of my contract of employment'],
  [/\bkeeping children safe in education\b/i, 'I have read Keeping Children Safe in Education'],
  // Images
  [
    re(
      String.raw`${NOT}[^.]*\b(post|share|upload|put)\b[^.]*\b${IMAGES}\b[^.]*\b(social media|social network\w*|online|internet|website)`,
    ),
    'Do not post pupil photos on social media',
  ],
  [
    re(
      String.raw`${NOT}[^.]*\b(take|upload|keep|store|record|use|save)\b[^.]*\b${IMAGES}\b[^.]*\b(personal|my own|mobile|camera phones?|own (phone|device|camera))\b|${NOT}[^.]*\bpersonal (devices?|equipment|cameras?|phones?)\b[^.]*\b${IMAGES}\b`,
    ),
    'No pupil photos or videos on personal devices',
  ],
  [
    re(
      String.raw`\b${IMAGES}\b[^.]*\b(taken|stored|used|take)\b[^.]*\b(consent|permission)|\b(take|taken)\b[^.]*\b${IMAGES}\b[^.]*\b(consent|permission|agreed)`,
    ),
    'Images of pupils only with consent, for school use',
  ],
  [re(String.raw`${NOT}[^.]*\b(upset|offend)`), 'Do not post anything that could upset or offend'],
  // Personal devices and phones
  [/\bpersonal ict\b[^.]*\bpermissible\b/i, 'Use personal ICT in school only for permitted activities'],
  [
    /\blocked (away|in)\b[^.]*\blocker\b|\blocker\b[^.]*\bcontact (hours|time)\b/i,
    'Keep personal phones locked away during contact hours',
  ],
  [
    /\b(phones?|mobiles?)\b[^.]*\b(stored|locked|kept|switched off|on silent)\b[^.]*\b(cupboard|locker|away|out of sight|silent|children)\b/i,
    'Keep personal phones put away while with children',
  ],
  [/\ballows? staff to bring\b[^.]*\b(mobile|phones?)\b/i, 'Rules for personal mobile phones in school'],
  [
    re(
      String.raw`\bpersonal (devices?|hardware|equipment|mobile devices?)\b[^.]*\b(permission|arrangement|permitted)\b|${NOT}[^.]*\bpersonal (device|hardware)\b`,
    ),
    'Personal devices for school work only with permission',
  ],
  [
    re(
      String.raw`${NOT}[^.]*\bpersonal (contact )?details\b|${NOT}[^.]*\bgive\b[^.]*\bpersonal (phone )?number`,
    ),
    'No personal contact details given to pupils or parents',
  ],
  // Email and communication
  [/\bpupils\b[^.]*\bonly use approved e-?mail/i, 'Pupils use only approved email accounts'],
  [
    re(
      String.raw`${NOT}[^.]*\battachments?\b|\battachments?\b[^.]*\b(unknown|suspicio|cautio)|\b(suspicio|cautio)\w*\b[^.]*\battachments?`,
    ),
    'Do not open attachments from unknown senders',
  ],
  [
    re(String.raw`(${NOT}|\bavoid\b)[^.]*\bpersonal e-?mail|\bpersonal e-?mail\b[^.]*${NOT}`),
    'No personal email on school systems',
  ],
  [
    re(
      String.raw`${NOT}[^.]*\b(contact|communicate)\b[^.]*\b(personal|social media|social network\w*|messaging|whatsapp|text)`,
    ),
    'No contact with pupils or parents on personal accounts',
  ],
  [
    /\b(communicat\w*|contact)\b[^.]*\b(pupils|students|children|parents)\b|\b(pupils|students|children|parents)\b[^.]*\bcommunicat\w*/i,
    'Professional communication with pupils and parents',
  ],
  [
    /\bapproved\b[^.]*\be-?mail\b|\bschool e-?mail (address|account)\b[^.]*\bschool business\b/i,
    'Only approved school email for school business',
  ],
  // Social media and conduct
  [
    re(
      String.raw`${NOT}[^.]*(\bfriends?\b[^.]*\b(social|facebook|network)|\b(social|facebook)\b[^.]*\bfriends?\b|\bfriend (or follow )?requests?\b)`,
    ),
    'No social media friendships with pupils or parents',
  ],
  [/\breputation\b[^.]*\b(share|post|tag)/i, 'What others post about me can harm my reputation'],
  [/\bnot (be )?confused with\b/i, 'Keep private social media apart from my school role'],
  [/\bsocial network\w*\b[^.]*\bfor school purposes\b/i, 'Only approved social media for school purposes'],
  [
    /\bsocial network\w*\b[^.]*\boutside (of )?school\b/i,
    'Use social media outside school as school policy allows',
  ],
  [
    re(
      String.raw`\bon-?line (activity|conduct)\b[^.]*(${NOT}|\bcompromis|\bprofessional)|${NOT}[^.]*\bon-?line (activity|conduct)\b`,
    ),
    'No online activity that compromises my professional role',
  ],
  [/\bdisrepute\b/i, 'Nothing online that brings the school into disrepute'],
  [/\b(damage|harm)\b[^.]*\breputation\b/i, "Nothing online that could harm the school's reputation"],
  [/\bgambl(e|ing)\b/i, 'No online gambling on school systems'],
  // Loaned equipment
  [
    /\bsignificant personal use\b|\bhmrc\b|\bhm revenue\b/i,
    'Report significant personal use of a loaned laptop',
  ],
  // Data protection
  [
    /\b(data breach|loss of data)\b|\blose\b[^.]*\b(laptop|memory stick|device|data)\b/i,
    'Report lost devices and data breaches at once',
  ],
  [
    /\bpersonal data\b[^.]*\bencrypt|\bencrypt\w*\b[^.]*\bpersonal data\b|\b(transferred|taken|removed)\b[^.]*\bencrypt/i,
    'Encrypt personal data taken off site',
  ],
  [
    re(
      String.raw`${NOT}[^.]*\b(save|store|keep)\b[^.]*\b(data|records)\b[^.]*\bpersonal (computers?|devices?|cloud|accounts?|laptops?)`,
    ),
    'No pupil or staff data on personal devices',
  ],
  [
    /\bconfidential data\b[^.]*\btransport|\btransport\b[^.]*\bconfidential data\b/i,
    'Protect confidential data when moving it',
  ],
  [
    /\b(private and confidential|kept private|kept confidential|keep[^.]*\bconfidential)\b/i,
    'Keep staff and pupil information confidential',
  ],
  [/\bbacked up\b|\bback(ed)? ?up\b/i, 'Back up my data securely'],
  [/\bdocuments\b[^.]*\bsaved\b/i, 'Save, access and delete documents securely'],
  [
    /\b(transport|hold|share)\b[^.]*\binformation\b[^.]*\bdata protection\b/i,
    'Share information only as data protection allows',
  ],
  [/\b(personal )?data\b[^.]*\b(kept|keep) secure\b/i, 'Keep personal data secure, in school and away'],
  // Software, hardware and security
  [
    re(String.raw`${NOT}[^.]*\binstall|\binstall\b[^.]*\b(permission|approv|agreement|unless)`),
    'Do not install software or hardware without permission',
  ],
  [
    /\bdownload\b[^.]*\bsoftware\b[^.]*\b(compromise|licen[cs]ed)\b/i,
    'Do not download unlicensed or harmful software',
  ],
  [
    re(
      String.raw`${NOT}[^.]*\b(browse|download|upload|access|distribute|send|view|store|share)\b[^.]*\b(offensive|illegal|discriminatory|obscene|pornographic|extremist)\b`,
    ),
    'Do not access or share offensive or illegal material',
  ],
  [/\bbypass\b|\bget around\b[^.]*\bfilter/i, "Do not bypass the school's filtering or security"],
  [re(String.raw`${NOT}[^.]*\b(alter|change)\b[^.]*\bsettings\b`), 'Do not change computer settings'],
  [/\banti-?virus\b/i, 'Only connect devices with up-to-date anti-virus'],
  [/\b(usb|flash drives?|memory sticks?)\b[^.]*\bscan/i, 'Scan USB drives before using them'],
  [
    re(String.raw`${NOT}[^.]*\b(usb|memory sticks?|removable media)\b`),
    'No personal USB sticks or removable media',
  ],
  [
    re(String.raw`${NOT}[^.]*\bdamage\b[^.]*\b(ict|equipment|computers?)\b`),
    'Do not damage ICT equipment; report any faults',
  ],
  [re(String.raw`${NOT}[^.]*\blarge downloads\b`), 'No large downloads or uploads without permission'],
  [re(String.raw`${NOT}[^.]*\bpersonal files\b`), 'Do not store personal files on school equipment'],
  [
    re(String.raw`${NOT}[^.]*(\bonline purchas|\bpurchas\w* online\b)`),
    'No online shopping on school equipment without permission',
  ],
  [
    /\b(reasonable care|safe ?keeping|look after)\b[^.]*\breturn\b/i,
    'Look after school equipment and return it',
  ],
  [
    /\blook after\b[^.]*\bequipment\b|\bdue care\b|\breasonable care\b|\bsafe ?keeping\b/i,
    'Look after school ICT equipment',
  ],
  [
    /\b(unsure|not sure|in doubt)\b[^.]*\b(ask|check|speak)\b/i,
    'Ask first if unsure whether something is allowed',
  ],
  [/\bla systems\b/i, 'Use LA systems only as their policies allow'],
  [/\b(ict|this policy) (includes|covers)\b/i, 'What this policy means by ICT'],
  [
    /\b(professional|educational|school[- ]based) (purposes|use)\b|\bdeemed ['‘]?reasonable\b|\buses permitted by\b/i,
    'Use school systems only for work or agreed uses',
  ],
  [
    /\blearning platform\b[^.]*\b(accordance|advice|guidance)\b/i,
    'Use the Learning Platform as school and LA advice say',
  ],
  // Safeguarding and reporting
  [
    /\breport\b[^.]*\b(accidental access|filtering)\b/i,
    'Report inappropriate material or filtering breaches',
  ],
  [
    /\breport\b[^.]*\b(illegal|inappropriate|harmful) (material|content)|\b(illegal|inappropriate|harmful) (material|content)\b[^.]*\breport\b/i,
    'Report illegal, inappropriate or harmful material',
  ],
  [
    /\breport\b[^.]*\b(online safety|e-?safety) incidents?\b/i,
    'Report online safety incidents to the safeguarding lead',
  ],
  [
    /\breport\b[^.]*\bconcerns?\b|\b(tell|inform|report to)\b[^.]*\b(designated safeguarding|dsl|safeguarding lead)/i,
    'Report concerns about children’s safety',
  ],
  [/\bat risk\b[^.]*\bchild protection\b/i, 'Follow child protection procedures if a child is at risk'],
  [/\bbull(ied|ying)\b/i, 'Follow anti-bullying procedures if a child is bullied'],
  [
    /\b(e-?safety|online safety)\b[^.]*\b(policy|curriculum)\b|\bhelp pupils to be safe\b/i,
    'Promote online safety and help pupils stay safe',
  ],
  // Copyright
  [/\boriginal work of others\b[^.]*\bcredit\b/i, "Use others' work only with permission and credit"],
  [/\boriginal work of others\b/i, "Use others' work only with permission"],
  [/\bcopyright\b|\bintellectual property\b/i, 'Respect copyright and intellectual property'],
];

/** How a variable reads in a title: the words every school would recognise. */
const VARIABLE_WORDS: Record<string, string> = {
  'school.name': 'the school',
  'school.head_title': 'head',
  'school.mis': 'the MIS',
  'school.dsl_title': 'safeguarding lead',
  'school.online_safety_lead': 'online safety lead',
  'school.governing_body': 'governors',
};

const WHO = String.raw`(?:I|we|you)(?:\s+(?:also|therefore|always))?`;
const KNOWING = new RegExp(
  String.raw`^${WHO}\s+(?:understand|agree|accept|know|acknowledge|confirm|recognise|recognize|appreciate)(?:\s+and\s+(?:understand|agree|accept|acknowledge))*\s+(?:that\s+)?`,
  'i',
);
const MODAL = new RegExp(
  String.raw`^${WHO}\s+(?:will|shall|must|should|need\s+to|have\s+to|agree\s+to|am\s+to|are\s+to)\s+`,
  'i',
);
const CONDITION = /^(if|when|whenever)\s+(.+?),?\s+((?:I|we|you)\s+(?:will|must|should|shall)\s.+)$/i;

/** Words a cut title must not end on: it would read as cut off. */
const DANGLING = new Set(
  'a an the and or nor but of to for in on at by with from into onto about as than per via that which who whom whose where when if unless without my your his her its our their this these those any all some each every such so i me we you is are was were be been being am will would shall should may might can could must do does did have has had not no never also very other others'.split(
    ' ',
  ),
);

/**
 * Where a long title may be cut, best first. An instruction that forbids something is only cut
 * before a second instruction or a reason, never before what limits it ("… without permission").
 */
const SAFE_CUTS =
  /,\s+(?:and\s+)?(?=I\s)|\s+and\s+(?:I\s+)?(?:will|shall|must|should)\s|,?\s+due\s+to\s|,?\s+so\s+that\s|,?\s+in\s+order\s+to\s|,?\s+as\s+it\s|,?\s+because\s|;\s*|\s+-\s+|:\s+/gi;
const QUALIFIER_CUTS =
  /,?\s+(?:unless|except|whether|including|in\s+accordance\s+with|in\s+line\s+with|as\s+outlined|as\s+defined|where|when|whenever|which|if)\s/gi;
const LIST_CUTS = /,\s+|\s+and\s/gi;
/** A comma or "and" inside a list ("email, internet and Teams") is no place to cut. */
const IN_LIST = /^[\s,]*(?:and\s+)?[\w'’-]+(?:\s+[\w'’-]+)?\s*(?:,|\s(?:and|or)\s)/i;
/** Words a title can do without, dropped only when it is too long. */
const FILLERS =
  /(?<=\S)\s+(?:the|very|immediately|straight\s+away|at\s+all\s+times|at\s+any\s+time|carefully|appropriately)(?=\s|$)|\bany\s+(?=\w+s\b)/gi;
/** A statement (not an instruction) is only cut where a verb has already been said. */
const HAS_VERB = /\s(?:will|must|should|shall|can|could|may|might|is|are|was|were|be|been|has|have)\s/i;

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z"'“‘(])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function plain(text: string): string {
  return text
    .replace(/\{\{\s*([a-z_.]+)\s*\}\}/g, (whole, name: string) => VARIABLE_WORDS[name] ?? whole)
    .replace(/[‘’]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** Brackets, examples ("such as …", "e.g. …") and "etc." say more than a title needs. */
function withoutAsides(text: string): string {
  return text
    .replace(/\s*\([^)]*\)/g, '')
    .replace(/,?\s+(?:such\s+as|e\.\s?g\.?|eg|for\s+example|i\.\s?e\.?)\s[^,;:]*,?/gi, ' ')
    .replace(/,?\s+etc\.?,?/gi, ' ')
    .replace(/\(s\)/g, 's')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,;:.])/g, '$1')
    .trim();
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Drops words a cut left hanging ("… to access email /" → "… to access email"). */
function tidyEnd(text: string): string {
  const words = text.split(' ');
  while (words.length > 1) {
    const last = (words.at(-1) ?? '').replace(/[\s,;:/&–—-]+$/, '');
    if (last === '' || /['’]s$/i.test(last) || DANGLING.has(last.toLowerCase().replace(/[^a-z']/g, ''))) {
      words.pop();
      continue;
    }
    words[words.length - 1] = last;
    break;
  }
  return words.join(' ').replace(/[.,;:!?/]+$/, '');
}

/** The longest start of `text` that fits, cut where the sentence allows, else between words. */
function shorten(text: string, kind: 'forbids' | 'instruction' | 'statement'): string {
  if (text.length <= TITLE_MAX_LENGTH) return text;
  for (const cuts of kind === 'forbids' ? [SAFE_CUTS] : [SAFE_CUTS, QUALIFIER_CUTS, LIST_CUTS]) {
    let best = '';
    for (const m of text.matchAll(cuts)) {
      const head = tidyEnd(text.slice(0, m.index));
      if (cuts === LIST_CUTS && IN_LIST.test(text.slice((m.index ?? 0) + m[0].length - 1))) continue;
      if (cuts !== SAFE_CUTS && kind === 'statement' && !HAS_VERB.test(` ${head} `)) continue;
      if (head.length <= TITLE_MAX_LENGTH && head.length > best.length && head.split(' ').length >= 3)
        best = head;
    }
    if (best) return best;
  }
  const compact = text.replace(FILLERS, '').replace(/\s+/g, ' ');
  if (compact.length <= TITLE_MAX_LENGTH) return compact;
  const words = compact.split(' ');
  let out = '';
  for (const word of words) {
    const next = out ? `${out} ${word}` : word;
    if (next.length > TITLE_MAX_LENGTH) break;
    out = next;
  }
  return tidyEnd(out || (words[0] ?? '').slice(0, TITLE_MAX_LENGTH));
}

/** The clause's own first statement, as the signer's instruction to themselves, negation kept. */
function fromWording(text: string): string {
  let s = withoutAsides(toFirstPerson(sentences(text)[0] ?? ''))
    .replace(/[.!?;:,]+$/, '')
    .replace(/^be\s+aware\s+(?:that\s+)?/i, '');
  let condition = '';
  const conditional = CONDITION.exec(s);
  if (conditional) {
    condition = `${(conditional[1] ?? '').toLowerCase()} ${conditional[2]}`;
    s = conditional[3] ?? s;
  }
  let lead = '';
  let instruction = false;
  for (let i = 0; i < 3; i++) {
    const knowing = KNOWING.exec(s);
    if (knowing) {
      s = s.slice(knowing[0].length);
      continue;
    }
    const modal = MODAL.exec(s);
    if (!modal) break;
    instruction = true;
    s = s.slice(modal[0].length);
    const polarity = /^(not|never|only|always)\s+/i.exec(s);
    if (polarity) {
      s = s.slice(polarity[0].length).replace(/^(?:ever\s+|try\s+to\s+|attempt\s+to\s+)/i, '');
      const word = (polarity[1] ?? '').toLowerCase();
      lead = word === 'not' ? 'Do not' : capitalise(word);
    }
    s = s.replace(/^(?:ensure|make\s+sure)\s+(?:that\s+)?/i, (m) => (lead ? m : ''));
    s = s.replace(/^be\s+aware\s+(?:that\s+)?/i, '');
    break;
  }
  const body = lead ? `${lead} ${s}` : capitalise(s);
  if (condition && `${body} ${condition}`.length <= TITLE_MAX_LENGTH) return `${body} ${condition}`;
  return shorten(
    body,
    lead === 'Do not' || lead === 'Never' ? 'forbids' : instruction ? 'instruction' : 'statement',
  );
}

/**
 * A short title for a clause: a hand-written one for a duty schools commonly state, otherwise the
 * clause's first statement as an instruction ("I will not try to alter computer settings" → "Do
 * not alter computer settings"). Never longer than TITLE_MAX_LENGTH, never cut mid-word, never "…".
 */
export function suggestTitle(text: string): string {
  const clean = plain(text);
  // "etc." and "e.g." end no sentence: the duty patterns look past them.
  const matchable = toFirstPerson(clean.replace(/\b(etc|e\.\s?g|i\.\s?e)\./gi, (m) => m.replace(/\./g, '')));
  const first = sentences(matchable)[0] ?? matchable;
  for (const scope of [first, matchable]) {
    for (const [pattern, title] of DUTIES) if (pattern.test(scope)) return title;
  }
  return fromWording(clean) || 'Untitled clause';
}
