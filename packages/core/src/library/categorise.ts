import { straighten } from '../policy/normalise-clause.ts';
import { foldSpelling } from '../policy/spelling.ts';

// A first guess at a clause's library category, for the import review: the admin confirms or
// changes it (and its title, see titles.ts). A clause goes where what it is about goes, read from
// the words it uses: each category has cues, weighted by how surely they point to it, and the
// category whose cues weigh most wins. The clause's first sentence counts twice as much as the
// rest (later sentences qualify it), and asides ("such as …", brackets) half as much again: "I
// will not give out my personal details, such as my personal email address" is about personal
// details, not email.

export const clauseCategoryLabels = {
  passwords_access: 'Passwords and access',
  email_communication: 'Email and communication',
  data_protection: 'Data protection',
  monitoring: 'Monitoring',
  images_video: 'Images and video',
  social_media_conduct: 'Social media and conduct',
  personal_devices: 'Personal devices and mobile phones',
  loaned_equipment: 'Loaned equipment',
  // The key predates the label: using the school's ICT at all, as well as installing software.
  software_hardware: 'School systems and equipment',
  safeguarding_reporting: 'Safeguarding and reporting',
  copyright: 'Copyright',
  security_antivirus: 'Security and anti-virus',
  consequences_acknowledgement: 'Consequences and acknowledgement',
} as const;

export type ClauseCategoryKey = keyof typeof clauseCategoryLabels;

/** Where nothing points anywhere: an AUP clause is, at least, about using the school's systems. */
const FALLBACK: ClauseCategoryKey = 'software_hardware';

const CUES: Record<ClauseCategoryKey, [RegExp, number][]> = {
  passwords_access: [
    [/\bpass(word|code|phrase)s?\b/i, 3],
    [/\bunauthori[sz]ed\b/i, 3],
    [/\b(usernames?|user names?|login|logon|logoff|logged in|credentials|multi-factor)\b/i, 2],
    [
      /\b(other (users?|persons?|people)|anyone else|someone else)'?s? (files?|accounts?|logins?|usernames?)/i,
      3,
    ],
    [/\b(activity|everything) (carried out|done) under\b/i, 3],
    [
      /\block (my |their |the )?(screen|workstation|computer)|\block or log off\b|\blog (out|off)\b|\blogout\b/i,
      2,
    ],
    [/\baccess\b/i, 1],
  ],
  images_video: [
    [/\b(photo(graph)?s?|images?|videos?|recordings?|pictures?|filming|filmed)\b/i, 4],
    [/\bcameras?\b/i, 1],
  ],
  loaned_equipment: [
    [/\bloan(ed|s)?\b/i, 3],
    [/\b(hmrc|hm revenue|significant personal use|benefit in kind)\b/i, 4],
    [/\b(issued to (me|them)|take (a |their |my )?(school |trust )?laptop home)\b/i, 3],
    [/\b(reasonable care|safe ?keeping|return it)\b/i, 2],
  ],
  personal_devices: [
    [
      /\bpersonal (devices?|hardware|equipment|ict|mobile|phones?|laptops?|computers?|cameras?)\b|\b(my|their) own (phones?|devices?|cameras?)\b/i,
      3,
    ],
    [/\b(mobile (tele)?phones?|mobile devices?|telephones?|smartwatch(es)?|smartphones?|phones?)\b/i, 1],
    [/\b(locker|locked away|switched off|on silent|out of sight|staff cupboard)\b/i, 2],
  ],
  social_media_conduct: [
    [
      /\b(social (media|network\w*)|facebook|twitter|instagram|tiktok|whatsapp|blogs?|chat ?rooms?|chat)\b/i,
      3,
    ],
    [/\b(friends?|friendships?|follow requests?)\b/i, 2],
    [/\b(disrepute|reputation)\b/i, 3],
    [
      /\b(professional (role|conduct|responsibilities|standing|manner)|online (activity|conduct)|acceptable behaviour|aggressive|abusive|defamatory|position of trust|upset or offend)\b/i,
      2,
    ],
    [/\bgambl(e|ing)|betting\b/i, 2],
  ],
  monitoring: [
    [/\bmonitor(ed|ing|s)?\b/i, 4],
    [/\b(logged|tracked|recorded|reviewed)\b/i, 2],
    [/\b(check|look at)\b[^.]*\b(use|tablets|computers)\b/i, 2],
    [/\bmade available\b/i, 1],
  ],
  email_communication: [
    [/\bemails?\b/i, 2],
    [/\battachments?\b/i, 2],
    [/\b(communicat\w*|correspondence|messag(e|es|ing))\b/i, 2],
    [/\b(communicat\w*|contact(ing)?)( with)? (pupils|students|children|parents)\b/i, 3],
    [/\b(personal (contact )?details|(personal )?phone numbers?|forwarded)\b/i, 2],
    [/\bparents?\b/i, 1],
  ],
  data_protection: [
    [
      /\b(personal (data|information)|(student|pupil|staff) (data|records)|data protection|gdpr|confidential|encrypt\w*|backed up|back-?ups?|documents|records|information management system|data breach|loss of data|learning journals)\b/i,
      3,
    ],
    [/\b(data|information)\b/i, 1],
    [/\bsecure(ly)?\b/i, 1],
  ],
  copyright: [
    [/\b(copyright|intellectual property|original work of others|plagiari\w*)\b/i, 4],
    [/\b(licenc(e|es) (terms|agreements?)|software licenc\w*|(un|adequately )licenced)\b/i, 2],
  ],
  security_antivirus: [
    [/\b(antivirus|virus(es)?|malware|phishing|firewall|vpn|proxy)\b/i, 3],
    [/\b(bypass|get around)\b/i, 3],
    [/\b(filter(ing|ed)?|security (systems?|settings)|system security)\b/i, 2],
    [/\b(usb|flash drives?|memory sticks?|removable media|scanned)\b/i, 3],
  ],
  software_hardware: [
    [/\b(install\w*|software|hardware|apps|applications?|settings|downloads?|uploads?)\b/i, 2],
    [
      /\b(professional purposes|educational use|school[- ]based purposes|personal use|(uses?|purposes?) (deemed|permitted)|online purchasing|internet capacity|personal files|look after|due care|damage|faults?|responsible way)\b/i,
      3,
    ],
    [/\b(includes a wide range|covers use of|learning platform|la systems|mle)\b/i, 3],
    [
      /\b(ict|equipment|networks?|computers?|devices?|tablets?|laptops?|digital technolog\w*|systems?|technologies)\b/i,
      1,
    ],
  ],
  safeguarding_reporting: [
    [/\breport\w*\b/i, 2],
    [
      /\b(safeguard\w*|child protection|at risk|bull(y|ied|ying)|keeping children safe|vigilant|concerns?|worried|discloses)\b/i,
      3,
    ],
    [/\b(e-safety|online safety)\b/i, 2],
    [
      /\b(inappropriate|offensive|illegal|harmful|discriminatory|obscene|pornograph\w*|extremist|racist|abuse)\b/i,
      3,
    ],
    [
      /\b(educate|teach\w*|curriculum|model safe|supervis\w*|young people|learners?|be safe|stay safe|censorship|reliability)\b/i,
      2,
    ],
  ],
  consequences_acknowledgement: [
    [
      /\b(disciplinary|sanctions?|dismissal|contract of employment|terms and conditions|failure to (comply|follow)|fail to follow|breach(es)? of this|asked to leave|not be invited back)\b/i,
      4,
    ],
    [/\b(have read|read and understood)\b/i, 2],
  ],
};

/** On a tie, the more specific category: a loaned laptop is loaned equipment before it is equipment. */
const ORDER: ClauseCategoryKey[] = [
  'passwords_access',
  'copyright',
  'images_video',
  'loaned_equipment',
  'personal_devices',
  'consequences_acknowledgement',
  'monitoring',
  'social_media_conduct',
  'data_protection',
  'security_antivirus',
  'email_communication',
  'safeguarding_reporting',
  'software_hardware',
];

/** Brackets, and examples up to the end of their list ("such as posts, photographs, or videos"). */
const ASIDE =
  /\([^)]*\)|,?\s+(?:such\s+as|e\.\s?g\.?|eg|for\s+example|i\.\s?e\.?|including)\s[^,;:()]*(?:,\s+(?:and\s+|or\s+)?[^,;:()\s]+(?:\s+[^,;:()\s]+){0,2}(?=[,.;:]|$))*/gi;

function sentences(text: string): string[] {
  return text
    .replace(/\b(etc|e\.\s?g|i\.\s?e)\./gi, (m) => m.replace(/\./g, ''))
    .split(/(?<=[.!?])\s+(?=[A-Z"'(])/)
    .filter((s) => s.trim().length > 0);
}

/** How strongly a clause points to each category. */
export function categoryScores(text: string): Record<ClauseCategoryKey, number> {
  const clean = foldSpelling(straighten(text)).replace(/\{\{\s*school\.([a-z_]+)\s*\}\}/g, (_m, v: string) =>
    v === 'dsl_title' ? 'designated safeguarding lead' : v === 'online_safety_lead' ? 'e-safety lead' : v,
  );
  const scores = Object.fromEntries(ORDER.map((c) => [c, 0])) as Record<ClauseCategoryKey, number>;
  const add = (part: string, weight: number) => {
    for (const category of ORDER)
      for (const [cue, points] of CUES[category]) if (cue.test(part)) scores[category] += points * weight;
  };
  sentences(clean).forEach((sentence, i) => {
    const weight = i === 0 ? 1 : 0.5;
    for (const aside of sentence.match(ASIDE) ?? []) add(aside, weight / 2);
    add(sentence.replace(ASIDE, ' '), weight);
  });
  return scores;
}

export function suggestCategory(text: string): ClauseCategoryKey {
  const scores = categoryScores(text);
  let best: ClauseCategoryKey = FALLBACK;
  let bestScore = 0;
  for (const category of ORDER)
    if (scores[category] > bestScore) {
      best = category;
      bestScore = scores[category];
    }
  return best;
}
