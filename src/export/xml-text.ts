const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };

/** Text or an attribute value as docx's stringifier escapes it (controls XML cannot hold are dropped). */
// eslint-disable-next-line no-control-regex
export const escapeXml = (value: string): string => value.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => ESCAPES[c] ?? '');
