/**
 * Wire strings shared by card templates and routes; a contract test checks both directions.
 * Data carried by each verb is parsed with zod in the route that handles it.
 */
export const Verbs = {
  help: 'help.show',
  /** Knowledge: show an article. data: { articleId } */
  articleShow: 'kb.show',
  /** Knowledge: Helpful / Not helpful. data: { articleId, helpful, comment? } */
  articleFeedback: 'kb.feedback',
  /** Declarations: open the form picker or a form. data: { form?, articleId? } */
  declareStart: 'declare.start',
  /** Escalations: open the "ask an adviser" card. data: { question?, articleId? } */
  adviserAsk: 'adviser.ask',
} as const;

export type Verb = (typeof Verbs)[keyof typeof Verbs];

/** Typed commands (the manifest's command list uses the same titles). */
export const Commands = {
  help: 'help',
} as const;
