// The shape of a language's texts: the Chinese resources are the source, and every other language must
// fill every key of them (a missing one is a compile error).
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };
