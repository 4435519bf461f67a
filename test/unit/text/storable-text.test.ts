import { describe, expect, it } from 'vitest';
import { storable, storableText } from '../../../core/text/storable-text.js';

describe('storable text', () => {
  it('removes NUL, replaces unpaired surrogates and keeps pairs, accents and controls', () => {
    expect(storableText('a\u0000b')).toBe('ab');
    expect(storableText('x\uD800y\uDC00z')).toBe('x\uFFFDy\uFFFDz');
    expect(storableText('🎥 Zoë\ttab\u0001')).toBe('🎥 Zoë\ttab\u0001');
  });

  it('cleans every string and key at any depth, counts them, and copies only what changed', () => {
    const date = new Date('2026-11-20T10:00:00Z');
    const clean = { a: 'ok', list: ['fine'], at: date };
    const input = { clean, dirty: { [`k\u0000`]: ['v\u0000', '\uDFFF', 3], at: date } };
    const { value, changed } = storable(input);
    expect(changed).toBe(3);
    expect(value).toEqual({ clean, dirty: { k: ['v', '\uFFFD', 3], at: date } });
    expect(value.clean).toBe(clean);
    expect(input.dirty[`k\u0000`]).toEqual(['v\u0000', '\uDFFF', 3]);
    expect(storable(clean)).toEqual({ value: clean, changed: 0 });
  });

  it('keeps a key that becomes "__proto__" a plain key', () => {
    const parsed = JSON.parse('{"__proto__\\u0000": {"polluted": true}}') as object;
    const { value } = storable(parsed);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
