// General vocabulary of English school IT policies: who the roles are, which systems schools name,
// and the words policies use for the same thing. Nothing here is specific to one school.

/** A role or system a school names in its own way, with the template variable that stands for it. */
export interface NamedThing {
  /** Placeholder token used when comparing clauses. */
  token: string;
  /** Template variable for proposals, or null when the product has no variable for it. */
  variable: string | null;
  /** Case-insensitive pattern sources, most specific first (matched as whole words). */
  patterns: string[];
  /** Case-sensitive pattern sources, for acronyms that are ordinary words in lower case. */
  exactPatterns?: string[];
}

const HEAD_WORDS = String.raw`(?:head\s*teacher|head\s*master|head\s*mistress|head\s+of\s+school|executive\s+head(?:\s*teacher)?|executive\s+principal|principal|head(?!\s+of\s+(?:department|year|key\s+stage|phase|subject|faculty|house|computing)))`;

export const ROLES: NamedThing[] = [
  {
    token: 'roledsl',
    variable: 'school.dsl_title',
    patterns: [
      String.raw`(?:senior\s+or\s+deputy\s+|deputy\s+or\s+senior\s+|senior\s+|deputy\s+)?designated\s+safeguarding\s+lead(?:er)?(?:\s+officer)?(?:\s*\(dsl\))?`,
      String.raw`(?:senior\s+or\s+deputy\s+|deputy\s+)?designated\s+(?:senior\s+)?(?:professional|person|teacher|officer)(?:\s+for\s+(?:child\s+protection|safeguarding))?`,
      String.raw`child\s+protection\s+(?:officer|lead|co-?ordinator|liaison\s+officer)`,
      String.raw`safeguarding\s+(?:lead|officer|co-?ordinator)`,
      String.raw`d\.?s\.?l`,
    ],
  },
  {
    token: 'rolehead',
    variable: 'school.head_title',
    patterns: [String.raw`${HEAD_WORDS}(?:\s*(?:\/|or)\s*${HEAD_WORDS})*`],
  },
  {
    token: 'rolegov',
    variable: 'school.governing_body',
    patterns: [
      String.raw`(?:local\s+)?governing\s+(?:body|board)`,
      String.raw`board\s+of\s+(?:governors|trustees|directors)`,
      String.raw`trust\s+board`,
    ],
  },
  {
    token: 'rolechair',
    variable: null,
    patterns: [String.raw`chair\s+of\s+(?:the\s+)?(?:governors|trustees|governing\s+(?:body|board))`],
  },
  {
    token: 'roleesafety',
    variable: 'school.online_safety_lead',
    patterns: [
      String.raw`(?:e-?safety|on-?line\s+safety|internet\s+safety)\s+(?:co-?ordinator|leader|lead|officer|champion)`,
    ],
  },
  {
    // Same token as the online safety lead: both are where staff take technical concerns.
    token: 'roleesafety',
    variable: null,
    patterns: [
      String.raw`computing\s+(?:subject\s+)?(?:leader|lead|co-?ordinator)`,
      String.raw`(?:ict|it)\s+(?:co-?ordinator|leader|lead|manager|technician|support)`,
      String.raw`network\s+manager`,
      String.raw`(?:it\s+|ict\s+|network\s+)?technicians?`,
      String.raw`data\s+protection\s+officer|dpo`,
    ],
  },
  {
    token: 'rolemanager',
    variable: null,
    patterns: [String.raw`line\s+manager`, 'manager'],
  },
  {
    token: 'rolegov',
    variable: null,
    patterns: ['governors', 'trustees'],
  },
];

// Only the MIS gets its own placeholder: it holds the personal data clauses talk about. Other named
// systems (an early-years app, the LA's network) become the common word "system", so two clauses
// are not matched merely because both name some system.
export const SYSTEMS: NamedThing[] = [
  {
    token: 'sysmis',
    variable: 'school.mis',
    patterns: [
      String.raw`(?:capita\s+)?sims(?:\.net)?`,
      'arbor',
      'scholarpack',
      'bromcom',
      String.raw`(?:rm\s+)?integris`,
      'isams',
      String.raw`pupil\s+asset`,
      'progresso',
      String.raw`management\s+information\s+system`,
    ],
  },
  {
    token: 'system',
    variable: null,
    patterns: [
      'famly',
      'tapestry',
      'seesaw',
      String.raw`class\s*dojo|dojo`,
      String.raw`evidence\s+me`,
      String.raw`parentmail|parentpay|parent\s+hub|marvellous\s*me|school\s*spider|weduc`,
      String.raw`cpoms|my\s*concern`,
    ],
  },
  {
    token: 'system',
    variable: null,
    exactPatterns: [String.raw`[A-Z]{2,5}\s+[Nn]etwork`],
    patterns: [
      String.raw`(?:la|local\s+authority|lea|council)(?:'s|’s)?\s+systems?`,
      String.raw`lgfl|embc|swgfl|rm\s+unify|smoothwall|securly|netsweeper|lightspeed`,
    ],
  },
  {
    token: 'system',
    variable: null,
    patterns: [
      String.raw`(?:school\s+)?learning\s+platform`,
      String.raw`(?:school\s+)?(?:mle|vle)`,
      String.raw`google\s+(?:classroom|workspace|drive)`,
      String.raw`microsoft\s+(?:teams|365)|office\s+365|onedrive|sharepoint`,
      String.raw`purple\s*mash|showbie`,
    ],
  },
];

/** Multi-word expressions folded to one token before splitting into words. */
export const PHRASES: [RegExp, string][] = [
  [/\be-?mails?\b/g, ' email '],
  [/\bon-line\b/g, ' online '],
  [/\bwi-?fi\b/g, ' network '],
  [/\bup-?load/g, ' upload'],
  [/\bdown-?load/g, ' download'],
  // Being signed in is not being monitored ("a computer that is logged in as a member of staff").
  [/\b(?:logged|signed)\s*-?\s*(?:in|on)(?:to)?\b/g, ' signedin '],
  // Leaving a computer: "lock the screen", "log off", "log out of SIMS", "sign out".
  [
    /\block(?:s|ed|ing)?\s+(?:(?:the|their|my|your|a|any|every)\s+)?(?:screens?|workstations?|computers?|devices?|laptops?|pcs?|machines?)\b|\b(?:log|sign)(?:s|ged|ging|ed)?\s*-?\s*(?:off|out)\b/g,
    ' lockscreen ',
  ],
  [
    /\blog-?(?:ins?|ons?)\b|\blog\s+(?:in|on)\b|\blogon\b|\bsign-?in\s+details\b|\buser\s+id\b/g,
    ' password ',
  ],
  [/\buser\s*names?\b/g, ' username '],
  [/\b(?:e-?safety|online\s+safety|internet\s+safety|digital\s+safety)\b/g, ' esafety '],
  [
    /\bsocial\s+(?:networking|networks?|media)(?:\s+(?:sites?|services?|accounts?|platforms?))?\b/g,
    ' socialmedia ',
  ],
  [
    /\b(?:chat\s*rooms?|message\s+boards?|newsgroups?|blogs?|facebook|twitter|instagram|tiktok|snapchat|whatsapp|linkedin)\b/g,
    ' socialmedia ',
  ],
  // Time with pupils ("contact time" is teaching time, not a way of contacting anyone).
  [
    /\bcontact\s+(?:time|hours|periods?)\b|\b(?:in|during)\s+(?:lessons?|class(?:es|rooms?)?|teaching\s+time|directed\s+time)\b|\bin\s+(?:front|the\s+presence)\s+of\s+(?:the\s+)?(?:pupils|children|students|learners)\b|\b(?:whenever|while|whilst|when)\s+(?:i\s+am\s+|they\s+are\s+|staff\s+are\s+)?(?:with|supervising|teaching)\s+(?:the\s+)?(?:pupils|children|students|learners)\b/g,
    ' lessontime ',
  ],
  // Ways of reaching someone privately: before "personal phone", since a phone number is not a phone.
  [
    /\b(?:(?:personal|private|own|home|mobile)\s+)*(?:tele)?phone\s+numbers?\b|\b(?:personal|private)\s+(?:contact\s+)?details\b|\bcontact\s+(?:details|information|numbers?)\b|\bhome\s+address(?:es)?\b/g,
    ' contactdetails ',
  ],
  // Before "mobile phone": a personal phone is both a phone and a personal device.
  [/\b(?:personal|own|private)\s+(?:mobile\s+)?(?:tele)?phones?\b/g, ' personaldevice phone '],
  [
    /\b(?:personal|own|private)\s+(?:ict|it|hardware|equipment|devices?|laptops?|tablets?|computers?|(?:digital\s+)?cameras?|mobile\s+devices?|technology)\b/g,
    ' personaldevice ',
  ],
  [/\b(?:mobile|smart|camera)\s+(?:tele)?phones?\b/g, ' phone '],
  // A private email account is its own topic ("no personal email on school systems"), not the
  // school's email system.
  [
    /\b(?:personal|private|own|home|non-school)\s+e-?mails?(?:\s+(?:addresses?|accounts?))?\b/g,
    ' personalemail ',
  ],
  [/\b(?:personal|sensitive|confidential)\s+(?:data|information)\b/g, ' personaldata data '],
  [
    /\b(?:pupils?|students?|child(?:ren)?|staff|personnel|medical|school)(?:'s)?\s+(?:records?|files)\b/g,
    ' personaldata data ',
  ],
  // Taking data or equipment away from school.
  [
    /\boff[\s-]?site\b|\boff\s+(?:the\s+)?(?:school\s+)?premises\b|\bout\s+of\s+school\b|\bfrom\s+(?:the\s+)?(?:school\s+)?(?:site|premises)\b/g,
    ' offsite ',
  ],
  // Getting round the web filter.
  [
    /\b(?:bypass|circumvent|get\s+(?:a)?round|evade|disable|override)\w*\s+(?:(?:the|any|its|their|[a-z]+'s|school)\s+)*(?:web\s+|internet\s+|content\s+)?(?:filter\w*|security|firewall)\b|\bvpns?\b|\bprox(?:y|ies)\b/g,
    ' bypassfilter ',
  ],
  // Someone looking at a member of staff's use: the school monitoring it.
  [
    /\b(?:check|inspect|review|audit|view)(?:s|ed|ing)?\s+(?:(?:their|my|your|staff|all|the|any)\s+)*(?:use|usage|activity|activities)\b|\bno\s+expectation\s+of\s+privacy\b/g,
    ' monitor ',
  ],
  [/\bfriend\s+or\s+follow\s+requests?\b|\bfollow(?:er)?\s+requests?\b|\bfollowers\b/g, ' friend '],
  // Watching over pupils is supervision, not the monitoring of staff's own use.
  [
    /\bmonitor(?:ing|s)?\s+(?:the\s+)?(?:pupils?|children|learners?|students?)(?:'s)?\b/g,
    ' supervise pupil ',
  ],
  // A duty to see that pupils do something is not the same duty as doing it oneself.
  [
    /\b(?:make\s+sure|ensure|check)\s+(?:that\s+)?(?:all\s+)?(?:pupils|children|learners|students)\b/g,
    ' pupilduty pupils ',
  ],
  // Harming one's standing: "compromise my professional role", "call … into question",
  // "damage the reputation of the school", "bring … into disrepute".
  [
    /\b(?:compromis\w*|undermin\w*|damag\w*|harm\w*)\s+(?:(?:my|their|your|the|its|[a-z]+'s|school)\s+)*(?=professional\s|reputation)|\binto\s+question\b/g,
    ' reputation ',
  ],
  [
    /\bprofessional\s+(?:role|responsibilit(?:y|ies)|conduct|reputation|standards|capacity)\b/g,
    ' professionalrole ',
  ],
  // Breaking the policy, in any words: what follows is its consequence.
  [
    /\b(?:breach(?:es|ing)?|break(?:s|ing)?|contraven\w*|(?:do|does|did)\s+not\s+(?:follow|comply\s+with|keep\s+to|abide\s+by|adhere\s+to)|not\s+following|fail(?:ure|s|ing)?\s+to\s+(?:follow|comply|adhere|abide|keep))\s+(?:(?:of|with|by|to)\s+)?(?:(?:this|the|these|our|any|its)\s+)?(?:[a-z-]+\s+){0,3}?(?:polic(?:y|ies)|code|agreement|rules|aup|conditions)\b/g,
    ' disciplinary ',
  ],
  [/\bfail(?:ure|s)?\s+to\s+(?:follow|comply|adhere|abide)\b/g, ' disciplinary '],
  [
    /\b(?:use|using)\s+(?:technolog(?:y|ies)|the\s+internet|ict|it)\s+safely\b|\bsafe\s+use\s+of\s+(?:technolog(?:y|ies)|the\s+internet|ict|it)\b|\bto\s+be\s+safe\s+and\s+responsible\b/g,
    ' esafety ',
  ],
  [/\b(?:usb\s+)?(?:memory|usb|pen|flash)\s+(?:sticks?|drives?)\b|\bremovable\s+media\b|\busb\b/g, ' usb '],
  [/\banti-?virus\b|\bmalware\b/g, ' virus '],
  [/\bintellectual\s+property(?:\s+rights)?\b/g, ' copyright '],
  [/\byoung\s+people\b|\byoung\s+persons?\b/g, ' pupil '],
  [/\bhm\s+revenue\s*(?:&|and)\s*customs\b|\bhmrc\b/g, ' hmrc '],
  // Telling a named role is reporting to them ("tell the DSL", "inform the headteacher").
  [
    /\b(?:tell|inform|notify|alert|refer\s+(?:it|them|this|concerns?)?\s*to|pass\s+(?:it|them|this|concerns?)?\s*(?:on\s+)?to)\s+(?:(?:the|my|a|our|their|your)\s+)?(?=role)/g,
    ' report ',
  ],
  [/\bgive\s+out\b|\bpass\s+on\b/g, ' disclose '],
  [/\bup-to-date\b/g, ' uptodate '],
  [/\bprior\s+arrangement\b/g, ' permission '],
  // "for professional purposes", "for educational use", "for school business": use for work only.
  [
    /\b(?:professional|educational|school|work|school[\s-]based|business)\s+(?:purposes?|use|business|activities)\b|\b(?:school|work|job)[\s-]related\b/g,
    ' workpurpose ',
  ],
];

/** Single words with the same meaning in these policies, folded before stemming. */
export const SYNONYMS: Record<string, string> = {
  passwords: 'password',
  passcode: 'password',
  passcodes: 'password',
  credentials: 'password',
  pin: 'password',
  reveal: 'disclose',
  divulge: 'disclose',
  divulged: 'disclose',
  revealed: 'disclose',
  disclosed: 'disclose',
  credential: 'password',
  photograph: 'image',
  photography: 'image',
  photographs: 'image',
  photo: 'image',
  photos: 'image',
  picture: 'image',
  pictures: 'image',
  images: 'image',
  video: 'image',
  videos: 'image',
  film: 'image',
  filming: 'image',
  footage: 'image',
  children: 'pupil',
  child: 'pupil',
  pupils: 'pupil',
  students: 'pupil',
  student: 'pupil',
  learners: 'pupil',
  learner: 'pupil',
  parents: 'parent',
  carer: 'parent',
  carers: 'parent',
  guardians: 'parent',
  telephone: 'phone',
  telephones: 'phone',
  phones: 'phone',
  smartphone: 'phone',
  workstation: 'device',
  workstations: 'device',
  pc: 'device',
  pcs: 'device',
  desktop: 'device',
  chromebook: 'device',
  chromebooks: 'device',
  laptop: 'device',
  laptops: 'device',
  computer: 'device',
  computers: 'device',
  tablet: 'device',
  tablets: 'device',
  ipad: 'device',
  ipads: 'device',
  devices: 'device',
  hardware: 'device',
  equipment: 'device',
  offensive: 'offensive',
  inappropriate: 'offensive',
  illegal: 'offensive',
  discriminatory: 'offensive',
  harmful: 'offensive',
  obscene: 'offensive',
  indecent: 'offensive',
  unsuitable: 'offensive',
  extremist: 'offensive',
  extremism: 'offensive',
  pornographic: 'offensive',
  pornography: 'offensive',
  racist: 'offensive',
  sexist: 'offensive',
  homophobic: 'offensive',
  violent: 'offensive',
  abusive: 'offensive',
  threatening: 'offensive',
  defamatory: 'offensive',
  hateful: 'offensive',
  offend: 'offensive',
  monitored: 'monitor',
  monitoring: 'monitor',
  logged: 'monitor',
  tracked: 'monitor',
  audited: 'monitor',
  recorded: 'monitor',
  programmes: 'software',
  programs: 'software',
  apps: 'software',
  applications: 'software',
  viruses: 'virus',
  permission: 'permission',
  authorised: 'permission',
  authorized: 'permission',
  authorisation: 'permission',
  consent: 'permission',
  approval: 'permission',
  permitted: 'permission',
  disrepute: 'reputation',
  contact: 'communicate',
  contacts: 'communicate',
  contacting: 'communicate',
  contacted: 'communicate',
  communicating: 'communicate',
  communication: 'communicate',
  communications: 'communicate',
  correspondence: 'communicate',
  correspond: 'communicate',
  worried: 'concern',
  worries: 'concern',
  worry: 'concern',
  concerns: 'concern',
  concerned: 'concern',
  betting: 'gambling',
  gamble: 'gambling',
  transfer: 'transport',
  transferred: 'transport',
  transferring: 'transport',
  wifi: 'network',
  wireless: 'network',
  friends: 'friend',
  friendship: 'friend',
  friendships: 'friend',
  emails: 'email',
  websites: 'website',
  sites: 'website',
  site: 'website',
  web: 'website',
  intranet: 'internet',
  confidential: 'confidential',
  private: 'confidential',
  confidentiality: 'confidential',
  disciplinary: 'disciplinary',
  discipline: 'disciplinary',
  loaned: 'loan',
  encrypted: 'encrypt',
  encryption: 'encrypt',
  attachments: 'attachment',
};

/** Words that carry no duty: grammar, modal verbs, the signer, and words every clause shares. */
export const STOP_WORDS = new Set(
  `a about above after again all also am an and any are as at be because been before being below both but by
  can cannot could did do does doing done during each either etc eg e g i ie if in into is it its itself just
  may me might mine more most must my myself no nor not never of off on once only or other others our ours out
  over own same shall she he should so some such than that the their theirs them themselves then there these
  they this those through to too under until up upon very was we were what when where whether which while whilst
  who whom whose why will with would you your yours yourself
  understand agree accept aware ensure sure make made also always every anyone anything everyone
  for from how have has had having one via per within across around towards include includes including
  particular otherwise however given work working
  staff visitors volunteers users user members member adults employees everybody colleagues colleague
  academy academies college setting
  school schools use used uses using related relevant appropriate appropriately`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);

/**
 * Markers of who must act. "Make sure pupils only use approved email" binds the signer to supervise
 * pupils, a different duty from "I will only use approved email" however many words they share.
 */
export const ACTOR_TERMS = new Set(['pupilduty']);

/**
 * Words that name what a duty is about. Two clauses sharing one of these are likelier to state the
 * same duty than two sharing only verbs, so they weigh more in the comparison.
 */
export const DUTY_TERMS = new Set([
  'password',
  'username',
  'disclose',
  'email',
  'attachment',
  'image',
  'phone',
  'socialmedia',
  'friend',
  'offensive',
  'monitor',
  'install',
  'software',
  'copyright',
  'reputation',
  'data',
  'confidential',
  'encrypt',
  'usb',
  'virus',
  'report',
  'disciplinary',
  'loan',
  'hmrc',
  'filter',
  'backup',
  'purchase',
  'damage',
  'bully',
  'esafety',
  'contract',
  'unauthorised',
  'personaldevice',
  'personaldata',
  'pupilduty',
  'lockscreen',
  'contactdetails',
  'bypassfilter',
  'gambling',
  'personalemail',
  'communicate',
  'lessontime',
]);
