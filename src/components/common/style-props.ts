/**
 * Inline styles set through the CSSOM (`element.style.setProperty`), never as a `style`
 * attribute: a page whose Content Security Policy has `style-src 'self'` refuses style
 * attributes (Lit's `style=${…}` bindings, and `styleMap` on its first render, write one),
 * but not properties set from script. An element directive:
 *
 *     html`<span class="swatch" ${styleProps({ background: colour })}></span>`
 *
 * Properties dropped from one render to the next are removed.
 */
import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

type Props = Readonly<Record<string, string | undefined>>;

class StyleProps extends Directive {
  private previous = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('styleProps() goes on an element, not in an attribute');
  }

  render(_props: Props): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [props]: [Props]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const name of this.previous) if (props[name] === undefined) style.removeProperty(name);
    this.previous = new Set();
    for (const [name, value] of Object.entries(props)) {
      if (value === undefined) continue;
      style.setProperty(name, value);
      this.previous.add(name);
    }
    return noChange;
  }
}

/** Set these CSS properties (kebab-case names, custom properties too) on the element, through the CSSOM. */
export const styleProps = directive(StyleProps);
