/**
 * Character tables by UTF-16 code unit, for checks that would otherwise be a regular-expression call per
 * position (a call costs more than the few characters it reads).
 */
export function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

/** What \s matches, by code unit. */
export const SPACE_CODE = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) if (/\s/.test(String.fromCharCode(c))) SPACE_CODE[c] = 1;
