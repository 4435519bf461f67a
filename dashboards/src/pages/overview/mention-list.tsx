import type { Mention } from '../../api/types.js';
import { EmptyState } from '../../components/states.js';
import { MentionItem } from './mention-item.js';

export function MentionList({ mentions }: { mentions: Mention[] }) {
  if (mentions.length === 0) {
    return <EmptyState title="No mentions in this window yet" />;
  }
  // Keyed by id, so a refresh that adds new mentions on top keeps each item's DOM and its
  // expanded evidence as they were.
  return (
    <ol class="mention-list">
      {mentions.map((m) => (
        <li key={m.id}>
          <MentionItem mention={m} />
        </li>
      ))}
    </ol>
  );
}
