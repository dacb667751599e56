/**
 * What `wtfc render` writes, and in which formats: kept apart from the renderer, so that the
 * command line can build its help from them without loading the template engine.
 */
export const renderTargets = ['report', 'plan', 'facilitator', 'cards', 'ballot', 'feedback'] as const;
export type RenderTarget = (typeof renderTargets)[number];

export const renderFormats = ['md', 'html', 'both'] as const;
