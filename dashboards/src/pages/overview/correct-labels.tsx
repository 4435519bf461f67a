import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api/client.js';
import type { Mention } from '../../api/types.js';

type Task = 'sentiment' | 'dissatisfied' | 'idea';

const CHOICES: Record<Task, { value: string; label: string }[]> = {
  sentiment: [
    { value: 'negative', label: 'Negative' },
    { value: 'neutral', label: 'Neutral' },
    { value: 'positive', label: 'Positive' },
  ],
  dissatisfied: [
    { value: '1', label: 'Dissatisfied' },
    { value: '0', label: 'Not dissatisfied' },
  ],
  idea: [
    { value: '1', label: 'An idea' },
    { value: '0', label: 'Not an idea' },
  ],
};

const TASK_LABELS: Record<Task, string> = {
  sentiment: 'Sentiment',
  dissatisfied: 'Dissatisfaction',
  idea: 'Idea',
};

function current(mention: Mention, task: Task): string {
  const a = mention.analysis;
  if (!a) return '';
  if (task === 'sentiment') return a.sentiment.label;
  if (task === 'dissatisfied') return a.dissatisfied ? '1' : '0';
  return a.idea ? '1' : '0';
}

/**
 * A person's correction of the analysis: stored as a label for that mention, it trains the next
 * model (`ecoute retrain`); the analysis shown stays the model's until then.
 */
export function CorrectLabels({ mention }: { mention: Mention }) {
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<Partial<Record<Task, string>>>({});
  const [error, setError] = useState<string | null>(null);
  if (!mention.analysis) return null;

  const save = async (task: Task, label: string) => {
    setError(null);
    try {
      await api(`/mentions/${encodeURIComponent(mention.id)}/labels`, {
        method: 'POST',
        body: {
          task,
          label,
          ...(mention.lang === 'fr' || mention.lang === 'en' ? {} : { lang: 'en' }),
        },
      });
      setSaved({ ...saved, [task]: label });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The correction could not be saved.');
    }
  };

  return (
    <div class="correct-labels">
      <button type="button" class="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Close corrections' : 'Correct the analysis'}
      </button>
      {open && (
        <div class="correct-form" role="group" aria-label="Correct the analysis of this mention">
          {(Object.keys(CHOICES) as Task[]).map((task) => (
            <label key={task}>
              <span>{TASK_LABELS[task]}</span>
              <select
                value={saved[task] ?? current(mention, task)}
                onChange={(e) => void save(task, (e.target as HTMLSelectElement).value)}
              >
                {CHOICES[task].map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
              {saved[task] !== undefined && <span class="saved">Saved</span>}
            </label>
          ))}
          <p class="hint">Corrections train the next model; they do not change this analysis.</p>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
