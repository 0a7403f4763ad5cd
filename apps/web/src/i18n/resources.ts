// The shape of the translation resources: zh-CN is the source; every language must fill every key.
import type { zhCN } from './zh-CN.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export type Resources = Shape<typeof zhCN>;
