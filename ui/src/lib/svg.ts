// Helpers for the SVG charts the engine draws.

const ROOT_TAG = /<svg\b[^>]*>/i;

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/**
 * Makes an SVG document scale with its container: its root element gets a
 * `viewBox` taken from its `width`/`height` when it has none, so CSS can
 * size it (`width: 100%; height: auto`) while keeping its proportions.
 * Anything before the root element (an XML declaration, a doctype) is dropped
 * since the markup is inserted into the page.
 */
export function scalableSvg(svg: string): string {
  const match = ROOT_TAG.exec(svg);
  if (!match) return svg;
  const tag = match[0];
  const rest = svg.slice(match.index + tag.length);
  if (attribute(tag, 'viewBox') !== null) return tag + rest;
  const width = Number.parseFloat(attribute(tag, 'width') ?? '');
  const height = Number.parseFloat(attribute(tag, 'height') ?? '');
  if (!(width > 0 && height > 0)) return tag + rest;
  const withViewBox = tag.replace(/^<svg\b/i, `<svg viewBox="0 0 ${width} ${height}"`);
  return withViewBox + rest;
}
