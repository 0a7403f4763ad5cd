// Unit tests of the audit record's canonical form and its HMAC-SM3 chain link.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson, chainHmac, GENESIS, type AuditRecordFields } from './canonical.ts';

const record: AuditRecordFields = {
  seq: 1,
  occurredAt: '2026-11-22T08:00:00.000Z',
  actorId: null,
  actorName: 'staff',
  actorRoles: ['federation_staff'],
  ip: '127.0.0.1',
  requestId: 'r1',
  action: 'user.updated',
  objectType: 'user',
  objectId: 'u1',
  result: 'success',
  detail: { b: 1, a: { d: [1, 2], c: '长宁' } },
};

describe('audit canonical form', () => {
  it('orders keys so that a jsonb round trip gives the same text', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: 2, c: 3 } }), canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
    assert.equal(canonicalJson({ a: undefined, b: null }), '{"b":null}');
  });

  it('chains with HMAC-SM3: same input same link, any change a different link', () => {
    const key = Buffer.from('k');
    const link = chainHmac(key, GENESIS, record);
    assert.match(link, /^[0-9a-f]{64}$/);
    assert.equal(chainHmac(key, GENESIS, { ...record, detail: { a: { c: '长宁', d: [1, 2] }, b: 1 } }), link);
    assert.notEqual(chainHmac(key, GENESIS, { ...record, action: 'user.created' }), link);
    assert.notEqual(chainHmac(key, 'f'.repeat(64), record), link);
    assert.notEqual(chainHmac(Buffer.from('other'), GENESIS, record), link);
  });
});
