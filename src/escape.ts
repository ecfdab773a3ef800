/** Text made safe inside HTML, XML or SVG markup and attribute values (numeric references, which every reader decodes). */
export const escapeMarkup = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
