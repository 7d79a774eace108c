import { useState, type FormEvent } from 'react';
import type { Schemas } from '../api/client';

export type VerdictInput = Omit<Schemas['VerdictDto'], 'version'>;
const RATINGS: VerdictInput['rating'][] = [
  'true',
  'mostly_true',
  'mixed',
  'mostly_false',
  'false',
  'misleading',
  'unverifiable',
];

/** The API's rules (VerdictDto): a rating, a summary of 1 to 10,000 characters, up to 50 http(s) sources. */
export function verdictProblems(v: VerdictInput): Record<string, string> {
  const p: Record<string, string> = {};
  if (!RATINGS.includes(v.rating)) p.rating = 'Choose a rating.';
  if (!v.summary.trim()) p.summary = 'Write a summary.';
  else if (v.summary.length > 10_000) p.summary = 'At most 10,000 characters.';
  if (v.sources.length > 50) p.sources = 'At most 50 sources.';
  v.sources.forEach((s, i) => {
    let ok = false;
    try {
      const u = new URL(s.url);
      ok =
        (u.protocol === 'http:' || u.protocol === 'https:') &&
        Boolean(u.hostname.includes('.')) &&
        s.url.length <= 2000;
    } catch {
      ok = false;
    }
    if (!ok) p[`source${i}`] = 'Must be an http(s) URL.';
    if ((s.title ?? '').length > 500) p[`source${i}`] = 'Title: at most 500 characters.';
  });
  return p;
}

export function VerdictForm({
  onSubmit,
  initial,
  title = 'Your verdict',
  submitLabel = 'Submit verdict',
}: {
  onSubmit: (v: VerdictInput) => Promise<void>;
  /** A verdict to start from (a correction starts from the published one). */
  initial?: VerdictInput;
  title?: string;
  submitLabel?: string;
}) {
  const [rating, setRating] = useState<string>(initial?.rating ?? '');
  const [summary, setSummary] = useState(initial?.summary ?? '');
  const [sources, setSources] = useState<{ url: string; title: string }[]>(
    initial?.sources.length
      ? initial.sources.map((s) => ({ url: s.url, title: s.title ?? '' }))
      : [{ url: '', title: '' }],
  );
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const v: VerdictInput = {
      rating: rating as VerdictInput['rating'],
      summary,
      sources: sources
        .filter((s) => s.url.trim())
        .map((s) => ({ url: s.url.trim(), ...(s.title.trim() ? { title: s.title.trim() } : {}) })),
    };
    const p = verdictProblems(v);
    setProblems(p);
    if (Object.keys(p).length) return;
    setBusy(true);
    try {
      await onSubmit(v);
    } finally {
      setBusy(false);
    }
  };

  const err = (k: string) =>
    problems[k] ? (
      <span className="field-error" id={`err-${k}`}>
        {problems[k]}
      </span>
    ) : null;

  return (
    <form className="stack card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="verdict-title">
      <h2 id="verdict-title">{title}</h2>
      <label>
        Rating
        <select
          value={rating}
          onChange={(e) => setRating(e.target.value)}
          aria-invalid={!!problems.rating}
          aria-describedby={problems.rating ? 'err-rating' : undefined}
        >
          <option value="">Choose…</option>
          {RATINGS.map((r) => (
            <option key={r} value={r}>
              {r.replace('_', ' ')}
            </option>
          ))}
        </select>
        {err('rating')}
      </label>
      <label>
        Summary
        <textarea
          rows={4}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          aria-invalid={!!problems.summary}
          aria-describedby={problems.summary ? 'err-summary' : undefined}
        />
        {err('summary')}
      </label>
      <fieldset>
        <legend>Sources</legend>
        {sources.map((s, i) => (
          <div className="row" key={i}>
            <label>
              URL {i + 1}
              <input
                type="url"
                value={s.url}
                aria-invalid={!!problems[`source${i}`]}
                aria-describedby={problems[`source${i}`] ? `err-source${i}` : undefined}
                onChange={(e) => setSources(sources.map((x, j) => (j === i ? { ...x, url: e.target.value } : x)))}
              />
              {err(`source${i}`)}
            </label>
            <label>
              Title {i + 1}
              <input
                value={s.title}
                onChange={(e) => setSources(sources.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)))}
              />
            </label>
            <button
              type="button"
              onClick={() => setSources(sources.filter((_, j) => j !== i))}
              aria-label={`Remove source ${i + 1}`}
            >
              Remove
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setSources([...sources, { url: '', title: '' }])}>
          Add a source
        </button>
        {err('sources')}
      </fieldset>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Sending…' : submitLabel}
      </button>
    </form>
  );
}
