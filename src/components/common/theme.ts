/**
 * What every element's styles start with (`hostStyles`): the page's inherited text styles are
 * reset at the host, and the colours, fonts and radius come from documented CSS custom
 * properties (`--policy-matrix-*`), with a light and a dark theme (`theme="light|dark|auto"`).
 *
 * Why `!important` on the host: a page rule that matches the element itself (even
 * `* { font: 20px serif }`) wins over a normal `:host` rule, but an `!important` declaration of
 * the shadow tree wins over every declaration of the page. So inherited properties (font,
 * line-height, colour, letter-spacing, text-align, white-space…) are set here with
 * `!important`; layout properties (display, width, height, margin) are left to the page.
 * Theming goes through custom properties, which the page sets on the element or any ancestor.
 *
 * The public properties are read into private tokens (`--pm-*`) at each host. A theme sets the
 * public properties on its host, so elements inside it (a citation panel, the edit bar)
 * follow it; a value the page sets on the element itself wins over the theme's.
 */
import { css, unsafeCSS, type CSSResult, type CSSResultArray } from 'lit';

/** The theme an element asks for: `light`, `dark`, `auto` (the reader's system setting), or '' (inherit). */
export type ThemeName = 'light' | 'dark' | 'auto' | '';

export const THEMES: readonly ThemeName[] = ['light', 'dark', 'auto'];

/** The system font stack of the elements (and of the app). */
export const FONT_STACK = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** The public custom properties and their light values (the defaults). */
export const LIGHT_THEME = {
  '--policy-matrix-color': '#1f2328',
  '--policy-matrix-background': '#ffffff',
  '--policy-matrix-muted-color': '#59636e',
  '--policy-matrix-surface': '#f3f5f8',
  '--policy-matrix-border-color': '#d5dbe3',
  '--policy-matrix-control-border-color': '#8c959f',
  '--policy-matrix-accent-color': '#0b5cad',
  '--policy-matrix-on-accent-color': '#ffffff',
  '--policy-matrix-danger-color': '#cf222e',
  '--policy-matrix-warning-color': '#bf8700',
  '--policy-matrix-success-color': '#1a7f37',
  '--policy-matrix-mark-color': '#ffe58a',
  '--policy-matrix-color-scheme': 'light',
} as const;

/** The same properties in the dark theme (contrast ≥ 4.5:1 for text on background and surface). */
export const DARK_THEME: Record<keyof typeof LIGHT_THEME, string> = {
  '--policy-matrix-color': '#e6edf3',
  '--policy-matrix-background': '#0d1117',
  '--policy-matrix-muted-color': '#9198a1',
  '--policy-matrix-surface': '#161b22',
  '--policy-matrix-border-color': '#30363d',
  '--policy-matrix-control-border-color': '#656c76',
  '--policy-matrix-accent-color': '#4493f8',
  '--policy-matrix-on-accent-color': '#0d1117',
  '--policy-matrix-danger-color': '#f85149',
  '--policy-matrix-warning-color': '#d29922',
  '--policy-matrix-success-color': '#3fb950',
  '--policy-matrix-mark-color': '#6c5314',
  '--policy-matrix-color-scheme': 'dark',
};

const declarations = (theme: Record<string, string>) =>
  unsafeCSS(Object.entries(theme).map(([name, value]) => `${name}: ${value};`).join('\n'));

const fallback = (name: keyof typeof LIGHT_THEME) => unsafeCSS(`var(${name}, ${LIGHT_THEME[name]})`);

/**
 * The tokens (`var(--pm-color)`, `var(--pm-background)`, `var(--pm-accent)`…, listed below)
 * and the themes, without the reset: for elements that live inside another element's shadow
 * root (the edit bar, the source reader), which inherit the reset from that host.
 */
export const tokenStyles: CSSResult = css`
  :host {
    /* Tokens: the public properties (or their light defaults), and colours mixed from them. */
    --pm-font-family: var(--policy-matrix-font-family, ${unsafeCSS(FONT_STACK)});
    --pm-font-size: var(--policy-matrix-font-size, 14px);
    --pm-line-height: var(--policy-matrix-line-height, 1.45);
    --pm-radius: var(--policy-matrix-radius, 6px);
    --pm-color: ${fallback('--policy-matrix-color')};
    --pm-background: ${fallback('--policy-matrix-background')};
    --pm-muted: ${fallback('--policy-matrix-muted-color')};
    --pm-surface: ${fallback('--policy-matrix-surface')};
    --pm-border: ${fallback('--policy-matrix-border-color')};
    --pm-border-strong: ${fallback('--policy-matrix-control-border-color')};
    --pm-accent: ${fallback('--policy-matrix-accent-color')};
    --pm-on-accent: ${fallback('--policy-matrix-on-accent-color')};
    --pm-danger: ${fallback('--policy-matrix-danger-color')};
    --pm-warning: ${fallback('--policy-matrix-warning-color')};
    --pm-success: ${fallback('--policy-matrix-success-color')};
    --pm-mark: ${fallback('--policy-matrix-mark-color')};
    --pm-color-scheme: ${fallback('--policy-matrix-color-scheme')};
    --pm-secondary: color-mix(in srgb, var(--pm-color) 82%, var(--pm-background));
    --pm-surface-subtle: color-mix(in srgb, var(--pm-surface) 50%, var(--pm-background));
    --pm-accent-text: color-mix(in srgb, var(--pm-accent) 85%, var(--pm-color));
    --pm-accent-soft: color-mix(in srgb, var(--pm-accent) 12%, var(--pm-background));
    --pm-accent-faint: color-mix(in srgb, var(--pm-accent) 5%, transparent);
    --pm-danger-text: color-mix(in srgb, var(--pm-danger) 78%, var(--pm-color));
    --pm-danger-soft: color-mix(in srgb, var(--pm-danger) 7%, var(--pm-background));
    --pm-danger-border: color-mix(in srgb, var(--pm-danger) 32%, var(--pm-background));
    --pm-warning-text: color-mix(in srgb, var(--pm-warning) 62%, var(--pm-color));
    --pm-warning-soft: color-mix(in srgb, var(--pm-warning) 10%, var(--pm-background));
    --pm-warning-border: color-mix(in srgb, var(--pm-warning) 45%, var(--pm-background));
    --pm-success-text: color-mix(in srgb, var(--pm-success) 80%, var(--pm-color));
    --pm-success-soft: color-mix(in srgb, var(--pm-success) 8%, var(--pm-background));
    --pm-mark-ring: color-mix(in srgb, var(--pm-mark) 75%, var(--pm-color));
    --pm-shadow: color-mix(in srgb, #0f233c 18%, transparent);
    --pm-backdrop: color-mix(in srgb, #0f172a 35%, transparent);
  }
  :host([theme='light']) {
    ${declarations(LIGHT_THEME)}
  }
  :host([theme='dark']) {
    ${declarations(DARK_THEME)}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${declarations(DARK_THEME)}
    }
  }
  /* A themed element paints its own background (its text colours need it). */
  :host([theme='light']),
  :host([theme='dark']),
  :host([theme='auto']) {
    background: var(--pm-background);
  }
`;

/** The reset of inherited properties at the host (see the top of this file). */
export const resetStyles: CSSResult = css`
  :host {
    /* Inherited properties: nothing the page sets (not even on this element) changes the inside. */
    color: var(--pm-color) !important;
    color-scheme: var(--pm-color-scheme) !important;
    accent-color: var(--pm-accent) !important;
    font-family: var(--pm-font-family) !important;
    font-size: var(--pm-font-size) !important;
    font-style: normal !important;
    font-weight: 400 !important;
    font-variant: normal !important;
    font-stretch: normal !important;
    font-kerning: auto !important;
    font-feature-settings: normal !important;
    font-variation-settings: normal !important;
    font-size-adjust: none !important;
    font-optical-sizing: auto !important;
    line-height: var(--pm-line-height) !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-align: start !important;
    text-align-last: auto !important;
    text-indent: 0 !important;
    text-transform: none !important;
    text-shadow: none !important;
    text-rendering: auto !important;
    text-underline-offset: auto !important;
    text-underline-position: auto !important;
    text-emphasis: none !important;
    white-space: normal !important;
    text-wrap-style: auto !important;
    word-break: normal !important;
    overflow-wrap: normal !important;
    line-break: auto !important;
    hyphens: manual !important;
    tab-size: 8 !important;
    writing-mode: horizontal-tb !important;
    text-orientation: mixed !important;
    quotes: auto !important;
    list-style: disc outside none !important;
    border-collapse: separate !important;
    border-spacing: 0 !important;
    caption-side: top !important;
    empty-cells: show !important;
    cursor: auto !important;
    caret-color: auto !important;
    -webkit-text-fill-color: currentcolor !important;
    -webkit-text-stroke-width: 0 !important;
  }
  :host([hidden]) {
    display: none !important;
  }
`;

/**
 * Tokens, themes and the host reset: put it first in the `styles` of every element a page
 * may place itself.
 */
export const hostStyles: CSSResultArray = [tokenStyles, resetStyles];

/** A theme attribute value as the elements read it (unknown values warn and mean ''). */
export function themeOf(value: string | null | undefined, element: string): ThemeName {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || (THEMES as readonly string[]).includes(v)) return v as ThemeName;
  console.warn(`<${element}>: theme="${value}" is not one of ${THEMES.join(', ')}; the inherited colours are used.`);
  return '';
}
