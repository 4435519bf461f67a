import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client.js';
import { PreviewPanel } from './preview-panel.js';
import { QueryCheckView } from './query-check.js';
import { topicsApi, type TopicItem } from './topics-api.js';
import { useDebounced } from './use-debounced.js';

interface Props {
  topic?: TopicItem;
  onSaved(topic: TopicItem): void;
  onCancel(): void;
}

/**
 * Name and listening query, checked as it is typed (position and reason of the first error),
 * with the count and a sample of the stored mentions it matches, all before saving.
 */
export function TopicEditor({ topic, onSaved, onCancel }: Props) {
  const [name, setName] = useState(topic?.name ?? '');
  const [query, setQuery] = useState(topic?.query ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  // Parsing is cheap: check at each short pause. Counting scans the store: wait a little longer.
  const check = useDebounced(query, 250, (q, signal) => topicsApi.validate(q, signal));
  const valid = check.data?.ok === true && !check.pending;
  const preview = useDebounced(valid ? query : '', 600, (q, signal) =>
    topicsApi.preview(q, signal),
  );

  const save = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    setErrors({});
    try {
      const saved = topic
        ? await topicsApi.edit(topic.id, { name, query })
        : await topicsApi.create(name, query);
      onSaved(saved);
    } catch (err) {
      const out: Record<string, string> = {};
      if (err instanceof ApiError && err.details.length > 0) {
        for (const d of err.details) out[d.field] = d.reason;
      } else out._ = err instanceof Error ? err.message : String(err);
      setErrors(out);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      class="topic-editor"
      onSubmit={save}
      noValidate
      aria-label={topic ? 'Edit topic' : 'New topic'}
    >
      <div class={`field${errors.name ? ' invalid' : ''}`}>
        <label for="topic-name">Name</label>
        <input id="topic-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        {errors.name && <p class="field-error">{errors.name}</p>}
      </div>
      <div class={`field${check.data?.ok === false || errors.query ? ' invalid' : ''}`}>
        <label for="topic-query">Listening query</label>
        <textarea
          id="topic-query"
          rows={4}
          spellcheck={false}
          value={query}
          placeholder={'(velia OR "vélia mobile") AND (panne* OR résilier) -promo lang:fr'}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <p class="hint">
          AND, OR, NOT or -, parentheses, "exact phrases", prefix*, a NEAR/3 b, author:, lang:,
          source:, platform:. Case and accents do not matter.
        </p>
        <QueryCheckView query={query} check={check.data} />
        {errors.query && !check.data && <p class="field-error">{errors.query}</p>}
      </div>
      {errors._ && (
        <p class="form-error" role="alert">
          {errors._}
        </p>
      )}
      <div class="form-actions">
        <button type="submit" class="button primary" disabled={saving || check.data?.ok === false}>
          {saving ? 'Saving…' : topic ? 'Save' : 'Create topic'}
        </button>
        <button type="button" class="button ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <section class="preview" aria-labelledby="preview-title">
        <h3 id="preview-title">Stored mentions this query matches</h3>
        <PreviewPanel
          preview={preview.data}
          error={preview.error}
          pending={preview.pending || check.pending}
        />
      </section>
    </form>
  );
}
