import type { FormDefinition, FormId } from '../form-definition';
import { conflictOfInterestForm } from './conflict-of-interest';
import { giftHospitalityForm } from './gift-hospitality';
import { kohaGivenForm } from './koha-given';
import { secondaryEmploymentForm } from './secondary-employment';

/** Every form, by id, in the order the picker shows them. */
export const FORMS: Readonly<Record<FormId, FormDefinition>> = {
  'conflict-of-interest': conflictOfInterestForm,
  'gift-hospitality': giftHospitalityForm,
  'secondary-employment': secondaryEmploymentForm,
  'koha-given': kohaGivenForm,
};

export function formById(id: FormId): FormDefinition {
  return FORMS[id];
}
