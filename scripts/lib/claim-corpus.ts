/**
 * Varied synthetic claims for benchmarks at scale: newsroom-like sentences from templates over a few hundred
 * subjects, places, people and numbers (seeded, so reruns give the same corpus).
 */
export class ClaimCorpus {
  private state: number;
  constructor(seed = 1) {
    this.state = seed >>> 0 || 1;
  }

  /** xorshift32 */
  rand(): number {
    this.state ^= this.state << 13;
    this.state ^= this.state >>> 17;
    this.state ^= this.state << 5;
    return (this.state >>> 0) / 0x100000000;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)];
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rand() * (hi - lo + 1));
  }

  claimant(): string {
    return `${this.pick(FIRST)} ${this.pick(LAST)}`;
  }

  /** One claim sentence; `who` says it. */
  claim(who: string): { text: string; type: string } {
    const subject = `${this.pick(QUALIFIERS)} ${this.pick(SUBJECTS)}`.trim();
    const place = this.pick(PLACES);
    const n = this.int(2, 990);
    const year = this.int(1995, 2025);
    switch (this.int(0, 5)) {
      case 0:
        return {
          text: `${cap(subject)} in ${place} ${this.pick(VERBS)} by ${n} percent since ${year}, ${who} said.`,
          type: 'quantity',
        };
      case 1:
        return {
          text: `${who} said ${subject} had ${this.pick(VERBS)} to ${n},000 last year, the highest in ${place} since ${year}.`,
          type: 'quantity',
        };
      case 2:
        return {
          text: `${cap(subject)} will ${this.pick(FUTURE)} in ${place} by ${year + 10}, according to ${who}.`,
          type: 'prediction',
        };
      case 3:
        return {
          text: `${cap(this.pick(CAUSES))} caused ${subject} in ${place} to ${this.pick(FUTURE)}, ${who} told reporters.`,
          type: 'causal',
        };
      case 4:
        return {
          text: `The ${this.pick(BODIES)} in ${place} spent ${n} million ${this.pick(CURRENCIES)} on ${subject} in ${year}.`,
          type: 'quantity',
        };
      default:
        return {
          text: `${who} claimed that ${subject} in ${place} is ${this.pick(COMPARISONS)} than in any other ${this.pick(AREAS)}.`,
          type: 'other',
        };
    }
  }
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

/**
 * A stored claim as another article restates it: its first number one more, "said." as "told reporters.", and
 * when neither is there, its third word left out (never the same text, which would be an exact repeat).
 */
export function reword(text: string): string {
  const changed = text.replace(/\b(\d+)\b/, (x) => String(Number(x) + 1)).replace(/ said\.$/, ' told reporters.');
  if (changed !== text) return changed;
  const words = text.split(' ');
  return words.length > 4 ? [...words.slice(0, 2), ...words.slice(3)].join(' ') : `${text} Indeed.`;
}

const SUBJECTS = [
  'unemployment',
  'youth unemployment',
  'inflation',
  'food prices',
  'energy bills',
  'the budget deficit',
  'wages',
  'exports',
  'imports',
  'public debt',
  'tax receipts',
  'fuel duty',
  'pension spending',
  'child poverty',
  'hospital waiting lists',
  'vaccination rates',
  'obesity',
  'nurse vacancies',
  'ambulance response times',
  'cancer survival rates',
  'mental health referrals',
  'house prices',
  'rents',
  'homelessness',
  'new homes',
  'social housing',
  'mortgage approvals',
  'emissions',
  'solar capacity',
  'wind power',
  'flood defences',
  'car sales',
  'electric car sales',
  'air pollution',
  'recycling rates',
  'plastic waste',
  'class sizes',
  'teacher numbers',
  'exam results',
  'tuition fees',
  'school funding',
  'university applications',
  'knife crime',
  'burglaries',
  'police numbers',
  'prison places',
  'violent crime',
  'fraud',
  'rail punctuality',
  'bus routes',
  'road deaths',
  'fares',
  'potholes',
  'cycling',
  'airport passengers',
  'migration',
  'asylum claims',
  'visa applications',
  'broadband coverage',
  'farm incomes',
  'fish stocks',
  'water leaks',
  'sewage spills',
  'defence spending',
  'foreign aid',
  'military recruitment',
  'voter turnout',
  'council tax',
  'business rates',
  'small business closures',
  'bank lending',
  'productivity',
  'strike days',
  'zero-hours contracts',
  'the minimum wage',
  'childcare costs',
  'care home places',
  'GP appointments',
  'dental appointments',
  'drug deaths',
  'alcohol deaths',
  'life expectancy',
  'birth rates',
  'tourism',
  'retail sales',
  'steel output',
  'coal imports',
  'gas reserves',
  'nuclear capacity',
  'heat pump installations',
  'tree planting',
  'wildfires',
];
const QUALIFIERS = ['', '', '', 'regional', 'national', 'average', 'annual', 'monthly', 'overall', 'local'];
const PLACES = [
  'Leeds',
  'Lagos',
  'Lyon',
  'Lima',
  'Lahore',
  'Leipzig',
  'Lisbon',
  'Louisville',
  'Manchester',
  'Madrid',
  'Milan',
  'Mumbai',
  'Nairobi',
  'Naples',
  'Oslo',
  'Ottawa',
  'Paris',
  'Perth',
  'Porto',
  'Prague',
  'Quito',
  'Riga',
  'Rome',
  'Seoul',
  'Sofia',
  'Sydney',
  'Tallinn',
  'Tokyo',
  'Toronto',
  'Turin',
  'Valencia',
  'Vienna',
  'Warsaw',
  'Wellington',
  'York',
  'Zagreb',
  'Zurich',
  'Accra',
  'Athens',
  'Austin',
  'Bergen',
  'Berlin',
  'Bogota',
  'Bristol',
  'Brussels',
  'Cairo',
  'Cardiff',
  'Chicago',
  'Dakar',
  'Denver',
  'Dublin',
  'Durban',
  'Edinburgh',
  'Geneva',
  'Glasgow',
  'Hamburg',
  'Helsinki',
  'Houston',
  'Istanbul',
  'Jakarta',
  'Kampala',
  'Kyiv',
  'the north',
  'the south',
  'rural areas',
  'coastal towns',
  'the capital',
  'Wales',
  'Scotland',
  'Bavaria',
  'Catalonia',
  'Ontario',
  'Texas',
];
const FIRST = [
  'Anna',
  'Tom',
  'Maria',
  'Kwame',
  'Li',
  'Sarah',
  'Raj',
  'Olga',
  'Pedro',
  'Fatima',
  'John',
  'Aiko',
  'Lena',
  'Omar',
  'Grace',
  'Ivan',
  'Chloe',
  'Diego',
  'Amara',
  'Hugo',
  'Nina',
  'Sven',
  'Priya',
  'Marco',
  'Zoe',
];
const LAST = [
  'Berg',
  'Hale',
  'Lopez',
  'Mensah',
  'Wei',
  'Cohen',
  'Patel',
  'Novak',
  'Silva',
  'Haddad',
  'Smith',
  'Tanaka',
  'Fischer',
  'Khan',
  'Okafor',
  'Petrov',
  'Martin',
  'Garcia',
  'Nwosu',
  'Dubois',
  'Rossi',
  'Larsen',
  'Sharma',
  'Bianchi',
  'Evans',
  'Burt',
  'Moreau',
  'Kowalski',
  'Nakamura',
  'Costa',
];
const VERBS = ['rose', 'fell', 'doubled', 'halved', 'climbed', 'dropped', 'grown', 'shrunk', 'jumped', 'slumped'];
const FUTURE = ['double', 'halve', 'rise sharply', 'fall', 'recover', 'collapse', 'stabilise', 'keep growing'];
const CAUSES = [
  'the pandemic',
  'the energy crisis',
  'the new tax',
  'Brexit',
  'the drought',
  'higher interest rates',
  'the strike',
  'the subsidy cut',
  'the trade deal',
  'the heatwave',
  'the spending review',
  'automation',
];
const BODIES = ['council', 'government', 'health authority', 'transport agency', 'ministry', 'city hall', 'region'];
const CURRENCIES = ['pounds', 'euros', 'dollars'];
const COMPARISONS = ['higher', 'lower', 'worse', 'better', 'growing faster', 'falling faster'];
const AREAS = ['city in Europe', 'region', 'country in the G7', 'capital', 'state', 'province'];
