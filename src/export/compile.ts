import { Packer, type File } from 'docx';
import { unzipSync } from 'fflate';
import type { Parts } from './zip.js';

interface Compiler {
  compile(file: File, prettify: undefined, overrides: readonly never[]): Parts;
}

/**
 * The document's parts, not yet zipped. `Packer.toBuffer` deflates every part, and the report
 * then had to inflate them again to splice its pieces in and stamp its time before zipping them
 * once more: a third of a seed build's zip work twice over. docx's compiler, which Packer uses
 * but does not export, gives the parts as they are. docx is pinned (package.json); should a
 * version lose the compiler, the parts come from Packer's zip as before, and
 * test/export/compile.test.ts compares both ways.
 */
export async function compileParts(file: File): Promise<Parts> {
  return compilerOfDocx()?.compile(file, undefined, []) ?? packedParts(file);
}

/** docx's compiler, if this version of docx still has it where Packer keeps it. */
export function compilerOfDocx(): Compiler | undefined {
  const compiler = (Packer as unknown as { compiler?: Partial<Compiler> }).compiler;
  return typeof compiler?.compile === 'function' ? (compiler as Compiler) : undefined;
}

/** The parts as Packer zips them (the way without the compiler). */
export async function packedParts(file: File): Promise<Parts> {
  return new Map(Object.entries(unzipSync(await Packer.toBuffer(file))));
}
