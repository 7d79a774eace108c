import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ClaimsService } from '@claimdesk/claims';
import type { ExtractedClaim } from '@claimdesk/extraction';
import { TestEnv } from './test-env';

/**
 * Claims without running the NLP: an article row, then `ClaimsService.insertExtracted`
 * (the same call the extraction job makes) with synthetic sentences. Scores at or above
 * AUTO_QUEUE_SCORE are queued and their assignment jobs enqueued, exactly as after extraction.
 */
export function seedClaims(env: TestEnv, scores: number[], language = 'en', topic: string | null = null) {
  return insertClaims(env.app.get(DataSource), env.app.get(ClaimsService), scores, language, topic);
}

/** The same, given the data source and the service (the medium tier has no HTTP app). */
export async function insertClaims(
  db: DataSource,
  claims: ClaimsService,
  scores: number[],
  language = 'en',
  topic: string | null = null,
) {
  // Nothing but random pseudo-words, so that pipeline matching never links one synthetic claim to another.
  const sentences = scores.map(() => {
    const words = pseudoWords(9);
    return `${words[0].toUpperCase()}${words.slice(1)}.`;
  });
  const body = sentences.join(' ');
  // The article row goes straight in as `extracted`, so a running worker never extracts it too.
  const [article] = await db.query<{ id: string }[]>(
    `INSERT INTO articles (body, body_hash, language, topic, status) VALUES ($1, md5($1), $2, $3, 'extracted') RETURNING id`,
    [body, language, topic],
  );
  const extracted: ExtractedClaim[] = [];
  let offset = 0;
  sentences.forEach((sentence, i) => {
    extracted.push({
      sentence,
      span: { start: offset, end: offset + sentence.length },
      section: 'body',
      text: sentence,
      score: scores[i],
      type: 'quantity',
      quantities: [],
      claimant: null,
    });
    offset += sentence.length + 1;
  });
  const { inserted, queued } = await db.transaction((em) =>
    claims.insertExtracted(em, { id: article.id, language, topic, publishedAt: null }, extracted),
  );
  await claims.requestAssignment(queued);
  return { articleId: article.id, claims: inserted.sort((a, b) => a.spanStart! - b.spanStart!) };
}

/** `n` random lower-case pseudo-words of 5-8 letters (consonant-vowel pairs, about 36 bits each). */
function pseudoWords(n: number): string {
  const consonants = 'bcdfghjklmnprstvz';
  const vowels = 'aeiou';
  const words: string[] = [];
  for (let w = 0; w < n; w++) {
    const bytes = randomBytes(8);
    let word = '';
    for (let k = 0; k < 5 + (bytes[0] % 4); k++) {
      word += k % 2 === 0 ? consonants[bytes[k] % consonants.length] : vowels[bytes[k] % vowels.length];
    }
    words.push(word);
  }
  return words.join(' ');
}
