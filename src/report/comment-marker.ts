/**
 * The hidden marker of a sticky comment: which configuration (working directory, engines, matrix
 * leg) it is for. Apart from markdown.ts so that the Action and `schemagate comment` can find their
 * comment without reaching past the renderer registry (renderers.ts).
 */

/** Keys are written into an HTML comment: keep them to characters that cannot end it. */
export function sanitizeConfigKey(key: string): string {
  const clean = key
    .replace(/[^A-Za-z0-9._:/@+=,-]+/g, '_')
    .replace(/-{2,}/g, '-')
    .slice(0, 200);
  return clean === '' ? 'default' : clean;
}

/** The hidden marker that finds this configuration's comment again on the next push. */
export function commentMarker(configKey: string): string {
  return `<!-- schemagate:${sanitizeConfigKey(configKey)} -->`;
}
