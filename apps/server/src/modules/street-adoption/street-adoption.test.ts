// API tests of 小巷管家: a street's segments added and imported from .xlsx (template, dry run, rejected rows
// with their row numbers, a re-import that creates nothing twice), adoption by an enterprise or a person
// (a second adoption of one segment is 409) and its end, coverage by street and district moving with
// them (and the measures agreeing), matters and 12345 hotline cases with their person-times, and who may
// and may not.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  MeasureValues,
  StreetCoverage,
  StreetImportResult,
  StreetMatterView,
  StreetSegmentView,
  VolunteerView,
} from '@qinqing/shared';
import {
  createAccount,
  json,
  ORIGIN,
  orgUnitId,
  setupTestApp,
  type ErrorJson,
  type TestApp,
} from '../../test/harness.ts';
import { multipart, sheetRows, workbookOf } from '../../test/workbooks.ts';
import { findOrgUnit } from '../org-units/repository.ts';
import { insertOrgUnit } from '../org-units/service.ts';

const HEADERS = ['类型', '名称', '起止点', '长度（米）'] as const;

describe('street adoption (小巷管家)', () => {
  let t: TestApp;
  const cookies = {} as Record<'staff' | 'leader' | 'secretary' | 'liaison' | 'member' | 'sysadmin', string>;
  let district: string;
  let street: string;
  let enterprise: string;
  let person: string;

  const query = async <T>(text: string, values: unknown[] = []) =>
    (await t.database.pool.query(text, values)).rows as T[];
  const count = async (table: string) =>
    (await query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  const post = (url: string, body: unknown, cookie = cookies.staff) =>
    t.request({ method: 'POST', url, cookie, body });
  const errorOf = (response: { body: string }) => JSON.parse(response.body) as ErrorJson;
  const upload = (content: Buffer, queryString: string, cookie = cookies.staff) => {
    const { payload, contentType } = multipart('主街小巷.xlsx', content);
    return t.app.inject({
      method: 'POST',
      url: `/api/street-segments/import${queryString}`,
      headers: { host: 'localhost:80', origin: ORIGIN, cookie, 'content-type': contentType },
      payload,
    });
  };
  const coverage = async (unit: string, cookie = cookies.staff) => {
    const response = await t.request({ url: `/api/street-coverage?orgUnitId=${unit}`, cookie });
    assert.equal(response.statusCode, 200, response.body);
    return json<StreetCoverage>(response);
  };
  const segments = async () =>
    json<{ items: StreetSegmentView[]; total: number }>(
      await t.request({
        url: `/api/street-segments?streetOrgUnitId=${street}&pageSize=500`,
        cookie: cookies.staff,
      }),
    );

  before(async () => {
    t = await setupTestApp();
    for (const name of ['staff', 'leader', 'secretary', 'liaison', 'member', 'sysadmin'] as const)
      cookies[name] = await t.signIn(name);
    district = await orgUnitId(t, '示例区工商联');
    // A street of its own, so the demo's streets do not move the counts this test reads.
    const parent = await findOrgUnit(t.database.db, district);
    street = (
      await insertOrgUnit(t.database.db, parent!, {
        kind: 'street',
        name: '测试街道工商联',
        code: '110105099',
      })
    ).id;
    enterprise = (await query<{ id: string }>('SELECT id FROM enterprises ORDER BY id LIMIT 1'))[0]!.id;
    person = (await query<{ id: string }>('SELECT id FROM people ORDER BY id LIMIT 1'))[0]!.id;
  });
  after(() => t.close());

  const rows = [
    ['主街', '测试大街', '北口至南口', 1200],
    ['小巷', '测试一巷', '测试大街至河边', 300],
    ['小巷', '测试二巷', null, null],
    ['胡同', '测试三条', null, 180],
    ['大道', '坏类型路', null, null],
    ['小巷', '测试一巷', '重复的行', 10],
    ['小巷', '负长度巷', null, -5],
    ['小巷', null, '没有名称', null],
  ];

  it('imports a street’s list: dry run writes nothing, bad rows are reported by row, a re-import creates nothing twice', async () => {
    const file = await workbookOf([...HEADERS], rows);
    const before = await count('street_segments');
    const dry = await upload(file, `?streetOrgUnitId=${street}&dryRun=true`);
    assert.equal(dry.statusCode, 200, dry.body);
    const dryResult = json<StreetImportResult>(dry);
    assert.deepEqual(dryResult.counts, { created: 4, updated: 0, unchanged: 0, rejected: 4 });
    assert.equal(await count('street_segments'), before);
    assert.deepEqual(
      dryResult.rejected.map((row) => [row.row, row.field]),
      [
        [6, '类型'],
        [7, '名称'],
        [8, '长度（米）'],
        [9, '名称'],
      ],
    );
    assert.match(dryResult.rejected[1]!.reason, /与第 3 行重复/);

    const real = json<StreetImportResult>(await upload(file, `?streetOrgUnitId=${street}`));
    assert.deepEqual(real.counts, { created: 4, updated: 0, unchanged: 0, rejected: 4 });
    assert.equal(await count('street_segments'), before + 4);
    const imported = await segments();
    assert.deepEqual(imported.items[0]?.name, '测试大街');
    assert.deepEqual(
      imported.items.map((s) => `${s.kind}:${s.name}`).sort(),
      ['alley:测试一巷', 'alley:测试三条', 'alley:测试二巷', 'main_street:测试大街'].sort(),
    );
    const audits = await count("audit_events WHERE action = 'street_segment.imported'");
    assert.equal(audits, 1);

    const again = json<StreetImportResult>(await upload(file, `?streetOrgUnitId=${street}`));
    assert.deepEqual(again.counts, { created: 0, updated: 0, unchanged: 4, rejected: 4 });
    assert.equal(await count('street_segments'), before + 4);
    assert.equal(await count("audit_events WHERE action = 'street_segment.imported'"), 1);

    // A changed extent updates the row; a blank cell keeps what is stored.
    const changed = await workbookOf([...HEADERS], [['主街', '测试大街', '北口至东口', null]]);
    const update = json<StreetImportResult>(await upload(changed, `?streetOrgUnitId=${street}`));
    assert.deepEqual(update.counts, { created: 0, updated: 1, unchanged: 0, rejected: 0 });
    const main = (await segments()).items.find((s) => s.name === '测试大街')!;
    assert.equal(main.extent, '北口至东口');
    assert.equal(main.lengthM, 1200);
  });

  it('hands out a template whose example row is refused, and refuses what is not a workbook', async () => {
    const response = await t.request({
      url: '/api/street-segments/import-template.xlsx',
      cookie: cookies.staff,
    });
    assert.equal(response.statusCode, 200);
    const [header] = await sheetRows(response.rawPayload);
    assert.deepEqual(header, [...HEADERS]);
    const asIs = json<StreetImportResult>(await upload(response.rawPayload, `?streetOrgUnitId=${street}`));
    assert.equal(asIs.counts.rejected, 1);
    assert.match(asIs.rejected[0]!.reason, /示例行/);
    const notXlsx = await upload(Buffer.from('这不是 Excel'), `?streetOrgUnitId=${street}`);
    assert.equal(notXlsx.statusCode, 400);
    assert.equal(errorOf(notXlsx).error.details?.[0]?.code, 'NOT_XLSX');
    const noHeader = await upload(await workbookOf(['甲', '乙'], [['1', '2']]), `?streetOrgUnitId=${street}`);
    assert.equal(errorOf(noHeader).error.details?.[0]?.code, 'HEADER_NOT_FOUND');
    // Only a street: the district is not one.
    const district_ = await upload(await workbookOf([...HEADERS], rows), `?streetOrgUnitId=${district}`);
    assert.equal(district_.statusCode, 404);
  });

  it('adds one segment, refusing a duplicate and a unit that is not a street', async () => {
    const created = await post('/api/street-segments', {
      streetOrgUnitId: street,
      kind: 'alley',
      name: '测试四巷',
      lengthM: 150,
    });
    assert.equal(created.statusCode, 201, created.body);
    const duplicate = await post('/api/street-segments', {
      streetOrgUnitId: street,
      kind: 'alley',
      name: '测试四巷',
    });
    assert.equal(duplicate.statusCode, 409);
    assert.equal(errorOf(duplicate).error.details?.[0]?.code, 'SEGMENT_EXISTS');
    const notStreet = await post('/api/street-segments', {
      streetOrgUnitId: district,
      kind: 'alley',
      name: '某巷',
    });
    assert.equal(notStreet.statusCode, 400);
    assert.equal(errorOf(notStreet).error.details?.[0]?.path, 'streetOrgUnitId');
    const badKind = await post('/api/street-segments', {
      streetOrgUnitId: street,
      kind: 'road',
      name: '某巷',
    });
    assert.equal(badKind.statusCode, 400);
    assert.equal(errorOf(badKind).error.details?.[0]?.path, 'kind');
  });

  let alley: StreetSegmentView;

  it('an alley adopted moves the street’s and the district’s coverage; a second adoption is 409', async () => {
    const start = await coverage(street);
    assert.deepEqual([start.totals.segments, start.totals.adopted, start.totals.coverage], [5, 0, 0]);
    const districtBefore = await coverage(district);
    alley = (await segments()).items.find((s) => s.name === '测试一巷')!;
    const adopted = await post(`/api/street-segments/${alley.id}/adoptions`, {
      enterpriseId: enterprise,
      adoptedOn: '2026-11-01',
    });
    assert.equal(adopted.statusCode, 201, adopted.body);
    alley = json<{ segment: StreetSegmentView }>(adopted).segment;
    assert.equal(alley.adoption?.adopterEnterpriseId, enterprise);
    const after = await coverage(street);
    assert.deepEqual(
      [after.totals.alleys, after.totals.alleysAdopted, after.totals.adopted, after.totals.coverage],
      [4, 1, 1, 0.2],
    );
    const districtAfter = await coverage(district);
    assert.equal(districtAfter.totals.adopted, districtBefore.totals.adopted + 1);
    const row = districtAfter.streets.find((s) => s.orgUnitId === street)!;
    assert.equal(row.coverage, 0.2);

    const before = await count('street_adoptions');
    const second = await post(`/api/street-segments/${alley.id}/adoptions`, {
      personId: person,
      adoptedOn: '2026-11-02',
    });
    assert.equal(second.statusCode, 409);
    assert.equal(errorOf(second).error.details?.[0]?.code, 'SEGMENT_ALREADY_ADOPTED');
    const both = await post(`/api/street-segments/${alley.id}/adoptions`, {
      enterpriseId: enterprise,
      personId: person,
      adoptedOn: '2026-11-02',
    });
    assert.equal(both.statusCode, 400);
    const future = await post(`/api/street-segments/${alley.id}/adoptions`, {
      personId: person,
      adoptedOn: '2027-01-01',
    });
    assert.equal(errorOf(future).error.details?.[0]?.code, 'DATE_IN_FUTURE');
    assert.equal(await count('street_adoptions'), before);

    // Ended, the segment is free again; coverage drops; another adopter takes it.
    const ended = await post(`/api/street-adoptions/${alley.adoption!.id}/end`, {
      endedOn: '2026-11-20',
      reason: '企业迁出本街道',
    });
    assert.equal(ended.statusCode, 200, ended.body);
    assert.equal((await coverage(street)).totals.adopted, 0);
    const endedTwice = await post(`/api/street-adoptions/${alley.adoption!.id}/end`, {
      endedOn: '2026-11-20',
      reason: 'x',
    });
    assert.equal(endedTwice.statusCode, 409);
    const byPerson = await post(`/api/street-segments/${alley.id}/adoptions`, {
      personId: person,
      adoptedOn: '2026-11-21',
    });
    assert.equal(byPerson.statusCode, 201, byPerson.body);
    alley = json<{ segment: StreetSegmentView }>(byPerson).segment;
    assert.equal(alley.adoption?.adopterPersonId, person);
    assert.equal((await coverage(street)).totals.adopted, 1);
    const actions = await query<{ action: string }>(
      `SELECT action FROM audit_events WHERE action LIKE 'street_adoption.%' ORDER BY seq`,
    );
    assert.deepEqual(actions.map((a) => a.action).slice(-3), [
      'street_adoption.created',
      'street_adoption.ended',
      'street_adoption.created',
    ]);
  });

  it('records matters and 12345 hotline cases with the people who helped (人次)', async () => {
    const volunteer = json<{ volunteer: VolunteerView }>(
      await post('/api/volunteers', { enterpriseId: enterprise, name: '小巷志愿者', partyMember: true }),
    ).volunteer;
    const matter = await post('/api/street-matters', {
      segmentId: alley.id,
      handledOn: '2026-11-25',
      kind: 'sanitation',
      description: '清理巷内堆放杂物',
    });
    assert.equal(matter.statusCode, 201, matter.body);
    const hotline = await post('/api/street-matters', {
      segmentId: alley.id,
      handledOn: '2026-11-26',
      kind: 'order',
      description: '协助处理居民反映的占道经营',
      hotlineCaseNumber: 'BJ12345-2026-0001',
      helpers: [{ volunteerId: volunteer.id }, { name: '王大爷' }],
    });
    assert.equal(hotline.statusCode, 201, hotline.body);
    const view = json<{ matter: StreetMatterView }>(hotline).matter;
    assert.deepEqual(view.helpers, [
      { name: '小巷志愿者', volunteerId: volunteer.id },
      { name: '王大爷', volunteerId: null },
    ]);
    const before = await count('street_matters');
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { hotlineCaseNumber: 'BJ12345-2026-0001', helpers: [{ name: '李四' }] },
        'hotlineCaseNumber',
        'HOTLINE_CASE_EXISTS',
      ],
      [{ hotlineCaseNumber: 'BJ12345-2026-0002' }, 'helpers', 'HELPERS_REQUIRED'],
      [{ helpers: [{ name: '甲', volunteerId: volunteer.id }] }, 'helpers.0', 'HELPER_REQUIRED'],
      [{ handledOn: '2026-12-25' }, 'handledOn', 'DATE_IN_FUTURE'],
    ];
    for (const [change, path, code] of cases) {
      const response = await post('/api/street-matters', {
        segmentId: alley.id,
        handledOn: '2026-11-27',
        kind: 'other',
        description: '某事',
        ...change,
      });
      assert.ok([400, 409].includes(response.statusCode), response.body);
      assert.equal(errorOf(response).error.details?.[0]?.path, path);
      assert.equal(errorOf(response).error.details?.[0]?.code, code);
    }
    const badCase = await post('/api/street-matters', {
      segmentId: alley.id,
      handledOn: '2026-11-27',
      kind: 'other',
      description: '某事',
      hotlineCaseNumber: '工单 1',
      helpers: [{ name: '甲' }],
    });
    assert.equal(errorOf(badCase).error.details?.[0]?.path, 'hotlineCaseNumber');
    assert.equal(await count('street_matters'), before);

    const list = json<{
      items: StreetMatterView[];
      total: number;
      hotlineCases: number;
      hotlinePersonTimes: number;
    }>(await t.request({ url: `/api/street-matters?orgUnitId=${street}`, cookie: cookies.staff }));
    assert.deepEqual([list.total, list.hotlineCases, list.hotlinePersonTimes], [2, 1, 2]);
    const hotlineOnly = json<{ items: StreetMatterView[] }>(
      await t.request({ url: `/api/street-matters?orgUnitId=${street}&hotline=true`, cookie: cookies.staff }),
    );
    assert.deepEqual(
      hotlineOnly.items.map((m) => m.hotlineCaseNumber),
      ['BJ12345-2026-0001'],
    );
    const streetCoverage = await coverage(street);
    assert.deepEqual(
      [
        streetCoverage.totals.matters,
        streetCoverage.totals.hotlineCases,
        streetCoverage.totals.hotlinePersonTimes,
      ],
      [2, 1, 2],
    );
  });

  it('the measures count as the coverage page does', async () => {
    const response = await t.request({
      url: `/api/measures/values?ids=streets.segments,streets.adopted,streets.coverage,streets.matters,streets.hotlineCases,streets.hotlinePersonTimes&orgUnitId=${street}&from=2026-11-01&to=2026-11-30`,
      cookie: cookies.leader,
    });
    assert.equal(response.statusCode, 200, response.body);
    const values = Object.fromEntries(
      json<MeasureValues>(response).items.map((item) => [item.id, item.value]),
    );
    assert.deepEqual(values, {
      'streets.segments': 5,
      'streets.adopted': 1,
      'streets.coverage': 0.2,
      'streets.matters': 2,
      'streets.hotlineCases': 1,
      'streets.hotlinePersonTimes': 2,
    });
    // At the end of October nothing was adopted yet and nothing handled.
    const october = await t.request({
      url: `/api/measures/values?ids=streets.adopted,streets.matters&orgUnitId=${street}&from=2026-10-01&to=2026-10-31`,
      cookie: cookies.leader,
    });
    assert.deepEqual(
      json<MeasureValues>(october).items.map((item) => item.value),
      [0, 0],
    );
  });

  it('leaders read; secretaries, contacts, liaisons and administrators see none; another street’s staff get 404', async () => {
    assert.equal(
      (await coverage(district, cookies.leader)).streets.some((s) => s.orgUnitId === street),
      true,
    );
    assert.equal(
      (
        await post(
          `/api/street-segments/${alley.id}/adoptions`,
          { personId: person, adoptedOn: '2026-11-01' },
          cookies.leader,
        )
      ).statusCode,
      403,
    );
    for (const cookie of [cookies.secretary, cookies.member, cookies.liaison, cookies.sysadmin]) {
      assert.equal(
        (await t.request({ url: `/api/street-coverage?orgUnitId=${district}`, cookie })).statusCode,
        403,
      );
      assert.equal(
        (await t.request({ url: `/api/street-segments?streetOrgUnitId=${street}`, cookie })).statusCode,
        403,
      );
    }
    const west = await orgUnitId(t, '西山街道工商联');
    await createAccount(t, { username: 'west-streets', orgUnitId: west, roles: ['federation_staff'] });
    const cookie = await t.signIn('west-streets');
    assert.equal(
      (await t.request({ url: `/api/street-segments?streetOrgUnitId=${street}`, cookie })).statusCode,
      404,
    );
    assert.equal(
      (await t.request({ url: `/api/street-coverage?orgUnitId=${street}`, cookie })).statusCode,
      404,
    );
    const adopt = await post(
      `/api/street-segments/${alley.id}/adoptions`,
      { personId: person, adoptedOn: '2026-11-01' },
      cookie,
    );
    assert.equal(adopt.statusCode, 404);
    const matter = await post(
      '/api/street-matters',
      { segmentId: alley.id, handledOn: '2026-11-01', kind: 'other', description: 'x' },
      cookie,
    );
    assert.equal(errorOf(matter).error.details?.[0]?.path, 'segmentId');
    const imported = await upload(await workbookOf([...HEADERS], rows), `?streetOrgUnitId=${street}`, cookie);
    assert.equal(imported.statusCode, 404);
  });
});
