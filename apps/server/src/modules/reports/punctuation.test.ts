// 标点: pieces of a report's sentences joined without doubled punctuation, and the tables' columns sized so
// that no figure breaks, without a database.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { columnWidths } from './docx.ts';
import { bracketed, endSentence, joinClauses, tidyPunctuation, withoutEndMark } from './punctuation.ts';
import { caseHandling, commentaryWhenEmpty } from './writing.ts';

describe('punctuation (标点)', () => {
  it('ends a sentence with one mark', () => {
    assert.equal(endSentence('已办理完毕'), '已办理完毕。');
    assert.equal(endSentence('已办理完毕。'), '已办理完毕。');
    assert.equal(endSentence('已办理完毕，'), '已办理完毕。');
    assert.equal(endSentence('已办理完毕；。'), '已办理完毕。');
    assert.equal(endSentence('是否已办结？'), '是否已办结？');
    assert.equal(endSentence('正在协调……'), '正在协调……');
    assert.equal(endSentence('  '), '');
    assert.equal(withoutEndMark('完毕。 '), '完毕');
  });

  it('joins clauses that bring their own marks without doubling them', () => {
    assert.equal(
      joinClauses(['共走访10次。', '覆盖企业8家，', '', '覆盖率80.0%']),
      '共走访10次，覆盖企业8家，覆盖率80.0%。',
    );
    assert.equal(
      joinClauses(['一是加大支持力度。', '二是优化流程。'], '；'),
      '一是加大支持力度；二是优化流程。',
    );
    assert.equal(joinClauses([]), '');
  });

  it('drops the full stop of a note in brackets', () => {
    assert.equal(bracketed('办理结果：已办理完毕。'), '（办理结果：已办理完毕）');
    assert.equal(bracketed('办理结果：这这……'), '（办理结果：这这……）');
    assert.equal(bracketed(' 。'), '');
  });

  it('mends marks doubled where pieces met', () => {
    assert.equal(tidyPunctuation('已解决（办理结果：已办理完毕。）。'), '已解决（办理结果：已办理完毕）。');
    assert.equal(tidyPunctuation('已解决。。'), '已解决。');
    assert.equal(tidyPunctuation('已解决，。'), '已解决。');
    assert.equal(tidyPunctuation('已解决；。下一句。'), '已解决。下一句。');
    assert.equal(tidyPunctuation('反映“续贷难。”，已解决。'), '反映“续贷难”，已解决。');
    assert.equal(tidyPunctuation('已解决。，正在办理'), '已解决，正在办理');
    assert.equal(tidyPunctuation('能否解决？。'), '能否解决？');
    assert.equal(tidyPunctuation('共3条，占50.0%，已解决1条。'), '共3条，占50.0%，已解决1条。');
  });

  it('writes a case whose answer ends with a full stop without doubling it', () => {
    const handled = caseHandling({
      departmentName: '金融办',
      answer: '已协调银行续贷，办理完毕。',
      state: 'closed',
      outcome: 'resolved',
    });
    assert.equal(handled, '经转交金融办办理，已解决（办理结果：已协调银行续贷，办理完毕）');
    assert.equal(tidyPunctuation(`如甲公司反映“续贷难”，${handled}。`).includes('完毕）。'), true);
  });

  it('says in a sentence that a commentary section has nothing to report', () => {
    for (const [type, key] of [
      ['weekly', 'highlights'],
      ['monthly', 'problems'],
      ['quarterly', 'nextSteps'],
      ['special-difficulties', 'analysis'],
      ['special-difficulties', 'suggestions'],
    ] as const) {
      const text = commentaryWhenEmpty(type, key);
      assert.match(text, /^[^（）]+。$/u, `${type} ${key}: ${text}`);
      assert.doesNotMatch(text, /待补充/);
    }
    assert.equal(commentaryWhenEmpty('special-difficulties', 'suggestions'), '本季度暂无新增意见建议。');
  });
});

describe('table columns (表格)', () => {
  const TYPE_AREA = 8845; // 156 mm in twips
  const departments = {
    header: ['序号', '职能部门', '转交件次', '按时响应', '响应率', '已解决', '满意率'],
    widths: [9, 25, 15, 15, 12, 12, 12],
    rows: [
      ['1', '区市场监督管理局', '12', '12', '100.0%', '10', '100.0%'],
      ['2', '区人力资源和社会保障局', '3', '1', '33.3%', '1', '—'],
    ],
  };

  it('fills the type area exactly', () => {
    const widths = columnWidths(departments, TYPE_AREA);
    assert.equal(
      widths.reduce((a, b) => a + b, 0),
      TYPE_AREA,
    );
  });

  it('gives every figure column room for "100.0%" on one line; the names wrap in the rest', () => {
    const widths = columnWidths(departments, TYPE_AREA);
    // 4号 (14 pt = 280 twips a character): six ASCII characters at 0.6 em and the cell's padding.
    const oneLine = Math.ceil(6 * 280 * 0.6) + 160;
    for (const i of [4, 6]) assert.ok(widths[i]! >= oneLine, `column ${i}: ${widths[i]} < ${oneLine}`);
    // Headers of four characters on two lines of two.
    for (const i of [2, 3]) assert.ok(widths[i]! >= 2 * 280 + 160, `column ${i}: ${widths[i]}`);
    assert.ok(widths[1]! >= 8 * 280, `the names keep eight characters a line: ${widths[1]}`);
  });

  it('shares the space left by weight when everything fits', () => {
    const small = {
      header: ['序号', '考核指标', '完成情况'],
      widths: [12, 58, 30],
      rows: [['1', '解决率', '100.0%']],
    };
    const widths = columnWidths(small, TYPE_AREA);
    assert.equal(
      widths.reduce((a, b) => a + b, 0),
      TYPE_AREA,
    );
    assert.ok(widths[1]! > widths[2]! && widths[2]! > widths[0]!, String(widths));
  });
});
