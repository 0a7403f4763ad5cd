// 报告 in LibreOffice: every report type's .docx opens in the office suite government machines run and
// converts to PDF with its 版头 (the issuing body's mark in red over the red rule), its title, a figure
// sentence, no placeholder left, every "100.0%" of its tables on one line, the page numbers "— n —" on
// every page and the number of pages its content fills.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setupTestApp, type TestApp } from '../../test/harness.ts';
import { libreOfficeSkip, officeToPdf } from '../../test/libreoffice.ts';
import {
  afterMasthead,
  buildReportWorld,
  documentText,
  downloadDocx,
  requestReport,
  type ReportWorld,
} from '../../test/report-world.ts';
import { unzipParts } from '../../test/zips.ts';

/** pdftotext lays text out with spaces and line breaks (2026 年, wrapped sentences): compare without them. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('reports in LibreOffice', { skip: libreOfficeSkip() }, () => {
  let t: TestApp;
  let world: ReportWorld;

  before(async () => {
    t = await setupTestApp();
    world = await buildReportWorld(t);
  });
  after(() => t.close());

  const cases = [
    {
      type: 'weekly',
      period: '2026-W36',
      masthead: '报告测试区工商联工作简报2026年第36期',
      title: '报告测试区工商联工作周报',
      sentence: '本周共收集会员企业诉求1条，涉及企业1家，其中有效诉求1条，转交职能部门办理1条；已解决0条',
      pages: [1, 2],
    },
    {
      type: 'monthly',
      period: '2026-08',
      masthead: '报告测试区工商联工作简报2026年第8期',
      title: '报告测试区工商联2026年8月工作总结',
      sentence: '本月共收集会员企业诉求2条，涉及企业1家，其中有效诉求2条',
      pages: [2, 3],
    },
    {
      type: 'quarterly',
      period: '2026-Q3',
      masthead: '报告测试区工商联工作简报2026年第3期',
      title: '报告测试区工商联2026年第三季度工作考核情况报告',
      sentence:
        '本季度共收集会员企业诉求6条，涉及企业3家，其中有效诉求5条，转交职能部门办理4条；已解决2条，解决率40.0%',
      pages: [3, 4],
    },
    {
      type: 'special-difficulties',
      period: '2026-Q3',
      masthead: '报告测试区工商联专报2026年第3期',
      title: '2026年第三季度会员企业困难问题调研报告',
      sentence:
        '本季度共收集会员企业诉求6条，涉及企业3家，其中有效诉求5条，转交职能部门办理4条；已解决2条，解决率40.0%',
      pages: [2, 3],
    },
  ];

  for (const c of cases) {
    it(`converts the ${c.type} report to PDF`, async () => {
      const id = await requestReport(t, world.cookies.staff!, {
        type: c.type,
        orgUnitId: world.unit.district,
        period: c.period,
      });
      const docx = await downloadDocx(t, id, world.cookies.staff!);
      const pdf = await officeToPdf(docx, 'docx');
      const text = squeeze(pdf.text);
      // 版头: 份号, the mark, the issue, the compiling body and the date, then the title.
      assert.ok(text.startsWith(`000001${c.masthead}`), pdf.text.slice(0, 300));
      assert.ok(afterMasthead(text).startsWith(squeeze(c.title)), pdf.text.slice(0, 300));
      // The mark's run is red, and a red rule (a paragraph's red bottom border) runs under the masthead.
      const xml = unzipParts(docx).get('word/document.xml')!.toString('utf8');
      const mark = c.masthead.replace(/\d{4}年第\d+期$/u, '');
      const markRun = [...xml.matchAll(/<w:r>(?:(?!<\/w:r>).)*<\/w:r>/gsu)].find((r) =>
        r[0].includes(`>${mark}<`),
      );
      assert.match(markRun?.[0] ?? '', /<w:color w:val="(?:FF0000|C00000)"\/>/, 'the mark is red');
      assert.match(xml, /<w:bottom w:val="single" w:color="FF0000"[^>]*\/>/, 'the red rule');
      assert.ok(!text.includes('待补充'), 'no placeholder');
      // Every 100.0% of the document reads whole in the PDF: none broke across lines of a table cell.
      const percents = (value: string) => value.split('100.0%').length - 1;
      assert.equal(percents(pdf.text), percents(documentText(docx)), pdf.text);
      // The masthead moves the text down: a page's footer may now fall inside the sentence.
      const withoutFooters = squeeze(pdf.text.replace(/—\s*\d+\s*—/gu, ''));
      assert.ok(withoutFooters.includes(squeeze(c.sentence)), pdf.text);
      assert.match(text, /报告测试区工商联\d{4}年\d{1,2}月\d{1,2}日/);
      assert.ok(pdf.pages >= c.pages[0]! && pdf.pages <= c.pages[1]!, `${c.type}: ${pdf.pages} pages`);
      for (let page = 1; page <= pdf.pages; page++)
        assert.ok(text.includes(`—${page}—`), `page number ${page}`);
    });
  }
});
