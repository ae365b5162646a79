// A first guess at a clause's library category, for the import review: the admin confirms or
// changes it (and its title, see titles.ts). Keyword rules, checked in order, first match wins:
// the earlier categories are the more specific duties (a clause about photos on a personal phone
// is about images first).

export const clauseCategoryLabels = {
  passwords_access: 'Passwords and access',
  email_communication: 'Email and communication',
  data_protection: 'Data protection',
  monitoring: 'Monitoring',
  images_video: 'Images and video',
  social_media_conduct: 'Social media and conduct',
  personal_devices: 'Personal devices and mobile phones',
  loaned_equipment: 'Loaned equipment',
  software_hardware: 'Software and hardware',
  safeguarding_reporting: 'Safeguarding and reporting',
  copyright: 'Copyright',
  security_antivirus: 'Security and anti-virus',
  consequences_acknowledgement: 'Consequences and acknowledgement',
} as const;

export type ClauseCategoryKey = keyof typeof clauseCategoryLabels;

const rules: [ClauseCategoryKey, RegExp][] = [
  ['passwords_access', /\bpass(word|code)s?\b|\blog ?(on|in|off)\b|\bcredentials?\b|\busername/i],
  ['images_video', /\b(photo(graph)?s?|images?|video|camera|film(ed|ing)?|recordings?)\b/i],
  [
    'loaned_equipment',
    /\b(loan(ed)?|laptops?|ipads?|tablets?)\b.*\b(school|provided|personal use|home)\b|\bhmrc\b|\bsignificant personal use\b/i,
  ],
  ['personal_devices', /\b(mobile|phones?|smart ?watch(es)?|personal (devices?|equipment))\b/i],
  [
    'social_media_conduct',
    /\bsocial (media|network)|\bfacebook\b|\bonline (activity|conduct|reputation)\b|\bfriend(ship)?s?\b|\bbring .* into disrepute\b/i,
  ],
  ['monitoring', /\bmonitor(ed|ing)?\b|\blogged\b|\btrack(ed)?\b/i],
  [
    'email_communication',
    /\be-?mail|\bcommunications?\b|\bcontact(ing)? (pupils|parents)\b|\bpersonal details\b/i,
  ],
  [
    'data_protection',
    /\b(personal data|data protection|gdpr|confidential|sensitive (data|information)|encrypt|usb|memory stick|pen ?drive|secure(ly)?)\b/i,
  ],
  ['copyright', /\bcopyright|\bintellectual property|\blicen[cs]e/i],
  ['security_antivirus', /\bvirus|\bmalware|\bfirewall|\bsecurity\b|\bhack/i],
  ['software_hardware', /\b(install|software|hardware|download|programs?|applications?|apps?)\b/i],
  [
    'safeguarding_reporting',
    /\b(report|safeguard|concern|inappropriate|offensive|illegal|harmful|e-?safety|online safety|misuse)\b/i,
  ],
  [
    'consequences_acknowledgement',
    /\b(disciplinary|sanction|understand that|agree|read and understood|acknowledge|failure to)\b/i,
  ],
];

export function suggestCategory(text: string): ClauseCategoryKey {
  for (const [category, pattern] of rules) if (pattern.test(text)) return category;
  return 'consequences_acknowledgement';
}
