import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Template } from 'adaptivecards-templating';

/** An Adaptive Card as sent to Teams: plain JSON. */
export type AdaptiveCardJson = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

/** A template name tied to the type of data it expects. */
export interface CardTemplate<TData> {
  readonly name: string;
  /** Phantom field: carries TData for the type checker only. */
  readonly _data?: TData;
}

export function defineCard<TData>(name: string): CardTemplate<TData> {
  return { name };
}

export interface CardRenderer {
  render<TData extends object>(template: CardTemplate<TData>, data: TData): AdaptiveCardJson;
  names(): string[];
}

/** Teams renders Adaptive Cards up to 1.5 and drops messages much over 80 KB. */
export const CARD_VERSION = '1.5';
export const MAX_CARD_BYTES = 80 * 1024;

/** Loads every template in `dir` once (files named `<name>.json`, samples `<name>.data.json` skipped). */
export function createCardRenderer(dir: string): CardRenderer {
  const templates = new Map<string, Template>();
  for (const file of readdirSync(dir).filter(
    (f) => f.endsWith('.json') && !f.endsWith('.data.json'),
  )) {
    const json = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
    if (json.type !== 'AdaptiveCard' || json.version !== CARD_VERSION) {
      throw new Error(`${file}: not an Adaptive Card ${CARD_VERSION} template`);
    }
    templates.set(basename(file, '.json'), new Template(json));
  }
  return {
    render(template, data) {
      const found = templates.get(template.name);
      if (found === undefined) throw new Error(`unknown card template: ${template.name}`);
      const card = found.expand({ $root: data }) as AdaptiveCardJson;
      const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
      if (bytes > MAX_CARD_BYTES)
        throw new Error(`card ${template.name} is ${bytes} bytes, over the limit`);
      return card;
    },
    names: () => [...templates.keys()].sort(),
  };
}
