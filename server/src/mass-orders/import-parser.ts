import { parsePersonnummer } from '../common/personnummer.js';

/** At most this many values in one import: a list for a send, with room. */
export const MAX_IMPORT_VALUES = 5000;

export type ImportKey = { kind: 'userId'; userId: string } | { kind: 'personnummer'; personnummer: string };

export interface ImportValue {
  /** 1-based line of the text. */
  line: number;
  /** As written, without quotes. */
  value: string;
  key: ImportKey;
}

export interface ParsedImport {
  values: ImportValue[];
  invalid: { line: number; value: string; message: string }[];
  /** More values than MAX_IMPORT_VALUES were given. */
  tooMany: boolean;
}

export const NEITHER_MESSAGE = 'Värdet är varken ett VGR-ID eller ett personnummer.';
export const USER_ID_MESSAGE = 'Ett VGR-ID består av bokstäver och siffror, t.ex. kribe32.';

// A spreadsheet's column titles, when the file starts with them.
const HEADER_WORDS = /^(vgr-?id|vgrid|personnummer|personnr|pnr|användar-?id|anvandar-?id|user-?id|id)$/i;
const USER_ID = /^[a-zåäö][a-zåäö0-9]{1,31}$/i;

/** Cells of one line: Excel pastes tabs, CSV files ; or , and people type spaces. */
const cellsOf = (line: string) =>
  line
    .split(/[;,\t|\s]+/)
    .map((cell) => cell.trim().replace(/^["']+|["']+$/g, ''))
    .filter((cell) => cell !== '');

/**
 * Reads pasted lines or a CSV file's content into VGR-IDs and personnummer, telling for each
 * bad value on which line it was and what is wrong with it (the directory's own Swedish
 * messages for personnummer). Looking the values up is the caller's.
 */
export function parseImport(text: string, today: Date): ParsedImport {
  const parsed: ParsedImport = { values: [], invalid: [], tooMany: false };
  const lines = text.split(/\r\n|\n|\r/);
  let first = true;
  let count = 0;
  for (const [index, line] of lines.entries()) {
    const cells = cellsOf(line);
    if (cells.length === 0) continue;
    if (first && cells.every((cell) => HEADER_WORDS.test(cell))) {
      first = false;
      continue;
    }
    first = false;
    for (const value of cells) {
      if (++count > MAX_IMPORT_VALUES) {
        parsed.tooMany = true;
        return parsed;
      }
      const lineNumber = index + 1;
      if (/^\d/.test(value)) {
        const result = parsePersonnummer(value, today);
        if (result.ok) {
          parsed.values.push({
            line: lineNumber,
            value,
            key: { kind: 'personnummer', personnummer: result.value },
          });
        } else parsed.invalid.push({ line: lineNumber, value, message: result.message });
      } else if (/^\p{L}/u.test(value)) {
        if (USER_ID.test(value)) {
          parsed.values.push({
            line: lineNumber,
            value,
            key: { kind: 'userId', userId: value.toLowerCase() },
          });
        } else parsed.invalid.push({ line: lineNumber, value, message: USER_ID_MESSAGE });
      } else parsed.invalid.push({ line: lineNumber, value, message: NEITHER_MESSAGE });
    }
  }
  return parsed;
}
