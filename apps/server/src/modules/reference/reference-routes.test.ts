// API tests of the reference lookups (参考数据) the pickers use: industry and division levels, the chain
// above a stored code, division search, and bad or unknown codes — against a real PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DivisionLookup, IndustryLookup } from '@qinqing/shared';
import { json, setupTestApp, type TestApp } from '../../test/harness.ts';

describe('reference lookups', () => {
  let t: TestApp;
  let staff: string;

  const get = (url: string, cookie = staff) => t.request({ url, cookie });
  const industries = async (query: string) => {
    const response = await get(`/api/reference/industries${query}`);
    assert.equal(response.statusCode, 200, response.body);
    return json<IndustryLookup>(response);
  };
  const divisions = async (query: string) => {
    const response = await get(`/api/reference/divisions${query}`);
    assert.equal(response.statusCode, 200, response.body);
    return json<DivisionLookup>(response);
  };

  before(async () => {
    t = await setupTestApp();
    staff = await t.signIn('staff');
  });
  after(() => t.close());

  it('lists the 20 industry sections at the top, with or without an empty parent', async () => {
    for (const query of ['', '?parent=']) {
      const { items, ancestors } = await industries(query);
      assert.equal(items.length, 20);
      assert.deepEqual(items[0], { code: 'A', name: '农、林、牧、渔业', level: 'section', isLeaf: false });
      assert.deepEqual(ancestors, []);
    }
  });

  it('walks an industry section down to its classes, with the chain above', async () => {
    const divisionsOfI = await industries('?parent=I');
    assert.ok(divisionsOfI.items.some((item) => item.code === '65' && item.level === 'division'));
    const classes = await industries('?parent=651');
    assert.deepEqual(
      classes.items.find((item) => item.code === '6513'),
      { code: '6513', name: '应用软件开发', level: 'class', isLeaf: true },
    );
    assert.deepEqual(
      classes.ancestors.map((item) => item.code),
      ['I', '65', '651'],
    );
  });

  it('gives a class no children but its whole chain (a picker shows a stored code)', async () => {
    const { items, ancestors } = await industries('?parent=6513');
    assert.deepEqual(items, []);
    assert.deepEqual(
      ancestors.map((item) => `${item.code} ${item.name}`),
      ['I 信息传输、软件和信息技术服务业', '65 软件和信息技术服务业', '651 软件开发', '6513 应用软件开发'],
    );
  });

  it('lists provinces, then a county’s streets with their full names', async () => {
    const top = await divisions('');
    assert.deepEqual(top.items[0], {
      code: '11',
      name: '北京市',
      level: 'province',
      isLeaf: false,
      fullName: '北京市',
    });
    const streets = await divisions('?parent=110101');
    const street = streets.items.find((item) => item.code === '110101001');
    assert.deepEqual(street, {
      code: '110101001',
      name: '东华门街道',
      level: 'township',
      isLeaf: true,
      fullName: '北京市东城区东华门街道',
    });
    assert.deepEqual(
      streets.ancestors.map((item) => item.code),
      ['11', '1101', '110101'],
    );
  });

  it('searches divisions by name and by code prefix', async () => {
    const byName = await divisions(`?q=${encodeURIComponent('东华门')}`);
    assert.ok(byName.items.some((item) => item.code === '110101001'));
    assert.deepEqual(byName.ancestors, []);
    const byCode = await divisions('?q=110101&limit=3');
    assert.deepEqual(
      byCode.items.map((item) => item.code),
      ['110101', '110101001', '110101002'],
    );
  });

  it('answers an unknown code with 404 and a malformed one with field errors', async () => {
    assert.equal((await get('/api/reference/industries?parent=9999')).statusCode, 404);
    assert.equal((await get('/api/reference/divisions?parent=999999')).statusCode, 404);
    for (const url of [
      '/api/reference/industries?parent=abc',
      '/api/reference/divisions?parent=1234567',
      '/api/reference/divisions?limit=0',
      '/api/reference/divisions?extra=1',
    ]) {
      const response = await get(url);
      assert.equal(response.statusCode, 400, url);
      assert.equal(json<{ error: { code: string } }>(response).error.code, 'VALIDATION_FAILED');
    }
  });

  it('needs a signed-in session', async () => {
    const response = await t.request({ url: '/api/reference/industries' });
    assert.equal(response.statusCode, 401);
  });
});
