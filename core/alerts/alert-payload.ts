/** An alert as stored on its event; deliveries render it as Écoute JSON, Slack or e-mail. */
export interface AlertMessage {
  eventId: string;
  rule: { id: string; name: string; kind: string };
  title: string;
  firedAt: string;
  test: boolean;
  payload: Record<string, unknown>;
}

interface EvidenceItem {
  mentionId?: string;
  text?: string;
  url?: string | null;
  author?: string | null;
}

/** Écoute's own webhook body: the event, its rule, and everything the rule attached. */
export function jsonBody(m: AlertMessage): Record<string, unknown> {
  return {
    type: 'ecoute.alert',
    id: m.eventId,
    rule: m.rule,
    title: m.title,
    firedAt: m.firedAt,
    test: m.test,
    ...m.payload,
  };
}

/** A Slack incoming-webhook message (text fallback + blocks), evidence quoted as plain text. */
export function slackBody(m: AlertMessage): Record<string, unknown> {
  const evidence = evidenceOf(m).slice(0, 3);
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: m.title.slice(0, 150) } },
    {
      type: 'context',
      elements: [
        { type: 'plain_text', text: `${m.rule.name} · ${m.firedAt}${m.test ? ' · test' : ''}` },
      ],
    },
  ];
  for (const e of evidence) {
    const who = e.author ? `${e.author}: ` : '';
    blocks.push({
      type: 'section',
      text: { type: 'plain_text', text: `${who}${(e.text ?? '').slice(0, 500)}` },
    });
  }
  return { text: m.title, blocks };
}

/** Subject and plain-text body of the alert e-mail. */
export function emailBody(m: AlertMessage): { subject: string; text: string } {
  const lines = [m.title, '', `Rule: ${m.rule.name} (${m.rule.kind})`, `Fired at: ${m.firedAt}`];
  const evidence = evidenceOf(m);
  if (evidence.length > 0) lines.push('', 'Evidence:');
  for (const e of evidence.slice(0, 5)) {
    lines.push(
      `- ${e.author ? `${e.author}: ` : ''}${(e.text ?? '').slice(0, 500)}${e.url ? ` (${e.url})` : ''}`,
    );
  }
  lines.push('', JSON.stringify(jsonBody(m), null, 2));
  return { subject: `${m.test ? '[test] ' : ''}${m.title}`.slice(0, 200), text: lines.join('\n') };
}

function evidenceOf(m: AlertMessage): EvidenceItem[] {
  const e = m.payload.evidence;
  return Array.isArray(e) ? (e as EvidenceItem[]) : [];
}
