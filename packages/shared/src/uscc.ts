// 统一社会信用代码 unified social credit code (GB 32100-2015): 18 characters, the last a check character.
// Full-width characters, lowercase and spaces are normalised before checking. The 1st character names the
// registration authority (登记管理部门) and the 2nd the institution type (机构类别) it registers, from the
// standard's table (with amendment 1 of 2016); a code outside it is invalid whatever its check character.

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Folds full-width letters and digits to ASCII, drops all white space, upper-cases. */
export function normalizeUscc(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
    .toUpperCase();
}

/** The check character for the first 17 characters, or null when there are not exactly 17 or one is not allowed. */
export function usccCheckCharacter(first17: string): string | null {
  // Without this a short input would count each missing character as 0 ('' is found at index 0).
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17[i] ?? '');
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return CHARSET[check] ?? null;
}

/** GB 32100-2015 表 1: 登记管理部门代码 → its name and the 机构类别代码 it registers. */
export const USCC_AUTHORITIES: Readonly<
  Record<string, { name: string; types: Readonly<Record<string, string>> }>
> = {
  '1': {
    name: '机构编制',
    types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  },
  '2': { name: '外交', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    types: {
      '1': '律师执业机构',
      '2': '公证处',
      '3': '基层法律服务所',
      '4': '司法鉴定机构',
      '5': '仲裁委员会',
      '9': '其他',
    },
  },
  '4': { name: '文化', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    name: '旅游',
    types: {
      '1': '外国旅游部门常驻代表机构',
      '2': '港澳台地区旅游部门常驻内地（大陆）代表机构',
      '9': '其他',
    },
  },
  '7': { name: '宗教', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', types: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', types: { '1': '军队事业单位', '9': '其他' } },
  N: {
    name: '农业',
    types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' },
  },
  Y: { name: '其他', types: { '1': '其他' } },
};

export type UsccProblem = 'USCC_LENGTH' | 'USCC_CHARACTERS' | 'USCC_INVALID';
/** Which part of a code of the right length and characters is wrong (all three are `USCC_INVALID`). */
export type UsccInvalidPart = 'authority' | 'type' | 'check';

/** The wrong part of an 18-character code of allowed characters, or null when it is valid. */
export function usccInvalidPart(code: string): UsccInvalidPart | null {
  const authority = USCC_AUTHORITIES[code[0] ?? ''];
  if (!authority) return 'authority';
  if (!authority.types[code[1] ?? '']) return 'type';
  return usccCheckCharacter(code.slice(0, 17)) === code[17] ? null : 'check';
}

/** Why a (normalised) code is not valid, or null when it is. */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return 'USCC_LENGTH';
  if (![...code].every((ch) => CHARSET.includes(ch))) return 'USCC_CHARACTERS';
  return usccInvalidPart(code) === null ? null : 'USCC_INVALID';
}

/** The Chinese message for a code's problem, naming the wrong part. */
export function usccProblemMessage(code: string, problem: UsccProblem): string {
  if (problem === 'USCC_LENGTH') return '统一社会信用代码应为 18 位';
  if (problem === 'USCC_CHARACTERS') return '统一社会信用代码含有不允许的字符（不使用 I、O、S、V、Z）';
  const part = usccInvalidPart(code);
  if (part === 'authority') {
    return `统一社会信用代码第 1 位（登记管理部门代码）“${code[0] ?? ''}”不在 GB 32100 代码表中，请核对`;
  }
  if (part === 'type') {
    const authority = USCC_AUTHORITIES[code[0] ?? ''];
    return `统一社会信用代码第 2 位（机构类别代码）“${code[1] ?? ''}”不是${authority?.name ?? ''}登记的机构类别，请核对`;
  }
  return '统一社会信用代码校验位不正确，请核对';
}
