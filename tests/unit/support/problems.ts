import type { Problem } from '../../../src/model/types.ts';

/**
 * Problems other than the codebook's warnings: for tests of a format 1 fixture (no basis,
 * confidence or dates, so every coded cell draws codebook warnings) about something else.
 */
export const withoutCodebook = (problems: readonly Problem[]): Problem[] => problems.filter((p) => p.category !== 'codebook');
