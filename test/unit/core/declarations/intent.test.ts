import { strict as assert } from 'node:assert';
import { matchDeclarationIntent } from '../../../../src/core/declarations/intent';

describe('typed declaration start points', () => {
  const cases: [string, ReturnType<typeof matchDeclarationIntent>][] = [
    ['declare', { kind: 'picker' }],
    ['Declare.', { kind: 'picker' }],
    ['make a declaration', { kind: 'picker' }],
    ['I need to declare a conflict', { kind: 'form', form: 'conflict-of-interest' }],
    ['I have to declare a conflict of interest', { kind: 'form', form: 'conflict-of-interest' }],
    ['declare secondary employment', { kind: 'form', form: 'secondary-employment' }],
    ['I want to declare my second job', { kind: 'form', form: 'secondary-employment' }],
    ['declare a gift', { kind: 'form', form: 'gift-hospitality' }],
    ['declare koha given', { kind: 'form', form: 'koha-given' }],
    ['I was given a bottle of wine', { kind: 'form', form: 'gift-hospitality' }],
    ['I’ve been offered tickets to the rugby', { kind: 'form', form: 'gift-hospitality' }],
    ['A supplier gave me a hamper', { kind: 'form', form: 'gift-hospitality' }],
    ['a supplier gave me tickets to the rugby', { kind: 'form', form: 'gift-hospitality' }],
    ['a client gave me chocolates to say thanks', { kind: 'form', form: 'gift-hospitality' }],
    [
      'I was given a bottle of wine, I need to declare it',
      { kind: 'form', form: 'gift-hospitality' },
    ],
    ['I was given koha for speaking at a hui.', { kind: 'form', form: 'gift-hospitality' }],
    ['my declarations', { kind: 'list' }],
    ['Show my declarations', { kind: 'list' }],
  ];
  for (const [text, expected] of cases) {
    it(`"${text}"`, () => assert.deepEqual(matchDeclarationIntent(text), expected));
  }

  const questions = [
    'can I keep the wine a supplier gave me?',
    'Can I keep the wine a supplier gave me',
    'what is a conflict of interest',
    'how do I declare a gift',
    'should I declare my second job?',
    'do I need to declare a gift from a colleague',
    'conflict of interest',
    'gifts and hospitality policy',
    'I was given advice by my manager',
    // Offers made for something in return are bribes: guidance on refusing and reporting, not a form.
    'someone offered me cash to speed up their consent application',
    'a guy offered me money to approve his resource consent',
    'the applicant offered me a bottle of whisky if i sign off the inspection',
    'a contractor offered me a kickback on the contract',
    // A question after the facts wants guidance first (the answer card offers the form).
    'vendor sent me a $50 coffee voucher after our meeting. its tiny, can i just keep it',
    'the embassy gave me a bottle of wine at the end of the meeting, what do I do with it',
    'i received koha after speaking at a hui, do i declare it',
    'embasy gave me a present after a meeting, what now',
    'I was given tickets to the rugby and I am not sure I can accept them',
    'i forgot to declare a conflict months ago what now',
    'hello',
    '',
  ];
  for (const text of questions) {
    it(`leaves "${text}" to the knowledge feature`, () =>
      assert.equal(matchDeclarationIntent(text), undefined));
  }
});
