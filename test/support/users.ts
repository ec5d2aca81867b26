import { LOCAL_CLIENT_TENANT_ID } from '../../src/config/env';

export interface TestUser {
  readonly key: string;
  readonly aadObjectId: string;
  readonly name: string;
}

export const TENANT_ID = LOCAL_CLIENT_TENANT_ID;
export const FOREIGN_TENANT_ID = '99999999-9999-4999-8999-999999999999';

export const STAFF_A: TestUser = {
  key: 'staff-a',
  aadObjectId: '11111111-1111-4111-8111-111111111111',
  name: 'Aroha Staff',
};
export const STAFF_B: TestUser = {
  key: 'staff-b',
  aadObjectId: '22222222-2222-4222-8222-222222222222',
  name: 'Ben Staff',
};
export const ADVISER_A: TestUser = {
  key: 'adviser-a',
  aadObjectId: '00000000-0000-0000-0000-00000000a001',
  name: 'Wiremu Adviser',
};
export const ADVISER_B: TestUser = {
  key: 'adviser-b',
  aadObjectId: '00000000-0000-0000-0000-00000000a002',
  name: 'Mere Adviser',
};

export const ADVISERS_CHANNEL_ID = '19:integrity-advisers@thread.tacv2';
export const TEAM_ID = '19:integrity-team@thread.tacv2';
