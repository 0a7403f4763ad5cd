// 公文版式 the .docx of a report in the GB/T 9704-2012 layout of Chinese official documents: A4; margins top
// 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title 2号 (22 pt) 方正小标宋简体 centred; body 3号 (16 pt)
// 仿宋_GB2312 at an exact 28 pt line with a two-character first-line indent; level-1 headings 黑体, run-in
// level-2 headings 楷体_GB2312; page numbers 4号 (14 pt) 宋体 as "— 1 —" in the footer, odd pages on the
// right and even pages on the left, one character in from the edge (the standard's full rule); tables
// bordered with a bold header row repeated on every page; the issuing body and the date at the end.
import type * as Docx from 'docx';
import type { ReportBlock, ReportDocument } from './writing.ts';

// docx is a large module: load it on first use, not at start-up.
let loading: Promise<typeof Docx> | undefined;
const loadDocx = () => (loading ??= import('docx'));

/** Twentieths of a point (twips) per millimetre. */
const mm = (value: number) => Math.round((value * 1440) / 25.4);
/** Points to half-points (run sizes) and to twips (spacing, indents). */
const halfPoints = (pt: number) => pt * 2;
const twips = (pt: number) => pt * 20;

export const LAYOUT = {
  pageWidth: 11906,
  pageHeight: 16838,
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
  /** The footer sits below the text block (its dash about 7 mm under the block's lower edge). */
  footerDistance: mm(25),
  headerDistance: mm(15),
  bodyPt: 16,
  titlePt: 22,
  pageNumberPt: 14,
  tablePt: 14,
  /** 28 pt exactly: 22 lines a page. */
  lineTwips: twips(28),
  titleLineTwips: twips(36),
  tableLineTwips: twips(22),
} as const;

export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;

/** The text block's width: 210 mm less both side margins (156 mm). */
const TEXT_WIDTH = LAYOUT.pageWidth - LAYOUT.margin.left - LAYOUT.margin.right;
const BODY_CHAR = twips(LAYOUT.bodyPt);

/** Every script in the one face: digits and Latin letters in the body face too, as the standard's samples do. */
const face = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });

/** The width of a line of body text in twips: a full-width character is one em, an ASCII one half. */
function bodyWidth(text: string): number {
  let width = 0;
  for (const char of text) width += char.charCodeAt(0) < 0x80 ? BODY_CHAR / 2 : BODY_CHAR;
  return width;
}

export async function renderReportDocx(report: ReportDocument): Promise<Buffer> {
  const d = await loadDocx();
  const exact = (line: number) => ({ line, lineRule: d.LineRuleType.EXACT, before: 0, after: 0 });

  const run = (text: string, font: string, pt: number, bold = false) =>
    new d.TextRun({ text, font: face(font), size: halfPoints(pt), sizeComplexScript: halfPoints(pt), bold });

  const body = (children: Docx.TextRun[], options: Partial<Docx.IParagraphOptions> = {}) =>
    new d.Paragraph({
      children,
      spacing: exact(LAYOUT.lineTwips),
      indent: { firstLine: 2 * BODY_CHAR },
      alignment: d.AlignmentType.JUSTIFIED,
      ...options,
    });

  const blank = () => body([run('', FONTS.body, LAYOUT.bodyPt)], { indent: undefined });

  const border = { style: d.BorderStyle.SINGLE, size: 4, color: '000000' };
  const table = (block: Extract<ReportBlock, { kind: 'table' }>) => {
    const total = block.widths.reduce((a, b) => a + b, 0);
    const widths = block.widths.map((w) => Math.floor((w / total) * TEXT_WIDTH));
    const cell = (text: string, width: number, header: boolean) =>
      new d.TableCell({
        width: { size: width, type: d.WidthType.DXA },
        verticalAlign: d.VerticalAlign.CENTER,
        margins: { left: 80, right: 80 },
        children: [
          new d.Paragraph({
            alignment: d.AlignmentType.CENTER,
            spacing: exact(LAYOUT.tableLineTwips),
            children: [run(text, FONTS.body, LAYOUT.tablePt, header)],
          }),
        ],
      });
    const row = (cells: string[], header: boolean) =>
      new d.TableRow({
        tableHeader: header,
        cantSplit: true,
        children: cells.map((text, i) => cell(text, widths[i]!, header)),
      });
    return new d.Table({
      width: { size: TEXT_WIDTH, type: d.WidthType.DXA },
      columnWidths: widths,
      layout: d.TableLayoutType.FIXED,
      alignment: d.AlignmentType.CENTER,
      borders: {
        top: border,
        bottom: border,
        left: border,
        right: border,
        insideHorizontal: border,
        insideVertical: border,
      },
      rows: [row(block.header, true), ...block.rows.map((cells) => row(cells, false))],
    });
  };

  const blocks = (block: ReportBlock): (Docx.Paragraph | Docx.Table)[] => {
    switch (block.kind) {
      case 'heading1':
        return [body([run(block.text, FONTS.heading1, LAYOUT.bodyPt)], { keepNext: true })];
      case 'paragraph':
        return [
          body([
            ...(block.lead ? [run(block.lead, FONTS.heading2, LAYOUT.bodyPt)] : []),
            run(block.text, FONTS.body, LAYOUT.bodyPt),
          ]),
        ];
      case 'table':
        // A table is set off from the text around it by nothing but its borders; an empty line after it.
        return [table(block), blank()];
    }
  };

  // 发文机关署名 centred over 成文日期, the date four characters in from the right (GB/T 9704-2012 7.3.5.1);
  // a name longer than the date sits two characters in and the date is centred under it.
  const issuerWidth = bodyWidth(report.issuer);
  const dateWidth = bodyWidth(report.issuedOn);
  const [issuerIndent, dateIndent] =
    issuerWidth <= dateWidth
      ? [4 * BODY_CHAR + Math.round((dateWidth - issuerWidth) / 2), 4 * BODY_CHAR]
      : [2 * BODY_CHAR, 2 * BODY_CHAR + Math.round((issuerWidth - dateWidth) / 2)];
  const signature = (text: string, right: number) =>
    body([run(text, FONTS.body, LAYOUT.bodyPt)], {
      alignment: d.AlignmentType.RIGHT,
      indent: { right },
      keepNext: true,
    });

  const pageNumber = (side: 'odd' | 'even') =>
    new d.Footer({
      children: [
        new d.Paragraph({
          alignment: side === 'odd' ? d.AlignmentType.RIGHT : d.AlignmentType.LEFT,
          indent:
            side === 'odd' ? { right: twips(LAYOUT.pageNumberPt) } : { left: twips(LAYOUT.pageNumberPt) },
          children: [
            new d.TextRun({
              children: ['— ', d.PageNumber.CURRENT, ' —'],
              font: face(FONTS.pageNumber),
              size: halfPoints(LAYOUT.pageNumberPt),
              sizeComplexScript: halfPoints(LAYOUT.pageNumberPt),
            }),
          ],
        }),
      ],
    });

  const document = new d.Document({
    creator: report.issuer,
    title: report.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: face(FONTS.body), size: halfPoints(LAYOUT.bodyPt) },
          paragraph: { spacing: exact(LAYOUT.lineTwips) },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: {
              width: LAYOUT.pageWidth,
              height: LAYOUT.pageHeight,
              orientation: d.PageOrientation.PORTRAIT,
            },
            margin: {
              ...LAYOUT.margin,
              header: LAYOUT.headerDistance,
              footer: LAYOUT.footerDistance,
            },
          },
        },
        footers: { default: pageNumber('odd'), even: pageNumber('even') },
        children: [
          new d.Paragraph({
            alignment: d.AlignmentType.CENTER,
            spacing: exact(LAYOUT.titleLineTwips),
            children: [run(report.title, FONTS.title, LAYOUT.titlePt)],
          }),
          ...(report.subtitle
            ? [
                body([run(report.subtitle, FONTS.heading2, LAYOUT.bodyPt)], {
                  alignment: d.AlignmentType.CENTER,
                  indent: undefined,
                }),
              ]
            : []),
          blank(),
          ...report.blocks.flatMap(blocks),
          blank(),
          blank(),
          signature(report.issuer, issuerIndent),
          signature(report.issuedOn, dateIndent),
        ],
      },
    ],
  });
  return d.Packer.toBuffer(document);
}
