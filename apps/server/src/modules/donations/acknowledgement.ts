// 捐赠证明 the acknowledgement letter of a confirmed donation (.docx, one A4 page): the donor, what was
// given (the amount, or the goods with their valuation), the campaign, the channel and recipient, the
// direction of a directed gift, the receipt number, and the federation's name and date at the foot.
import type * as Docx from 'docx';
import { DONATION_CHANNEL_LABELS, DONATION_KIND_LABELS, fenToYuan, groupedYuan } from '@qinqing/shared';
import type { DonationRow } from './repository.ts';

let loading: Promise<typeof Docx> | undefined;
const loadDocx = () => (loading ??= import('docx'));

const FONT = '仿宋_GB2312';
const TITLE_FONT = '方正小标宋简体';
const INDENT = '\u3000\u3000';

/** 2026-12-05 → 2026年12月5日 */
function chineseDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function acknowledgementNumber(row: Pick<DonationRow, 'id' | 'donatedOn'>): string {
  return `JZ${row.donatedOn.slice(0, 4)}-${row.id.slice(0, 8).toUpperCase()}`;
}

export async function acknowledgementLetter(
  row: DonationRow,
  facts: { issuerName: string; issuedOn: string },
): Promise<Buffer> {
  const d = await loadDocx();
  const text = (value: string, options: { size?: number; bold?: boolean; font?: string } = {}) =>
    new d.TextRun({
      text: value,
      font: options.font ?? FONT,
      size: (options.size ?? 16) * 2,
      bold: options.bold,
    });
  const paragraph = (
    children: Docx.ParagraphChild[],
    options: { align?: 'center' | 'right'; after?: number } = {},
  ) =>
    new d.Paragraph({
      children,
      alignment:
        options.align === 'center'
          ? d.AlignmentType.CENTER
          : options.align === 'right'
            ? d.AlignmentType.RIGHT
            : undefined,
      spacing: { after: (options.after ?? 6) * 20, line: 28 * 20, lineRule: d.LineRuleType.EXACT },
    });
  const amount = `人民币${groupedYuan(fenToYuan(row.amountFen))}元`;
  const what = row.kind === 'cash' ? `捐款${amount}` : `${DONATION_KIND_LABELS[row.kind]}，折合${amount}`;
  const towards = [
    row.campaignName ? `用于“${row.campaignName}”` : '',
    row.directed && row.directedTo ? `定向用于${row.directedTo}` : '',
  ].filter(Boolean);
  const through =
    row.channel === 'direct'
      ? `直接捐赠${row.recipient ? `给${row.recipient}` : ''}`
      : `通过${row.channelName ?? DONATION_CHANNEL_LABELS[row.channel]}捐赠${row.recipient ? `给${row.recipient}` : ''}`;

  const children: Docx.FileChild[] = [
    paragraph([text('捐 赠 证 明', { size: 22, font: TITLE_FONT })], { align: 'center', after: 12 }),
    paragraph([text(`编号：${acknowledgementNumber(row)}`, { size: 12 })], { align: 'right', after: 12 }),
    paragraph([text(`${row.donorName}：`)]),
    paragraph([
      text(
        `${INDENT}${chineseDate(row.donatedOn)}，贵方${through}，${what}${towards.length ? `，${towards.join('，')}` : ''}。` +
          `${row.receiptNumber ? `捐赠票据号：${row.receiptNumber}。` : ''}`,
      ),
    ]),
  ];
  if (row.kind === 'goods' && row.items.length > 0) {
    const cell = (value: string) =>
      new d.TableCell({ children: [paragraph([text(value, { size: 12 })], { after: 0 })] });
    children.push(
      new d.Table({
        width: { size: 100, type: d.WidthType.PERCENTAGE },
        rows: [
          new d.TableRow({
            tableHeader: true,
            children: ['物资名称', '数量', '单位', '折价（元）'].map(cell),
          }),
          ...row.items.map(
            (item) =>
              new d.TableRow({
                children: [
                  item.name,
                  String(item.quantity),
                  item.unit ?? '',
                  item.value ? groupedYuan(item.value) : '',
                ].map(cell),
              }),
          ),
        ],
      }),
    );
  }
  if (row.kind === 'rent_reduction' && row.rentTenants && row.rentMonths) {
    children.push(
      paragraph([text(`${INDENT}减免租户${row.rentTenants}户，减免期限${row.rentMonths}个月。`)]),
    );
  }
  children.push(
    paragraph(
      [text(`${INDENT}贵方热心公益、回报社会的善举，体现了民营企业家的社会责任与担当。特此证明，并致谢忱！`)],
      {
        after: 36,
      },
    ),
    paragraph([text(facts.issuerName)], { align: 'right' }),
    paragraph([text(chineseDate(facts.issuedOn))], { align: 'right' }),
  );
  const document = new d.Document({
    creator: facts.issuerName,
    title: `捐赠证明 ${acknowledgementNumber(row)}`,
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 },
          },
        },
        children,
      },
    ],
  });
  return d.Packer.toBuffer(document);
}
