import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client.js';
import { conversationApi, lengthFor, type ConversationDetail } from './conversation-api.js';

/** The reply box, counting as the platform counts and refusing text over its limit. */
export function ReplyBox({
  conversation: c,
  onSent,
}: {
  conversation: ConversationDetail;
  onSent: () => void;
}) {
  const draft = c.messages.find((m) => m.sendStatus === 'draft')?.text ?? '';
  const [text, setText] = useState(draft);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const length = lengthFor(c.reply.unit, text);
  const over = c.reply.maxLength !== null && length > c.reply.maxLength;
  const send = async (mode: 'platform' | 'elsewhere') => {
    setBusy(true);
    setError(null);
    try {
      await conversationApi.reply(c.id, text, mode);
      setText('');
      onSent();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'could not send');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="reply-box"
      onSubmit={(e) => {
        e.preventDefault();
        void send('platform');
      }}
    >
      <label for="reply-text">Reply on {c.reply.platform}</label>
      <textarea id="reply-text" value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <div class="reply-actions">
        {c.reply.maxLength !== null && (
          <span class={over ? 'limit over' : 'limit'} data-testid="limit">
            {length} / {c.reply.maxLength} {c.reply.unit}
          </span>
        )}
        <button type="submit" disabled={busy || !text.trim() || over || !c.reply.canSend}>
          Send on {c.reply.platform}
        </button>
        <button
          type="button"
          disabled={busy || !text.trim()}
          onClick={() => void send('elsewhere')}
        >
          Record as answered elsewhere
        </button>
        {!c.reply.canSend && (
          <span class="limit">No credentials to post on this source: answer elsewhere.</span>
        )}
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
