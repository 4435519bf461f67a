import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../../core/mentions/near-duplicate.js';

describe('permalink canonicalisation', () => {
  it('groups the same link shared with tracking parameters, fragments and case', () => {
    const canonical = 'https://acme.fr/blog/panne?id=42&page=2';
    expect(canonicalUrl('https://acme.fr/blog/panne?id=42&page=2')).toBe(canonical);
    expect(
      canonicalUrl(
        'HTTP://WWW.Acme.FR:80/blog/panne/?page=2&utm_source=tw&utm_medium=social&id=42&fbclid=x#top',
      ),
    ).toBe(canonical);
    expect(canonicalUrl('https://acme.fr:443/blog/panne?gclid=1&id=42&page=2&UTM_Campaign=a')).toBe(
      canonical,
    );
  });

  it('keeps the path case, parameters that select content and non-default ports', () => {
    expect(canonicalUrl('https://acme.fr/Blog/Panne?q=Fibre')).toBe(
      'https://acme.fr/Blog/Panne?q=Fibre',
    );
    expect(canonicalUrl('https://acme.fr:8443/a/')).toBe('https://acme.fr:8443/a');
  });

  it('keeps the root slash and drops credentials', () => {
    expect(canonicalUrl('https://user:pw@acme.fr/')).toBe('https://acme.fr/');
    expect(canonicalUrl('https://acme.fr')).toBe('https://acme.fr/');
  });

  it('groups a post across the aliases of its platform', () => {
    const status = 'https://x.com/acme/status/123';
    expect(canonicalUrl('https://twitter.com/acme/status/123?s=20&t=abc')).toBe(status);
    expect(canonicalUrl('https://mobile.twitter.com/acme/status/123')).toBe(status);
    expect(canonicalUrl('https://old.reddit.com/r/acme/comments/abc/titre/')).toBe(
      'https://reddit.com/r/acme/comments/abc/titre',
    );
  });

  it('refuses what is not an http(s) link', () => {
    expect(canonicalUrl('not a url')).toBeNull();
    expect(canonicalUrl('javascript:alert(1)')).toBeNull();
    expect(canonicalUrl('ftp://acme.fr/file')).toBeNull();
  });
});
