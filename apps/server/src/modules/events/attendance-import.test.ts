// 导入签到名单 an online session's attendance list through the API on the demo district: the template (the
// import pipeline's, with the example row refused if left in), the preview of a dry run (what each row does),
// the import and its re-import, bad rows, and the roles that may not (leaders, contacts: 403; a secretary for
// an event not of their chamber: 404).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
// exceljs's parser with its UTF-8 decoding fixed, before exceljs itself loads.
import '../../core/office/exceljs-utf8.ts';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { AttendanceImportResult, EventView } from '@qinqing/shared';
import { ORIGIN, setupTestApp, type ErrorJson, type TestApp } from '../../test/harness.ts';
import { multipart, workbookOf } from '../../test/workbooks.ts';

describe('attendance import', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};

  const call = (who: string, method: 'GET' | 'POST', url: string, body?: unknown) =>
    t.request({ method, url, body, cookie: cookies[who] });

  before(async () => {
    t = await setupTestApp();
    for (const name of ['staff', 'leader', 'secretary', 'member'])
      cookies[name] = await t.sessionFor(await t.userId(name));
  });
  after(() => t.close());

  /** A district event (not the secretary's chamber's) with an online session and two registrations. */
  const onlineLecture = async () => {
    const response = await call('staff', 'POST', '/api/events', {
      title: `线上政策宣讲${randomUUID().slice(0, 6)}`,
      kind: 'lecture',
      sessions: [
        {
          startsAt: '2026-11-20T15:00:00+08:00',
          endsAt: '2026-11-20T16:30:00+08:00',
          onlineUrl: 'https://meeting.example.cn/j/123456',
        },
      ],
    });
    assert.equal(response.statusCode, 201, response.body);
    const event = (response.json() as { event: EventView }).event;
    for (const body of [
      { personName: '线上赵', mobile: '13900000191' },
      { personName: '线上钱', post: '财务经理' },
    ]) {
      const registered = await call('staff', 'POST', `/api/events/${event.id}/registrations`, body);
      assert.equal(registered.statusCode, 201, registered.body);
    }
    return event;
  };

  const upload = (who: string, sessionId: string, file: Buffer, dryRun: boolean) => {
    const { payload, contentType } = multipart('参会名单.xlsx', file);
    return t.app.inject({
      method: 'POST',
      url: `/api/event-sessions/${sessionId}/attendance-import${dryRun ? '?dryRun=true' : ''}`,
      headers: { host: 'localhost:80', origin: ORIGIN, cookie: cookies[who]!, 'content-type': contentType },
      payload,
    });
  };
  const attendances = async (eventId: string) => {
    const { rows } = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM event_attendances WHERE event_id = ${eventId}`,
    );
    return rows[0]!.n;
  };

  it('the template has the headers the import reads, and uploaded untouched its example row is refused', async () => {
    const response = await call('staff', 'GET', '/api/event-sessions/attendance-import-template.xlsx');
    assert.equal(response.statusCode, 200, response.body);
    assert.match(String(response.headers['content-disposition']), /attendance-import-template\.xlsx/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    assert.equal(sheet.name, '签到名单');
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), ['姓名', '手机号码', '单位']);
    assert.ok(workbook.getWorksheet('填写说明'), 'an instructions sheet');

    const event = await onlineLecture();
    const result = await upload('staff', event.sessions[0]!.id, response.rawPayload, false);
    assert.equal(result.statusCode, 200, result.body);
    const body = result.json() as AttendanceImportResult;
    assert.equal(body.recorded, 0);
    assert.deepEqual(
      body.rejected.map((r) => [r.row, r.reason]),
      [[2, '这是导入模板中的示例行，请删除后再导入']],
    );
    assert.equal(await attendances(event.id), 0);
  });

  it('a dry run previews every row (matched, walk-in) and writes nothing; the import records them; again, all already', async () => {
    const event = await onlineLecture();
    const session = event.sessions[0]!.id;
    const file = await workbookOf(
      ['序号', '姓名', '手机号码', '单位'],
      [
        [1, '线上赵', '13900000191', '某公司'],
        [2, '线上钱', null, null],
        [3, '未报名孙', '13900000193', null],
        [4, '号码错', '139000001', null],
      ],
    );
    const dry = await upload('staff', session, file, true);
    assert.equal(dry.statusCode, 200, dry.body);
    const preview = dry.json() as AttendanceImportResult;
    assert.equal(preview.dryRun, true);
    assert.deepEqual(
      preview.rows.map((r) => [r.row, r.personName, r.outcome]),
      [
        [2, '线上赵', 'matched'],
        [3, '线上钱', 'matched'],
        [4, '未报名孙', 'walk_in'],
      ],
    );
    assert.ok(preview.rows[0]!.registrationId, 'a matched row names its registration');
    assert.equal(preview.rows[2]!.registrationId, null, 'a dry run adds no walk-in');
    assert.deepEqual(
      preview.rejected.map((r) => [r.row, r.field]),
      [[5, '手机号码']],
    );
    assert.equal(await attendances(event.id), 0, 'a dry run writes nothing');

    const done = (await upload('staff', session, file, false)).json() as AttendanceImportResult;
    assert.deepEqual([done.recorded, done.walkIns, done.already], [3, 1, 0]);
    assert.ok(
      done.rows.every((r) => r.registrationId),
      'each recorded row names its registration',
    );
    assert.equal(await attendances(event.id), 3);
    const view = (await call('staff', 'GET', `/api/events/${event.id}`)).json() as { event: EventView };
    assert.equal(view.event.figures.personTimes, 3);
    assert.equal(view.event.sessions[0]!.attendance, 3);

    const again = (await upload('staff', session, file, false)).json() as AttendanceImportResult;
    assert.deepEqual([again.recorded, again.already], [0, 3]);
    assert.deepEqual(
      again.rows.map((r) => r.outcome),
      ['already', 'already', 'already'],
    );
    assert.equal(await attendances(event.id), 3, 'a re-import records nobody twice');
  });

  it('refuses a file without the headers, and a workbook that is not one, with a code and nothing recorded', async () => {
    const event = await onlineLecture();
    const session = event.sessions[0]!.id;
    const headless = await workbookOf(['名字', '电话'], [['线上赵', '13900000191']]);
    const refused = await upload('staff', session, headless, false);
    assert.equal(refused.statusCode, 400, refused.body);
    assert.equal((refused.json() as ErrorJson).error.details?.[0]?.code, 'HEADER_NOT_FOUND');
    const garbage = await upload('staff', session, Buffer.from('not a workbook at all'), false);
    assert.equal(garbage.statusCode, 400, garbage.body);
    assert.equal(await attendances(event.id), 0);
  });

  it('leaders and enterprise contacts may not import or take the template; a secretary may not import another unit’s event', async () => {
    const event = await onlineLecture();
    const session = event.sessions[0]!.id;
    const file = await workbookOf(['姓名', '手机号码'], [['线上赵', '13900000191']]);
    for (const who of ['leader', 'member']) {
      assert.equal((await upload(who, session, file, false)).statusCode, 403, who);
      assert.equal(
        (await call(who, 'GET', '/api/event-sessions/attendance-import-template.xlsx')).statusCode,
        403,
        who,
      );
    }
    assert.equal((await upload('secretary', session, file, false)).statusCode, 404);
    assert.equal(await attendances(event.id), 0);
  });
});
