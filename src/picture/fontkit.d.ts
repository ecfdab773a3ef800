// The part of fontkit 2 (no bundled types) that picture/text-paths.ts uses.
declare module 'fontkit' {
  export interface Glyph {
    path: { toSVG(): string };
  }
  export interface GlyphPosition {
    xAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  export interface GlyphRun {
    glyphs: Glyph[];
    positions: GlyphPosition[];
    advanceWidth: number;
  }
  export interface Font {
    unitsPerEm: number;
    ascent: number;
    descent: number;
    layout(text: string): GlyphRun;
  }
  /** A font file; in a collection (.ttc) the face named by its PostScript name. */
  export function openSync(path: string, postscriptName?: string): Font;
}
