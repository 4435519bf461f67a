import { useState } from 'preact/hooks';
import { formatDateTime, formatInt } from '../../lib/format.js';
import { useAction } from '../../lib/use-action.js';
import { retrain, type ModelFigures as Figures, type TeachFigures } from './teach-api.js';

const TASKS = { sentiment: 'Sentiment', dissatisfied: 'Dissatisfied', idea: 'Idea' };
const f3 = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(3));

/**
 * Labels given, and per model in force its cross-validated macro-F1 (recorded when it was
 * trained). A retraining (admins) shows the figure before and after.
 */
export function ModelFigures({
  data,
  canRetrain,
  onRetrained,
}: {
  data: TeachFigures;
  canRetrain: boolean;
  onRetrained: () => void;
}) {
  const [moved, setMoved] = useState<string | null>(null);
  const action = useAction(onRetrained);
  const count = (m: Figures) =>
    data.labels.byTask.find((b) => b.task === m.task && b.lang === m.lang)?.count ?? 0;
  const run = (m: Figures) =>
    action.run(async () => {
      const out = await retrain(m.task, m.lang);
      setMoved(
        `${TASKS[m.task]} (${m.lang}) retrained on ${formatInt(out.corrections)} ${out.corrections === 1 ? 'label' : 'labels'}: macro-F1 ${f3(m.evaluation?.macroF1)} → ${f3(out.evaluation?.macroF1)}.`,
      );
    });
  return (
    <>
      <p class="teach-total">
        <strong data-testid="labels-total">{formatInt(data.labels.total)}</strong> labels stored,{' '}
        {formatInt(data.labels.lastDay)} in the last 24 hours.
      </p>
      <div class="teach-models-wrap">
        <table class="teach-models">
          <thead>
            <tr>
              <th>Model</th>
              <th>Labels</th>
              <th title="3-fold cross-validation on its training rows">macro-F1 (CV)</th>
              <th>Trained</th>
              {canRetrain && <th />}
            </tr>
          </thead>
          <tbody>
            {data.models.map((m) => (
              <tr key={`${m.task}-${m.lang}`} data-model={`${m.task}-${m.lang}`}>
                <td>
                  {TASKS[m.task]} <span class="muted">{m.lang}</span>
                </td>
                <td class="num">{formatInt(count(m))}</td>
                <td class="num" data-testid="macro-f1">
                  {f3(m.evaluation?.macroF1)}
                </td>
                <td>
                  {m.retrained ? formatDateTime(m.trainedAt) : <span class="muted">shipped</span>}
                </td>
                {canRetrain && (
                  <td>
                    <button
                      type="button"
                      class="button small"
                      disabled={action.busy || count(m) === 0}
                      onClick={() => void run(m)}
                    >
                      Retrain
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!canRetrain && <p class="muted">An admin retrains a model from the labels.</p>}
      {moved && (
        <p role="status" class="teach-moved">
          {moved}
        </p>
      )}
      {action.error && (
        <p class="form-error" role="alert">
          {action.error}
        </p>
      )}
    </>
  );
}
