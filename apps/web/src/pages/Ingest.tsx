import { useState, type ChangeEvent, type FormEvent } from 'react';
import { api, call } from '../api/client';
import { POLL_MS, useLoad } from '../hooks';
import { Link } from '../router';
import { ErrorNote, Page, StatusBadge } from '../ui';

/** Paste an article or upload a .txt (sent as text/plain: title, source and date are read from its header). */
export function Ingest() {
  const [text, setText] = useState('');
  const [articleId, setArticleId] = useState<string | null>(null);
  const [again, setAgain] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    if (f) setText(await f.text());
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const {
        data,
        error: err,
        response,
      } = await api.POST('/v1/articles', {
        body: text as never,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        bodySerializer: (b: unknown) => b as string,
      });
      if (!response.ok) throw await call(Promise.resolve({ error: err, response }));
      setAgain(response.status === 200);
      setArticleId(data!.id);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Page title="Ingest an article">
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <label>
          Upload a .txt file
          <input type="file" accept=".txt,text/plain" onChange={(e) => void onFile(e)} />
        </label>
        <label>
          Or paste the article (header lines, then the text)
          <textarea rows={12} value={text} onChange={(e) => setText(e.target.value)} required />
        </label>
        <button type="submit" className="primary" disabled={!text.trim()}>
          Ingest
        </button>
      </form>
      <ErrorNote error={error} />
      {articleId && <Progress id={articleId} again={again} />}
    </Page>
  );
}

function Progress({ id, again }: { id: string; again: boolean }) {
  const article = useLoad(() => call(api.GET('/v1/articles/{id}', { params: { path: { id } } })), [id], 1000);
  const claims = useLoad(
    () => call(api.GET('/v1/claims', { params: { query: { articleId: id, limit: 200 } } })),
    [id, article.data?.status],
    POLL_MS,
  );
  return (
    <section className="card" aria-live="polite" aria-labelledby="progress-title">
      <h2 id="progress-title">{article.data?.title ?? 'The article'}</h2>
      {again && <p>This article was already in claimdesk: no second copy was made.</p>}
      <p>
        Status: <StatusBadge status={article.data?.status ?? 'received'} /> · {article.data?.claimCount ?? 0} claims
      </p>
      <ul data-testid="ingested-claims">
        {[...(claims.data?.items ?? [])]
          .sort((a, b) => b.priority - a.priority)
          .map((c) => (
            <li key={c.id}>
              <StatusBadge status={c.status} /> <Link href={`/claims/${c.id}`}>{c.text}</Link>
            </li>
          ))}
      </ul>
    </section>
  );
}
