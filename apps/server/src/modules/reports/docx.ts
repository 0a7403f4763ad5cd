// 公文版式 the .docx of a report in the GB/T 9704-2012 layout of Chinese official documents: A4; margins top
// 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title 2号 (22 pt) 方正小标宋简体 centred; body 3号 (16 pt)
// 仿宋_GB2312 at an exact 28 pt line with a two-character first-line indent; level-1 headings 黑体, run-in
// level-2 headings 楷体_GB2312; page numbers 4号 (14 pt) 宋体 as "— 1 —" in the footer, odd pages on the
// right and even pages on the left, one character in from the edge (the standard's full rule); tables
// bordered with a bold header row repeated on every page, as wide as the type area, each column at least as
// wide as its longest figure ("100.0%" never breaks) and the names' column taking the rest; the issuing
// body and the date at the end. Above the title the 版头 (7.2): 份号 at the top left, the issuing body's
// mark in red 小标宋 centred, the issue number under it after a blank line, the compiling body and the date
// on one line, and a red rule as wide as the type area (the line's red bottom border); the title two lines
// under the rule.
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

/** 红色: the masthead's mark and rule. */
export const MASTHEAD_RED = 'FF0000';

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

const TABLE_CHAR = twips(LAYOUT.tablePt);
/** A cell's left and right padding (twips), and room for the borders and a font's wider digits. */
const CELL_MARGIN = 80;
const CELL_SLACK = 120;

/** A table cell's text on one line: full-width characters one em, ASCII (digits, %, .) 0.6 em to be safe. */
function tableTextWidth(text: string): number {
  let width = 0;
  for (const char of text) width += char.charCodeAt(0) < 0x80 ? TABLE_CHAR * 0.6 : TABLE_CHAR;
  return Math.ceil(width);
}

/**
 * The widths (twips) of a table's columns, together the type area's width. When every column fits with
 * its header and cells on one line, so it is, the space left shared by the block's weights. Otherwise the
 * columns of figures keep their cells on one line ("100.0%" never breaks) with their header on up to two
 * lines, and the columns of names (any cell beyond ASCII below the header) wrap in what is left, shared
 * by weight.
 */
export function columnWidths(
  block: { header: string[]; rows: string[][]; widths: number[] },
  total: number = TEXT_WIDTH,
): number[] {
  const pad = 2 * CELL_MARGIN + CELL_SLACK;
  const cellsOf = (i: number) => block.rows.map((row) => row[i] ?? '');
  const widest = (texts: string[]) => Math.max(0, ...texts.map(tableTextWidth));
  const full = block.header.map((header, i) => Math.max(tableTextWidth(header), widest(cellsOf(i))) + pad);
  const weight = (i: number) => block.widths[i] ?? 1;
  const share = (indexes: number[], space: number) => {
    const sum = indexes.reduce((a, i) => a + weight(i), 0);
    return new Map(indexes.map((i) => [i, Math.floor((space * weight(i)) / sum)]));
  };
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  let widths: number[];
  if (sum(full) <= total) {
    const extra = share(
      full.map((_, i) => i),
      total - sum(full),
    );
    widths = full.map((n, i) => n + extra.get(i)!);
  } else {
    const isName = (i: number) => cellsOf(i).some((cell) => /[^ -~—]/u.test(cell));
    const names = block.header.map((_, i) => i).filter(isName);
    const figures = block.header.map((header, i) => {
      const twoLines = Math.max(2, Math.ceil([...header].length / 2)) * TABLE_CHAR;
      return Math.max(twoLines, widest(cellsOf(i))) + pad;
    });
    const left = total - sum(figures.filter((_, i) => !isName(i)));
    if (names.length === 0 || left < names.length * (2 * TABLE_CHAR + pad)) {
      // Too many figures for the page: every column in proportion to what it needs.
      widths = full.map((n) => Math.floor((n * total) / sum(full)));
    } else {
      const given = share(names, left);
      widths = figures.map((n, i) => given.get(i) ?? n);
    }
  }
  // Rounding: the last column makes the sum exact.
  widths[widths.length - 1]! += total - sum(widths);
  return widths;
}

export async function renderReportDocx(report: ReportDocument): Promise<Buffer> {
  const d = await loadDocx();
  const exact = (line: number) => ({ line, lineRule: d.LineRuleType.EXACT, before: 0, after: 0 });

  const run = (text: string, font: string, pt: number, bold = false, color?: string) =>
    new d.TextRun({
      text,
      font: face(font),
      size: halfPoints(pt),
      sizeComplexScript: halfPoints(pt),
      bold,
      color,
    });

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
    const widths = columnWidths(block);
    const cell = (text: string, width: number, header: boolean) =>
      new d.TableCell({
        width: { size: width, type: d.WidthType.DXA },
        verticalAlign: d.VerticalAlign.CENTER,
        margins: { left: CELL_MARGIN, right: CELL_MARGIN },
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

  // 版头. The mark is as large as the standard allows (15 mm a character wide, 42 pt) and no larger than
  // fits the type area on one line.
  const { masthead } = report;
  const markPt = Math.min(42, Math.floor((TEXT_WIDTH - 2 * BODY_CHAR) / 20 / [...masthead.mark].length));
  const plain = (children: Docx.TextRun[], options: Partial<Docx.IParagraphOptions> = {}) =>
    body(children, { indent: undefined, alignment: d.AlignmentType.LEFT, ...options });
  const mastheadBlocks = [
    plain([run(masthead.copyNumber, FONTS.body, LAYOUT.bodyPt)]),
    blank(),
    new d.Paragraph({
      alignment: d.AlignmentType.CENTER,
      spacing: { line: twips(markPt + 12), lineRule: d.LineRuleType.EXACT, before: 0, after: 0 },
      children: [run(masthead.mark, FONTS.title, markPt, false, MASTHEAD_RED)],
    }),
    blank(),
    plain([run(masthead.issue, FONTS.body, LAYOUT.bodyPt)], { alignment: d.AlignmentType.CENTER }),
    plain(
      [
        run(masthead.compiledBy, FONTS.body, LAYOUT.bodyPt),
        new d.TextRun({
          children: [new d.Tab(), report.issuedOn],
          font: face(FONTS.body),
          size: halfPoints(LAYOUT.bodyPt),
          sizeComplexScript: halfPoints(LAYOUT.bodyPt),
        }),
      ],
      {
        tabStops: [{ type: d.TabStopType.RIGHT, position: TEXT_WIDTH }],
        border: { bottom: { style: d.BorderStyle.SINGLE, size: 18, color: MASTHEAD_RED, space: 4 } },
      },
    ),
    blank(),
    blank(),
  ];

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
          ...mastheadBlocks,
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
