// 邀请函 the printable letters of a batch (.docx, one page per enterprise, its link as a QR code to scan on a
// visit) and 邀请清单 the plain list a secretary pastes into the chamber's WeChat group.
import type * as Docx from 'docx';
import QRCode from 'qrcode';
import type { BatchLink } from './invitations.ts';

let loading: Promise<typeof Docx> | undefined;
const loadDocx = () => (loading ??= import('docx'));

const FONT = '宋体';
/** Two ideographic spaces: the first-line indent of a Chinese paragraph. */
const INDENT = '\u3000\u3000';
/** The QR code's side, in pixels of its PNG and in points on the page (about 4.2 cm). */
const QR_PIXELS = 240;
const QR_POINTS = 120;

export async function invitationLetters(
  links: readonly BatchLink[],
  facts: { federationName: string; expiresAt: string | null },
): Promise<Buffer> {
  const d = await loadDocx();
  const text = (value: string, options: { size?: number; bold?: boolean } = {}) =>
    new d.TextRun({ text: value, font: FONT, size: (options.size ?? 14) * 2, bold: options.bold });
  const paragraph = (children: Docx.ParagraphChild[], options: { centred?: boolean; after?: number } = {}) =>
    new d.Paragraph({
      children,
      alignment: options.centred ? d.AlignmentType.CENTER : undefined,
      spacing: { after: (options.after ?? 8) * 20, line: 28 * 20, lineRule: d.LineRuleType.EXACT },
    });
  const until = facts.expiresAt
    ? new Date(facts.expiresAt).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' })
    : '';
  const sections: Docx.ISectionOptions[] = [];
  for (const entry of links) {
    const qr = await QRCode.toBuffer(entry.link, {
      type: 'png',
      width: QR_PIXELS,
      margin: 2,
      errorCorrectionLevel: 'M',
    });
    sections.push({
      properties: {
        page: {
          size: { width: 11906, height: 16838 },
          margin: { top: 1800, bottom: 1600, left: 1600, right: 1500 },
        },
      },
      children: [
        paragraph([text('亲清平台企业账号开通邀请函', { size: 22, bold: true })], {
          centred: true,
          after: 24,
        }),
        paragraph([text(`${entry.name}：`, { size: 16 })]),
        paragraph([
          text(
            `${INDENT}${facts.federationName}邀请贵企业的联系人开通亲清平台企业账号。开通后，可在手机上提出诉求、查看办理进度并评价，接收惠企政策和活动通知。`,
            { size: 16 },
          ),
        ]),
        paragraph([
          text(`${INDENT}请用手机微信或浏览器扫描下方二维码，按提示填写姓名、手机号并设置密码。`, {
            size: 16,
          }),
        ]),
        paragraph(
          [
            new d.ImageRun({
              type: 'png',
              data: qr,
              transformation: { width: QR_POINTS * (4 / 3), height: QR_POINTS * (4 / 3) },
            }),
          ],
          { centred: true, after: 12 },
        ),
        paragraph([text(`链接：${entry.link}`, { size: 12 })], { centred: true }),
        paragraph([text(`邀请码：${entry.code}`, { size: 14, bold: true })], { centred: true }),
        paragraph([text(`统一社会信用代码：${entry.uscc}`, { size: 12 })], { centred: true, after: 16 }),
        paragraph([
          text(
            `${INDENT}邀请码仅可使用一次${until ? `，有效期至 ${until}` : ''}。请勿转给本企业以外的人员。`,
            {
              size: 14,
            },
          ),
        ]),
        paragraph([text(facts.federationName, { size: 16 })], { after: 0 }),
      ],
    });
  }
  if (sections.length === 0) {
    sections.push({
      children: [paragraph([text('本批次没有新发出的邀请（所选企业均有尚未使用的有效邀请）。')])],
    });
  }
  const document = new d.Document({ creator: '亲清平台', title: '企业账号开通邀请函', sections });
  return d.Packer.toBuffer(document);
}

/** One line per enterprise: name, link and code, for the chamber's group chat. */
export function invitationList(links: readonly BatchLink[]): string {
  const lines = links.map((entry) => `${entry.name}\t${entry.link}\t邀请码 ${entry.code}`);
  return `企业账号开通邀请（每个链接仅限对应企业使用一次）\n${lines.join('\n')}\n`;
}
