import { strict as assert } from 'node:assert';
import { detectChitChat, stripGreeting } from '../../../../src/core/knowledge/chit-chat';
import { looksLikeWrongdoingReport } from '../../../../src/core/knowledge/wrongdoing';

describe('knowledge chit-chat and wrongdoing detection', () => {
  it('recognises greetings, thanks, identity and capability questions', () => {
    assert.equal(detectChitChat('Kia ora!'), 'greeting');
    assert.equal(detectChitChat('morena'), 'greeting');
    assert.equal(detectChitChat('thanks heaps'), 'thanks');
    assert.equal(detectChitChat('Ngā mihi'), 'thanks');
    assert.equal(detectChitChat('who are you?'), 'identity');
    assert.equal(detectChitChat('are you a bot'), 'identity');
    assert.equal(detectChitChat('what can you help me with'), 'capabilities');
    assert.equal(detectChitChat('ka kite'), 'goodbye');
  });

  it('does not treat a real question as small talk', () => {
    assert.equal(detectChitChat('hi, can i keep a gift from a supplier'), undefined);
    assert.equal(detectChitChat('thanks for the gift, can i keep it'), undefined);
    assert.equal(stripGreeting('Kia ora, what is a COI?'), 'what is a coi');
    assert.equal(stripGreeting('what is a COI?'), 'what is a COI?');
  });

  it('recognises a report of serious wrongdoing', () => {
    for (const text of [
      'my manager is stealing from petty cash',
      'I saw a colleague falsifying timesheets',
      'someone in procurement is taking kickbacks',
      'I think my boss is covering up a safety incident',
      'a contractor is bribing our inspectors',
    ]) {
      assert.equal(looksLikeWrongdoingReport(text), true, text);
    }
  });

  it('does not mistake a question about the rules for a report', () => {
    for (const text of [
      'what is fraud',
      'how do i report bribery',
      'what counts as corruption',
      'can i keep a gift from a supplier',
      "there's a fraud alert on my credit card",
    ]) {
      assert.equal(looksLikeWrongdoingReport(text), false, text);
    }
  });
});
