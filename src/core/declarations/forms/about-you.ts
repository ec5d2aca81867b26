import { text } from '../fields';

/** The declarant's work details; their name and id come from Teams, never from the form. */
export function aboutYouFields() {
  return {
    roleTitle: text('Your role or job title'),
    businessUnit: text('Your business unit or team'),
    managerName: text('Your manager or approver'),
    employeeId: text('Your employee ID', { max: 40 }).optional(),
  };
}
