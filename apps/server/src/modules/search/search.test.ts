// API tests of the search box (综合搜索): enterprises, people and chambers found by fragment, traditional
// characters, pinyin initials and full pinyin, credit-code prefix and (only with permission) mobile number;
// ranked exact → prefix → fragment; each kind within the caller's scope.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { json, setupTestApp, type TestApp } from '../../test/harness.ts';
import { buildRegistryWorld, worldUscc, type RegistryWorld } from '../../test/registry-world.ts';

interface ItemJson {
  kind: 'enterprise' | 'person' | 'chamber';
  id: string;
  title: string;
  subtitle: string | null;
  matchedBy: string;
  rank: number;
}

describe('search (综合搜索)', () => {
  let t: TestApp;
  let w: RegistryWorld;
  let zhangId: string;
  /** Every id of this test world: other districts' results are ignored where they could match too. */
  const ours = new Set<string>();

  const search = async (q: string, cookie = w.cookies.staff, extra = '') => {
    const response = await t.request({ url: `/api/search?q=${encodeURIComponent(q)}${extra}`, cookie });
    assert.equal(response.statusCode, 200, response.body);
    return json<{ items: ItemJson[] }>(response).items.filter((item) => ours.has(item.id));
  };
  const brief = (items: ItemJson[]) => items.map((i) => [i.kind, i.title, i.matchedBy, i.rank]);

  before(async () => {
    t = await setupTestApp();
    w = await buildRegistryWorld(t);
    for (const id of [...Object.values(w.enterprises), w.streetChamber, w.industryChamber, w.association])
      ours.add(id);
    const post = async (url: string, body: unknown) => {
      const response = await t.request({ method: 'POST', url, cookie: w.cookies.staff, body });
      assert.equal(response.statusCode, 201, response.body);
      const created = Object.values(json<Record<string, { id: string }>>(response))[0]!;
      ours.add(created.id);
      return created.id;
    };
    const enterprise = (name: string, serial: number, formerNames: string[] = []) =>
      post('/api/enterprises', { name, uscc: worldUscc(serial), orgUnitId: w.district, formerNames });
    await enterprise('华通', 11, ['老华通实业']);
    await enterprise('华通物流有限公司', 12, ['华通运输有限公司']);
    await enterprise('上海华通科技有限公司', 13);
    await post('/api/people', {
      name: '华通明',
      positions: [{ enterpriseId: w.enterprises.building, position: '总经理' }],
    });
    zhangId = await post('/api/people', {
      name: '张伟',
      mobile: '13912345678',
      positions: [{ enterpriseId: w.enterprises.smart, position: '董事长' }],
    });
  });
  after(() => t.close());

  it('finds a Chinese fragment', async () => {
    assert.deepEqual(brief(await search('智能')), [['enterprise', '长宁智能科技有限公司', 'name', 2]]);
  });

  it('folds traditional characters: 長寧 finds 长宁, enterprises and chambers alike (not the merged duplicate)', async () => {
    assert.deepEqual(brief(await search('長寧')), [
      ['enterprise', '长宁餐饮管理有限公司', 'name', 1],
      ['enterprise', '长宁智能科技有限公司', 'name', 1],
      ['chamber', '长宁街道商会', 'name', 1],
    ]);
  });

  it('finds by pinyin initials and by full pinyin', async () => {
    assert.deepEqual(brief(await search('cnzn')), [['enterprise', '长宁智能科技有限公司', 'initials', 1]]);
    assert.deepEqual(brief(await search('CNJDSH')), [['chamber', '长宁街道商会', 'initials', 0]]);
    assert.deepEqual(brief(await search('changningjiedao')), [['chamber', '长宁街道商会', 'pinyin', 1]]);
    assert.deepEqual(brief(await search('zhangwei')), [['person', '张伟', 'pinyin', 0]]);
    assert.deepEqual(brief(await search('yiyaoshanghui')), [['chamber', '测试区医药商会', 'pinyin', 2]]);
  });

  it('finds by credit-code prefix, and by the whole code first', async () => {
    const code = worldUscc(3);
    assert.deepEqual(brief(await search(code.slice(0, 17).toLowerCase())), [
      ['enterprise', '静安医药有限公司', 'uscc', 1],
    ]);
    assert.deepEqual(brief(await search(code)), [['enterprise', '静安医药有限公司', 'uscc', 0]]);
    const prefix = await search('91310105QQ000000', w.cookies.staff, '&limit=50');
    assert.equal(prefix.length, 5, 'serials 1–6 but the merged one; 11–13 differ in the 16th character');
    assert.ok(prefix.every((i) => i.kind === 'enterprise' && i.matchedBy === 'uscc'));
  });

  it('finds former names as such', async () => {
    assert.deepEqual(brief(await search('华通运输')), [['enterprise', '华通物流有限公司', 'former_name', 2]]);
  });

  it('finds mobile numbers only for users who may see them', async () => {
    assert.deepEqual(brief(await search('13800001111')), [
      ['enterprise', '长宁智能科技有限公司', 'mobile', 0],
    ]);
    assert.deepEqual(brief(await search('13912345678', w.cookies.leader)), [['person', '张伟', 'mobile', 0]]);
    assert.deepEqual(await search('13800001111', w.cookies.secretary), []);
    assert.deepEqual(await search('13912345678', w.cookies.secretary), []);
    const person = (await search('zhangwei', w.cookies.secretary))[0];
    assert.equal(person?.id, zhangId);
    assert.doesNotMatch(JSON.stringify(person), /13912345678/, 'a result never shows the number');
  });

  it('ranks exact before prefix before fragment, across kinds', async () => {
    const expected = [
      ['enterprise', '华通', 'name', 0],
      ['enterprise', '华通物流有限公司', 'name', 1],
      ['person', '华通明', 'name', 1],
      ['enterprise', '上海华通科技有限公司', 'name', 2],
    ];
    assert.deepEqual(brief(await search('华通')), expected);
    assert.deepEqual(
      brief(await search('ht')),
      expected.map(([kind, title, , rank]) => [kind, title, 'initials', rank]),
    );
    const [person] = (await search('华通明')).filter((i) => i.kind === 'person');
    assert.equal(person?.subtitle, '测试区建材有限公司 · 总经理');
    assert.equal((await search('华通', w.cookies.staff, '&limit=2')).length, 2);
  });

  it('keeps every kind within the caller’s scope', async () => {
    assert.deepEqual(
      brief(await search('长宁', w.cookies.secretary)).map(([kind, title]) => [kind, title]),
      [
        ['enterprise', '长宁餐饮管理有限公司'],
        ['enterprise', '长宁智能科技有限公司'],
        ['chamber', '长宁街道商会'],
      ],
    );
    assert.deepEqual(
      brief(await search('长宁', w.cookies.contact)).map(([kind, title]) => [kind, title]),
      [['enterprise', '长宁智能科技有限公司']],
    );
    assert.deepEqual(await search('长宁', w.cookies.liaison), []);
    assert.deepEqual(await search('长宁', w.cookies.outsiderStaff), []);
    assert.deepEqual(await search('华通', w.cookies.outsiderSecretary), []);
    assert.equal((await search('华通', w.cookies.leader)).length, 4);
  });

  it('refuses an empty or over-long query and unknown parameters with 400', async () => {
    for (const query of ['', '?q=', `?q=${'长'.repeat(101)}`, '?q=x&limit=0', '?q=x&kind=person']) {
      const response = await t.request({ url: `/api/search${query}`, cookie: w.cookies.staff });
      assert.equal(response.statusCode, 400, query);
      assert.equal(response.json().error.code, 'VALIDATION_FAILED');
    }
  });
});
