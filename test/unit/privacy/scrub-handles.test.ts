import { describe, expect, it } from 'vitest';
import { ERASED, handlePatterns } from '../../../core/privacy/scrub-handles.js';

// The patterns are PostgreSQL regular expressions; the constructs they use (lookahead,
// lookbehind, classes) read the same in JavaScript, which lets them be checked here.
const scrub = (platform: string, handle: string, text: string) =>
  text.replace(new RegExp(handlePatterns(platform, handle).join('|'), 'gi'), ERASED);

describe('the handle patterns erasure uses on other people\u2019s words', () => {
  it('replaces a fediverse handle written short, in full, or inside a profile link', () => {
    expect(scrub('mastodon', 'alice@m.social', '@alice merci ! cc @Alice@m.social')).toBe(
      '[erased] merci ! cc [erased]',
    );
    expect(scrub('mastodon', 'alice@m.social', '{"acct":"alice@m.social"}')).toBe(
      '{"acct":"[erased]"}',
    );
    expect(scrub('mastodon', 'alice@m.social', 'https://m.social/@alice')).toBe(
      'https://m.social/[erased]',
    );
  });

  it('leaves a longer handle that starts the same, and an e-mail address, alone', () => {
    expect(scrub('mastodon', 'alice@m.social', '@alicette et @alice_b')).toBe(
      '@alicette et @alice_b',
    );
    expect(scrub('bluesky', 'alice.bsky.social', 'écrire à malice.bsky.social@mail.example')).toBe(
      'écrire à malice.bsky.social@mail.example',
    );
  });

  it('finds Bluesky handles with or without "@" and Reddit users as u/name', () => {
    expect(
      scrub('bluesky', 'alice.bsky.social', 'vu par @alice.bsky.social et alice.bsky.social'),
    ).toBe('vu par [erased] et [erased]');
    expect(scrub('reddit', 'Alice_R', 'as /u/alice_r said, u/Alice_R is right')).toBe(
      'as [erased] said, [erased] is right',
    );
  });
});
