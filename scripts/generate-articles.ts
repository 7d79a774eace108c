/**
 * `npm run gen:articles -- [--count 100000] [--out articles.jsonl] [--seed 1]`: a JSON Lines file of varied,
 * distinct articles for `npm run cli -- import` and `npm run bench:import` (seeded, so reruns give the same file).
 */
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    out: { type: 'string', default: 'articles.jsonl' },
    seed: { type: 'string', default: '1' },
  },
});

let state = Number(values.seed) >>> 0 || 1;
/** xorshift32: small, seeded, good enough to vary text. */
function rand(): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 0x100000000;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

const PEOPLE = ['Anna Berg', 'Tom Hale', 'Maria Lopez', 'Kwame Mensah', 'Li Wei', 'Sarah Cohen', 'Raj Patel'];
const ROLES = ['the finance minister', 'the opposition leader', 'the mayor', 'a union spokesperson', 'the CEO'];
const PLACES = ['Leeds', 'Lagos', 'Lyon', 'Lima', 'Lahore', 'Leipzig', 'Lisbon', 'Louisville'];
const TOPICS = ['economy', 'health', 'housing', 'climate', 'education', 'crime', 'transport'];
const SUBJECTS = {
  economy: ['unemployment', 'inflation', 'the budget deficit', 'wages', 'exports'],
  health: ['hospital waiting lists', 'vaccination rates', 'obesity', 'nurse vacancies'],
  housing: ['house prices', 'rents', 'homelessness', 'new homes'],
  climate: ['emissions', 'solar capacity', 'flood defences', 'car sales'],
  education: ['class sizes', 'teacher numbers', 'exam results', 'tuition fees'],
  crime: ['knife crime', 'burglaries', 'police numbers', 'prison places'],
  transport: ['rail punctuality', 'bus routes', 'road deaths', 'fares'],
} as const;
const VERBS = ['rose', 'fell', 'doubled', 'halved', 'stayed flat', 'climbed', 'dropped'];
const FILLER = [
  'Officials declined to comment further.',
  'The figures will be reviewed next month.',
  'Critics questioned how the numbers were collected.',
  'The announcement came after weeks of pressure.',
  'Residents gathered outside the town hall on Saturday.',
];
const FOREIGN = [
  [
    'fr',
    'Le taux de chômage est tombé à 7,1 % au troisième trimestre, soit 120 000 demandeurs de moins, a déclaré le ministre.',
  ],
  ['de', 'Die Arbeitslosenquote sank im dritten Quartal auf 5,3 Prozent, sagte der Minister am Dienstag in Berlin.'],
  [
    'es',
    'El paro bajó al 12,1 % en el tercer trimestre, con 2,3 millones de desempleados, dijo el ministro en Madrid.',
  ],
] as const;

function article(i: number): Record<string, string> {
  const topic = pick(TOPICS);
  const subject = pick(SUBJECTS[topic as keyof typeof SUBJECTS]);
  const place = pick(PLACES);
  const who = pick(PEOPLE);
  const day = new Date(Date.UTC(2024, 0, 1) + int(0, 700) * 86_400_000);
  const sentences = [
    `${subject[0].toUpperCase()}${subject.slice(1)} in ${place} ${pick(VERBS)} by ${int(2, 40)}% last year, ${who}, ${pick(ROLES)}, said on ${day.toUTCString().slice(0, 3)}.`,
    `According to the council, ${int(100, 90_000).toLocaleString('en-US')} people were affected, up from ${int(50, 40_000).toLocaleString('en-US')} in ${int(2010, 2023)}.`,
    `"This will cost ${int(1, 900)} million pounds over ${int(2, 10)} years," ${who.split(' ')[1]} told reporters.`,
    ...Array.from({ length: int(1, 4) }, () => pick(FILLER)),
    `Report number ${i} of the ${topic} desk.`,
  ];
  const out: Record<string, string> = {
    title: `${subject[0].toUpperCase()}${subject.slice(1)} ${pick(VERBS)} in ${place}`,
    body: sentences.join(' '),
    source: `${place} Gazette`,
    publishedAt: day.toISOString(),
    topic,
  };
  if (rand() < 0.6) out.url = `https://${place.toLowerCase()}-gazette.example/${topic}/${i}?utm_source=feed`;
  if (rand() < 0.03) {
    const [lang, text] = pick(FOREIGN);
    out.body = `${text} Rapport ${i}.`;
    out.language = lang;
  }
  return out;
}

async function main(): Promise<void> {
  const count = Number(values.count);
  const out = createWriteStream(values.out);
  for (let i = 0; i < count; i++) {
    if (!out.write(`${JSON.stringify(article(i))}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  console.error(`wrote ${count} articles to ${values.out}`);
}

void main();
