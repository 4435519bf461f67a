import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../../core/connectors/shared/feed-date.js';

describe('parseFeedDate', () => {
  it.each([
    // RFC 822 / 2822, as RSS writes them
    ['RFC 822 with GMT', 'Thu, 23 May 2013 10:30:00 GMT', '2013-05-23T10:30:00.000Z'],
    ['RFC 822 with a numeric zone', 'Mon, 25 Mar 2013 20:43:20 +0100', '2013-03-25T19:43:20.000Z'],
    ['RFC 822 in EST', 'Wed, 17 Jan 2018 15:50:00 EST', '2018-01-17T20:50:00.000Z'],
    ['RFC 822 in EDT', 'Tue, 07 Jul 2009 00:00:00 EDT', '2009-07-07T04:00:00.000Z'],
    ['RFC 822 without seconds', 'Sat, 06 Apr 2013 17:10 GMT', '2013-04-06T17:10:00.000Z'],
    ['RFC 822 with a two-digit year', 'Sat, 06 Apr 13 17:10:39 GMT', '2013-04-06T17:10:39.000Z'],
    [
      'RFC 822 with the wrong weekday',
      'Sat, 04 Oct 2013 02:34:59 +0300',
      '2013-10-03T23:34:59.000Z',
    ],
    ['RFC 822 without weekday or zone', '04 Oct 2013 02:34:59', '2013-10-04T02:34:59.000Z'],
    [
      'RFC 822 with a military zone letter',
      'Mon, 12 Nov 2007 04:00:00 Z',
      '2007-11-12T04:00:00.000Z',
    ],
    // RFC 3339, ISO 8601 and W3C-DTF
    ['RFC 3339 with an offset', '2009-12-08T16:59:02.544-08:00', '2009-12-09T00:59:02.544Z'],
    ['RFC 3339 in UTC', '2024-03-05T08:30:00Z', '2024-03-05T08:30:00.000Z'],
    ['ISO 8601 with a space and no zone', '2013-03-20 04:16:30', '2013-03-20T04:16:30.000Z'],
    ['ISO 8601 basic format', '20031231T101455Z', '2003-12-31T10:14:55.000Z'],
    ['W3C-DTF year and month', '2003-12', '2003-12-01T00:00:00.000Z'],
    ['W3C-DTF date only', '2013-12-30', '2013-12-30T00:00:00.000Z'],
    ['W3C-DTF minutes and an offset', '2013-12-30T13:16+01:00', '2013-12-30T12:16:00.000Z'],
    // US and ctime
    ['US month first with a comma', 'December 31, 2003 10:14 PM', '2003-12-31T22:14:00.000Z'],
    ['ctime', 'Wed Dec 31 10:14:55 2003', '2003-12-31T10:14:55.000Z'],
    // Localized names
    ['Portuguese (UOL)', 'Seg, 24 Set 2018 19:42:40 -0300', '2018-09-24T22:42:40.000Z'],
    ['Portuguese "de" form', '5 de outubro de 2018 10:00', '2018-10-05T10:00:00.000Z'],
    [
      'French abbreviations with dots',
      'mar., 4 févr. 2014 09:15:00 +0100',
      '2014-02-04T08:15:00.000Z',
    ],
    ['French full names', 'lundi 14 décembre 2020 18h30', '2020-12-14T18:30:00.000Z'],
    ['French août without accent', 'Ven, 02 Aout 2019 07:00:00 GMT', '2019-08-02T07:00:00.000Z'],
    ['German abbreviations', 'Di, 04 Mrz 2014 12:00:00 +0100', '2014-03-04T11:00:00.000Z'],
    ['German full names with a dotted day', '4. März 2014, 12:00', '2014-03-04T12:00:00.000Z'],
    ['German Dezember', 'Mi, 24 Dez 2014 08:00:00 MEZ', '2014-12-24T07:00:00.000Z'],
    ['Spanish', 'mié, 15 ene 2020 10:00:00 +0100', '2020-01-15T09:00:00.000Z'],
    ['Spanish "de" form', '24 de septiembre de 2018', '2018-09-24T00:00:00.000Z'],
    ['Spanish diciembre', 'Lun, 03 Dic 2018 23:59:59 GMT', '2018-12-03T23:59:59.000Z'],
    ['Italian', 'Gio, 12 Giu 2014 14:20:00 +0200', '2014-06-12T12:20:00.000Z'],
    ['Italian ottobre', 'sab, 11 ott 2014 09:05:00 GMT', '2014-10-11T09:05:00.000Z'],
    [
      'English full month names',
      'Monday, 3 February 2014 08:00:00 GMT',
      '2014-02-03T08:00:00.000Z',
    ],
  ])('reads %s', (_quirk, raw, iso) => {
    expect(parseFeedDate(raw)?.toISOString()).toBe(iso);
  });

  it.each([
    ['an empty string', ''],
    ['only whitespace', '   '],
    ['words', 'yesterday afternoon'],
    ['an unknown month name', '24 Smarch 2018 10:00:00 GMT'],
    ['an impossible day', '2018-02-30T10:00:00Z'],
    ['an unknown time zone', 'Thu, 23 May 2013 10:30:00 XYZT'],
    ['a day-first numeric date (ambiguous)', '03/04/2018 10:00'],
    ['a year out of range', '0001-01-01T00:00:00Z'],
  ])('gives null, never another time, for %s', (_what, raw) => {
    expect(parseFeedDate(raw)).toBeNull();
  });
});
