import type { z } from 'zod/v4';
import { fieldUi } from './field-ui';
import { FORMS } from './forms/index';
import { answer, type Answers } from './form-definition';

const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/** A conflict of interest draft filled in from a gift offered by someone in a live procurement. */
export function prefillConflictOfInterest(
  gift: Answers,
  giftReference: string,
): Record<string, unknown> {
  const form = FORMS['gift-hospitality'];
  const type = answer(gift, 'offerType');
  const offerTitle =
    fieldUi('offerType', form.shape.offerType as z.ZodType)
      .choices.find((c) => c.value === type)
      ?.title.toLowerCase() ?? 'an offer';
  const live = answer(gift, 'giverInLiveProcurement') === 'yes';
  const procurement = answer(gift, 'procurementName');
  const party = answer(gift, 'giverOrganisation') ?? answer(gift, 'giverName') ?? '';
  const out: Record<string, unknown> = {
    roleTitle: gift.roleTitle,
    businessUnit: gift.businessUnit,
    managerName: gift.managerName,
    employeeId: gift.employeeId,
    declarationType: 'new',
    ...(live ? { trigger: 'procurement' } : {}),
    interestCategory: 'gifts',
    interestHolder: 'mine',
    otherParty: clip(party, 200),
    interestDescription: clip(
      `An offer (${offerTitle}) from ${party}, dated ${answer(gift, 'dateOffered') ?? ''}, declared in gift declaration ${giftReference}.`,
      2000,
    ),
    relatesToProcurement: live ? 'yes' : 'no',
    ...(live && procurement ? { procurementName: clip(procurement, 200) } : {}),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}
