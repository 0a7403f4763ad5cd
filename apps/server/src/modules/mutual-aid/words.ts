// A post's title as words for matching: jieba's search segmentation (口罩, 医用, 防护…), loaded on first use
// (its dictionary takes a quarter of a second), keeping words of two characters or more that are not numbers
// or quantities, each once.
import type { Jieba } from '@node-rs/jieba';

let loading: Promise<Jieba> | undefined;

function segmenter(): Promise<Jieba> {
  loading ??= (async () => {
    const [{ Jieba: JiebaClass }, { dict }] = await Promise.all([
      import('@node-rs/jieba'),
      import('@node-rs/jieba/dict'),
    ]);
    return JiebaClass.withDict(dict);
  })();
  return loading;
}

const NOT_A_WORD = /^[\d\s.,，。、:：;；!！?？()（）\-_/]+$|^\d+[万千百个件箱吨只套台]*$/u;

export async function titleWords(title: string): Promise<string[]> {
  const jieba = await segmenter();
  const words = jieba
    .cutForSearch(title.toLowerCase(), true)
    .map((word) => word.trim())
    .filter((word) => [...word].length >= 2 && !NOT_A_WORD.test(word));
  return [...new Set(words)];
}
