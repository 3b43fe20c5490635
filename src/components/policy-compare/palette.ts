/**
 * Colours of the comparison view. Pure functions, no DOM. Every colour is paired with text
 * (a number, a symbol or a word) wherever it is used: colour is never the only signal.
 *
 * - Levels: viridis (sequential, perceptually uniform, readable with the common colour
 *   vision deficiencies and in greyscale), from the lowest level of a scale to the highest.
 * - Agreement (share of dimensions at the same level): ColorBrewer YlGnBu (sequential,
 *   colour-blind safe), light = little agreement, dark = much.
 * - Convergence classes: Paul Tol's "bright" qualitative scheme (colour-blind safe), with
 *   a symbol and a pattern per class.
 */
import type { Convergence } from '../../model/compare/compare.ts';

const VIRIDIS = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'];
const YLGNBU = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'];

const rgb = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const hex = (c: number[]) => `#${c.map((x) => Math.round(x).toString(16).padStart(2, '0')).join('')}`;

/** The colour at t ∈ [0, 1] along evenly spaced stops (linear in sRGB). */
export function interpolate(stops: readonly string[], t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = rgb(stops[i]);
  const b = rgb(stops[i + 1]);
  return hex(a.map((v, k) => v + (b[k] - v) * f));
}

/** Colour of a level at position t ∈ [0, 1] on its scale (0 = lowest). */
export const levelColour = (t: number): string => interpolate(VIRIDIS, t);

/** Colour of an agreement share t ∈ [0, 1]. */
export const agreementColour = (t: number): string => interpolate(YLGNBU, t);

const luminance = (colour: string) => {
  const [r, g, b] = rgb(colour).map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

/** Black or white, whichever contrasts more with the background (WCAG contrast ratio). */
export function textOn(background: string): '#000000' | '#ffffff' {
  const l = luminance(background);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

export const CONVERGENCE_STYLE: Record<Convergence, { colour: string; symbol: string }> = {
  same: { colour: '#4477AA', symbol: '=' },
  adjacent: { colour: '#CCBB44', symbol: '≈' },
  far: { colour: '#EE6677', symbol: '≠' },
  not_comparable: { colour: '#BBBBBB', symbol: '∅' },
};
