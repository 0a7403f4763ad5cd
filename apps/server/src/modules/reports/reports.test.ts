// 报告 reports: each type generated on a district of hand-made records (figures equal to the counts worked
// out below, sentences that carry them), the hash that follows the counted records and nothing else,
// revisions, commentary edits, the .docx's GB/T 9704 layout read from its XML, the scheduler's period-end
// reports, bad input, and who may not.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import type { ReportSummary, ReportView } from '@qinqing/shared';
import { unzipParts } from '../../test/zips.ts';
import { json, orgUnitId, setupTestApp, type TestApp, type ErrorJson } from '../../test/harness.ts';
import { reportQueueOf } from './generation.ts';
import { PERIOD_END_TASK } from './schedule.ts';
import {
  afterMasthead,
  at,
  buildReportWorld,
  documentText,
  downloadDocx,
  reportView,
  requestReport,
  type ReportWorld,
} from '../../test/report-world.ts';

describe('reports (报告)', () => {
  let t: TestApp;
  let pool: pg.Pool;
  let unit: ReportWorld['unit'];
  let appeal: ReportWorld['appeal'];
  let cookies: ReportWorld['cookies'];

  const generate = (body: Record<string, unknown>, cookie = cookies.staff!) => requestReport(t, cookie, body);
  const view = (id: string, cookie = cookies.staff!) => reportView(t, id, cookie);
  const download = (id: string, cookie = cookies.staff!) => downloadDocx(t, id, cookie);
  const regenerate = async (id: string) => {
    const response = await t.request({
      method: 'POST',
      url: `/api/reports/${id}/regenerate`,
      cookie: cookies.staff,
    });
    assert.equal(response.statusCode, 202, response.body);
    await reportQueueOf(t.ctx).idle();
    return view(json<{ reportId: string }>(response).reportId);
  };
  const figure = (report: ReportView, key: string) => {
    const found = report.figures.find((f) => f.key === key);
    assert.ok(found, `no figure ${key}`);
    return found;
  };

  before(async () => {
    t = await setupTestApp();
    pool = t.database.pool;
    ({ unit, appeal, cookies } = await buildReportWorld(t));
  });

  after(() => t.close());

  describe('the quarterly special report (季度专报)', () => {
    let report: ReportView;

    before(async () => {
      report = await view(
        await generate({ type: 'special-difficulties', orgUnitId: unit.district, period: '2026-Q3' }),
      );
    });

    it('is ready, with the figures counted from the records', () => {
      assert.equal(report.status, 'ready', report.error ?? '');
      assert.equal(report.revision, 1);
      assert.equal(report.latest, true);
      assert.equal(report.from, '2026-07-01');
      assert.equal(report.to, '2026-09-30');
      assert.equal(report.title, '2026年第三季度会员企业困难问题调研报告');
      assert.match(report.dataHash ?? '', /^[0-9a-f]{64}$/);
      const values = Object.fromEntries(report.figures.map((f) => [f.key, f.value]));
      assert.deepEqual(values, {
        'members.active': 3,
        'members.joined': 1,
        'members.left': 1,
        'visits.done': 3,
        'visits.enterprises': 2,
        'visits.coverage': 2 / 3,
        'appeals.received': 6,
        'appeals.enterprises': 3,
        'appeals.valid': 5,
        'appeals.forwarded': 4,
        'appeals.resolved': 2,
        'appeals.resolutionRate': 0.4,
        // Responded on time: a1 and a2 of three responded and one still pending past its deadline.
        'appeals.responseRate': 0.5,
        'appeals.satisfactionRate': 1,
        // On time a1; late a4; a5 open and overdue.
        'appeals.onTimeRate': 0.3333,
        'appeals.overdue': 1,
        'suggestions.submitted': 2,
        'suggestions.adopted': 1,
      });
      assert.equal(figure(report, 'visits.coverage').text, '66.7%');
      assert.equal(figure(report, 'appeals.received').text, '6条');
    });

    it('links every figure to the list of records behind it', () => {
      assert.equal(
        figure(report, 'appeals.resolved').link,
        `/appeals?orgUnitId=${unit.district}&from=2026-07-01&to=2026-09-30&outcome=resolved`,
      );
      assert.equal(
        figure(report, 'visits.done').link,
        `/visits?orgUnitId=${unit.district}&status=done&from=2026-07-01&to=2026-09-30`,
      );
      assert.equal(
        figure(report, 'members.active').link,
        `/enterprises?orgUnitId=${unit.district}&status=active`,
      );
      assert.equal(
        figure(report, 'suggestions.submitted').link,
        '/suggestions?from=2026-07-01&to=2026-09-30',
      );
      for (const f of report.figures) assert.ok(f.link?.startsWith('/'), f.key);
    });

    it('ranks the categories with representative cases, and the departments', () => {
      assert.deepEqual(
        report.categories.map((c) => [c.code, c.received, c.resolved]),
        [
          ['financing', 3, 1],
          ['social_insurance', 2, 1],
          ['tax', 1, 0],
        ],
      );
      const financing = report.categories[0]!;
      assert.equal(financing.share, 0.5);
      // The invalid appeal is no case; the resolved one comes first, with its department and answer.
      assert.deepEqual(
        financing.cases.map((c) => c.title),
        ['流动资金贷款续贷困难', '申请贴息贷款'],
      );
      assert.equal(
        financing.cases[0]!.handling,
        '经转交报告测试区金融办办理，已解决（办理结果：已协调合作银行办理续贷200万元）',
      );
      assert.equal(financing.cases[1]!.handling, '已转交报告测试区金融办，正在办理中');
      assert.equal(
        financing.link,
        `/appeals?orgUnitId=${unit.district}&from=2026-07-01&to=2026-09-30&category=financing`,
      );
      assert.deepEqual(
        report.departments.map((d) => [
          d.name,
          d.forwards,
          d.respondedOnTime,
          d.resolved,
          d.satisfactionRate,
        ]),
        [
          ['报告测试区金融办', 2, 2, 1, 1],
          ['报告测试区人力资源社会保障局', 2, 0, 1, 1],
        ],
      );
    });

    it('writes the figures as a federation writes them', async () => {
      const text = documentText(await download(report.id));
      assert.match(text, /^000001报告测试区工商联专报2026年第3期报告测试区工商联编\d{4}年\d{1,2}月\d{1,2}日/);
      assert.ok(afterMasthead(text).startsWith('2026年第三季度会员企业困难问题调研报告'), text.slice(0, 80));
      assert.ok(
        text.includes(
          '本季度共收集会员企业诉求6条，涉及企业3家，其中有效诉求5条，转交职能部门办理4条；已解决2条，解决率40.0%；响应率50.0%，满意率100.0%，按时办结率33.3%。目前超期未办结1条',
        ),
        text,
      );
      assert.ok(text.includes('本季度共走访会员企业3次，覆盖企业2家，会员企业走访覆盖率66.7%。'), text);
      assert.ok(
        text.includes('从诉求类别看，融资类诉求最多，共3条，占50.0%；其次是社保类2条、税务类1条。'),
        text,
      );
      assert.ok(
        text.includes(
          '（一）融资方面。共3条，占诉求总数的50.0%，已解决1条。如报告测试企业e1有限公司反映“流动资金贷款续贷困难”',
        ),
        text,
      );
      assert.ok(
        text.includes(
          '本季度共向2个职能部门转交诉求4件次，按时响应2件次，响应率50.0%，部门办理已解决2件次，满意率100.0%。',
        ),
        text,
      );
      for (const heading of [
        '一、基本情况',
        '二、企业反映的主要困难和问题',
        '三、诉求办理情况',
        '四、原因分析',
        '五、意见建议',
        '六、下步工作打算',
      ])
        assert.ok(text.includes(heading), heading);
      assert.match(
        text,
        /四、原因分析本季度暂未形成需要单独报告的原因分析。五、意见建议本季度暂无新增意见建议。六、下步工作打算下步工作按既定安排推进。报告测试区工商联\d{4}年\d{1,2}月\d{1,2}日$/,
      );
      assert.ok(!text.includes('待补充'), text);
    });
  });

  it('generates the weekly, monthly and quarterly reports with their own periods', async () => {
    // 2026-W36 is 31 August to 6 September: a week across two months.
    const weekly = await view(
      await generate({ type: 'weekly', orgUnitId: unit.district, period: '2026-W36' }),
    );
    assert.equal(weekly.status, 'ready', weekly.error ?? '');
    assert.deepEqual([weekly.from, weekly.to], ['2026-08-31', '2026-09-06']);
    assert.equal(figure(weekly, 'appeals.received').value, 1);
    assert.equal(figure(weekly, 'visits.done').value, 1);
    const weeklyText = documentText(await download(weekly.id));
    assert.ok(
      afterMasthead(weeklyText).startsWith('报告测试区工商联工作周报（2026年第36周：8月31日—9月6日）'),
      weeklyText.slice(0, 60),
    );
    assert.ok(weeklyText.includes('本周共收集会员企业诉求1条，涉及企业1家'), weeklyText);
    assert.ok(weeklyText.includes('诉求主要集中在社保（1条）等方面。'), weeklyText);
    assert.ok(weeklyText.includes('四、下周工作安排'), weeklyText);

    const monthly = await view(
      await generate({ type: 'monthly', orgUnitId: unit.district, period: '2026-08' }),
    );
    assert.equal(figure(monthly, 'appeals.received').value, 2);
    assert.equal(figure(monthly, 'appeals.enterprises').value, 1);
    assert.equal(figure(monthly, 'members.joined').value, 1);
    const monthlyText = documentText(await download(monthly.id));
    assert.ok(afterMasthead(monthlyText).startsWith('报告测试区工商联2026年8月工作总结'));
    assert.ok(monthlyText.includes('本月共收集会员企业诉求2条，涉及企业1家，其中有效诉求2条'), monthlyText);
    assert.ok(monthlyText.includes('本月新入会1家，退会0家'), monthlyText);

    const quarterly = await view(
      await generate({ type: 'quarterly', orgUnitId: unit.district, period: '2026-Q3' }),
    );
    assert.equal(figure(quarterly, 'appeals.resolved').value, 2);
    const quarterlyText = documentText(await download(quarterly.id));
    assert.ok(afterMasthead(quarterlyText).startsWith('报告测试区工商联2026年第三季度工作考核情况报告'));
    assert.ok(
      quarterlyText.includes('（五）主要指标完成情况。详见下表。序号考核指标完成情况'),
      quarterlyText,
    );
    assert.ok(quarterlyText.includes('本季度共收集会员企业诉求6条'), quarterlyText);

    // A street's report counts its own subtree only.
    const street = await view(await generate({ type: 'quarterly', orgUnitId: unit.s2, period: '2026-Q3' }));
    assert.equal(figure(street, 'appeals.received').value, 2);
    assert.equal(figure(street, 'members.active').value, 1);
  });

  it('keeps the hash while the counted records stay, changes it when one changes; revisions add up', async () => {
    const first = await view(
      await generate({ type: 'special-difficulties', orgUnitId: unit.district, period: '2026-Q2' }),
    );
    const again = await regenerate(first.id);
    assert.equal(again.revision, 2);
    assert.equal(again.dataHash, first.dataHash);
    // Records outside the period or the unit change: the hash stays.
    await pool.query("UPDATE appeals SET title = '十月的诉求（改）', version = version + 1 WHERE id = $1", [
      appeal.a7,
    ]);
    await pool.query(
      "UPDATE appeals SET description = '别处', version = version + 1 WHERE org_unit_id <> ALL ($1::uuid[])",
      [[unit.district, unit.s1, unit.s2]],
    );
    const q3 = await view(
      await generate({ type: 'special-difficulties', orgUnitId: unit.district, period: '2026-Q3' }),
    );
    const q3Again = await regenerate(q3.id);
    assert.equal(q3Again.dataHash, q3.dataHash);
    // A counted appeal changes (its figures do not): the hash moves.
    await pool.query("UPDATE appeals SET description = '补充材料', version = version + 1 WHERE id = $1", [
      appeal.a6,
    ]);
    const changed = await regenerate(q3.id);
    assert.notEqual(changed.dataHash, q3.dataHash);
    assert.equal(figure(changed, 'appeals.resolved').value, 2);
    // A counted appeal is resolved: hash and figures move.
    await pool.query(
      "UPDATE appeals SET outcome = 'resolved', answered_at = $2, version = version + 1 WHERE id = $1",
      [appeal.a6, at('2026-09-01')],
    );
    const resolved = await regenerate(q3.id);
    assert.notEqual(resolved.dataHash, changed.dataHash);
    assert.equal(figure(resolved, 'appeals.resolved').value, 3);
    // The overdue mark is set without a version: the hash still sees it.
    await pool.query('UPDATE appeals SET overdue = false, updated_at = now() WHERE id = $1', [appeal.a5]);
    const unmarked = await regenerate(q3.id);
    assert.notEqual(unmarked.dataHash, resolved.dataHash);
    assert.equal(figure(unmarked, 'appeals.overdue').value, 0);
    await pool.query('UPDATE appeals SET outcome = NULL, answered_at = NULL WHERE id = $1', [appeal.a6]);
    await pool.query('UPDATE appeals SET overdue = true WHERE id = $1', [appeal.a5]);

    const revisions = unmarked.versions.map((v) => v.revision);
    assert.deepEqual(
      revisions,
      [...revisions].sort((a, b) => b - a),
    );
    assert.ok(revisions[0]! >= 6);
    assert.equal(new Set(revisions).size, revisions.length);
    const older = await view(q3.id);
    assert.equal(older.latest, false);
    assert.equal(older.status, 'ready');
  });

  describe('commentary (评述)', () => {
    it('edits the sections on the newest revision, re-renders the .docx and keeps the figures', async () => {
      const id = await generate({
        type: 'special-difficulties',
        orgUnitId: unit.district,
        period: '2026-Q1',
      });
      const before = await view(id);
      const response = await t.request({
        method: 'PUT',
        url: `/api/reports/${id}/commentary`,
        cookie: cookies.staff,
        body: {
          version: before.version,
          sections: { suggestions: '一是加大融资支持力度。\n二是优化稳岗返还流程。' },
        },
      });
      assert.equal(response.statusCode, 200, response.body);
      const after = json<ReportView>(response);
      assert.equal(after.version, before.version + 1);
      assert.equal(
        after.commentary.find((s) => s.key === 'suggestions')!.text,
        '一是加大融资支持力度。\n二是优化稳岗返还流程。',
      );
      assert.deepEqual(after.figures, before.figures);
      assert.equal(after.dataHash, before.dataHash);
      const text = documentText(await download(id));
      assert.ok(
        text.includes(
          '五、意见建议一是加大融资支持力度。二是优化稳岗返还流程。六、下步工作打算下步工作按既定安排推进。',
        ),
        text,
      );

      // A stale version is refused; so is a section the type does not have.
      const stale = await t.request({
        method: 'PUT',
        url: `/api/reports/${id}/commentary`,
        cookie: cookies.staff,
        body: { version: before.version, sections: { analysis: '原因' } },
      });
      assert.equal(stale.statusCode, 409);
      assert.equal(json<ErrorJson>(stale).error.code, 'VERSION_CONFLICT');
      const unknown = await t.request({
        method: 'PUT',
        url: `/api/reports/${id}/commentary`,
        cookie: cookies.staff,
        body: { version: after.version, sections: { highlights: '亮点' } },
      });
      assert.equal(unknown.statusCode, 400);
      assert.deepEqual(
        json<ErrorJson>(unknown).error.details?.map((d) => [d.path, d.code]),
        [['sections.highlights', 'UNKNOWN_SECTION']],
      );
      const control = await t.request({
        method: 'PUT',
        url: `/api/reports/${id}/commentary`,
        cookie: cookies.staff,
        body: { version: after.version, sections: { analysis: 'a\u0000b' } },
      });
      assert.equal(control.statusCode, 400);

      // A regenerated revision starts from the commentary; the older one can no longer be edited.
      const regenerated = await regenerate(id);
      assert.equal(
        regenerated.commentary.find((s) => s.key === 'suggestions')!.text,
        '一是加大融资支持力度。\n二是优化稳岗返还流程。',
      );
      const superseded = await t.request({
        method: 'PUT',
        url: `/api/reports/${id}/commentary`,
        cookie: cookies.staff,
        body: { version: after.version, sections: { analysis: '原因' } },
      });
      assert.equal(superseded.statusCode, 409);
      assert.equal(json<ErrorJson>(superseded).error.code, 'REPORT_SUPERSEDED');

      const { rows } = await pool.query<{ action: string; actor_name: string }>(
        `SELECT action, actor_name FROM audit_events WHERE object_type = 'report' AND object_id = $1 ORDER BY seq`,
        [id],
      );
      assert.deepEqual(
        rows.map((r) => [r.action, r.actor_name]),
        [
          ['report.requested', 'report-staff'],
          ['report.generated', 'report-staff'],
          ['report.commentary_updated', 'report-staff'],
          ['report.downloaded', 'report-staff'],
        ],
      );
    });
  });

  it('lays the .docx out as GB/T 9704-2012 has it', async () => {
    const id = await generate({ type: 'special-difficulties', orgUnitId: unit.district, period: '2026-Q3' });
    const docx = await download(id);
    const parts = unzipParts(docx);
    const document = parts.get('word/document.xml')!.toString('utf8');
    // A4, margins 37/26/35/28 mm in twips.
    assert.match(document, /<w:pgSz w:w="11906" w:h="16838"/);
    assert.match(document, /<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    // Title 2号 方正小标宋简体 centred; body 3号 仿宋_GB2312 at exactly 28 pt with a two-character indent.
    const fonts = (name: string) =>
      `<w:rFonts w:ascii="${name}" w:cs="${name}" w:eastAsia="${name}" w:hAnsi="${name}"/>`;
    const size = (halfPoints: number) => `<w:sz w:val="${halfPoints}"/><w:szCs w:val="${halfPoints}"/>`;
    const plain = '<w:b w:val="false"/><w:bCs w:val="false"/>';
    assert.ok(
      document.includes(
        `<w:jc w:val="center"/></w:pPr><w:r><w:rPr>${fonts('方正小标宋简体')}${plain}${size(44)}</w:rPr><w:t xml:space="preserve">2026年第三季度会员企业困难问题调研报告</w:t>`,
      ),
    );
    const bodyParagraph =
      '<w:pPr><w:spacing w:after="0" w:before="0" w:line="560" w:lineRule="exact"/><w:ind w:firstLine="640"/><w:jc w:val="both"/></w:pPr>';
    assert.ok(
      document.includes(
        `${bodyParagraph}<w:r><w:rPr>${fonts('仿宋_GB2312')}${plain}${size(32)}</w:rPr><w:t xml:space="preserve">本季度共走访会员企业3次`,
      ),
    );
    // Headings: level 1 黑体, level 2 (run in) 楷体_GB2312, both 3号.
    assert.ok(
      document.includes(
        `${fonts('黑体')}${plain}${size(32)}</w:rPr><w:t xml:space="preserve">一、基本情况</w:t>`,
      ),
    );
    assert.ok(
      document.includes(
        `${bodyParagraph}<w:r><w:rPr>${fonts('楷体_GB2312')}${plain}${size(32)}</w:rPr><w:t xml:space="preserve">（一）融资方面。</w:t>`,
      ),
    );
    // The issuing body and the date, right-aligned, at the end.
    assert.match(
      document,
      /<w:jc w:val="right"\/><\/w:pPr><w:r><w:rPr>.*?报告测试区工商联<\/w:t>.*?<w:jc w:val="right"\/>.*?\d{4}年\d{1,2}月\d{1,2}日<\/w:t><\/w:r><\/w:p><w:sectPr>/s,
    );
    // Tables: bordered, the header row bold and repeated on every page.
    assert.match(document, /<w:tblBorders><w:top w:val="single" w:color="000000" w:sz="4"\/>/);
    assert.ok(document.includes(`<w:tblHeader/></w:trPr>`));
    assert.match(
      document,
      /<w:b\/><w:bCs\/><w:sz w:val="28"\/><w:szCs w:val="28"\/><\/w:rPr><w:t xml:space="preserve">诉求类别<\/w:t>/,
    );
    // Page numbers 4号 宋体 "— n —": odd pages right, even pages left, one character in.
    const settings = parts.get('word/settings.xml')!.toString('utf8');
    assert.ok(settings.includes('<w:evenAndOddHeaders/>'));
    const footer = (n: number) => parts.get(`word/footer${n}.xml`)!.toString('utf8');
    for (const n of [1, 2]) {
      assert.ok(footer(n).includes(`${fonts('宋体')}${size(28)}</w:rPr><w:t xml:space="preserve">— </w:t>`));
      assert.match(
        footer(n),
        /<w:instrText xml:space="preserve">PAGE<\/w:instrText>.*?<w:t xml:space="preserve"> —<\/w:t>/s,
      );
    }
    assert.ok(footer(1).includes('<w:ind w:right="280"/><w:jc w:val="right"/>'));
    assert.ok(footer(2).includes('<w:ind w:left="280"/><w:jc w:val="left"/>'));
    const rels = parts.get('word/_rels/document.xml.rels')!.toString('utf8');
    const target = (type: string) => {
      const rid = new RegExp(`<w:footerReference w:type="${type}" r:id="(\\w+)"`).exec(document)?.[1];
      return new RegExp(`Id="${rid}"[^>]*Target="(footer\\d\\.xml)"`).exec(rels)?.[1];
    };
    assert.equal(target('default'), 'footer1.xml');
    assert.equal(target('even'), 'footer2.xml');
  });

  describe('the register', () => {
    it('lists the reports in scope with filters, newest first', async () => {
      const all = await t.request({
        url: `/api/reports?orgUnitId=${unit.district}&pageSize=200`,
        cookie: cookies.staff,
      });
      assert.equal(all.statusCode, 200, all.body);
      const page = json<{ items: ReportSummary[]; total: number }>(all);
      assert.ok(page.total >= 5);
      assert.ok(page.items.every((item) => item.orgUnitId === unit.district));
      const times = page.items.map((item) => item.createdAt);
      assert.deepEqual(times, [...times].sort().reverse());
      const special = await t.request({
        url: `/api/reports?type=special-difficulties&period=2026-Q3&orgUnitId=${unit.district}`,
        cookie: cookies.leader,
      });
      const specials = json<{ items: ReportSummary[] }>(special).items;
      assert.ok(specials.length >= 2);
      assert.ok(specials.every((item) => item.type === 'special-difficulties' && item.period === '2026-Q3'));
      assert.equal(specials.filter((item) => item.latest).length, 1);
      assert.equal(specials[0]!.periodLabel, '2026年第三季度');
      // A street's staff see their street's reports only; the demo district sees none of these.
      const street = json<{ items: ReportSummary[] }>(
        await t.request({ url: '/api/reports?pageSize=200', cookie: cookies.streetStaff }),
      ).items;
      assert.ok(street.every((item) => item.orgUnitId === unit.s1));
      const demo = json<{ items: ReportSummary[] }>(
        await t.request({ url: '/api/reports?pageSize=200', cookie: cookies['demo:staff'] }),
      ).items;
      assert.ok(demo.every((item) => ![unit.district, unit.s1, unit.s2].includes(item.orgUnitId)));
    });
  });

  describe('bad input', () => {
    const refused = async (body: Record<string, unknown>, path: string, code: string) => {
      const response = await t.request({ method: 'POST', url: '/api/reports', cookie: cookies.staff, body });
      assert.equal(response.statusCode, 400, response.body);
      const error = json<ErrorJson>(response).error;
      assert.equal(error.code, 'VALIDATION_FAILED');
      const detail = error.details?.find((d) => d.path === path);
      assert.ok(detail, response.body);
      assert.equal(detail.code, code);
      assert.match(detail.message, /[\u4e00-\u9fff]/);
    };

    it('refuses periods that are not the type’s, with a Chinese message', async () => {
      const district = unit.district;
      await refused({ type: 'weekly', orgUnitId: district, period: '2026-11' }, 'period', 'INVALID_PERIOD');
      await refused({ type: 'weekly', orgUnitId: district, period: '2026-W54' }, 'period', 'INVALID_PERIOD');
      // 2025 has 52 ISO weeks, 2026 has 53.
      await refused({ type: 'weekly', orgUnitId: district, period: '2025-W53' }, 'period', 'INVALID_PERIOD');
      await refused({ type: 'weekly', orgUnitId: district, period: '2026-W00' }, 'period', 'INVALID_PERIOD');
      await refused({ type: 'monthly', orgUnitId: district, period: '2026-13' }, 'period', 'INVALID_PERIOD');
      await refused({ type: 'monthly', orgUnitId: district, period: '2026-Q3' }, 'period', 'INVALID_PERIOD');
      await refused(
        { type: 'quarterly', orgUnitId: district, period: '2026-Q5' },
        'period',
        'INVALID_PERIOD',
      );
      await refused(
        { type: 'special-difficulties', orgUnitId: district, period: '26-Q1' },
        'period',
        'INVALID_PERIOD',
      );
      await refused({ type: 'yearly', orgUnitId: district, period: '2026' }, 'type', 'INVALID_VALUE');
      await refused({ type: 'monthly', orgUnitId: 'x', period: '2026-01' }, 'orgUnitId', 'INVALID_FORMAT');
      await refused(
        { type: 'monthly', orgUnitId: district, period: '2099-01' },
        'period',
        'PERIOD_NOT_STARTED',
      );
      await refused(
        { type: 'monthly', orgUnitId: unit.chamber, period: '2026-01' },
        'orgUnitId',
        'NOT_A_FEDERATION',
      );
      const extra = await t.request({
        method: 'POST',
        url: '/api/reports',
        cookie: cookies.staff,
        body: { type: 'monthly', orgUnitId: district, period: '2026-01', figures: {} },
      });
      assert.equal(extra.statusCode, 400);
      const firstWeek = await generate({ type: 'weekly', orgUnitId: district, period: '2026-W01' });
      assert.equal((await view(firstWeek)).from, '2025-12-29');
    });

    it('answers 404 for a unit or report outside the caller’s subtree', async () => {
      const demoDistrict = await orgUnitId(t, '示例区工商联');
      const outside = await t.request({
        method: 'POST',
        url: '/api/reports',
        cookie: cookies.staff,
        body: { type: 'monthly', orgUnitId: demoDistrict, period: '2026-01' },
      });
      assert.equal(outside.statusCode, 404);
      const missing = await t.request({
        method: 'POST',
        url: '/api/reports',
        cookie: cookies.staff,
        body: { type: 'monthly', orgUnitId: randomUUID(), period: '2026-01' },
      });
      assert.equal(missing.statusCode, 404);
      const id = await generate({ type: 'monthly', orgUnitId: unit.district, period: '2026-07' });
      for (const url of [`/api/reports/${id}`, `/api/reports/${id}/file.docx`]) {
        const response = await t.request({ url, cookie: cookies['demo:staff'] });
        assert.equal(response.statusCode, 404, url);
      }
      const street = await t.request({ url: `/api/reports/${id}`, cookie: cookies.streetStaff });
      assert.equal(street.statusCode, 404);
      const regenerate = await t.request({
        method: 'POST',
        url: `/api/reports/${id}/regenerate`,
        cookie: cookies['demo:staff'],
      });
      assert.equal(regenerate.statusCode, 404);
    });
  });

  describe('who may not', () => {
    it('lets a leader read and download but not generate or edit', async () => {
      const id = await generate({ type: 'monthly', orgUnitId: unit.district, period: '2026-09' });
      const report = await view(id, cookies.leader);
      assert.equal(report.status, 'ready');
      await download(id, cookies.leader);
      const attempts = [
        {
          method: 'POST' as const,
          url: '/api/reports',
          body: { type: 'monthly', orgUnitId: unit.district, period: '2026-09' },
        },
        { method: 'POST' as const, url: `/api/reports/${id}/regenerate` },
        {
          method: 'PUT' as const,
          url: `/api/reports/${id}/commentary`,
          body: { version: report.version, sections: {} },
        },
      ];
      for (const attempt of attempts) {
        const response = await t.request({ ...attempt, cookie: cookies.leader });
        assert.equal(response.statusCode, 403, attempt.url);
      }
    });

    it('refuses every other role', async () => {
      for (const name of ['secretary', 'liaison', 'member', 'sysadmin', 'secadmin', 'auditor']) {
        const cookie = cookies[`demo:${name}`]!;
        for (const request of [
          { url: '/api/reports' },
          {
            method: 'POST' as const,
            url: '/api/reports',
            body: { type: 'monthly', orgUnitId: unit.district, period: '2026-09' },
          },
        ]) {
          const response = await t.request({ ...request, cookie });
          assert.equal(response.statusCode, 403, `${name} ${request.url}`);
        }
      }
    });
  });

  describe('the scheduler (reports.period-end)', () => {
    it('generates each district’s reports of the periods just ended, once', async () => {
      const count = async () =>
        (
          await pool.query<{ type: string; period: string; n: number }>(
            `SELECT type, period, count(*)::int AS n FROM reports
             WHERE org_unit_id = $1 AND trigger = 'scheduled' GROUP BY type, period ORDER BY type`,
            [unit.district],
          )
        ).rows;
      t.ctx.clock.set(new Date('2026-10-01T08:00:00+08:00'));
      try {
        const ran = await t.ctx.scheduler.runDue();
        assert.ok(
          ran.some((r) => r.name === PERIOD_END_TASK && r.ok),
          JSON.stringify(ran),
        );
        await reportQueueOf(t.ctx).idle();
        assert.deepEqual(
          (await count()).map((r) => [r.type, r.period, r.n]),
          [
            ['monthly', '2026-09', 1],
            ['quarterly', '2026-Q3', 1],
            ['special-difficulties', '2026-Q3', 1],
            ['weekly', '2026-W39', 1],
          ],
        );
        // Run again (a second instance, or the next tick): nothing more.
        t.ctx.clock.set(new Date('2026-10-01T09:00:00+08:00'));
        await t.ctx.scheduler.runDue();
        await reportQueueOf(t.ctx).idle();
        assert.equal(
          (await count()).reduce((n, r) => n + r.n, 0),
          4,
        );
        const { rows } = await pool.query<{ status: string; generated_by: string | null }>(
          "SELECT status, generated_by FROM reports WHERE org_unit_id = $1 AND trigger = 'scheduled'",
          [unit.district],
        );
        assert.ok(rows.every((r) => r.status === 'ready' && r.generated_by === null));
        // The demo district got its reports too.
        const demo = await pool.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM reports WHERE org_unit_id = $1 AND trigger = 'scheduled'",
          [await orgUnitId(t, '示例区工商联')],
        );
        assert.equal(demo.rows[0]!.n, 4);
      } finally {
        t.ctx.clock.reset();
      }
    });

    it('picks up a report a stopped process left queued', async () => {
      const { rows } = await pool.query<{ id: string }>(
        `INSERT INTO reports (type, org_unit_id, period, period_from, period_to, revision, trigger, status)
         VALUES ('monthly', $1, '2026-06', '2026-06-01', '2026-06-30', 1, 'manual', 'queued') RETURNING id`,
        [unit.district],
      );
      assert.equal(await reportQueueOf(t.ctx).recover(), 1);
      await reportQueueOf(t.ctx).idle();
      assert.equal((await view(rows[0]!.id)).status, 'ready');
    });
  });
});
