export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const textLink = "text-brand-700 underline underline-offset-2 hover:text-brand-800";
