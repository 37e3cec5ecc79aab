/**
 * Synthetic wedding-marketplace requests for the benchmark: words drawn from a vocabulary of the
 * domain with Zipf-like frequencies (a few words such as "guest" or "payment" in many requests, most
 * in few), as on a real board, so that full-text and trigram search match as many rows as they would.
 */
import { mulberry32 } from '@frm/bench';

const VERBS = (
  'add allow export import share sync filter sort search show hide print send remind schedule track compare rate review book pay refund ' +
  'split sign upload download copy archive translate group tag label bookmark invite confirm cancel move merge edit assign approve block'
).split(' ');

const NOUNS = (
  'guest list seating plan table invoice deposit payment contract quote enquiry booking calendar availability venue photographer florist caterer ' +
  'planner band dj cake dress suit ring budget timeline checklist task reminder notification message inbox chat review rating gallery photo album ' +
  'video website theme template domain rsvp invitation menu dietary allergy gift registry honeymoon fund transport hotel room shuttle map route ' +
  'ceremony reception rehearsal speech playlist song flower bouquet decoration lighting tent marquee chair linen cutlery supplier profile portfolio ' +
  'package price discount voucher currency tax receipt signature document pdf spreadsheet export report dashboard analytics lead team staff shift ' +
  'account password login privacy consent data backup app phone tablet offline widget link qr code label colour font language country region ' +
  'date time zone weekend season weather forecast backup plan note comment attachment file folder tagline story countdown livestream'
).split(' ');

const QUALIFIERS = (
  'for couples|for suppliers|on mobile|as a pdf|by date|by price|in bulk|every week|before the wedding|after the event|with my partner|with the venue|' +
  'for each table|in two languages|without logging in|from a spreadsheet|with reminders|per supplier|by region|with photos|in the app|by e-mail|' +
  'for destination weddings|for big weddings|for small weddings|with approvals|with notes|with totals|on the calendar|for the whole team'
).split('|');

const DETAILS = [
  'We get asked about this by almost every couple during the first call.',
  'Doing it by e-mail takes hours each week and things get lost.',
  'On the wedding day nobody has time to look for it, so it has to be one tap away.',
  'Other marketplaces already offer this and we lose bookings to them.',
  'Our team needs to see the same thing at the same time.',
  'Couples keep sending us screenshots because they cannot find it.',
  'It matters most in the busy season from May to October.',
  'Please make it work on small screens as well.',
  'We would pay for this as part of a premium listing.',
  'Guests from abroad struggle with this today.',
];


/** Index k of n with probability ∝ (k + 1)^-0.5: the commonest word in about one request in seven. */
function zipf(random: () => number, n: number): number {
  let total = 0;
  for (let k = 1; k <= n; k++) total += k ** -0.5;
  let target = random() * total;
  for (let k = 0; k < n; k++) {
    target -= (k + 1) ** -0.5;
    if (target <= 0) return k;
  }
  return n - 1;
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

function wish(random: () => number): string {
  const nouns = [NOUNS[zipf(random, NOUNS.length)], NOUNS[zipf(random, NOUNS.length)]];
  const verb = VERBS[zipf(random, VERBS.length)] as string;
  const qualifier = random() < 0.7 ? ` ${pick(random, QUALIFIERS)}` : '';
  return `${verb.charAt(0).toUpperCase()}${verb.slice(1)} ${nouns[0]} ${nouns[1]}${qualifier}`;
}

/** The i-th request of the benchmark. */
export function benchRequest(i: number): { title: string; description: string } {
  const random = mulberry32(i + 1);
  const title = wish(random);
  return { title, description: `${wish(random)}. ${pick(random, DETAILS)} ${pick(random, DETAILS)}` };
}

/** What a person might type: a wish in the same words, not any request's exact text. */
export function typedQuery(i: number): { title: string; description: string } {
  return { title: wish(mulberry32(1_000_003 + i)), description: '' };
}
