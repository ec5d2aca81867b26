import { z } from 'zod/v4';
import { text } from './fields';

/** The withdraw card's inputs (its template's input ids equal these keys). */
export const WithdrawInputSchema = z.strictObject({
  withdrawReason: text('Why are you withdrawing this declaration?', { max: 500 }),
});
