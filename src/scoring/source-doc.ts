import { extname } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type YAMLError } from 'yaml';
import { zh } from '../messages/zh.js';

const M = zh.strict;

/** Where a value sits in its file; `describe` prints "FILE 第 L 行第 C 列". */
export interface Locator {
  file: string;
  /** Position of the value at `path`, or of its key `key` when given; undefined when unknown. */
  locate(path: readonly PropertyKey[], key?: string): { line: number; col: number } | undefined;
  /** The position as printed, falling back to the nearest enclosing value, then to the file. */
  describe(path: readonly PropertyKey[], key?: string): string;
}

/** A YAML/JSON syntax error, already in Chinese with the line it is on. */
export class SourceSyntaxError extends Error {}

export interface SourceDoc {
  data: unknown;
  locator: Locator;
}

function firstNonSpace(text: string, lineStart: number): number {
  let i = lineStart;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}

/**
 * The line the author has to fix. The parser reports a wrongly indented "key: value" line at the
 * start of the value above it (one line too early); when errors starting there end on a later
 * line, that later line is the one to fix.
 */
function syntaxError(file: string, text: string, errors: YAMLError[], lc: LineCounter): SourceSyntaxError {
  const first = errors[0]!;
  const end = Math.max(...errors.filter((e) => e.pos[0] === first.pos[0]).map((e) => e.pos[1]));
  const start = lc.linePos(first.pos[0]);
  const last = lc.linePos(Math.max(first.pos[0], end - 1));
  let offset = first.pos[0];
  if (last.line > start.line) offset = firstNonSpace(text, lc.lineStarts[last.line - 1]!);
  const pos = lc.linePos(offset);
  const lineText = text.slice(lc.lineStarts[pos.line - 1], lc.lineStarts[pos.line] ?? text.length).replace(/\r?\n$/, '');
  const what = M.yamlCodes[first.code] ?? first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return new SourceSyntaxError(M.yamlSyntax(M.at(file, pos.line, pos.col), what, lineText));
}

/**
 * Parse a YAML or JSON file keeping where each value is, so schema problems can name the line
 * and column. JSON is read with JSON.parse; its positions come from the YAML parser (JSON is YAML).
 */
export function parseSource(file: string, text: string): SourceDoc {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const json = extname(file).toLowerCase() === '.json';
  let data: unknown;
  if (json) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new SourceSyntaxError(`${file}：${(e as Error).message}`);
    }
  } else {
    if (doc.errors.length) throw syntaxError(file, text, doc.errors, lc);
    data = doc.toJS();
  }
  const nodeAt = (path: readonly PropertyKey[]): unknown => {
    let node: unknown = doc.contents;
    for (const p of path) {
      if (isMap(node)) node = node.items.find((it) => isScalar(it.key) && String(it.key.value) === String(p))?.value;
      else if (isSeq(node)) node = node.items[Number(p)];
      else return undefined;
    }
    return node;
  };
  const locate: Locator['locate'] = (path, key) => {
    if (doc.errors.length) return undefined;
    let node = nodeAt(path);
    if (key !== undefined) {
      const pair = isMap(node) ? node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === key) : undefined;
      node = pair?.key;
    }
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    return range ? lc.linePos(range[0]) : undefined;
  };
  return {
    data,
    locator: {
      file,
      locate,
      describe(path, key) {
        for (let n = path.length; n >= 0; n--) {
          const pos = locate(path.slice(0, n), n === path.length ? key : undefined);
          if (pos) return M.at(file, pos.line, pos.col);
        }
        return file;
      },
    },
  };
}
