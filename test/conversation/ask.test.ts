import { strict as assert } from 'node:assert';
import type { Activity } from 'botbuilder';
import { Verbs } from '../../src/bot/verbs';
import {
  cardText,
  createConversationHarness,
  firstCard,
  type ConversationHarness,
  cardActions,
} from '../support/conversation';
import { STAFF_A, STAFF_B } from '../support/users';

function message(replies: readonly Partial<Activity>[]): Partial<Activity> {
  const reply = replies.find((r) => r.type === 'message');
  assert.ok(reply, 'no message reply');
  return reply;
}

describe('asking the knowledge base', () => {
  let h: ConversationHarness;
  beforeEach(() => {
    h = createConversationHarness();
  });
  afterEach(() => h.close());

  it('answers a clear question with a sourced answer card whose every action names the article', async () => {
    const replies = await h.say(STAFF_A, 'can i keep the bottle of wine a supplier gave me?');
    const card = firstCard(replies);
    assert.ok(card);
    const text = cardText(card);
    assert.match(text, /Accepting, declining and declaring gifts and hospitality/);
    assert.match(text, /Sources/);
    assert.match(text, /Last reviewed 20 November 2026/);
    const actions = cardActions(card);
    assert.ok(actions.length > 0 && actions.length <= 6);
    for (const action of actions) {
      // Related-article buttons name the article they open; everything else names this one.
      const expected = action.verb === Verbs.articleShow ? /^gifts-/ : /^gifts-accepting$/;
      assert.match(String(action.data?.articleId), expected);
    }
    const verbs = actions.map((a) => a.verb);
    assert.ok(verbs.includes(Verbs.declareStart));
    assert.ok(verbs.includes(Verbs.adviserAsk));
    assert.ok(verbs.includes(Verbs.articleFeedback));
    const declare = actions.find((a) => a.verb === Verbs.declareStart);
    assert.equal(declare?.data?.form, 'gift-hospitality');
  });

  it('puts a citation for the source on the answer, without the AI-generated label, and plain text', async () => {
    const reply = message(await h.say(STAFF_A, 'can i keep the bottle of wine a supplier gave me'));
    assert.match(reply.text ?? '', /\[1\]/);
    const entity = (reply.entities ?? [])[0] as Record<string, unknown> | undefined;
    assert.equal(entity?.['@type'], 'Message');
    assert.equal(entity?.additionalType, undefined);
    const citation = (entity?.citation as { appearance: { url: string; name: string } }[])[0];
    assert.match(citation?.appearance.url ?? '', /^https:\/\//);
    assert.ok((citation?.appearance.name.length ?? 99) <= 80);
    const card = firstCard([reply]);
    assert.match(String(card?.fallbackText), /gift/i);
  });

  it('shows a visible "under review" note on a needs-review article', async () => {
    const card = firstCard(
      await h.say(STAFF_A, 'can i keep the bottle of wine a supplier gave me'),
    );
    assert.match(cardText(card), /Under review/);
  });

  it('"Ask an adviser" on an answer starts with the question it answered, never another one', async () => {
    const wine = 'can i keep the bottle of wine a supplier gave me';
    const first = cardActions(firstCard(await h.say(STAFF_A, wine)));
    const adviserOnWine = first.find((a) => a.verb === Verbs.adviserAsk);
    assert.deepEqual(adviserOnWine?.data, { articleId: 'gifts-accepting' });
    const opened = await h.execute(STAFF_A, Verbs.adviserAsk, adviserOnWine?.data);
    const question = (card: unknown) =>
      (JSON.stringify(card).match(/"id":"question"[^}]*"value":"([^"]*)"/) ?? [])[1];
    assert.equal(question(opened.response?.value), wine);
    // Still there after saying the answer did not help, the usual way to this button.
    await h.execute(STAFF_A, Verbs.articleFeedback, {
      articleId: 'gifts-accepting',
      helpful: false,
    });
    const afterFeedback = await h.execute(STAFF_A, Verbs.adviserAsk, adviserOnWine?.data);
    assert.equal(question(afterFeedback.response?.value), wine);

    // After another answer, the older card's button no longer knows which question it was.
    const other = await h.say(STAFF_A, 'can i post about politics on facebook');
    assert.notEqual(
      cardActions(firstCard(other)).find((a) => a.verb === Verbs.adviserAsk)?.data?.articleId,
      'gifts-accepting',
      'test premise: the second question is answered from another article',
    );
    const stale = await h.execute(STAFF_A, Verbs.adviserAsk, adviserOnWine?.data);
    assert.equal(question(stale.response?.value), '');
  });

  it('offers "Did you mean" with at most 3 articles and an adviser button carrying the question', async () => {
    const question = 'whistleblower protection';
    const replies = await h.say(STAFF_A, question);
    const card = firstCard(replies);
    const decision = h.deps.knowledge.ask(question);
    assert.equal(decision.status, 'suggest', 'test premise: this question is ambiguous');
    assert.match(cardText(card), /Did you mean/);
    const shows = cardActions(card).filter((a) => a.verb === Verbs.articleShow);
    assert.ok(shows.length >= 1 && shows.length <= 3);
    const adviser = cardActions(card).find((a) => a.verb === Verbs.adviserAsk);
    assert.equal(adviser?.title, 'None of these: ask an adviser');
    assert.equal(adviser?.data?.question, question);
  });

  it('says honestly that it has no guidance, with an adviser button and the integrity contact', async () => {
    const replies = await h.say(STAFF_A, 'what is the wifi password for the guest network');
    const card = firstCard(replies);
    assert.match(cardText(card), /I don't have guidance on that/);
    assert.match(cardText(card), /integrity@example\.govt\.nz/);
    const adviser = cardActions(card).find((a) => a.verb === Verbs.adviserAsk);
    assert.equal(adviser?.data?.question, 'what is the wifi password for the guest network');
  });

  it('handles small talk itself instead of searching', async () => {
    const hello = message(await h.say(STAFF_A, 'Kia ora'));
    assert.match(hello.text ?? '', /Kia ora/);
    const thanks = message(await h.say(STAFF_A, 'thanks!'));
    assert.match(thanks.text ?? '', /welcome/);
    const who = message(await h.say(STAFF_A, 'who are you?'));
    assert.match(who.text ?? '', /integrity assistant/);
    const can = firstCard(await h.say(STAFF_A, 'what can you help me with?'));
    assert.match(cardText(can), /How I can help/);
    const report = await h.deps.learning.report();
    assert.equal(report.length, 0, 'small talk is not recorded as unanswered');
  });

  it('puts speaking-up guidance first when a message reads like a report of wrongdoing', async () => {
    const reply = message(await h.say(STAFF_A, 'my manager is stealing money from the petty cash'));
    assert.match(reply.text ?? '', /reporting wrongdoing/);
    const card = firstCard([reply]);
    assert.match(cardText(card), /Speaking up about wrongdoing/);
  });

  it('shows an article from a "Did you mean" or related button and remembers it for follow-ups', async () => {
    const result = await h.execute(STAFF_A, Verbs.articleShow, {
      articleId: 'secondary-employment',
    });
    assert.equal(result.response?.statusCode, 200);
    assert.match(cardText(result.response?.value), /Secondary employment and outside activities/);
    const form = firstCard(await h.say(STAFF_A, 'what form do I use?'));
    const declare = cardActions(form).find((a) => a.verb === Verbs.declareStart);
    assert.deepEqual(declare?.data, {
      form: 'secondary-employment',
      articleId: 'secondary-employment',
    });
    const more = firstCard(await h.say(STAFF_A, 'tell me more'));
    assert.match(cardText(more), /Secondary employment and outside activities/);
  });

  it('says when the last article has no form', async () => {
    await h.execute(STAFF_A, Verbs.articleShow, { articleId: 'oia-basics' });
    const reply = message(await h.say(STAFF_A, 'which form do i need?'));
    assert.match(reply.text ?? '', /doesn't come with a declaration form/);
  });

  it('keeps follow-ups per conversation', async () => {
    await h.execute(STAFF_A, Verbs.articleShow, { articleId: 'secondary-employment' });
    const other = await h.say(STAFF_B, 'tell me more');
    assert.doesNotMatch(cardText(firstCard(other)), /Secondary employment and outside activities/);
  });

  it('records "Helpful" against the article and thanks the person in place', async () => {
    await h.say(STAFF_A, 'can i keep the bottle of wine a supplier gave me');
    const result = await h.execute(STAFF_A, Verbs.articleFeedback, {
      articleId: 'gifts-accepting',
      helpful: true,
    });
    assert.match(cardText(result.response?.value), /glad it helped/);
    const counts = await h.deps.store.learning.feedbackCounts();
    assert.deepEqual(counts, [{ articleId: 'gifts-accepting', helpful: 1, notHelpful: 0 }]);
  });

  it('records "Not helpful" with the question (never who asked), then takes an optional comment', async () => {
    await h.say(STAFF_A, 'can i keep the bottle of wine a supplier gave me');
    const first = await h.execute(STAFF_A, Verbs.articleFeedback, {
      articleId: 'gifts-accepting',
      helpful: false,
    });
    const commentCard = first.response?.value;
    assert.match(cardText(commentCard), /What was missing/);
    for (const action of cardActions(commentCard))
      assert.equal(action.data?.articleId, 'gifts-accepting');
    const second = await h.execute(STAFF_A, Verbs.articleFeedback, {
      articleId: 'gifts-accepting',
      helpful: false,
      comment: 'nothing about wine from overseas visitors',
    });
    assert.match(cardText(second.response?.value), /Thanks for your feedback/);
    const report = await h.deps.learning.report();
    const notHelpful = report.find((r) => r.kind === 'not_helpful');
    assert.equal(notHelpful?.question, 'can i keep the bottle of wine a supplier gave me');
    assert.equal(notHelpful?.articleId, 'gifts-accepting');
    const comment = report.find((r) => r.kind === 'comment');
    assert.deepEqual(comment?.comments, ['nothing about wine from overseas visitors']);
    const raw = JSON.stringify(report);
    assert.ok(!raw.includes(STAFF_A.aadObjectId) && !raw.includes(STAFF_A.name));
  });

  it('records the question behind an answer once, however often its feedback buttons are pressed', async () => {
    await h.say(STAFF_A, 'can i keep the bottle of wine a supplier gave me');
    for (const helpful of [false, false, true]) {
      await h.execute(STAFF_A, Verbs.articleFeedback, { articleId: 'gifts-accepting', helpful });
    }
    const report = await h.deps.learning.report();
    const withQuestion = report.filter(
      (r) => r.kind === 'not_helpful' && typeof r.question === 'string',
    );
    assert.equal(withQuestion.length, 1, JSON.stringify(report));
    assert.equal(withQuestion[0]?.count, 1, JSON.stringify(report));
  });

  it('records unanswered and "Did you mean" questions for curators', async () => {
    await h.say(STAFF_A, 'what is the wifi password for the guest network');
    await h.say(STAFF_B, 'whistleblower protection');
    const report = await h.deps.learning.report();
    assert.deepEqual(report.map((r) => [r.kind, r.question]).sort(), [
      ['none', 'what is the wifi password for the guest network'],
      ['suggest', 'whistleblower protection'],
    ]);
  });

  it('refuses forged card data with an error card, a security event and nothing stored', async () => {
    const result = await h.execute(STAFF_A, Verbs.articleFeedback, {
      articleId: 'gifts-accepting',
      helpful: 'yes',
      __proto__: { admin: true },
    });
    assert.equal(result.response?.statusCode, 200);
    assert.match(cardText(result.response?.value), /couldn't open that/);
    assert.ok(h.logs.lines().some((l) => l.event === 'payload_rejected'));
    assert.deepEqual(await h.deps.store.learning.feedbackCounts(), []);
    const unknown = await h.execute(STAFF_A, Verbs.articleShow, { articleId: 'no-such-article' });
    assert.match(cardText(unknown.response?.value), /no longer available/);
  });

  it('never logs the question text', async () => {
    await h.say(STAFF_A, 'CANARY-PII-7f3a can i keep a gift from a supplier');
    await h.say(STAFF_A, 'CANARY-PII-7f3a zzz qqq');
    assert.ok(!h.logs.raw().includes('CANARY-PII-7f3a'));
    assert.ok(h.logs.lines().some((l) => l.msg === 'knowledge decision'));
  });
});
