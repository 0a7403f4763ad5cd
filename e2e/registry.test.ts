// Browser journeys of the member registry: a chamber secretary finds a member by pinyin initials and edits
// a contact (the auditor sees it); staff imports a workbook with three bad rows, reads the report, fixes
// the rows and imports again.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
// exceljs's streaming parser with its UTF-8 decoding fixed, before exceljs itself loads.
import '../apps/server/src/core/office/exceljs-utf8.ts';
import ExcelJS from 'exceljs';
import { usccCheckCharacter } from '@qinqing/shared';
import { DEMO_PASSWORD } from '../apps/server/src/test/harness.ts';
import { screenshotOnFailure, signInThroughPage, startPlatform, type Platform } from './harness.ts';

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinqing-e2e-registry-'));

function validUscc(serial: number): string {
  const first17 = `91110105MA${String(700000 + serial).padStart(6, '0')}K`;
  return first17 + usccCheckCharacter(first17);
}

async function readSheet(file: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows.push(
      values.map((v) =>
        v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v),
      ),
    );
  });
  return rows;
}

describe('registry journeys', { timeout: 240_000 }, () => {
  let platform: Platform;
  before(async () => {
    platform = await startPlatform();
  });
  after(async () => {
    await platform?.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('the chamber secretary finds a member by pinyin initials, edits a contact, and the auditor sees it', async () => {
    const { t } = platform;
    const { rows } = await t.database.pool.query<{ id: string }>(
      "SELECT id FROM enterprises WHERE name = '示例区东湖智能科技有限公司'",
    );
    const enterpriseId = rows[0]!.id;
    const contacts = await t.database.pool.query(
      'SELECT count(*)::int AS n FROM enterprise_contacts WHERE enterprise_id = $1',
      [enterpriseId],
    );
    if (contacts.rows[0]?.n === 0) {
      await t.database.pool.query(
        "INSERT INTO enterprise_contacts (enterprise_id, name, position, mobile, is_primary) VALUES ($1, '陈志强', '总经理', '13800138000', true)",
        [enterpriseId],
      );
    }
    const page = await platform.newPage();
    await screenshotOnFailure(page, 'secretary-contact', async () => {
      await signInThroughPage(page, 'secretary', DEMO_PASSWORD);
      await page.getByTestId('app-layout').waitFor();
      await page.getByTestId('side-menu').getByText('会员企业').click();
      await page.getByTestId('enterprise-search').fill('dhzn');
      await page.getByTestId('enterprise-search-submit').click();
      await page.waitForURL(/q=dhzn/);
      const table = page.getByTestId('enterprises-table');
      await table.getByText('示例区东湖智能科技有限公司').first().click();
      await page.getByTestId('enterprise-detail').waitFor();
      // The timeline begins with the registration, below the visits recorded since — some dated earlier.
      await page.getByRole('tab', { name: '动态' }).click();
      const timeline = page.getByTestId('enterprise-timeline');
      await timeline.getByText('登记入库').waitFor();
      // The service loop's events (visits, appeals) arrive after the registry's own.
      await timeline.locator('.timeline-title').nth(1).waitFor();
      const titles = await timeline.locator('.timeline-title').allInnerTexts();
      assert.ok(titles.length > 1, `the timeline has more than the registration: ${titles.join(' / ')}`);
      assert.equal(titles.at(-1), '登记入库', titles.join(' / '));
      await page.getByRole('tab', { name: '联系人' }).click();
      await page.getByTestId('contact-row').first().waitFor();
      await page.getByTestId('contact-edit').first().click();
      const form = page.getByTestId('contact-form').first();
      // The drawer's fields and the list's filters under it have ids of their own: a label focuses its field.
      await form.waitFor();
      const duplicated = await page.evaluate(
        "(() => { const ids = Array.from(document.querySelectorAll('[id]'), (e) => e.id); return ids.filter((id, i) => ids.indexOf(id) !== i); })()",
      );
      assert.deepEqual(duplicated, [], 'no element id twice on the page');
      await page.getByTestId('enterprise-form').locator('label', { hasText: '法定代表人' }).click();
      assert.equal(
        await page.evaluate(
          'document.activeElement && document.activeElement.closest("[data-testid=enterprise-form]") !== null',
        ),
        true,
        'the label focuses its field in the drawer',
      );
      await form.getByTestId('contact-mobile-input').fill('13911112222');
      await page.getByTestId('enterprise-save').click();
      await page.getByTestId('enterprise-form').waitFor({ state: 'hidden' });
      await page.getByTestId('contact-mobile').first().getByText('139****2222').waitFor();
    });
    const stored = await t.database.pool.query(
      'SELECT mobile FROM enterprise_contacts WHERE enterprise_id = $1 ORDER BY sort',
      [enterpriseId],
    );
    assert.equal(stored.rows[0]?.mobile, '13911112222');

    const auditor = await platform.newPage();
    await screenshotOnFailure(auditor, 'auditor-sees-edit', async () => {
      await signInThroughPage(auditor, 'auditor', DEMO_PASSWORD);
      await auditor.getByTestId('side-menu').getByText('审计日志').click();
      const table = auditor.getByTestId('audit-table');
      // The log names the action and the record in words: who changed which enterprise.
      const row = table.locator('tr', { hasText: '修改会员企业' }).first();
      await row.waitFor();
      await row.getByText('secretary').waitFor();
      await row.getByText('示例区东湖智能科技有限公司').first().waitFor();
    });
  });

  it('staff imports a workbook with three bad rows, reads the report, fixes them and imports again', async () => {
    const page = await platform.newPage();
    await screenshotOnFailure(page, 'staff-import', async () => {
      await signInThroughPage(page, 'staff', DEMO_PASSWORD);
      await page.getByTestId('app-layout').waitFor();
      await page.goto('/enterprises/import');

      // The template, as a person gets it: the download button.
      const [templateDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('template-download').click(),
      ]);
      const templateFile = path.join(workDir, 'template.xlsx');
      await templateDownload.saveAs(templateFile);
      const template = await readSheet(templateFile);
      const headers = template[0]!;
      for (const header of [
        '企业名称',
        '统一社会信用代码',
        '企业规模',
        '行业代码',
        '法定代表人',
        '注册地址',
      ]) {
        assert.ok(
          headers.some((h) => h.includes(header)),
          `template header ${header} in ${headers.join('|')}`,
        );
      }

      // Ten rows; three are bad: a wrong check character, an unknown industry code, no name.
      const column = (name: string) => headers.findIndex((h) => h.includes(name));
      const good = Array.from({ length: 10 }, (_, i) => ({
        name: `导入旅程测试${i + 1}号有限公司`,
        uscc: validUscc(i + 1),
        size: '小',
        industry: '6513',
      }));
      const badUscc = good[2]!.uscc.slice(0, 17) + (good[2]!.uscc[17] === '0' ? '1' : '0');
      const writeWorkbook = async (file: string, broken: boolean) => {
        const workbook = new ExcelJS.Workbook();
        const sheet = workbook.addWorksheet('会员企业');
        sheet.addRow(headers);
        good.forEach((row, i) => {
          const cells: string[] = new Array(headers.length).fill('');
          cells[column('企业名称')] = broken && i === 6 ? '' : row.name;
          cells[column('统一社会信用代码')] = broken && i === 2 ? badUscc : row.uscc;
          cells[column('企业规模')] = row.size;
          cells[column('行业代码')] = broken && i === 4 ? '9999' : row.industry;
          sheet.addRow(cells);
        });
        await workbook.xlsx.writeFile(file);
      };
      const brokenFile = path.join(workDir, '会员导入.xlsx');
      await writeWorkbook(brokenFile, true);

      await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles(brokenFile);
      await page.getByTestId('import-dryrun').click();
      const summary = page.getByTestId('import-dryrun-summary');
      await summary.waitFor();
      await summary.getByTestId('import-count-rejected').getByText('3').waitFor();
      await page.getByTestId('import-confirm').click();
      await page.getByTestId('import-result').waitFor({ timeout: 60_000 });

      const [reportDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('import-report-link').first().click(),
      ]);
      const reportFile = path.join(workDir, 'report.xlsx');
      await reportDownload.saveAs(reportFile);
      const report = (await readSheet(reportFile)).map((row) => row.join('|'));
      const rejected = report.filter((line) => /导入旅程测试|9999|^\d/.test(line));
      assert.ok(
        report.some((line) => line.includes('校验')),
        `the check character is named: ${report.join('\n')}`,
      );
      assert.ok(
        report.some((line) => line.includes('9999')),
        'the unknown industry row is listed',
      );
      assert.ok(rejected.length >= 3, report.join('\n'));

      const imported = await platform.t.database.pool.query(
        "SELECT count(*)::int AS n FROM enterprises WHERE name LIKE '导入旅程测试%'",
      );
      assert.equal(imported.rows[0]?.n, 7, 'the seven good rows were committed');

      // Fix the three rows and import the whole file again: three created, seven unchanged.
      const fixedFile = path.join(workDir, '会员导入-修正.xlsx');
      await writeWorkbook(fixedFile, false);
      await page.goto('/enterprises/import');
      await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles(fixedFile);
      await page.getByTestId('import-dryrun').click();
      const second = page.getByTestId('import-dryrun-summary');
      await second.waitFor();
      await second.getByTestId('import-count-rejected').getByText('0').waitFor();
      await second.getByTestId('import-count-created').getByText('3').waitFor();
      await second.getByTestId('import-count-unchanged').getByText('7').waitFor();
      await page.getByTestId('import-confirm').click();
      await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    });
    const all = await platform.t.database.pool.query(
      "SELECT count(*)::int AS n FROM enterprises WHERE name LIKE '导入旅程测试%'",
    );
    assert.equal(all.rows[0]?.n, 10);
  });
});
