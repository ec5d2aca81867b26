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
  /** Declarations: privacy notice accepted, create the draft. data: { form, updateOf? } */
  declareBegin: 'declare.begin',
  /** Declarations: continue an unfinished draft. data: { draftId } */
  declareResume: 'declare.resume',
  /** Declarations: throw an unfinished draft away. data: { draftId } */
  declareDiscard: 'declare.discard',
  /** Declarations: wizard buttons. data: { draftId, rev, ...the step's inputs } */
  declareNext: 'declare.next',
  declareBack: 'declare.back',
  declareSave: 'declare.save',
  declareCancel: 'declare.cancel',
  declareSubmit: 'declare.submit',
  /** Declarations: close the privacy notice without starting. data: { form? } */
  declareClose: 'declare.close',
  /** My declarations: the list. data: {} */
  myDeclarationsList: 'mydecl.list',
  /** My declarations: one declaration. data: { declarationId } */
  myDeclarationsShow: 'mydecl.show',
  /** My declarations: start version N+1 (privacy notice, then the wizard). data: { declarationId } */
  myDeclarationsUpdate: 'mydecl.update',
  /** My declarations: ask for a withdrawal reason. data: { declarationId } */
  myDeclarationsWithdraw: 'mydecl.withdraw',
  /** My declarations: withdraw. data: { declarationId, withdrawReason } */
  myDeclarationsWithdrawConfirm: 'mydecl.withdraw.confirm',
  /** Escalations: open the "ask an adviser" card. data: { question?, articleId? } */
  adviserAsk: 'adviser.ask',
  /** Escalations: send the question. data: { requestId, articleId?, question, context?, topic, urgency, anonymous } */
  adviserSubmit: 'adviser.submit',
  /** Tickets (advisers). data: { ticketId } plus the action's input. */
  ticketShow: 'ticket.show',
  ticketClaim: 'ticket.claim',
  ticketTakeOver: 'ticket.takeover',
  /** data: { ticketId, assignee } */
  ticketAssign: 'ticket.assign',
  /** data: { ticketId, infoRequest } */
  ticketRequestInfo: 'ticket.requestInfo',
  /** data: { ticketId, note } */
  ticketNote: 'ticket.note',
  /** data: { ticketId, answer } */
  ticketAnswer: 'ticket.answer',
  ticketClose: 'ticket.close',
  ticketReopen: 'ticket.reopen',
  ticketPublishFaq: 'ticket.publishFaq',
  /** Tickets (the asker). "That answers it". data: { ticketId } */
  ticketResolve: 'ticket.resolve',
  /** data: { ticketId, followUp } */
  ticketFollowUp: 'ticket.followUp',
  /** The asker's reply to a clarifying question. data: { ticketId, info } */
  ticketProvideInfo: 'ticket.provideInfo',
} as const;

export type Verb = (typeof Verbs)[keyof typeof Verbs];

/** Typed commands (the manifest's command list uses the same titles). */
export const Commands = {
  help: 'help',
  talkToAdviser: 'talk to an adviser',
  registerChannel: 'register this channel',
  queue: 'queue',
  myTickets: 'my tickets',
  stats: 'stats',
} as const;
