// Money as the pages show it: yuan from the API's decimal strings (or a measure's fen), grouped, exact.
import { fenToYuan, groupedYuan } from '@qinqing/shared';

export const yuan = (amount: string) => `${groupedYuan(amount)} 元`;
export const yuanOfFen = (fen: number) => yuan(fenToYuan(BigInt(fen)));
