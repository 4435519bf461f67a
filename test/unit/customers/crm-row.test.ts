import { describe, expect, it } from 'vitest';
import {
  parseColumnMap,
  resolveColumns,
  toCustomerRecord,
  type CrmField,
} from '../../../core/customers/crm-row.js';

const row = (values: Partial<Record<CrmField, string>>) => toCustomerRecord((f) => values[f]);

describe('CRM rows', () => {
  it('parses amounts, handles, domains and websites', () => {
    const { record, errors } = row({
      crm_id: 'A-1',
      name: 'Acme',
      tier: 'Key',
      value: '48 600,50 €',
      handles: 'mastodon:@Lea@piaille.fr; bluesky:ben.bsky.social',
      email_domains: 'acme.fr;acme.io',
      website: 'acme.fr',
    });
    expect(errors).toEqual([]);
    expect(record).toMatchObject({
      externalId: 'A-1',
      tier: 'key',
      value: 48600.5,
      emailDomains: ['acme.fr', 'acme.io'],
      website: 'https://acme.fr/',
      handles: [
        { platform: 'mastodon', handle: 'lea@piaille.fr' },
        { platform: 'bluesky', handle: 'ben.bsky.social' },
      ],
    });
  });

  it('reports each bad value with its field and reason', () => {
    const { record, errors } = row({
      name: 'Acme',
      value: 'lots',
      handles: 'nohandle',
      website: 'not a site',
    });
    expect(record).toBeNull();
    expect(errors.map((e) => e.field)).toEqual(['crm_id', 'value', 'handles', 'website']);
    expect(errors[1]!.reason).toContain('"lots"');
  });

  it('maps columns by name and refuses a mapping to a missing column', () => {
    expect(parseColumnMap('name=Company,crm_id=Id')).toEqual({ name: 'Company', crm_id: 'Id' });
    expect(() => parseColumnMap('colour=Red')).toThrow(/unknown field "colour"/);
    expect(resolveColumns(['Id', 'Company', 'ARR_EUR'], { name: 'Company' })).toMatchObject({
      crm_id: 'Id',
      name: 'Company',
      value: 'ARR_EUR',
    });
    expect(() => resolveColumns(['Id'], { name: 'Company' })).toThrow(
      /"Company" is not in the header/,
    );
  });
});
