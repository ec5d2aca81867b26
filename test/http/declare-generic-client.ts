/**
 * A client that knows nothing of the declarations feature: it reads the card it was given, fills
 * each input from its type and label, and presses the positive action, as a person would.
 */

type Json = Record<string, unknown>;

export interface CardInput {
  readonly id: string;
  readonly type: string;
  readonly label: string;
  readonly node: Json;
}

export interface CardAction {
  readonly title: string;
  readonly verb: string;
  readonly data: Json;
  readonly style?: string;
  readonly associatedInputs?: string;
}

function walk(node: unknown, visit: (obj: Json) => void): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit));
  if (node === null || typeof node !== 'object') return;
  visit(node as Json);
  for (const value of Object.values(node as Json)) walk(value, visit);
}

export function inputsOf(card: unknown): CardInput[] {
  const inputs: CardInput[] = [];
  walk(card, (obj) => {
    if (
      typeof obj.type === 'string' &&
      obj.type.startsWith('Input.') &&
      typeof obj.id === 'string'
    ) {
      inputs.push({
        id: obj.id,
        type: obj.type,
        label: typeof obj.label === 'string' ? obj.label : '',
        node: obj,
      });
    }
  });
  return inputs;
}

export function actionsOf(card: unknown): CardAction[] {
  const actions: CardAction[] = [];
  walk(card, (obj) => {
    if (obj.type === 'Action.Execute' && typeof obj.verb === 'string') {
      actions.push({
        title: typeof obj.title === 'string' ? obj.title : '',
        verb: obj.verb,
        data: (obj.data ?? {}) as Json,
        ...(typeof obj.style === 'string' ? { style: obj.style } : {}),
        ...(typeof obj.associatedInputs === 'string'
          ? { associatedInputs: obj.associatedInputs }
          : {}),
      });
    }
  });
  return actions;
}

export function positiveAction(card: unknown): CardAction | undefined {
  return actionsOf(card).find((a) => a.style === 'positive');
}

const today = () => new Date().toISOString().slice(0, 10);

/** A plausible answer for one input, from its type and label, as a person would type it. */
export function fillInput(input: CardInput): string {
  const n = input.node;
  const existing =
    typeof n.value === 'string' || typeof n.value === 'number' ? String(n.value) : '';
  switch (input.type) {
    case 'Input.Text': {
      if (existing !== '') return existing;
      const max = typeof n.maxLength === 'number' && n.maxLength > 0 ? n.maxLength : 200;
      const label = input.label.toLowerCase();
      const text = /manager|approver|name|by \(person\)|delegation/.test(label)
        ? 'Alex Example'
        : /employee id/.test(label)
          ? 'E12345'
          : /cost centre/.test(label)
            ? 'CC-1001'
            : `Example answer: ${input.label}`;
      return text.slice(0, max);
    }
    case 'Input.Date':
      return existing !== '' ? existing : today();
    case 'Input.Number': {
      if (existing !== '') return existing;
      const min = typeof n.min === 'number' ? n.min : 0;
      const max = typeof n.max === 'number' ? n.max : min + 1000;
      return String(Math.min(max, min + 60));
    }
    case 'Input.ChoiceSet': {
      if (existing !== '') return existing;
      const choices = (Array.isArray(n.choices) ? n.choices : []) as { value?: unknown }[];
      const first = choices[0]?.value;
      return typeof first === 'string' ? first : '';
    }
    case 'Input.Toggle':
      return typeof n.valueOn === 'string' ? n.valueOn : 'true';
    default:
      return existing;
  }
}

/** The data Teams sends when the action is pressed: the action's data merged with the inputs. */
export function press(card: unknown, action: CardAction): Json {
  if (action.associatedInputs === 'none') return { ...action.data };
  const values: Json = {};
  for (const input of inputsOf(card)) values[input.id] = fillInput(input);
  return { ...action.data, ...values };
}

/**
 * Presses the positive action of each card until a card has none; returns every card seen.
 * `execute` sends an Action.Execute and returns the card it refreshed to.
 */
export async function completeCards(
  first: unknown,
  execute: (verb: string, data: Json) => Promise<unknown>,
  maxSteps = 30,
): Promise<unknown[]> {
  const seen: unknown[] = [first];
  let card = first;
  for (let i = 0; i < maxSteps; i += 1) {
    const action = positiveAction(card);
    if (!action) return seen;
    card = await execute(action.verb, press(card, action));
    seen.push(card);
  }
  throw new Error(`no card without a positive action after ${maxSteps} steps`);
}
