import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client.js';
import { platformName } from '../../components/badges.js';
import { KIND_FIELDS, KINDS, fromConfig, toConfig, type FieldDef } from './source-fields.js';
import {
  sourcesApi,
  type SourcePreview,
  type SourceTestResult,
  type SourceWithHealth,
} from './sources-api.js';
import { PreviewResult } from './preview-result.js';
import { TestResult } from './test-result.js';

interface Props {
  /** Absent: a new source. */
  source?: SourceWithHealth;
  onSaved(message: string): void;
  onCancel(): void;
}

type Errors = Record<string, string>;

/** The API's error details keyed by field (`name`, `config.url`, …); the rest under `_`. */
function toErrors(err: unknown): Errors {
  if (!(err instanceof ApiError)) return { _: err instanceof Error ? err.message : String(err) };
  const out: Errors = {};
  for (const d of err.details)
    out[d.field] = out[d.field] ? `${out[d.field]}; ${d.reason}` : d.reason;
  if (err.details.length === 0) out._ = err.message;
  return out;
}

export function SourceForm({ source, onSaved, onCancel }: Props) {
  const [kind, setKind] = useState(source?.kind ?? 'rss');
  const [name, setName] = useState(source?.name ?? '');
  const [interval, setPollInterval] = useState(String(source?.pollIntervalS ?? 300));
  const [values, setValues] = useState<Record<string, string>>(fromConfig(source?.config ?? {}));
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState<'save' | 'test' | 'preview' | null>(null);
  const [test, setTest] = useState<SourceTestResult | null>(null);
  const [preview, setPreview] = useState<SourcePreview | null>(null);
  const [pasted, setPasted] = useState('');
  const polled = (KIND_FIELDS[kind]?.length ?? 0) > 0;

  // Settings the form does not show (page sizes…) are kept as they were.
  const config = () => ({ ...(source?.config ?? {}), ...toConfig(kind, values) });

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy('save');
    setErrors({});
    const body = {
      name,
      ...(polled ? { config: config(), pollIntervalS: Number(interval) } : {}),
    };
    try {
      if (source) await sourcesApi.edit(source.id, body);
      else {
        const created = await sourcesApi.create({ kind, ...body });
        if (created.webhookSecret) {
          onSaved(`Source created. Its signing secret, shown once: ${created.webhookSecret}`);
          return;
        }
      }
      onSaved(source ? `Saved “${name}”.` : `Created “${name}”; its first poll starts now.`);
    } catch (err) {
      setErrors(toErrors(err));
    } finally {
      setBusy(null);
    }
  };

  const runTest = async () => {
    setBusy('test');
    setErrors({});
    setTest(null);
    try {
      setTest(await sourcesApi.test(kind, config()));
    } catch (err) {
      setErrors(toErrors(err));
    } finally {
      setBusy(null);
    }
  };

  /**
   * The Preview step: what would be stored from the feed (its URL) or from a response pasted
   * below (a feed, or a recorded Mastodon, Reddit, Hacker News or Bluesky response).
   */
  const runPreview = async () => {
    setBusy('preview');
    setErrors({});
    setPreview(null);
    const instance = kind === 'mastodon' && values.instance ? { instance: values.instance } : {};
    const input = pasted.trim() ? { body: pasted } : { url: values.url ?? '' };
    try {
      setPreview(await sourcesApi.preview({ kind, ...instance, ...input }));
    } catch (err) {
      setErrors(toErrors(err));
    } finally {
      setBusy(null);
    }
  };

  const fields = (KIND_FIELDS[kind] ?? []).filter((f) => !f.when || f.when(values));
  return (
    <form
      class="source-form"
      onSubmit={save}
      noValidate
      aria-label={source ? 'Edit source' : 'New source'}
    >
      <div class="form-grid">
        {!source && (
          <Field id="kind" label="Kind" error={errors.kind}>
            <select id="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {platformName(k)}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field id="name" label="Name" error={errors.name}>
          <input id="name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        {polled && (
          <Field id="pollIntervalS" label="Poll every (seconds)" error={errors.pollIntervalS}>
            <input
              id="pollIntervalS"
              inputMode="numeric"
              value={interval}
              onInput={(e) => setPollInterval(e.currentTarget.value)}
            />
          </Field>
        )}
        {fields.map((f) => (
          <ConfigField
            key={f.key}
            field={f}
            value={values[f.key] ?? ''}
            error={errors[`config.${f.key}`]}
            onChange={(v) => setValues({ ...values, [f.key]: v })}
          />
        ))}
      </div>
      {polled && (
        <Field
          id="preview-body"
          label="Preview a pasted feed or recorded response (optional)"
          error={errors.body ?? (pasted.trim() ? undefined : errors.url)}
          hint={
            kind === 'rss'
              ? 'Empty: Preview reads the feed URL above.'
              : 'Paste a response body from the platform (a timeline, a thread, a search page).'
          }
        >
          <textarea
            id="preview-body"
            rows={3}
            value={pasted}
            onInput={(e) => setPasted(e.currentTarget.value)}
          />
        </Field>
      )}
      {errors.config && <p class="field-error">{errors.config}</p>}
      {errors._ && (
        <p class="form-error" role="alert">
          {errors._}
        </p>
      )}
      <div class="form-actions">
        <button type="submit" class="button primary" disabled={busy !== null}>
          {busy === 'save' ? 'Saving…' : source ? 'Save' : 'Create source'}
        </button>
        {polled && (
          <button
            type="button"
            class="button"
            disabled={busy !== null || (kind !== 'rss' && !pasted.trim())}
            onClick={runPreview}
          >
            {busy === 'preview' ? 'Reading…' : 'Preview'}
          </button>
        )}
        {polled && (
          <button type="button" class="button" disabled={busy !== null} onClick={runTest}>
            {busy === 'test' ? 'Fetching one page…' : 'Test this source'}
          </button>
        )}
        <button type="button" class="button ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {preview && <PreviewResult preview={preview} />}
      {test && <TestResult result={test} />}
    </form>
  );
}

function Field(props: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: ComponentChildren;
}) {
  return (
    <div class={`field${props.error ? ' invalid' : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.hint && !props.error && <p class="hint">{props.hint}</p>}
      {props.error && (
        <p class="field-error" id={`${props.id}-error`} data-field-error={props.id}>
          {props.error}
        </p>
      )}
    </div>
  );
}

function ConfigField(props: {
  field: FieldDef;
  value: string;
  error?: string;
  onChange(v: string): void;
}) {
  const { field: f } = props;
  const id = `config.${f.key}`;
  return (
    <Field id={id} label={f.label} error={props.error} hint={f.hint}>
      {f.type === 'select' ? (
        <select
          id={id}
          value={props.value || f.options?.[0]}
          onChange={(e) => props.onChange(e.currentTarget.value)}
        >
          {f.options?.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type="text"
          inputMode={f.type === 'number' ? 'numeric' : f.type === 'url' ? 'url' : 'text'}
          placeholder={f.placeholder}
          value={props.value}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? `${id}-error` : undefined}
          onInput={(e) => props.onChange(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}
