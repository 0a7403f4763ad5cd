// Invented registry data (会员企业 names, 代表人士 names, numbers): word pools and a seeded random source shared by
// the demo district's registry and the province-scale synthetic generator. Nothing here names a real company.
import {
  usccCheckCharacter,
  type EnterpriseSize,
  type PartyOrganizationForm,
  type PREDEFINED_TAGS,
} from '@qinqing/shared';

/** A small, fast, seeded PRNG (mulberry32): the same seed always gives the same data. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  weighted<T>(table: Weighted<T>): T {
    let r = this.next() * table.total;
    for (const [item, weight] of table.entries) {
      r -= weight;
      if (r < 0) return item;
    }
    return table.entries[table.entries.length - 1]![0];
  }

  /** A date in [from, to] (ISO yyyy-mm-dd). */
  date(from: string, to: string): string {
    const start = Date.parse(from);
    const days = Math.floor((Date.parse(to) - start) / 86_400_000);
    return new Date(start + this.int(days + 1) * 86_400_000).toISOString().slice(0, 10);
  }
}

export interface Weighted<T> {
  entries: readonly (readonly [T, number])[];
  total: number;
}

export function weighted<T>(entries: readonly (readonly [T, number])[]): Weighted<T> {
  return { entries, total: entries.reduce((sum, [, weight]) => sum + weight, 0) };
}

/** Which chamber or tag an industry leads to; `other` for the rest. */
export type Sector =
  'tech' | 'pharma' | 'catering' | 'retail' | 'construction' | 'services' | 'manufacturing' | 'finance';

export interface IndustryWord {
  /** The industry part of a company name (智能科技, 餐饮管理…). */
  word: string;
  /** GB/T 4754-2017 class (小类) code. */
  code: string;
  sector: Sector;
  /** Relative share among private enterprises of a district. */
  weight: number;
}

/** Industry words of company names with their GB/T 4754-2017 class; weights follow a typical district mix. */
export const INDUSTRY_WORDS: readonly IndustryWord[] = [
  { word: '智能科技', code: '6513', sector: 'tech', weight: 4 },
  { word: '软件技术', code: '6513', sector: 'tech', weight: 2 },
  { word: '信息技术', code: '6531', sector: 'tech', weight: 4 },
  { word: '网络科技', code: '6429', sector: 'tech', weight: 4 },
  { word: '数据科技', code: '6450', sector: 'tech', weight: 1 },
  { word: '电子商务', code: '5292', sector: 'tech', weight: 2 },
  { word: '集成电路', code: '6520', sector: 'tech', weight: 0.5 },
  { word: '物联网科技', code: '6532', sector: 'tech', weight: 1 },
  { word: '医药', code: '2720', sector: 'pharma', weight: 1 },
  { word: '制药', code: '2720', sector: 'pharma', weight: 0.7 },
  { word: '生物医药', code: '2761', sector: 'pharma', weight: 0.7 },
  { word: '药业', code: '2740', sector: 'pharma', weight: 0.8 },
  { word: '中药饮片', code: '2730', sector: 'pharma', weight: 0.3 },
  { word: '医疗器械', code: '3584', sector: 'pharma', weight: 0.8 },
  { word: '大药房', code: '5251', sector: 'pharma', weight: 1.2 },
  { word: '医药连锁', code: '5251', sector: 'pharma', weight: 0.4 },
  { word: '医药贸易', code: '5151', sector: 'pharma', weight: 0.6 },
  { word: '餐饮管理', code: '6210', sector: 'catering', weight: 3 },
  { word: '餐饮', code: '6210', sector: 'catering', weight: 1.5 },
  { word: '酒家', code: '6210', sector: 'catering', weight: 0.5 },
  { word: '火锅', code: '6210', sector: 'catering', weight: 0.8 },
  { word: '快餐', code: '6220', sector: 'catering', weight: 1 },
  { word: '小吃', code: '6291', sector: 'catering', weight: 0.5 },
  { word: '茶艺', code: '6231', sector: 'catering', weight: 0.3 },
  { word: '咖啡', code: '6232', sector: 'catering', weight: 0.4 },
  { word: '商贸', code: '5219', sector: 'retail', weight: 5 },
  { word: '百货', code: '5211', sector: 'retail', weight: 1.5 },
  { word: '超市', code: '5212', sector: 'retail', weight: 1.5 },
  { word: '便利店', code: '5213', sector: 'retail', weight: 1 },
  { word: '贸易', code: '5199', sector: 'retail', weight: 4 },
  { word: '五金', code: '5174', sector: 'retail', weight: 1 },
  { word: '建材', code: '5165', sector: 'retail', weight: 1.5 },
  { word: '家电', code: '5272', sector: 'retail', weight: 0.8 },
  { word: '服装', code: '5232', sector: 'retail', weight: 1 },
  { word: '汽车销售', code: '5261', sector: 'retail', weight: 0.8 },
  { word: '酒业', code: '5127', sector: 'retail', weight: 0.6 },
  { word: '建筑工程', code: '4790', sector: 'construction', weight: 2 },
  { word: '建设工程', code: '4899', sector: 'construction', weight: 1 },
  { word: '装饰工程', code: '5012', sector: 'construction', weight: 2 },
  { word: '房地产开发', code: '7010', sector: 'construction', weight: 1 },
  { word: '物业服务', code: '7020', sector: 'construction', weight: 1.5 },
  { word: '置业', code: '7010', sector: 'construction', weight: 0.5 },
  { word: '管理咨询', code: '7243', sector: 'services', weight: 3 },
  { word: '文化传媒', code: '7259', sector: 'services', weight: 2.5 },
  { word: '广告', code: '7259', sector: 'services', weight: 1 },
  { word: '人力资源', code: '7269', sector: 'services', weight: 1 },
  { word: '投资管理', code: '7212', sector: 'services', weight: 1 },
  { word: '供应链管理', code: '7224', sector: 'services', weight: 1 },
  { word: '会展服务', code: '7289', sector: 'services', weight: 0.5 },
  { word: '安保服务', code: '7271', sector: 'services', weight: 0.4 },
  { word: '检测技术', code: '7452', sector: 'services', weight: 0.5 },
  { word: '环保科技', code: '7516', sector: 'services', weight: 1 },
  { word: '新材料科技', code: '7513', sector: 'services', weight: 0.6 },
  { word: '新能源科技', code: '7515', sector: 'services', weight: 0.8 },
  { word: '教育科技', code: '8394', sector: 'services', weight: 1 },
  { word: '职业培训', code: '8391', sector: 'services', weight: 0.6 },
  { word: '物流', code: '5431', sector: 'services', weight: 1.5 },
  { word: '仓储', code: '5920', sector: 'services', weight: 0.3 },
  { word: '酒店管理', code: '6110', sector: 'services', weight: 0.7 },
  { word: '旅行社', code: '7291', sector: 'services', weight: 0.4 },
  { word: '家政服务', code: '8010', sector: 'services', weight: 0.6 },
  { word: '美容美发', code: '8040', sector: 'services', weight: 0.6 },
  { word: '健身', code: '8930', sector: 'services', weight: 0.4 },
  { word: '汽车维修', code: '8111', sector: 'services', weight: 0.6 },
  { word: '农业科技', code: '7511', sector: 'services', weight: 0.6 },
  { word: '机械设备', code: '3499', sector: 'manufacturing', weight: 1.2 },
  { word: '精密机械', code: '3484', sector: 'manufacturing', weight: 0.6 },
  { word: '电子科技', code: '3990', sector: 'manufacturing', weight: 1.5 },
  { word: '电气', code: '3829', sector: 'manufacturing', weight: 0.8 },
  { word: '汽车零部件', code: '3670', sector: 'manufacturing', weight: 0.5 },
  { word: '服饰', code: '1830', sector: 'manufacturing', weight: 0.5 },
  { word: '纺织', code: '1751', sector: 'manufacturing', weight: 0.5 },
  { word: '食品', code: '1499', sector: 'manufacturing', weight: 1 },
  { word: '印刷', code: '2319', sector: 'manufacturing', weight: 0.4 },
  { word: '塑料制品', code: '2929', sector: 'manufacturing', weight: 0.4 },
  { word: '光电', code: '3976', sector: 'manufacturing', weight: 0.4 },
  { word: '融资租赁', code: '6631', sector: 'finance', weight: 0.3 },
  { word: '小额贷款', code: '6635', sector: 'finance', weight: 0.2 },
  { word: '融资担保', code: '7296', sector: 'finance', weight: 0.2 },
];

export const INDUSTRY_TABLE = weighted(INDUSTRY_WORDS.map((word) => [word, word.weight] as const));

/** How big the companies of a sector tend to be. */
export const SIZE_BY_SECTOR: Readonly<Record<Sector, Weighted<EnterpriseSize>>> = {
  tech: weighted([
    ['micro', 35],
    ['small', 40],
    ['medium', 18],
    ['large', 7],
  ]),
  pharma: weighted([
    ['micro', 20],
    ['small', 35],
    ['medium', 30],
    ['large', 15],
  ]),
  catering: weighted([
    ['micro', 55],
    ['small', 35],
    ['medium', 8],
    ['large', 2],
  ]),
  retail: weighted([
    ['micro', 50],
    ['small', 35],
    ['medium', 12],
    ['large', 3],
  ]),
  construction: weighted([
    ['micro', 20],
    ['small', 40],
    ['medium', 28],
    ['large', 12],
  ]),
  services: weighted([
    ['micro', 50],
    ['small', 35],
    ['medium', 12],
    ['large', 3],
  ]),
  manufacturing: weighted([
    ['micro', 15],
    ['small', 40],
    ['medium', 30],
    ['large', 15],
  ]),
  finance: weighted([
    ['micro', 10],
    ['small', 40],
    ['medium', 35],
    ['large', 15],
  ]),
};

/** Predefined tags (PREDEFINED_TAGS) that fit a company of this industry and size. */
export function tagsFor(rng: SeededRandom, industry: IndustryWord, size: EnterpriseSize): string[] {
  const sector = industry.sector;
  // Makers, not pharmacies or traders, are certified high-tech or make epidemic supplies.
  const pharmaMaker = sector === 'pharma' && /^(27|35)/.test(industry.code);
  const tags = new Set<(typeof PREDEFINED_TAGS)[number]>();
  const big = size === 'large' || size === 'medium';
  if (big && rng.chance(0.7)) tags.add('规上企业');
  if (size === 'large' && rng.chance(0.5)) tags.add('百强企业');
  if (size === 'large' && rng.chance(0.12)) tags.add('上市企业');
  if ((sector === 'tech' || pharmaMaker) && rng.chance(0.35)) tags.add('高新技术企业');
  if ((sector === 'tech' || sector === 'manufacturing') && rng.chance(0.12)) tags.add('专精特新');
  if (pharmaMaker && rng.chance(0.4)) tags.add('防疫物资生产');
  if ((sector === 'retail' || sector === 'catering') && rng.chance(0.2)) tags.add('保供企业');
  return [...tags];
}

export interface PartyPlan {
  form: PartyOrganizationForm;
  members: [number, number];
}

/** The forms a size of company organises its party members in, with typical member counts. */
export const PARTY_FORMS: Readonly<Record<EnterpriseSize, Weighted<PartyPlan>>> = {
  large: weighted([
    [{ form: 'committee', members: [50, 180] }, 40],
    [{ form: 'general_branch', members: [20, 49] }, 40],
    [{ form: 'independent_branch', members: [8, 19] }, 20],
  ]),
  medium: weighted([
    [{ form: 'general_branch', members: [20, 40] }, 30],
    [{ form: 'independent_branch', members: [3, 19] }, 60],
    [{ form: 'functional', members: [3, 10] }, 10],
  ]),
  small: weighted([
    [{ form: 'independent_branch', members: [3, 9] }, 50],
    [{ form: 'joint_branch', members: [1, 4] }, 35],
    [{ form: 'functional', members: [3, 6] }, 15],
  ]),
  micro: weighted([
    [{ form: 'independent_branch', members: [3, 5] }, 30],
    [{ form: 'joint_branch', members: [1, 3] }, 60],
    [{ form: 'functional', members: [3, 5] }, 10],
  ]),
};
/** Share of members with a party organization of their own (else an instructor, else nothing), by size. */
export const ORGANIZED_SHARE: Readonly<Record<EnterpriseSize, number>> = {
  large: 0.9,
  medium: 0.7,
  small: 0.35,
  micro: 0.25,
};
/** Share of members with only a party-building instructor (党建指导员). */
export const INSTRUCTOR_SHARE = 0.15;

/**
 * Characters of invented brand names (two of them make 鑫源, 恒达, 东华…). Polyphones (长, 重, 行, 乐, 和, 朝) are
 * left out: their reading depends on the neighbouring word (郑州长… reads 州长 zhōuzhǎng, 银行 háng), so keys
 * computed per name part would differ from the keys of the whole name. The demo's curated brands keep them.
 */
export const BRAND_CHARS = [
  ...'华鑫宏恒瑞丰德润金泰安康永盛兴达源祥福嘉信诚中天海通博远新明光辉佳鼎欣隆荣益凯腾晟昌顺景创智汇聚峰朗锦东南西北银龙凤云夏宇广伟豪',
] as const;

/** Curated brand words of the demo district: place-like and polyphone-rich. */
export const DEMO_BRANDS = [
  '东湖',
  '西山',
  '南河',
  '华夏',
  '长乐',
  '长城',
  '重庆',
  '银河',
  '朝阳',
  '东方',
  '京华',
  '恒信',
  '鑫源',
  '宏达',
  '瑞丰',
  '德润',
  '金桥',
  '天成',
  '嘉禾',
  '和泰',
  '中科',
  '博远',
  '新阳',
  '明德',
  '光华',
  '佳和',
  '鼎盛',
  '欣荣',
  '隆昌',
  '荣华',
  '凯德',
  '腾飞',
  '晟泰',
  '昌平',
  '顺达',
  '景泰',
  '创维',
  '智远',
  '汇通',
  '聚源',
  '峰华',
  '朗润',
  '锦程',
  '龙腾',
  '凤凰',
  '云帆',
  '宇航',
  '广和',
  '伟业',
  '豪德',
  '行知',
  '乐行',
  '长安',
  '重阳',
  '银杏',
  '永乐',
  '安和',
  '康泰',
  '泰和',
  '兴业',
  '达远',
  '源丰',
  '祥瑞',
  '福临',
  '信达',
  '诚信',
  '中和',
  '天通',
  '海纳',
  '通达',
  '新华',
  '明珠',
  '辉煌',
  '佳美',
  '益民',
  '恒通',
  '宏图',
  '金鼎',
  '瑞华',
  '丰泽',
  '润泽',
  '泰康',
  '安泰',
  '盛世',
  '兴隆',
  '东升',
  '西城',
  '南山',
  '北辰',
  '华润',
  '景和',
  '创新',
  '汇丰',
  '聚贤',
  '长虹',
  '乐享',
  '重华',
  '银座',
  '龙门',
  '云杉',
] as const;

/** Company-form endings (组织形式) and how common each is. */
export const SUFFIX_TABLE = weighted([
  ['有限公司', 82],
  ['股份有限公司', 8],
  ['有限责任公司', 6],
  ['集团有限公司', 4],
] as const);

/** Common surnames (百家姓, most frequent first), with a few polyphone ones (单 Shàn, 曾 Zēng, 解 Xiè). */
export const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解',
] as const;

const GIVEN_MALE = [...'伟强磊军勇杰涛明超辉刚健峰斌波鹏华宇浩俊凯建国志永海东林亮平文晓云龙飞成'] as const;
const GIVEN_FEMALE = [...'芳娜敏静丽艳娟霞秀玲燕红梅莉萍婷雪琳晶颖慧佳欣蕾琴倩丹洁雅'] as const;

export function personName(rng: SeededRandom, gender: 'male' | 'female'): string {
  const pool = gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE;
  const given = rng.chance(0.7) ? rng.pick(pool) + rng.pick(pool) : rng.pick(pool);
  return rng.pick(SURNAMES) + given;
}

/** An invented mainland mobile number of valid shape (1[3-9] and 9 digits). */
export function mobileNumber(rng: SeededRandom): string {
  return `1${rng.between(3, 9)}${String(rng.int(1_000_000_000)).padStart(9, '0')}`;
}

export const CONTACT_POSITIONS = [
  '办公室主任',
  '行政经理',
  '财务总监',
  '董事会秘书',
  '总经理助理',
  '综合部经理',
];

export const ROADS = [
  '人民路',
  '建设路',
  '解放路',
  '文化路',
  '中山路',
  '和平路',
  '花园路',
  '工业路',
  '科技路',
  '长安街',
  '朝阳路',
  '新华路',
  '光明路',
  '幸福街',
] as const;

export const STATUS_REASONS = {
  suspended: ['连续两年未缴纳会费', '企业列入经营异常名录', '主要负责人长期失联'],
  withdrawn: ['企业已注销', '企业迁出本区', '企业申请退会'],
} as const;

/** Characters of a 9-character organization code body (GB 32100 alphabet: no I, O, S, V, Z). */
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * A valid 统一社会信用代码 in division `region` (6 digits): registered by 市场监管 as a company ('91', organization
 * code 'MA…') or by 民政 as a social organization such as a chamber ('51', 'MJ…'). The rest of the organization code
 * is `serial` in base 31 (7 characters), so distinct serials never collide.
 */
export function unifiedCode(registrar: 'company' | 'social', region: string, serial: number): string {
  let body = '';
  for (let rest = serial, i = 0; i < 7; i++, rest = Math.floor(rest / 31))
    body = CODE_CHARS[rest % 31] + body;
  const first17 = registrar === 'company' ? `91${region}MA${body}` : `51${region}MJ${body}`;
  return first17 + usccCheckCharacter(first17);
}

const CAPITAL_RANGE: Readonly<Record<EnterpriseSize, readonly [number, number]>> = {
  micro: [3, 100],
  small: [100, 1_000],
  medium: [1_000, 5_000],
  large: [5_000, 80_000],
};

/** The capital (注册资本, 万元) a company of a size typically registers. */
export function registeredCapital(rng: SeededRandom, size: EnterpriseSize): number {
  const [min, max] = CAPITAL_RANGE[size];
  return Math.round(min + rng.next() * (max - min));
}
