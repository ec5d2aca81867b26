/** Wire strings shared by card templates and routes; a contract test checks both directions. */
export const Verbs = {
  help: 'help.show',
} as const;

export type Verb = (typeof Verbs)[keyof typeof Verbs];

/** Typed commands (the manifest's command list uses the same titles). */
export const Commands = {
  help: 'help',
} as const;
