import { statusDef } from '../idea-statuses.js';
import type { StatusChange } from './status-change.js';

/**
 * The reply prepared for a public author who asked for an idea, in their language (French unless
 * the mention was read as English). A person reviews it before anything is posted.
 */
export function replyText(change: StatusChange, lang: string, handle: string): string {
  const def = statusDef(change.to);
  const at = handle ? `@${handle.replace(/^@/, '')} ` : '';
  if (lang === 'en') {
    const label = def?.label.en ?? change.to;
    const reason = change.reason ? ` ${change.reason}` : '';
    return `${at}Thank you for suggesting it: "${change.title}" is now ${label}.${reason}`;
  }
  const label = def?.label.fr ?? change.to;
  const reason = change.reason ? ` ${change.reason}` : '';
  return `${at}Merci pour votre suggestion : « ${change.title} » est maintenant ${label}.${reason}`;
}
